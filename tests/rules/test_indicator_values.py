"""Indicator values: garbled, above 100%, 满意度, units, deadlines, 无涉及."""
from __future__ import annotations

import pytest
from rules_builders import good_indicators, make_doc, make_project

from perfeditor.model import Indicator
from perfeditor.rules import check_project


def _check(extra, preamble="2024年部门预算", period=""):
    inds = good_indicators() + (extra if isinstance(extra, list) else [extra])
    doc = make_doc(make_project(indicators=inds, period=period), preamble=preamble)
    return [(f.rule, f.severity) for f in check_project(doc, 0) if f.rule.startswith("value.")]


def I(l1, l2, l3, value):  # noqa: E743
    return Indicator(level1=l1, level2=l2, level3=l3, value=value)


@pytest.mark.parametrize("value", ["≥98百分比", "优", "保持整洁", "2024年12月前", "每周≥7次", "≥各4次/年",
                                   "≥1586座", "≥100%", "=100%", "14.62万平方米", "全面保障",
                                   "拜访企业≥6家", "1位持证律师"])
def test_legal_values_raise_nothing(value):
    assert _check(I("产出指标", "数量指标", "某项指标", value)) == []


def test_number_typed_twice():
    assert _check(I("产出指标", "数量指标", "新结识客商数", "≥9090%及以上")) == [("value.broken", "error")]


def test_percentage_above_100():
    assert _check(I("产出指标", "质量指标", "合格率2", "≥120%")) == [("value.percent", "error")]
    # growth may exceed 100%
    assert _check(I("效益指标", "经济效益指标", "收入增长率", "≥120%")) == []


def test_satisfaction_not_a_percentage():
    assert _check(I("满意度指标", "服务对象满意度指标", "游客满意度", "≥98")) == [("value.satisfaction", "warning")]
    assert _check(I("满意度指标", "服务对象满意度指标", "游客满意度", "满意")) == [("value.satisfaction", "warning")]
    assert _check(I("满意度指标", "服务对象满意度指标", "游客满意度", "≥98%")) == []


def test_missing_unit():
    assert _check(I("产出指标", "数量指标", "培训人数", "≥100")) == [("value.unit", "warning")]
    assert _check(I("产出指标", "时效指标", "完成率", "≥100")) == [("value.unit", "warning")]
    # the unit is in the name: 发放人数（人）
    assert _check(I("产出指标", "数量指标", "补贴发放人员数量（人）", "≥20")) == []


def test_deadline_outside_the_budget_year():
    assert _check(I("产出指标", "时效指标", "完成时限2", "2025年12月底前")) == [("value.deadline", "warning")]
    assert _check(I("产出指标", "时效指标", "完成时限2", "2023年6月底前")) == [("value.deadline", "warning")]
    assert _check(I("产出指标", "时效指标", "完成时限2", "2024年6月底前")) == []
    # a three-year project may end later
    assert _check(I("产出指标", "时效指标", "完成时限2", "2025年12月底前"), period="3年") == []


def test_unknown_budget_year_is_not_guessed():
    assert _check(I("产出指标", "时效指标", "完成时限2", "2030年12月底前"), preamble="") == []


def test_not_a_date_where_a_date_is_expected():
    assert _check(I("产出指标", "时效指标", "项目完成时限", "及时")) == [("value.deadline", "warning")]
    assert _check(I("产出指标", "时效指标", "及时率", "≥95%")) == []
    assert _check(I("产出指标", "时效指标", "项目按期完成率（%）", "100%")) == []


def test_not_applicable_is_info():
    assert _check(I("效益指标", "经济效益指标", "无涉及", "无涉及")) == [("value.not-applicable", "info")]
    assert _check(I("效益指标", "经济效益指标", "经济效益", "不适用")) == [("value.not-applicable", "info")]
