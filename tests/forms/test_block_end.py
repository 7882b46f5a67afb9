"""Where a form's indicator block ends on a sheet: a sign-off (填表人：…) under it, or, below blank rows,
a note (注：…), a count or another table without the form's borders is no indicator."""
from __future__ import annotations

import copy

import openpyxl
import pytest

from perfeditor.io import plan_save, read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES

_BORDERED = ["hebei_graded.xlsx", "mof2021_per_sheet.xlsx"]


def _with(tmp_path, name: str, rows: dict[int, dict[int, str]], copy_row: tuple[int, int] | None = None):
    """The fixture ``name`` with texts put below its last row (offset → column → text); with
    ``copy_row`` (offset, column count), the last row copied there, borders and all."""
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / name)
    ws = wb.worksheets[0]
    last = ws.max_row
    if copy_row is not None:
        offset, width = copy_row
        for c in range(1, width + 1):
            src, dst = ws.cell(last, c), ws.cell(last + offset, c)
            dst.value, dst.border = src.value, copy.copy(src.border)
        ws.cell(last + offset, 3).value = "新增的指标"
    for offset, cells in rows.items():
        for c, text in cells.items():
            ws.cell(last + offset, c).value = text
    wb.save(tmp_path / name)
    return tmp_path / name


def _indicators(path) -> list[tuple[str, str]]:
    """(三级指标, 描述) of the last form on the first sheet (where :func:`_with` writes)."""
    doc, places = read_document(path)
    sheet = openpyxl.load_workbook(path, read_only=True).sheetnames[0]
    p = [p for p in doc.projects if places.of(p).sheet == sheet][-1]
    return [(i["level3"], i["description"]) for i in dump_document(doc)["projects"][doc.projects.index(p)]["indicators"]]


@pytest.mark.parametrize("name", [*_BORDERED, "multi_hebei_project.xlsx"])
@pytest.mark.parametrize("below", [{1: {1: "填表人：张三", 4: "联系电话：0315-1234567"}},
                                   {2: {1: "注：本表金额单位为万元"}},
                                   {1: {1: "单位负责人：", 3: "填报日期：2024年1月5日"}}])
def test_a_sign_off_under_the_form_is_no_indicator(name, below, tmp_path):
    want = _indicators(OWN_FIXTURES / "xlsx" / name)
    assert _indicators(_with(tmp_path, name, below)) == want


@pytest.mark.parametrize("name", _BORDERED)
@pytest.mark.parametrize("below", [{2: {3: "5"}}, {2: {1: "合计", 2: "100", 3: "200"}}])
def test_a_count_or_table_without_borders_below_blank_rows_is_no_indicator(name, below, tmp_path):
    want = _indicators(OWN_FIXTURES / "xlsx" / name)
    assert _indicators(_with(tmp_path, name, below)) == want


@pytest.mark.parametrize(("name", "width", "added"), [("hebei_graded.xlsx", 8, ("群众满意度（%）", "新增的指标")),
                                                      ("mof2021_per_sheet.xlsx", 6, ("新增的指标", ""))])
def test_an_indicator_row_with_the_forms_borders_after_a_blank_row_is_read(name, width, added, tmp_path):
    """(The blank row between is an empty indicator, as blank rows inside a block are.)"""
    want = _indicators(OWN_FIXTURES / "xlsx" / name)
    assert _indicators(_with(tmp_path, name, {}, copy_row=(2, width))) == [*want, ("", ""), added]


@pytest.mark.parametrize("name", _BORDERED)
def test_a_blank_row_inside_the_block_is_an_empty_indicator(name, tmp_path):
    """A row inserted above the last indicator (the rows below keep their borders)."""
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / name)
    ws = wb.worksheets[0]
    last = ws.max_row
    ws.insert_rows(last)
    for m in ws.merged_cells.ranges:  # (openpyxl moves the cells, not the merges)
        if m.min_row == last:
            m.shift(0, 1)
    wb.save(tmp_path / name)
    want = _indicators(OWN_FIXTURES / "xlsx" / name)
    assert _indicators(tmp_path / name) == [*want[:-1], ("", ""), want[-1]]


@pytest.mark.parametrize("level3", ["注册企业数量", "联系电话畅通率", "负责人到岗率"])
def test_an_indicator_named_like_a_sign_off_is_read(level3, tmp_path):
    path = _with(tmp_path, "hebei_graded.xlsx", {}, copy_row=(1, 8))
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ws.cell(ws.max_row, 2).value = ws.cell(ws.max_row, 3).value = level3
    wb.save(path)
    assert _indicators(path)[-1] == (level3, level3)


def test_the_sign_off_stays_under_the_form_when_rows_are_added(tmp_path):
    path = _with(tmp_path, "hebei_graded.xlsx", {2: {1: "填表人：张三", 4: "联系电话：0315-1234567"}})
    doc, places = read_document(path)
    p = doc.projects[0]
    p.indicators.append(p.indicators[-1].model_copy(update={"level3": "新增指标"}))
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert _indicators(path)[-1][0] == "新增指标"
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert [c.value for c in ws[ws.max_row] if c.value] == ["填表人：张三", "联系电话：0315-1234567"]
