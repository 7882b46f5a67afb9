"""Indicator structure per rule set."""
from __future__ import annotations

from rules_builders import good_indicators, make_doc, make_project

from perfeditor.model import Indicator
from perfeditor.rules import check_project


def _check(indicators, ruleset="hebei", layout="hebei-project"):
    doc = make_doc(make_project(indicators=indicators, layout=layout), layout=layout)
    return [f for f in check_project(doc, 0, ruleset) if f.rule.startswith("structure.")]


def _rules(found):
    return [(f.rule, f.severity) for f in found]


def I(l1, l2, l3, value="≥90%", **kw):  # noqa: E743 - short builder
    return Indicator(level1=l1, level2=l2, level3=l3, value=value, **kw)


def test_good_structure_in_every_ruleset():
    assert _check(good_indicators(), "hebei") == []
    assert _check(good_indicators(), "mof-2015") == []


def test_short_mof_labels_and_effect_alias_are_fine():
    inds = [I("产出", "数量", "清洁次数", "每周≥7次"), I("产出", "质量", "合格率"),
            I("效果指标", "环境效益指标", "空气质量改善", "有所提高"),
            I("满意度", "服务对象满意度", "群众满意度")]
    assert _check(inds, "mof-2015") == []
    assert _check(inds, "hebei") == []


def test_missing_first_levels():
    inds = [i for i in good_indicators() if not i.level1.startswith("满意度")]
    assert _rules(_check(inds)) == [("structure.level1", "error")]
    assert "满意度" in _check(inds)[0].message


def test_mof_2021_needs_cost_as_first_level():
    found = _check(good_indicators(), "mof-2021")
    assert ("structure.level1", "error") in _rules(found)
    assert any("成本指标" in f.message for f in found)
    inds = good_indicators() + [I("成本指标", "经济成本指标", "项目成本", "≤50万元")]
    assert _check(inds, "mof-2021") == []


def test_mof_2021_cost_under_output_is_wrong():
    inds = good_indicators() + [I("成本指标", "经济成本指标", "项目成本", "≤50万元"),
                                I("产出指标", "成本指标", "单位成本", "≤5万元")]
    assert ("structure.level2-parent", "error") in _rules(_check(inds, "mof-2021"))
    legal_2015 = good_indicators() + [I("产出指标", "成本指标", "单位成本", "≤5万元")]
    assert _check(legal_2015, "mof-2015") == []


def test_mof_2015_cost_as_first_level_is_a_warning():
    inds = good_indicators() + [I("成本指标", "经济成本指标", "项目成本", "≤50万元")]
    assert _rules(_check(inds, "mof-2015")) == [("structure.level1-known", "warning")]


def test_second_level_under_wrong_first_level():
    inds = good_indicators() + [I("效益指标", "数量指标", "改造户数2", "≥3户")]
    found = _check(inds)
    assert _rules(found) == [("structure.level2-parent", "error")]
    assert "产出指标" in found[0].message and found[0].indicator_index == 5


def test_unknown_second_levels_are_left_alone():
    inds = good_indicators() + [I("效益指标", "政治效益指标", "群众获得感", "有所提高")]
    assert _check(inds) == []


def test_output_without_quantity_or_quality():
    inds = [i for i in good_indicators() if i.level2 != "数量指标"]
    found = _check(inds)
    assert _rules(found) == [("structure.output-parts", "warning")]
    assert "数量指标" in found[0].message


def test_duplicate_third_level_under_one_second_level():
    inds = good_indicators() + [I("满意度指标", "服务对象满意度指标", "群众满意度", "＞90%")]
    assert _rules(_check(inds)) == [("structure.duplicate", "warning")]
    # the same name under another second level is fine (seed 004)
    inds = good_indicators() + [I("产出指标", "时效指标", "改造户数", "2024年12月底前")]
    assert _check(inds) == []


def test_identical_rows_reported_once():
    inds = good_indicators() + [good_indicators()[4]]
    assert _rules(_check(inds)) == [("structure.identical", "warning")]


def test_empty_name_and_value():
    inds = good_indicators() + [I("产出指标", "数量指标", "", "≥3个"), I("产出指标", "数量指标", "培训人次", "")]
    assert sorted(_rules(_check(inds))) == [("structure.level3-empty", "error"),
                                           ("structure.value-empty", "error")]


def test_empty_second_level_is_a_warning_but_not_in_graded_layout():
    inds = good_indicators() + [I("效益指标", "", "社会影响", "有所提高")]
    assert _rules(_check(inds)) == [("structure.level2-empty", "warning")]
    graded = [Indicator(level1="产出指标", level3="完工率（%）", grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"}),
              Indicator(level1="效果指标", level3="利用率（%）", grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"}),
              Indicator(level1="满意度指标", level3="满意度（%）", grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"})]
    assert _check(graded, "hebei", "hebei-graded") == []  # no 二级, no 指标值: grades play that role


def test_no_indicators_at_all():
    found = _check([])
    assert _rules(found) == [("structure.level1", "error")] and found[0].field == "indicators"


def test_unknown_first_level():
    inds = good_indicators() + [I("其他指标", "数量指标", "x", "≥1个")]
    assert ("structure.level1-known", "warning") in _rules(_check(inds))


def test_messages_name_the_column_as_the_form_prints_it():
    # 河北分级表 calls the third level 绩效指标: the clerk must find the column the message names
    long = "很" * 101
    inds = [Indicator(level1="产出指标", level3="", grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"}),
            Indicator(level1="效果指标", level3=long, grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"})]
    doc = make_doc(make_project(indicators=inds, layout="hebei-graded"), layout="hebei-graded")
    messages = [f.message for f in check_project(doc, 0, "hebei")]
    assert any(m.startswith("绩效指标名称未填写") for m in messages)
    assert any(m.startswith("绩效指标名称有101个字") for m in messages)
    assert not any("三级指标" in m for m in messages)
    inds = good_indicators() + [I("产出指标", "数量指标", "", "≥3个")]
    assert [f.message for f in _check(inds)][0].startswith("三级指标名称未填写")
