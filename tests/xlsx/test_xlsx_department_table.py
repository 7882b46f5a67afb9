"""The national department form 部门整体支出绩效目标申报表 read from and written to .xlsx."""
from __future__ import annotations

import re
import shutil
import zipfile
from copy import copy

import openpyxl
import pytest
from openpyxl.utils import range_boundaries
from xlsx_helpers import comparable, saved_as_asked

from perfeditor.io import load_document, plan_save, read_document, save_document
from perfeditor.io.xlsx.cells import read_grids
from perfeditor.model import DepartmentTask, Indicator, dump_document
from tests.conftest import OWN_FIXTURES, load_expected_dump
from tests.workbooks import with_notes_sheet

FIXTURE = OWN_FIXTURES / "xlsx" / "department_table.xlsx"
DOCX = OWN_FIXTURES / "docx" / "department_table.docx"


def test_libreoffice_table_form_is_read_by_labels():
    doc, doc_map = read_document(FIXTURE)
    dep = doc.department
    assert dep is not None and dep.form == "table"
    assert dep.name == "某县住房和城乡建设局" and dep.budget.unit == "万元"
    assert [t.total for t in dep.tasks] == ["120.00", "80.50"] and dep.tasks[1].other == ""
    assert dep.budget.total == "200.50"
    assert [(i.level1, i.level2) for i in dep.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
        ("满意度指标", "服务对象满意度指标")]
    assert doc_map.department.sheet == "部门整体支出绩效目标" and doc_map.department.first_row == 1
    assert doc_map.department.digest.startswith(dep.content_fingerprint())
    # its indicator header is not taken for a project form
    assert len(doc.projects) == 1 and doc_map.of(doc.projects[0]).sheet == "老旧小区改造1"
    assert "部门整体支出绩效目标申报表" not in doc.preamble.split("\n")
    want = load_expected_dump(FIXTURE)
    assert comparable(dump_document(doc), want)["department"] == comparable(want)["department"]


@pytest.mark.parametrize("src", [FIXTURE, DOCX], ids=lambda p: p.name)
def test_round_trip_through_a_new_workbook(src, tmp_path):
    doc, doc_map = read_document(src)
    out = tmp_path / "out.xlsx"
    assert save_document(doc, out, source_map=doc_map) == []
    again = load_document(out)
    assert again.department.form == "table"
    assert comparable(dump_document(again)) == comparable(dump_document(doc))


def test_edited_table_form_is_written(tmp_path):
    src = tmp_path / "dep.xlsx"
    shutil.copy(FIXTURE, src)
    doc, doc_map = read_document(src)
    dep = doc.department
    dep.tasks.append(DepartmentTask(name="燃气安全", content="=入户检查", total="30", fiscal="30"))
    dep.indicators.insert(1, Indicator(level1="产出指标", level2="时效指标", level3="完成时间",
                                       value="2024年12月底前"))
    dep.overall = "新的年度总体目标"
    dep.budget.unit = "元"
    again = saved_as_asked(doc, src, doc_map)  # in place: nothing to ask first
    assert again.department.budget.unit == "元"
    assert comparable(dump_document(again)) == comparable(dump_document(doc))
    assert _grid(src)[3][4] == "预算申请(元)"  # the header names the new unit


def _grid(path, sheet=0) -> dict[int, dict[int, str]]:
    """row → column → text of a sheet, as read."""
    grid = list(read_grids(path))[sheet]
    return {r: {c.col: c.text for c in grid.row_cells(r)} for r in range(1, grid.max_row + 1)}


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_edited_table_form_is_saved_in_place_and_other_sheets_are_kept(tmp_path):
    """Values, tasks and 年度绩效指标 rows edited, added and removed: only the department sheet
    changes; the project sheet and a notes sheet with a formula and a picture stay as they were."""
    src, notes = with_notes_sheet(FIXTURE, tmp_path / "dep.xlsx")
    before = _members(src)
    doc, doc_map = read_document(src)
    dep = doc.department
    dep.name = "某县住房和城乡建设局（本级）"
    dep.tasks[1].content = "道路路灯维护及更换"
    dep.tasks.insert(1, DepartmentTask(name="燃气安全", content="入户检查", total="30", fiscal="30"))
    dep.budget.total, dep.budget.fiscal = "230.50", "210.50"
    dep.overall = "完成年度城乡建设任务。"
    dep.indicators.insert(2, Indicator(level1="产出指标", level2="数量指标", level3="检查户数", value="≥500户"))
    del dep.indicators[-1]  # (the 满意度指标 row: its 一级 merge goes with it)
    again = saved_as_asked(doc, src, doc_map)
    assert comparable(dump_document(again)) == comparable(dump_document(doc))
    after = _members(src)
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet1.xml"]
    assert notes != "xl/worksheets/sheet1.xml"
    rows = _grid(src)
    assert rows[6] == {2: "燃气安全", 3: "入户检查", 4: "30", 5: "30"}  # in the order of the tree
    assert rows[8][2] == "金额合计" and rows[9][1] == "年度总体目标"
    grid = list(read_grids(src))[0]
    assert grid.span[(3, 1)] == (8, 1)  # 年度主要任务 spans its rows and 金额合计, one more
    assert grid.span[(10, 1)] == (14, 1)  # 年度绩效指标: header and four rows
    assert grid.span[(11, 2)] == (14, 2)  # 产出指标 merged down over its four rows
    # saved again after another edit: the cells and rows are where the map says now
    dep.tasks[0].fiscal = "90.00"
    dep.indicators[0].value = "≥210套"
    again = saved_as_asked(doc, src, doc_map)
    assert comparable(dump_document(again)) == comparable(dump_document(doc))
    assert _grid(src)[5][5] == "90.00" and _grid(src)[11][5] == "≥210套"


