"""A form whose indicator block has not come yet (a header block only: a clerk's form not filled
in, or a sheet whose indicator table was deleted) is read from an .xlsx as from a .docx
(``BodyForms.kept()``); its values are patched in place, and indicator rows added to it are written
as an indicator block under its header block, everything else kept (issue 10)."""
from __future__ import annotations

import zipfile

import openpyxl
from lxml import etree
from openpyxl.styles import Border, Side
from xlsx_helpers import comparable

from perfeditor.io import plan_save, read_document, save_document
from perfeditor.model import Indicator, dump_document
from tests.workbooks import HEADER_ONLY_NOTE as NOTE
from tests.workbooks import HEADER_ONLY_T1 as T1
from tests.workbooks import HEADER_ONLY_WIDTH as WIDTH
from tests.workbooks import header_only_document as _document
from tests.workbooks import header_only_workbook as _workbook

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHEET = "xl/worksheets/sheet1.xml"

def _values(path):
    ws = openpyxl.load_workbook(path).active
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}, \
        sorted(str(m) for m in ws.merged_cells.ranges)


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _rows_xml(data: bytes, rows) -> dict[int, bytes]:
    root = etree.fromstring(data)
    return {int(r.get("r")): etree.tostring(r) for r in root.iter(f"{NS}row") if int(r.get("r")) in rows}


def _row(ref: str) -> int:
    return int(ref.split(":")[0].lstrip("ABCDEFGH"))


def _shifted(ref: str, n: int) -> str:
    return ":".join(f"{a.rstrip('0123456789')}{int(a.lstrip('ABCDEFGH')) + n}" for a in ref.split(":"))


def test_a_header_only_form_is_read_from_xlsx_as_from_docx(tmp_path):
    xdoc, xmap = read_document(_workbook(tmp_path / "forms.xlsx"))
    ddoc, _ = read_document(_document(tmp_path / "forms.docx"))
    assert comparable(dump_document(xdoc)) == comparable(dump_document(ddoc))
    first, second = xdoc.projects
    assert (first.title, first.name, first.code, first.goals, first.indicators) == \
        (T1, "道路维护", "P-001", "完成道路维护20公里", [])
    assert [i.level3 for i in second.indicators] == ["处理量", "达标率"]
    place = xmap.of(first)
    assert place.block is None and place.cols == (1, WIDTH)  # its table's columns, not the note's
    assert place.cells["goals"] == [5, 2] and place.cells["code"] == [2, 5]
    assert xmap.of(second).block is not None


def test_a_value_edit_is_patched_in_place(tmp_path):
    path = _workbook(tmp_path / "forms.xlsx")
    before, values, merges = _members(path), *_values(path)
    doc, doc_map = read_document(path)
    doc.projects[0].goals = "完成道路维护25公里"
    doc.projects[0].code = "P-009"
    assert save_document(doc, path, source_map=doc_map) == []
    after = _members(path)
    assert [n for n in before if before[n] != after[n]] == [SHEET]
    # every row but the edited form's as it was, byte for byte; its other values as they were
    assert _rows_xml(after[SHEET], range(6, 30)) == _rows_xml(before[SHEET], range(6, 30))
    got, got_merges = _values(path)
    assert got == {**values, "B5": "完成道路维护25公里", "E2": "P-009"} and got_merges == merges
    assert comparable(dump_document(read_document(path)[0])) == comparable(dump_document(doc))
    assert doc_map.of(doc.projects[0]).block is None  # still a form without an indicator block


