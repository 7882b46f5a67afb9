"""In-place saves that add/remove rows keep defined names and formulas pointing at the same
cells; a changed amount unit (单位：万元 → 元) is written."""
from __future__ import annotations

import shutil
import zipfile

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from xlsx_helpers import comparable

from perfeditor.io import load_document, read_document, save_document
from perfeditor.io.xlsx.sheetxml import shift_area, shift_formula
from perfeditor.model import Indicator, dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES

SHEET = "预算项目绩效目标"


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_shift_formula_moves_only_rows_after_the_edit_on_that_sheet():
    ops = [(10, 3)]
    assert shift_formula("=SUM(D5:D20)+D9*2", "表", ops, home=True) == "=SUM(D5:D23)+D9*2"
    assert shift_formula("='表'!$A$12+其他!A12", "表", ops, home=False) == "='表'!$A$15+其他!A12"
    assert shift_formula("=A12", "表", ops, home=False) == "=A12"  # another sheet's own cell
    assert shift_formula("'表'!$11:$12", "表", ops, home=False) == "'表'!$14:$15"
    assert shift_formula('=IF(A11>0,"B11",C2)', "表", ops, home=True) == '=IF(A14>0,"B11",C2)'
    assert shift_area("A1:H40", 40, -2) == "A1:H40" and shift_area("A41", 40, -2) == "A39"


@pytest.fixture
def book(tmp_path):
    """dingzhou_2020 re-saved with a print area, print titles, a named range over the third form,
    formulas below the last form and on another sheet, all pointing at the second form."""
    src = tmp_path / "dingzhou.xlsx"
    doc, places = read_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    second, third, last = (places.of(p) for p in (doc.projects[1], doc.projects[2], doc.projects[-1]))
    r, c = second.cells["budget.total"]
    col = get_column_letter(c)
    wb = openpyxl.load_workbook(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    ws = wb[SHEET]
    below = last.last_row + 2
    ws.cell(row=below, column=1, value=f"={col}{r}*2")
    ws.cell(row=below, column=2, value=f"=SUM({col}{r}:{col}{r})")
    wb["部门整体绩效目标"]["J1"] = f"='{SHEET}'!{col}{r}+1"
    ws.print_area = f"A1:H{below}"
    ws.print_title_rows = "1:3"
    t0, t1 = third.first_row, third.last_row
    wb.defined_names["第三个表"] = DefinedName("第三个表", attr_text=f"'{SHEET}'!$A${t0}:$H${t1}")
    wb.save(src)
    with zipfile.ZipFile(src) as zf:  # as Excel saves it: no recalculation asked for
        members = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info, data.replace(b' fullCalcOnLoad="1"', b"") if
                        info.filename == "xl/workbook.xml" else data)
    assert b"fullCalcOnLoad" not in _members(src)["xl/workbook.xml"]
    return src


def test_rows_added_and_removed_move_names_and_formulas(book):
    doc, doc_map = read_document(book)
    first, second = doc.projects[0], doc.projects[1]
    inds = first.indicators
    for k in range(3):
        inds.append(Indicator(level1=inds[-1].level1, level2=inds[-1].level2, level3=f"新增{k}",
                              value="≥1次"))
    second.indicators.pop()  # below the second form's budget row: only later rows move up
    second_budget = second.budget.total
    save_document(doc, book, source_map=doc_map)
    third = doc_map.of(doc.projects[2])
    r, c = doc_map.of(second).cells["budget.total"]
    col = get_column_letter(c)
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    below = doc_map.of(doc.projects[-1]).last_row + 2
    assert ws.cell(row=below, column=1).value == f"={col}{r}*2"
    assert ws.cell(row=below, column=2).value == f"=SUM({col}{r}:{col}{r})"
    assert float(ws.cell(row=r, column=c).value) == float(second_budget)
    assert wb["部门整体绩效目标"]["J1"].value == f"='{SHEET}'!{col}{r}+1"
    assert ws.print_area == f"'{SHEET}'!$A$1:$H${below}"
    assert ws.print_title_rows == "$1:$3"  # above every edit: unchanged
    t0, t1 = third.first_row, third.last_row
    assert wb.defined_names["第三个表"].attr_text == f"'{SHEET}'!$A${t0}:$H${t1}"
    # cached results are recomputed on opening
    assert b'fullCalcOnLoad="1"' in _members(book)["xl/workbook.xml"]
    assert comparable(dump_document(load_document(book))) == comparable(dump_document(doc))


def test_edit_without_moving_rows_leaves_names_alone(book):
    before = _members(book)
    doc, doc_map = read_document(book)
    doc.projects[3].indicators[0].value = "≥99%"
    save_document(doc, book, source_map=doc_map)
    after = _members(book)
    changed = sorted(n for n in before if before[n] != after[n])
    # the edited sheet, and the workbook asking for a recalculation (it has formulas)
    assert changed == ["xl/workbook.xml", "xl/worksheets/sheet2.xml"]
    wb = openpyxl.load_workbook(book)
    assert wb[SHEET].print_area == before_print_area(before)


