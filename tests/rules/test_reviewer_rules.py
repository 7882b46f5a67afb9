"""What a finance bureau's reviewer sends forms back for (issue 14): each rule flags its case and
leaves the seeds' legal values alone."""
from __future__ import annotations

import pytest
from rules_builders import good_indicators, load_dump, make_doc, make_project

from perfeditor.model import Indicator
from perfeditor.rules import RULESETS, check_document, check_project

NEW_RULES = ("value.timeliness", "value.placeholder", "structure.cross-level", "structure.satisfaction-benefit",
             "structure.name-length", "weights.total", "cost.misplaced", "goals.unmeasured", "value.unit")
#: Legal values taken from the seeds (000: ≥98百分比, 001: 每周≥7次, 004: 全面保障, 002: 2024年12月前 …).
SEED_VALUES = ["≥98百分比", "每周≥7次", "全面保障", "2024年12月前", "≥各4次/年", "优", "保持整洁", "2022年12月31日",
               "100%", "≥95%", "2024年12月底前", "无涉及", "3个", "1台", "稳定运行"]


def I(l1, l2, l3, value, description="", weight=""):  # noqa: E743
    return Indicator(level1=l1, level2=l2, level3=l3, value=value, description=description, weight=weight)


def _found(inds, rule, goals="1、完成改造300户\n2、提高居住质量", **kw):
    doc = make_doc(make_project(indicators=inds, goals=goals, **kw))
    return [f for f in check_project(doc, 0) if f.rule == rule]


def _extra(extra, rule, **kw):
    return _found(good_indicators() + (extra if isinstance(extra, list) else [extra]), rule, **kw)


def test_every_new_rule_is_listed_in_every_ruleset():
    for rs in RULESETS.values():
        ids = {r.id for r in rs.rules}
        assert set(NEW_RULES) <= ids, rs.name


@pytest.mark.parametrize("name", sorted(RULESETS))
def test_perfeditor_rules_lists_them(name, capsys):
    from perfeditor import cli

    assert cli.main(["rules", name]) == 0
    listed = {line.split("\t")[0] for line in capsys.readouterr().out.splitlines() if "\t" in line}
    assert set(NEW_RULES) <= listed


@pytest.mark.parametrize("value", SEED_VALUES)
@pytest.mark.parametrize("l2", ["数量指标", "质量指标"])
def test_seed_values_raise_nothing_new(value, l2):
    inds = good_indicators() + [I("产出指标", l2, "某项工作", value)]
    doc = make_doc(make_project(indicators=inds))
    assert [f.rule for f in check_project(doc, 0) if f.rule in NEW_RULES] == []


# -- value.timeliness ------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["良好", "优", "合格", "≥300户", "达标"])
def test_timeliness_flags_a_value_that_is_no_time(value):
    found = _extra(I("产出", "时效", "历史建筑挂牌执行情况", value), "value.timeliness")
    assert [(f.severity, f.indicator, f.field) for f in found] == [("warning", "历史建筑挂牌执行情况", "value")]
    assert f"“{value}”不是时间" in found[0].message and "2024年12月底前" in found[0].message


@pytest.mark.parametrize("value", ["2024年12月前", "2022年12月31日", "2024年底前", "≤30天", "5个工作日内", "及时",
                                   "按时完成", "100%", "≥95%", "每季度1次", "年内完成", "实时监测"])
def test_timeliness_accepts_times_and_rates(value):
    assert _extra(I("产出指标", "时效指标", "工作及时性", value), "value.timeliness") == []


def test_timeliness_leaves_dates_to_value_deadline():
    # 完成时限 = 良好 is value.deadline's finding; it is not said twice
    inds = good_indicators() + [I("产出指标", "时效指标", "完成时限2", "良好")]
    doc = make_doc(make_project(indicators=inds))
    assert [f.rule for f in check_project(doc, 0) if f.rule.startswith("value.")] == ["value.deadline"]


