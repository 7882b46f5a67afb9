"""The national department form's heading — the file's own heading lines (``某县…2024年部门预算``),
the title and ``（单位：万元）`` — composed once (compose_department) and written by both writers:
the file reads back to the same document, the heading lines kept as the file's preamble."""
from __future__ import annotations

import openpyxl
import pytest

from perfeditor.forms.compose import compose_department
from perfeditor.io import load_document, read_document, save_document
from perfeditor.model import Department, dump_document
from tests.conftest import OWN_FIXTURES

HEADING = "某县住房和城乡建设局2024年部门预算"


def test_composed_with_its_heading_and_unit_line():
    t = compose_department(Department(form="table"), [HEADING])
    assert t.heading == [HEADING] and t.title == "部门整体支出绩效目标申报表" and t.unit_line == "（单位：万元）"
    dep = Department(form="table")
    dep.budget.unit = "元"
    assert compose_department(dep).unit_line == "（单位：元）" and compose_department(dep).heading == []


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("src", ["docx/department_table.docx", "xlsx/department_table.xlsx"])
def test_both_formats_write_the_heading_and_read_back_the_same(src, suffix, tmp_path):
    doc, _ = read_document(OWN_FIXTURES / src)
    doc.preamble = f"{HEADING}\n{doc.preamble}"
    out = tmp_path / f"out{suffix}"
    save_document(doc, out)
    again = load_document(out)
    assert dump_document(again) == dump_document(doc)
    assert again.preamble.split("\n")[0] == HEADING  # (the budget year survives the file)


def test_the_workbook_prints_heading_title_and_unit_above_the_table(tmp_path):
    doc, _ = read_document(OWN_FIXTURES / "docx" / "department_table.docx")
    doc.preamble = HEADING
    out = tmp_path / "out.xlsx"
    save_document(doc, out)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert [ws.cell(r, 1).value for r in range(1, 5)] == [HEADING, "部门整体支出绩效目标申报表", "（单位：万元）",
                                                          "部门名称"]
    assert ws.cell(3, 1).alignment.horizontal == "right" and ws.cell(3, 1).border.left.style is None
    assert {str(m) for m in ws.merged_cells.ranges} >= {"A1:G1", "A2:G2", "A3:G3"}