def before_print_area(members) -> str:
    import re
    m = re.search(rb'_xlnm.Print_Area"[^>]*>([^<]+)<', members["xl/workbook.xml"])
    return m.group(1).decode() if m else ""


def test_changed_unit_is_written_in_place(tmp_path):
    src = tmp_path / "dz.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", src)
    before = _members(src)
    doc, doc_map = read_document(src)
    doc.projects[1].budget.unit = "元"
    save_document(doc, src, source_map=doc_map)
    after = _members(src)
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet2.xml"]
    again = load_document(src)
    assert [p.budget.unit for p in again.projects[:3]] == ["万元", "元", "万元"]
    doc.projects[1].budget.unit = "万元"  # and back, on the same open document
    save_document(doc, src, source_map=doc_map)
    assert load_document(src).projects[1].budget.unit == "万元"


def test_changed_unit_in_a_bracketed_label(tmp_path):
    src = tmp_path / "mof.xlsx"
    shutil.copy(OWN_FIXTURES / "xlsx" / "mof2021_per_sheet.xlsx", src)
    doc, doc_map = read_document(src)
    doc.projects[0].budget.unit = "元"
    save_document(doc, src, source_map=doc_map)
    again = load_document(src)
    assert again.projects[0].budget.unit == "元" and again.projects[1].budget.unit == "万元"
    assert again.projects[0].variant.labels["budget.total"] == "资金总额(元):"


@pytest.mark.parametrize("layout", ["hebei-project", "mof-project"])
def test_unit_written_in_a_new_workbook(tmp_path, layout):
    doc, doc_map = read_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    for p in doc.projects:
        p.budget.unit = "元"
    out = tmp_path / "new.xlsx"
    save_document(doc, out, layout=layout, source_map=doc_map)
    assert {p.budget.unit for p in load_document(out).projects} == {"元"}


def test_comments_and_pictures_move_with_their_rows(tmp_path):
    """A reviewer's comment (批注) on the second form's 项目名称 and a seal's picture beside it
    stay there when rows are added to the first form above them (the comment's cell, its VML
    shape and the picture's anchor all move)."""
    from openpyxl.comments import Comment

    from perfeditor.io import plan_save
    from perfeditor.model import dump_document
    from tests.workbooks import with_picture

    src = tmp_path / "stacked.xlsx"
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "mof2015_national_stacked.xlsx")
    ws = wb.worksheets[0]
    assert ws["A20"].value == "项目名称"  # the second form's
    ws["A20"].comment = Comment("请核对项目名称", "财政局")
    wb.save(src)
    with_picture(src, "xl/worksheets/sheet1.xml", 19)
    doc, smap = read_document(src)
    first = doc.projects[0]
    first.indicators.insert(0, first.indicators[0].copy_fresh())
    first.indicators[0].level3 = "新增指标"
    first.indicators.insert(0, first.indicators[1].copy_fresh())
    plan = plan_save(doc, src, source_map=smap)
    assert plan.losses == []
    plan.write()
    assert dump_document(load_document(src))["projects"] == dump_document(doc)["projects"]
    ws = openpyxl.load_workbook(src).worksheets[0]
    assert ws["A22"].value == "项目名称" and ws["A22"].comment.text == "请核对项目名称"
    with zipfile.ZipFile(src) as zf:
        vml = next(zf.read(n) for n in zf.namelist() if n.endswith(".vml"))
        drawing = zf.read("xl/drawings/drawing1.xml")
    assert b"Row>21<" in vml and b"Row>19<" not in vml
    assert b"<xdr:row>21</xdr:row>" in drawing


def test_comments_and_pictures_move_with_their_forms(tmp_path):
    """Two forms on a sheet swapped: the comment on the second form's 项目名称 and the picture
    beside it go with that form to the top (before, the sheet's comments asked for a rebuild)."""
    from openpyxl.comments import Comment

    from perfeditor.io import plan_save
    from tests.workbooks import with_picture

    src = tmp_path / "stacked.xlsx"
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "mof2015_national_stacked.xlsx")
    wb.worksheets[0]["A20"].comment = Comment("请核对项目名称", "财政局")
    wb.save(src)
    with_picture(src, "xl/worksheets/sheet1.xml", 19)
    doc, smap = read_document(src)
    doc.projects.reverse()
    plan = plan_save(doc, src, source_map=smap)
    assert plan.losses == []
    plan.write()
    ws = openpyxl.load_workbook(src).worksheets[0]
    (cell,) = [c for row in ws.iter_rows() for c in row if c.comment]
    assert cell.value == "项目名称" and "农村危房改造2" in [c.value for c in ws[cell.row]] and cell.row < 19
    with zipfile.ZipFile(src) as zf:
        vml = next(zf.read(n) for n in zf.namelist() if n.endswith(".vml"))
        drawing = zf.read("xl/drawings/drawing1.xml")
    assert f"Row>{cell.row - 1}<".encode() in vml
    assert f"<xdr:row>{cell.row - 1}</xdr:row>".encode() in drawing