# -- value.placeholder -----------------------------------------------------------------------
@pytest.mark.parametrize("value", ["*", "-", "_", "**", "/", "／", "——", "＊", " - "])
def test_placeholder_values_are_errors(value):
    inds = good_indicators() + [I("产出指标", "数量指标", "培训人数", value)]
    doc = make_doc(make_project(indicators=inds))
    found = [(f.rule, f.severity) for f in check_project(doc, 0) if f.rule.startswith("value.")]
    assert found == [("value.placeholder", "error")]  # not also value.broken / value.not-applicable


@pytest.mark.parametrize("value", ["无涉及", "不适用", "≥1", "1-2次", "90-95%", "2024-12"])
def test_placeholder_leaves_real_values(value):
    assert _extra(I("产出指标", "数量指标", "培训次数", value), "value.placeholder") == []


# -- structure.cross-level -------------------------------------------------------------------
def test_the_same_indicator_under_two_first_levels():
    row = dict(l3="排除安全生产事故率", value="≥100%", description="不发生安全生产事故比率")
    inds = good_indicators() + [
        I("产出指标", "数量指标", row["l3"], row["value"], row["description"]),
        I("效益指标", "经济效益指标", row["l3"], row["value"], row["description"])]
    found = _found(inds, "structure.cross-level")
    assert [(f.severity, f.indicator_index) for f in found] == [("warning", 6)]
    assert "第6行" in found[0].message and "复制粘贴" in found[0].message


def test_same_name_with_another_value_is_not_a_paste():
    inds = good_indicators() + [I("产出指标", "数量指标", "培训人数", "≥90人"),
                                I("效益指标", "社会效益指标", "培训人数", "有所提高")]
    assert _found(inds, "structure.cross-level") == []
    # the same row twice under one first level is structure.identical's
    inds = good_indicators() + [good_indicators()[0]]
    assert _found(inds, "structure.cross-level") == []


# -- structure.satisfaction-benefit ----------------------------------------------------------
def test_satisfaction_standing_in_for_benefit():
    inds = [i for i in good_indicators() if not i.level1.startswith("效益")]
    inds.insert(3, I("效果指标", "社会效益指标", "历史文化名城保护受益对象满意度", "≥95百分比"))
    found = _found(inds, "structure.satisfaction-benefit")
    assert [(f.severity, f.indicator) for f in found] == [("warning", "历史文化名城保护受益对象满意度")]
    assert "只有满意度类指标" in found[0].message
    # beside a real benefit indicator it is still out of place
    found = _extra(I("效益指标", "社会效益指标", "群众满意率", "≥90%"), "structure.satisfaction-benefit")
    assert len(found) == 1 and "放在了" in found[0].message


def test_benefit_sentences_mentioning_satisfaction_are_fine():
    name = "全力打造“政治坚定、依法履职、人民满意”的新时代城市管理综合行政执法"
    assert _extra(I("效益", "社会效益", name, "规范全州行政执法行为"), "structure.satisfaction-benefit") == []
    assert _found(good_indicators(), "structure.satisfaction-benefit") == []


# -- structure.name-length -------------------------------------------------------------------
def test_names_over_100_characters():
    long = "开展相关调研督查督导工作" * 9  # 108
    found = _extra(I("产出指标", "数量指标", long, "≥3次"), "structure.name-length")
    assert [(f.severity, f.field) for f in found] == [("error", "level3")]
    assert "108个字" in found[0].message
    found = _found(good_indicators(), "structure.name-length", name="项" * 101)
    assert [(f.field, f.project) for f in found] == [("name", "项" * 101)]


def test_names_of_100_characters_and_the_seeds_longest_pass():
    assert _extra(I("产出指标", "数量指标", "项" * 100, "≥3次"), "structure.name-length") == []
    name = ("推进市政基础设施短板建设，加强城市道路、排水管网、停车场、海绵城市、公园绿地项目建设。"
            "倡导绿色生态理念，促进生活垃圾分类工作，提升城市管理效率和营商环境。")  # seed 004, 77 characters
    assert _extra(I("效益", "社会效益", name, "提升获得感"), "structure.name-length") == []