def _with_spare_task_rows(src, dst, n: int = 2):
    """``src`` with ``n`` empty bordered rows left under its tasks for more (a template's look)."""
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    merges = [range_boundaries(m.coord) for m in ws.merged_cells.ranges]
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(m.coord)
    ws.insert_rows(7, n)
    for c1, r1, c2, r2 in merges:
        ws.merge_cells(start_row=r1 + n * (r1 >= 7), start_column=c1, end_row=r2 + n * (r2 >= 7), end_column=c2)
    for r in range(7, 7 + n):
        for c in range(2, 7):
            ws.cell(r, c).border = copy(ws.cell(6, c).border)
    wb.save(dst)
    return dst


def test_a_task_added_fills_a_spare_row_and_one_removed_leaves_it(tmp_path):
    src = _with_spare_task_rows(FIXTURE, tmp_path / "spare.xlsx")
    doc, doc_map = read_document(src)
    assert len(doc.department.tasks) == 2 and _grid(src)[9][2] == "金额合计"
    doc.department.tasks.append(DepartmentTask(name="燃气安全", content="入户检查", total="30"))
    again = saved_as_asked(doc, src, doc_map)
    assert comparable(dump_document(again)) == comparable(dump_document(doc))
    rows = _grid(src)
    assert rows[7][2] == "燃气安全" and 8 not in rows or not rows[8]
    assert rows[9][2] == "金额合计"  # the table keeps its size
    del doc.department.tasks[0]
    again = saved_as_asked(doc, src, doc_map)
    assert [t.name for t in again.department.tasks] == ["市政设施", "燃气安全"]
    assert _grid(src)[9][2] == "金额合计"


def test_unedited_table_form_saved_in_place_keeps_every_member(tmp_path):
    src = tmp_path / "dep.xlsx"
    shutil.copy(FIXTURE, src)
    with zipfile.ZipFile(src) as zf:
        before = {n: zf.read(n) for n in zf.namelist()}
    doc, doc_map = read_document(src)
    doc.projects[0].goals = "改过的目标"
    save_document(doc, src, source_map=doc_map)
    with zipfile.ZipFile(src) as zf:
        after = {n: zf.read(n) for n in zf.namelist()}
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet2.xml"]
    assert dump_document(load_document(src))["department"] == dump_document(doc)["department"]


def test_every_project_removed_is_not_an_unchanged_copy(tmp_path):
    doc, doc_map = read_document(FIXTURE)
    doc.projects = []
    out = tmp_path / "only_department.xlsx"
    save_document(doc, out, source_map=doc_map)
    again = load_document(out)
    assert again.projects == [] and again.department.form == "table"
    assert dump_document(again)["department"] == dump_document(doc)["department"]


def _heights(path) -> dict[int, float]:
    sheet = _members(path)["xl/worksheets/sheet1.xml"].decode("utf-8")
    return {int(r): float(h) for r, h in re.findall(r'<row r="(\d+)"[^>]*? ht="([\d.]+)"', sheet)}


def test_rewritten_rows_of_fixed_height_fit_their_text(tmp_path):
    """LibreOffice stores each row's height as fixed: a row written anew takes the height its text
    needs, not the height of the row it was copied from (a two-line name cut to its last line)."""
    src = tmp_path / "dep.xlsx"
    shutil.copy(FIXTURE, src)
    doc, doc_map = read_document(src)
    line, two = _heights(src)[11], _heights(src)[10]  # 维护路灯数 (one line), 维修公租房套数 (two)
    doc.department.indicators.insert(0, Indicator(level1="产出指标", level2="数量指标", level3="新指标",
                                                  value="≥3个"))
    saved_as_asked(doc, src, doc_map)
    rows = _grid(src)
    assert rows[10][4] == "新指标" and rows[11][4] == "维修公租房套数"
    heights = _heights(src)
    assert heights[10] == line  # (was the two-line row's place)
    assert heights[11] > line and abs(heights[11] - two) < 1


def test_indicators_for_a_table_without_their_section_are_said_not_written(tmp_path):
    """A department table form without 年度绩效指标 rows: indicators added in the editor have no
    place in it; the save says so and writes the rest in place."""
    wb = openpyxl.load_workbook(FIXTURE)
    ws = wb.worksheets[0]
    for m in [m.coord for m in ws.merged_cells.ranges if range_boundaries(m.coord)[1] >= 9]:
        ws.unmerge_cells(m)
    ws.delete_rows(9, 5)
    src = tmp_path / "no_indicators.xlsx"
    wb.save(src)
    doc, smap = read_document(src)
    assert doc.department.form == "table" and doc.department.indicators == []
    doc.department.indicators.append(Indicator(level1="产出指标", level2="数量指标", level3="维修套数", value="≥1套"))
    doc.department.overall = "新的年度总体目标"
    plan = plan_save(doc, src, source_map=smap)
    assert plan.losses == []
    assert plan.report == ["部门整体支出绩效目标表：原表中没有“年度绩效指标”一栏，该内容未写入。"]
    plan.write()
    again = load_document(src)
    assert again.department.overall == "新的年度总体目标" and again.department.indicators == []
