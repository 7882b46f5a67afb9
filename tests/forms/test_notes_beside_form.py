"""A note right of a form's table (备注, a date, 单位：万元, a clerk's remark beside the title, 项目名称,
资金 or 优/良/中/差 rows) is not the form's: the form reads as without it (same layout, same values)."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest
from lxml import etree

from perfeditor.forms.recognize import detect_header
from perfeditor.io import load_document
from perfeditor.io.docx.grid import build_grid
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES

NOTES = ["备注", "2024年1月5日", "单位：万元", "待核实：数据来自统计局"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _xlsx_with_notes(tmp_path, name: str, note: str, rows=None):
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / name)
    ws = wb.worksheets[0]
    col = ws.max_column + 1
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value in ("三级指标", "绩效指标描述"))
    for r in rows or [r for r in range(1, header + 2) if r != header]:  # (under it: 优/良/中/差, or an indicator)
        ws.cell(r, col).value = note
    out = tmp_path / name
    wb.save(out)
    return out


def test_a_labelled_column_right_of_the_indicator_header_is_read(tmp_path):
    """备注 beside 一级指标 … heads a column of the form: its indicators' notes are read."""
    path = _xlsx_with_notes(tmp_path, "multi_hebei_project.xlsx", "备注", rows=[10, 11])
    got = load_document(path).projects[0]
    assert got.variant.indicator_columns[-1] == "note" and got.indicators[0].note == "备注"


def _dump(path) -> dict:
    return dump_document(load_document(path))


@pytest.mark.parametrize("note", NOTES)
@pytest.mark.parametrize("name", ["hebei_graded.xlsx", "mof2021_per_sheet.xlsx", "multi_hebei_project.xlsx"])
def test_a_note_right_of_a_sheets_header_rows_is_not_read(name, note, tmp_path):
    want = _dump(OWN_FIXTURES / "xlsx" / name)
    assert _dump(_xlsx_with_notes(tmp_path, name, note)) == want


@pytest.mark.parametrize("row", [1, 2, 4])
def test_a_note_beside_one_row_keeps_the_graded_form(row, tmp_path):
    """(Row 4 is the 优/良/中/差 row under the indicator header; row 1 the title, row 2 绩效目标.)"""
    want = _dump(OWN_FIXTURES / "xlsx" / "hebei_graded.xlsx")
    got = _dump(_xlsx_with_notes(tmp_path, "hebei_graded.xlsx", "备注", rows=[row]))
    assert got["layout"] == "hebei-graded" and got == want


def test_a_value_in_the_forms_own_cell_is_still_read_beside_a_note(tmp_path):
    path = _xlsx_with_notes(tmp_path, "mof2021_per_sheet.xlsx", "待核实", rows=[10, 11])
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0]["B10"] = "5"
    wb.save(path)
    got = _dump(path)["projects"][0]
    assert got["budget"]["other"] == "5"
    assert got["goals"] == _dump(OWN_FIXTURES / "xlsx" / "mof2021_per_sheet.xlsx")["projects"][0]["goals"]


def docx_with_note_column(src, dst, note: str) -> None:
    """``src`` with one narrow grid column added right of each form's table, holding ``note`` in
    the header-block rows only (the indicator rows end before it: ``w:gridAfter``)."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    for tbl in root.iter(_q("tbl")):
        g = build_grid(tbl)
        head = next((r for r in range(len(g)) if detect_header(g, r) is not None), 0)
        if not head:
            continue
        etree.SubElement(tbl.find(_q("tblGrid")), _q("gridCol")).set(_q("w"), "300")
        for k, tr in enumerate(tbl.findall(_q("tr"))):
            if k < head:
                tc = etree.SubElement(tr, _q("tc"))
                etree.SubElement(etree.SubElement(tc, _q("tcPr")), _q("tcW")).set(_q("w"), "300")
                etree.SubElement(etree.SubElement(etree.SubElement(tc, _q("p")), _q("r")), _q("t")).text = note
                continue
            trpr = tr.find(_q("trPr"))
            if trpr is None:
                trpr = etree.Element(_q("trPr"))
                tr.insert(1 if len(tr) and tr[0].tag == _q("tblPrEx") else 0, trpr)
            etree.SubElement(trpr, _q("gridAfter")).set(_q("val"), "1")
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)


@pytest.mark.parametrize("note", NOTES)
@pytest.mark.parametrize("name", ["hebei_graded.docx", "hebei_project.docx", "mof_2015.docx", "mof_2021.docx"])
def test_a_note_column_beside_a_tables_header_rows_is_not_read(name, note, tmp_path):
    """(hebei_project.docx holds a form split over two tables: the second, without the note
    column, still continues it.)"""
    dst = tmp_path / name
    docx_with_note_column(OWN_FIXTURES / "docx" / name, dst, note)
    assert _dump(dst) == _dump(OWN_FIXTURES / "docx" / name)


@pytest.mark.parametrize(("name", "col", "unit"), [("hebei_graded.xlsx", "H", "单位：万元"),
                                                   ("mof2021_per_sheet.xlsx", "F", "单位：元")])
def test_a_unit_at_the_right_of_the_title_row_leaves_the_title(name, col, unit, tmp_path):
    """1、…绩效目标表 over all but the last column, 单位：万元 in it: both are read."""
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / name)
    ws = wb.worksheets[0]
    ws.unmerge_cells(next(m.coord for m in ws.merged_cells.ranges if m.min_row == 1))
    ws.merge_cells(f"A1:{chr(ord(col) - 1)}1")
    ws[f"{col}1"] = unit
    wb.save(tmp_path / name)
    doc = load_document(tmp_path / name)
    assert dump_document(doc) == _dump(OWN_FIXTURES / "xlsx" / name)
    assert doc.projects[0].budget.unit == unit[3:]


def test_a_unit_line_right_of_the_table_still_names_the_unit(tmp_path):
    """单位：元 set right of the table (past its edge, no border): no value of the form, but the
    unit of its amounts all the same, when the table itself names none (it read as 万元)."""
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "multi_hebei_project.xlsx")
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "单位：万元")
    ws.cell(cell.row, ws.max_column + 1).value = "单位：元"
    cell.value = None
    path = tmp_path / "unit_outside.xlsx"
    wb.save(path)
    doc = load_document(path)
    assert doc.projects[0].budget.unit == "元"
    want = _dump(OWN_FIXTURES / "xlsx" / "multi_hebei_project.xlsx")
    assert _dump(path) == want  # (nothing else read differently)