# -- weights.total ---------------------------------------------------------------------------
def _weighted(*weights):
    return [i.model_copy(update={"weight": w}) for i, w in zip(good_indicators(), weights, strict=True)]


def test_weights_not_adding_up_to_100():
    found = _found(_weighted("10", "15", "20", "10", "10"), "weights.total")
    assert [(f.severity, f.field) for f in found] == [("warning", "indicators")]
    assert "合计为65" in found[0].message and "应为100" in found[0].message


def test_weights_that_are_not_numbers_or_missing():
    found = _found(_weighted("20", "二十", "20", "20", "20"), "weights.total")
    assert len(found) == 1 and "“二十”不是数字" in found[0].message
    found = _found(_weighted("25", "25", "25", "25", ""), "weights.total")
    assert len(found) == 1 and "1行指标未填写权重" in found[0].message


@pytest.mark.parametrize("weights", [("20", "20", "20", "20", "20"), ("20分", "20分", "30", "15.5", "14.5"),
                                     ("", "", "", "", "")])
def test_weights_adding_up_or_absent_are_fine(weights):
    assert _found(_weighted(*weights), "weights.total") == []


# -- cost.misplaced --------------------------------------------------------------------------
@pytest.mark.parametrize("l2,name,value", [
    ("时效", "农村生活垃圾整治工作经费成本", "≤1.1万元"),
    ("质量", "执法监督、案卷评查成本支出", "≤1.1万元"),
    ("时效指标", "设备采购", "≤3000元"),
    ("质量指标", "物业管理费维护成本", "按合同执行"),
])
def test_cost_indicator_under_time_or_quality(l2, name, value):
    found = _extra(I("产出", l2, name, value), "cost.misplaced")
    assert [(f.severity, f.field, f.indicator) for f in found] == [("warning", "level2", name)]
    assert "成本指标" in found[0].message


@pytest.mark.parametrize("l2,name,value", [
    ("成本", "农村生活垃圾整治工作经费成本", "≤1.1万元"),
    ("质量", "项目或定额成本控制率", "100%"),
    ("质量", "人均补助标准", "≥1000元/人"),
    ("数量", "物业费补贴", "83054元"),
    ("时效", "资金拨付时限", "2024年6月底前"),
])
def test_cost_indicator_in_its_place_or_a_rate(l2, name, value):
    assert _extra(I("产出", l2, name, value), "cost.misplaced") == []


# -- goals.unmeasured ------------------------------------------------------------------------
def test_a_goal_no_indicator_measures():
    found = _found(good_indicators(), "goals.unmeasured", goals="1、完成改造300户\n2、签订委托事项合同")
    assert [(f.severity, f.field) for f in found] == [("info", "goals")]
    assert "第2条目标“签订委托事项合同”" in found[0].message


@pytest.mark.parametrize("goals", [
    "1、完成改造300户\n2、提高居住质量",
    "1.用于支付2019年农村既有建筑节能改造项目剩余工程款",   # one goal: not judged
    "1、完成改造\n2、完成",                                  # nothing to judge by
])
def test_goals_measured_or_not_judged(goals):
    assert _found(good_indicators(), "goals.unmeasured", goals=goals) == []


# -- value.unit (graded standards) -----------------------------------------------------------
def test_graded_counts_need_a_unit():
    grades = {"优": "≥10", "良": "≥8", "中": "≥7", "差": "<7"}
    inds = good_indicators() + [Indicator(level1="产出指标", level3="物业人员专业人数", grades=grades)]
    found = _found(inds, "value.unit")
    assert [(f.field, f.severity) for f in found] == [("grades", "warning")]
    inds[-1] = inds[-1].model_copy(update={"level3": "物业人员专业人数（人）"})
    assert _found(inds, "value.unit") == []


# -- the seeds -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["dingzhou", "leting", "pingxiang", "qiannan", "seed001"])
def test_seeds_raise_no_new_error(name):
    found = check_document(load_dump(name))
    assert [f for f in found if f.rule in NEW_RULES and f.severity == "error"] == []
