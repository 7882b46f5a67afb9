"""The layout declarations: names, the indicator columns every reader of them gets, what a layout
leaves out, and the layout a form just read is given."""
from __future__ import annotations

from perfeditor.forms.layouts import (
    DECLARATIONS,
    GRADE_COLUMNS,
    declaration,
    indicator_columns,
    infer_layout,
    left_out,
)
from perfeditor.model import LAYOUTS, FormVariant, Indicator, Project


def _project(layout: str, columns=(), system: str = "", **ind) -> Project:
    return Project(name="甲", indicators=[Indicator(level1="产出指标", level3="完成率", **ind)],
                   variant=FormVariant(layout=layout, system=system, indicator_columns=list(columns)))


def test_every_layout_is_declared_once_with_its_chinese_name():
    assert {k: d.name for k, d in DECLARATIONS.items()} == {
        "hebei-project": "河北项目表", "hebei-graded": "河北分级表",
        "mof-project-2015": "财政部项目表(2015)", "mof-project-2021": "财政部项目表(2021)"}
    assert {d.model for d in DECLARATIONS.values()} == set(LAYOUTS)
    assert declaration("mof-project", system="2021").key == "mof-project-2021"
    assert declaration("mof-project", _project("mof-project", system="2021")).key == "mof-project-2021"


def test_defaults_and_the_columns_a_layout_always_prints():
    assert indicator_columns(_project("hebei-project"), "hebei-project") == \
        ["level1", "level2", "level3", "description", "value", "basis"]
    # a form read without 指标值确定依据 still gets it: every export of the layout prints it
    own = _project("hebei-project", ["level1", "level2", "level3", "description", "value"])
    assert indicator_columns(own, "hebei-project")[-1] == "basis"
    assert indicator_columns(_project("hebei-graded"), "hebei-graded") == \
        ["level1", "level3", "description", *GRADE_COLUMNS, "basis"]
    assert indicator_columns(_project("mof-project", system="2021"), "mof-project") == \
        ["level1", "level2", "level3", "value", "basis", "note"]


def test_a_form_keeps_its_own_columns_and_a_conversion_keeps_what_the_target_allows():
    national = ["level1", "level2", "level3", "value_midterm", "value"]
    assert indicator_columns(_project("mof-project", national, "2015"), "mof-project") == national
    hebei = _project("hebei-project", description="说明文字", weight="10")
    assert indicator_columns(hebei, "mof-project") == \
        ["level1", "level2", "level3", "description", "value", "note", "weight"]
    graded = indicator_columns(hebei, "hebei-graded")
    assert "level2" not in graded and graded[-1] == "weight"


def test_what_a_layout_cannot_hold_is_named_in_chinese():
    p = _project("hebei-project", value_midterm="3个")
    p.code = "001"
    lines = left_out([p], "hebei-graded")
    assert any("项目编码" in line and "河北分级评价标准绩效目标表" in line for line in lines)
    assert any("中期指标值" in line for line in lines)
    assert left_out([_project("hebei-project")], "hebei-project") == []


def test_the_layout_of_a_form_just_read():
    cases = [
        (["level1", "level3", *GRADE_COLUMNS], {}, False, "hebei-graded"),
        (["level1", "level2", "level3", "value", "note"], {}, False, "mof-project"),
        (["level1", "level2", "level3", "value", "note"], {"code": "项目编码"}, False, "hebei-project"),
        (["level1", "level2", "level3", "value"], {"group:goals": "总体目标"}, False, "mof-project"),
        (["level1", "level2", "level3", "value"], {}, True, "mof-project"),
        (["level1", "level2", "level3", "description", "value", "basis"], {"code": "项目编码"}, False,
         "hebei-project"),
    ]
    for cols, labels, side, want in cases:
        p = _project("hebei-project", cols)
        p.variant.labels, p.variant.indicator_side_label = labels, side
        infer_layout(p)
        assert p.variant.layout == want, (cols, labels)
    cost = Project(indicators=[Indicator(level1="成本指标")],
                   variant=FormVariant(indicator_columns=["level1", "level3", "note"]))
    infer_layout(cost)
    assert (cost.variant.layout, cost.variant.system) == ("mof-project", "2021")