def test_indicators_added_are_written_under_the_header_block(tmp_path):
    path = _workbook(tmp_path / "forms.xlsx")
    values, merges = _values(path)
    doc, doc_map = read_document(path)
    p = doc.projects[0]
    p.goals = "完成道路维护25公里"
    p.indicators = [Indicator(level1="产出指标", level2="数量指标", level3="维护长度", value="25公里"),
                    Indicator(level1="产出指标", level2="质量指标", level3="合格率", value="100%"),
                    Indicator(level1="效益指标", level2="社会效益指标", level3="通行条件改善", value="明显改善")]
    second = dump_document(doc)["projects"][1]
    assert save_document(doc, path, source_map=doc_map) == []
    again, again_map = read_document(path)
    assert comparable(dump_document(again)) == comparable(dump_document(doc))
    assert dump_document(again)["projects"][1] == second
    assert p.variant.indicator_columns == again.projects[0].variant.indicator_columns != []  # the file's now
    block = again_map.of(again.projects[0]).block
    assert (block.header_row, block.rows) == (6, [7, 8, 9])  # right under the header block
    n = 4  # the indicator header and three rows
    got, got_merges = _values(path)
    moved = {k: v for k, v in values.items() if _row(k) >= 6}
    kept = {k: v for k, v in values.items() if k not in moved}
    assert {k: got[k] for k in kept} == {**kept, "B5": "完成道路维护25公里"}  # the header block stays
    for k, v in moved.items():  # the form after it and the note: n rows further down, unchanged
        assert got[_shifted(k, n)] == v
    below = {m for m in merges if _row(m) >= 6}
    assert set(merges) - below <= set(got_merges)
    assert {_shifted(m, n) for m in below} <= set(got_merges)
    ws = openpyxl.load_workbook(path).active
    assert ws["A6"].value == "一级指标" and ws["A7"].value == "产出指标"
    boxed = [ws.cell(6, c) for c in range(1, WIDTH + 1) if ws.cell(6, c).value] + [ws[f"C{r}"] for r in (7, 8, 9)]
    assert len(boxed) >= 7 and all(c.border.left.style == "thin" for c in boxed)  # styled as the header block
    assert "A7:A8" in {str(m) for m in ws.merged_cells.ranges}  # 一级指标 merged down over its run
    assert ws.cell(6, WIDTH + 1).value is None  # nothing written beyond the table's columns
    # the next save patches the new block's rows in place
    p.indicators[1].value = "≥98%"
    assert save_document(doc, path, source_map=doc_map) == []
    assert comparable(dump_document(read_document(path)[0])) == comparable(dump_document(doc))
    assert openpyxl.load_workbook(path).active[_shifted(NOTE, n)].value == "备注：本表不含附件。"


def test_a_table_too_narrow_for_the_indicator_block_is_not_overwritten_without_asking(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = T1
    box = Border(left=Side(style="thin"), top=Side(style="thin"))
    for r, (label, value) in enumerate([("项目名称", "道路维护"), ("项目编码", "P-001"), ("绩效目标", "完成")], 2):
        ws.cell(r, 1, label).border = box
        ws.cell(r, 2, value).border = box
    path = tmp_path / "narrow.xlsx"
    wb.save(path)
    before = path.read_bytes()
    doc, doc_map = read_document(path)
    assert doc_map.of(doc.projects[0]).cols == (1, 2)
    doc.projects[0].indicators = [Indicator(level1="产出指标", level2="数量指标", level3="长度", value="1")]
    plan = plan_save(doc, path, source_map=doc_map)
    assert len(plan.losses) == 1 and "原表格的列数不够写入新增的绩效指标" in plan.losses[0]
    assert path.read_bytes() == before  # nothing written before the clerk is asked


def test_a_weight_in_the_block_written_under_a_header_block_is_a_number(tmp_path):
    """权重 written as a number cell, as the in-place writer writes it (form_values), not as text;
    a weight the cell's format cannot show as typed stays text; all read back as typed."""
    path = _workbook(tmp_path / "forms.xlsx")
    doc, doc_map = read_document(path)
    p = doc.projects[0]
    p.indicators = [Indicator(level1="产出指标", level2="数量指标", level3="维护长度", value="25公里", weight="30"),
                    Indicator(level1="产出指标", level2="质量指标", level3="合格率", value="100%", weight="2.5"),
                    Indicator(level1="效益指标", level2="社会效益指标", level3="通行改善", value="明显", weight="约10")]
    assert save_document(doc, path, source_map=doc_map) == []
    ws = openpyxl.load_workbook(path).active
    col = next(c for c in range(1, WIDTH + 1) if ws.cell(6, c).value == "权重")
    assert [ws.cell(r, col).value for r in (7, 8, 9)] == [30, 2.5, "约10"]
    assert [ws.cell(r, col).data_type for r in (7, 8)] == ["n", "n"]
    assert [i.weight for i in read_document(path)[0].projects[0].indicators] == ["30", "2.5", "约10"]
