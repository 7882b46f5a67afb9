"""The one vocabulary both readers share: every tricky spelling of the real files → its field."""
from __future__ import annotations

import pytest

from perfeditor.forms.vocabulary import (
    FIELD_TITLES,
    field_title,
    group_field,
    header_field,
    header_label,
    indicator_label,
    looks_like_title,
    name_from_title,
    unit_in_label,
    unit_label,
    with_unit,
)

#: Header-block spellings: spaces, colons (full and half width), brackets with a unit or years,
#: a leading 其中 or *, line breaks, labels cut at the cell's edge.
HEADER_SPELLINGS = [
    ("项 目 编 码", "code"), ("项目编码:", "code"), ("*项目名称：", "name"), ("项目名称", "name"),
    ("主管部门及代码", "unit"), ("实施单位", "implementer"), ("项目属性", "kind"), ("项目期", "period"),
    ("资金来源", "source"),
    ("资金总额(万元):", "budget.total"), ("年度资金总额：", "budget.total"), ("预算数", "budget.total"),
    ("项目资金总额（万元）", "budget.total"),
    ("中期资金总额", "budget.midterm_total"),
    ("其中：财政    资金", "budget.fiscal"), ("其中:财政资金", "budget.fiscal"), ("其中：财政拨款", "budget.fiscal"),
    ("其中: 上级补", "budget.superior"), ("其中：上级补助", "budget.superior"), ("本级安", "budget.local"),
    ("其他资金", "budget.other"), ("资金用途", "purpose"),
    ("绩效目标", "goals"), ("年度目标", "goals"), ("年度绩效目标", "goals"),
    ("中期目标（2024年－2026年）", "goals_midterm"), ("中期目标(2021年-2023年)", "goals_midterm"),
]
GROUP_SPELLINGS = [
    ("预算规模及\n资金用途", "group:purpose"), ("资金支出计划（%）", "group:plan"), ("资金支出计划", "group:plan"),
    ("总体目标", "group:goals"), ("年度总体目标", "group:goals"), ("项目资金（万元）", "group:budget"),
]
INDICATOR_SPELLINGS = [
    ("一级\n指标", "level1"), ("绩效指标\n分类", "level1"), ("二级指标", "level2"), ("三级\n指标", "level3"),
    ("绩效指标描述", "description"), ("指标解释", "description"), ("指标值", "value"), ("年度指标值", "value"),
    ("中期指标值", "value_midterm"), ("中期", "value_midterm"),
    ("指标值确定依据", "basis"), ("指标值\n设定依据", "basis"), ("指标值设定依据及数据来源", "basis"),
    ("评价标准确定依据", "basis"), ("说 明", "note"), ("备注", "note"),
    ("权重", "weight"), ("分值", "weight"), ("权重/分值", "weight"), ("权重（分值）", "weight"),
    ("优", "grade:优"), ("差", "grade:差"), ("绩效指标评价标准", "group:grades"),
    ("绩效指标", "side"), ("年度绩效指标", "side"),
]


@pytest.mark.parametrize(("printed", "field"), HEADER_SPELLINGS)
def test_header_spellings(printed, field):
    assert header_field(printed) == field
    assert header_label(printed).kind == "value"


@pytest.mark.parametrize(("printed", "field"), GROUP_SPELLINGS)
def test_group_spellings(printed, field):
    assert group_field(printed) == field and header_field(printed) is None


@pytest.mark.parametrize(("printed", "field"), INDICATOR_SPELLINGS)
def test_indicator_spellings(printed, field):
    assert indicator_label(printed) == field


@pytest.mark.parametrize("value", ["500.00", "完成资金拨付", "333-0308-JCN-Y6GG", "其他", "", "产出指标", "≥98%",
                                   "这是一段很长的资金用途说明文字，写满了整个单元格，不是任何标签"])
def test_values_are_not_labels(value):
    assert header_label(value) is None and indicator_label(value) is None


def test_first_level_column_marks_an_indicator_header():
    assert indicator_label("一级\n指标") == indicator_label("绩效指标分类") == "level1"
    assert indicator_label("三级指标") == "level3"


def test_units_and_titles():
    assert unit_label("单位：万元") == "万元" and unit_label("金额单位: 元") == "元" and unit_label("万元") is None
    assert unit_label("单位名称") is None and unit_label("（单位：万元）".strip("（）")) == "万元"
    assert unit_in_label("资金总额(万元):") == "万元" and unit_in_label("资金总额") is None
    assert with_unit("单位：万元", "元") == "单位：元" and with_unit("项目资金（万元）", "元") == "项目资金（元）"
    assert looks_like_title("2、城建管理经费绩效目标表") and looks_like_title("项目支出绩效目标申报表")
    assert not looks_like_title("产出指标")
    assert name_from_title("1、平乡县保障安居工程绩效目标表") == "平乡县保障安居工程"
    assert name_from_title("（2）城建管理经费绩效目标表") == "城建管理经费"
    assert name_from_title("一般公共服务项目支出绩效目标表") == "一般公共服务"  # 一 is not an ordinal here
    assert name_from_title("2020年度道路维护绩效目标表") == "2020年度道路维护"


def test_every_field_a_label_names_has_a_chinese_title():
    fields = {f for _, f in HEADER_SPELLINGS + INDICATOR_SPELLINGS if not f.startswith(("grade:", "group:", "side"))}
    assert fields <= set(FIELD_TITLES)
    assert field_title("grade:优") == "评价标准（优）" and field_title("budget.fiscal") == "财政资金"
