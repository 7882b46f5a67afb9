"""An empty 一级 / 二级 cell in a form means "as the row above" (real files, seed 004 and
var_empty_below, rely on it), so a row the clerk leaves without them reads back under the row
above. A save says so before writing (a loss line: the window asks, ``apply`` prints it), in both
formats; nothing is said when every row has its own levels, or for the first row."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.forms.recognize import levels_read_as_above
from perfeditor.io import plan_save, read_document
from perfeditor.model import Indicator, Project
from tests.conftest import OWN_FIXTURES

SAMPLES = {"docx": OWN_FIXTURES / "acceptance" / "var_empty_below.docx",
           "xlsx": OWN_FIXTURES / "acceptance" / "var_empty_below.xlsx"}
COLS = ["level1", "level2", "level3", "value"]


def test_levels_read_as_above_follows_the_readers_rule():
    p = Project(indicators=[Indicator(level1="产出指标", level2="数量指标", level3="a"),
                            Indicator(level3="b"),  # both empty: read as 产出指标 · 数量指标
                            Indicator(level1="效益指标", level3="c"),  # own 一级, empty 二级: stays empty
                            Indicator(level1="效益指标", level2="社会效益指标", level3="d"),
                            Indicator(level2="可持续影响指标", level3="e")])  # empty 一级 only
    assert levels_read_as_above(p, COLS) == [(1, "level1", "产出指标"), (1, "level2", "数量指标"),
                                             (4, "level1", "效益指标")]
    assert levels_read_as_above(p, ["level1", "level3"]) == [(1, "level1", "产出指标"), (4, "level1", "效益指标")]
    first_empty = Project(indicators=[Indicator(level3="a"), Indicator(level1="产出指标", level3="b")])
    assert levels_read_as_above(first_empty, COLS) == []


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_row_without_levels_is_said_before_writing(tmp_path, kind):
    path = tmp_path / f"表.{kind}"
    shutil.copy(SAMPLES[kind], path)
    before = path.read_bytes()
    doc, smap = read_document(path)
    doc.projects[0].indicators.insert(1, Indicator(level3="新增指标", value="≥1个"))
    plan = plan_save(doc, path, source_map=smap)
    (line,) = [x for x in plan.losses if "为空" in x]
    assert "第 2 行的一级指标、二级指标为空" in line and "“产出指标”“数量指标”" in line
    assert path.read_bytes() == before  # said before anything is written
    plan.write()
    again, _ = read_document(path)
    got = again.projects[0].indicators[1]
    assert (got.level1, got.level2, got.level3) == ("产出指标", "数量指标", "新增指标")  # as the line said


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_rows_with_their_own_levels_say_nothing(tmp_path, kind):
    path = tmp_path / f"表.{kind}"
    shutil.copy(SAMPLES[kind], path)
    doc, smap = read_document(path)
    assert not [x for x in plan_save(doc, path, source_map=smap).losses if "为空" in x]  # as read
    doc.projects[0].indicators.insert(1, Indicator(level1="产出指标", level2="质量指标", level3="新增指标"))
    assert not [x for x in plan_save(doc, path, source_map=smap).losses if "为空" in x]
