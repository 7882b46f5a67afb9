"""The file's own heading (``乐亭县…2027年部门预算``) in a new workbook: centred and bold on top of
the file — above 第一部分 of a narrative department part, above the first form without one — as a
new .docx prints it, so converting says nothing is left out and the workbook reads back the same,
the heading not taken for part of the narrative."""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from perfeditor.authoring.new import FORM_KINDS, new_document
from perfeditor.forms.narrative import heading_lines
from perfeditor.io import load_document, plan_save, read_document, save_document
from perfeditor.model import Department, Document, dump_document
from tests.conftest import OWN_FIXTURES

HEADING = "乐亭县住房和城乡建设局2027年部门预算"


def _converted(src, out):
    """``src`` read and written as ``out`` by a plan that leaves nothing out; ``out`` read back."""
    doc, smap = read_document(src)
    plan = plan_save(doc, out, source_map=smap)
    assert plan.losses == []
    plan.write()
    return doc, load_document(out)


@pytest.mark.parametrize("department", [True, False])
@pytest.mark.parametrize("kind", sorted(FORM_KINDS))
def test_a_new_forms_heading_is_written_on_top_and_reads_back(kind, department, tmp_path):
    src = tmp_path / "new.docx"
    save_document(new_document(kind, department, name="乐亭县住房和城乡建设局", code="333002", year=2027), src)
    doc, back = _converted(src, tmp_path / "new.xlsx")
    assert dump_document(back) == dump_document(doc)
    assert back.preamble.split("\n")[0] == HEADING and heading_lines(back) == [HEADING]
    ws = openpyxl.load_workbook(tmp_path / "new.xlsx").worksheets[0]
    assert ws["A1"].value == HEADING and ws["A1"].font.b and ws["A1"].alignment.horizontal == "center"
    if department and FORM_KINDS[kind].layout != "mof-project":
        assert [ws.cell(r, 1).value for r in (2, 3)] == ["第一部分", "部门整体绩效目标"]
        assert back.department.overall == ""
    again = tmp_path / "again.docx"
    _converted(tmp_path / "new.xlsx", again)
    assert load_document(again).preamble.count(HEADING) == 1  # (written once, not also as a paragraph)


def test_a_filled_narrative_reads_back_without_its_heading(tmp_path):
    """A narrative whose items' lines begin ``绩效目标:`` (the file's preamble holds them too): the
    heading row alone stands above 第一部分."""
    doc, _ = read_document(OWN_FIXTURES / "acceptance" / "seed001_beidaihe.docx")
    doc.preamble = f"{HEADING}\n{doc.preamble}"
    out = tmp_path / "out.xlsx"
    save_document(doc, out)
    back = load_document(out)
    assert dump_document(back) == dump_document(doc)
    assert heading_lines(back) == [HEADING]
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert [ws.cell(r, 1).value for r in range(1, 5)] == [HEADING, "第一部分", "部门整体绩效目标", "一、总体绩效目标"]


def test_a_line_without_a_word_is_no_heading():
    """A lone page number (a .docx's footer text among the paragraphs), a figure of another table."""

    assert heading_lines(Document(preamble=f"1\n{HEADING}\n1500.00")) == [HEADING]


def test_a_perf_json_keeps_the_heading_and_says_nothing_is_left_out(tmp_path):
    src = tmp_path / "new.docx"
    save_document(new_document("hebei-project", name="乐亭县住房和城乡建设局", year=2027), src)
    _, back = _converted(src, tmp_path / "new.perf.json")
    assert heading_lines(back) == [HEADING]


def test_a_sentence_of_the_disclosure_is_no_heading():
    """平乡's preamble holds the disclosure's first sentences (``2020年，我部门…``): they tell the year
    but are text, not the heading a new file prints on top."""
    doc = load_document(OWN_FIXTURES / "acceptance" / "seed003_pingxiang.docx")
    assert heading_lines(doc) == ["2020年部门预算信息公开"]
    assert heading_lines(Document(preamble=f"{HEADING}\n注：本表为示例。\n2024年，我局安排经费1万元。")) == [HEADING]


def test_another_tables_cells_are_no_heading(tmp_path):
    """The stacked national workbook's second sheet holds a 收支预算总表 (its title, 项目 · 金额 …):
    a new file made from it printed them as heading lines above the forms."""
    src = OWN_FIXTURES / "xlsx" / "mof2015_national_stacked.xlsx"
    assert heading_lines(load_document(src)) == []
    for suffix in (".docx", ".xlsx"):
        save_document(load_document(src), tmp_path / f"out{suffix}")  # (a new file, not a copy of the workbook)
        back = load_document(tmp_path / f"out{suffix}")
        assert "收支预算总表" not in back.preamble and "金额" not in back.preamble.split("\n")
    assert heading_lines(load_document(OWN_FIXTURES / "docx" / "hebei_project.docx")) == []  # (部门收支总表)
    assert heading_lines(Document(preamble=f"项目\n金额\n{HEADING}\n收支预算总表")) == [HEADING]


def test_the_files_heading_above_other_tables_is_kept(tmp_path):
    """A cover sheet: the heading (a form title telling the year too) above a row of several cells
    (a table's row, not a heading)."""
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "mof2015_national_stacked.xlsx")
    ws = wb.create_sheet("封面", 0)
    ws["A1"], ws["A2"] = HEADING, "乐亭县2027年项目支出绩效目标表"
    ws["A3"], ws["B3"], ws["C3"] = "单位名称", "乐亭县住房和城乡建设局", "2027年"
    wb.save(tmp_path / "cover.xlsx")
    assert heading_lines(load_document(tmp_path / "cover.xlsx")) == [HEADING, "乐亭县2027年项目支出绩效目标表"]
    assert heading_lines(Document(preamble="1、2019年老旧小区改造绩效目标表")) == []  # (a form's: removed since)


def test_a_sheets_name_is_a_heading_only_when_it_tells_the_year(tmp_path):
    """The .xlsx reader keeps a sheet's name for the heading when it tells the year (2027年项目…);
    a name such as 项目绩效目标 or Sheet1 was printed above the forms of a new file."""
    assert heading_lines(load_document(OWN_FIXTURES / "xlsx" / "hebei_graded.xlsx")) == []  # (项目绩效目标)
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "hebei_graded.xlsx")
    for name, heading in (("Sheet1", []), ("乐亭县2027年项目绩效目标", ["乐亭县2027年项目绩效目标"])):
        wb.worksheets[0].title = name
        wb.save(tmp_path / "named.xlsx")
        assert heading_lines(load_document(tmp_path / "named.xlsx")) == heading


@pytest.mark.parametrize("department", [None, "narrative", "table"])
def test_a_workbook_without_forms_keeps_the_heading(department, tmp_path):
    """No project forms (only a department part, or nothing at all): the new workbook prints the
    heading on top, as the new .docx does (an empty workbook had an empty sheet)."""
    dep = None if department is None else Department(form=department, name="乐亭县住房和城乡建设局")
    for suffix in (".docx", ".xlsx"):
        save_document(Document(preamble=HEADING, department=dep), tmp_path / f"out{suffix}")
    with zipfile.ZipFile(tmp_path / "out.docx") as z:
        assert re.search(r"<w:t[^>]*>([^<]*)<", z.read("word/document.xml").decode()).group(1) == HEADING
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert ws["A1"].value == HEADING and ws["A1"].font.b and ws["A1"].alignment.horizontal == "center"
