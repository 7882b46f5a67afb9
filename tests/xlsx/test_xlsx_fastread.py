"""The reader's fast path (sheet XML read directly) gives what openpyxl's normal mode gives."""
from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from openpyxl.styles import Border, Side
from xlsx_helpers import openpyxl_grids, read_with_openpyxl

from perfeditor.io.source import SourceMap
from perfeditor.io.xlsx import cells
from perfeditor.io.xlsx.grid import Grid
from perfeditor.io.xlsx.reader import read_xlsx
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES

ALL_XLSX = sorted(PUBLIC_FIXTURES.glob("*.xlsx")) + sorted((OWN_FIXTURES / "xlsx").glob("*.xlsx"))


def _same_grids(fast: list[Grid], slow: list[Grid]) -> None:
    assert [g.title for g in fast] == [g.title for g in slow]
    for f, s in zip(fast, slow, strict=False):
        assert f.text == s.text, f.title
        assert f.span == s.span and f.covered == s.covered
        assert f.row_cols == s.row_cols and (f.max_row, f.max_col) == (s.max_row, s.max_col)
        assert {k: f.bordered(*k) for k in f.text} == {k: s.bordered(*k) for k in s.text}


def _variants(doc, places):
    return [(p.variant.model_dump() if hasattr(p.variant, "model_dump") else p.variant,
             places.of(p)) for p in doc.projects]


@pytest.mark.parametrize("path", ALL_XLSX, ids=lambda p: p.name)
def test_fast_path_reads_every_fixture_as_openpyxl_does(path, monkeypatch):
    _same_grids(cells.read_grids(path), openpyxl_grids(path))  # no silent fallback either
    fast_map, slow_map = SourceMap(), SourceMap()
    fast, slow = read_xlsx(path, fast_map), read_with_openpyxl(path, slow_map)
    assert dump_document(fast) == dump_document(slow)
    assert _variants(fast, fast_map) == _variants(slow, slow_map)
    assert fast_map.department == slow_map.department
    assert fast.preamble == slow.preamble and fast.layout == slow.layout


def _edge_workbook(path, date1904=False):
    wb = openpyxl.Workbook()
    if date1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "边角"
    thin = Side(style="thin")
    ws["A1"] = "标题"
    ws["A1"].border = Border(left=thin, top=thin)
    ws.merge_cells("A1:D1")
    ws["A2"], ws["B2"], ws["C2"], ws["D2"] = 500, 0.25, 36.4, 1234.5
    ws["A2"].number_format, ws["B2"].number_format = "0.00", "0%"
    ws["D2"].number_format = "#,##0.00"
    ws["A3"] = dt.datetime(2024, 12, 31)
    ws["A3"].number_format = 'yyyy"年"m"月"d"日"'
    ws["B3"] = dt.timedelta(hours=30)
    ws["B3"].number_format = "[h]:mm:ss"
    ws["C3"], ws["D3"] = True, " "
    ws["A4"] = "=HYPERLINK(\"http://x\",\"y\")"
    ws["B4"] = "多行\n文字  "
    ws["C4"].border = Border(top=thin)  # styled, empty
    ws.merge_cells("A5:B7")
    ws["A5"] = "合并"
    ws["F9"] = "远处"
    wb.save(path)


def _patch_member(path, name, edit):
    with zipfile.ZipFile(path) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info, edit(data) if info.filename == name else data)


@pytest.mark.parametrize("date1904", [False, True])
def test_fast_path_edge_cells(tmp_path, date1904):
    path = tmp_path / "edge.xlsx"
    _edge_workbook(path, date1904)
    fast = cells.read_grids(path)
    _same_grids(fast, openpyxl_grids(path))
    g = fast[0]
    assert g.text[(2, 1)] == "500.00" and g.text[(2, 2)] == "25%" and g.text[(2, 4)] == "1,234.50"
    assert g.text[(3, 1)] == "2024年12月31日" and g.text[(3, 3)] == "TRUE"
    assert (3, 4) not in g.text and g.text[(4, 2)] == "多行\n文字"
    assert g.bordered(1, 1) and not g.bordered(4, 2)


def test_fast_path_shared_rich_phonetic_strings_and_cached_formulas(tmp_path):
    """Shared strings with runs and phonetic text, a formula's cached value, cells without
    a reference, an error value: hand-written XML, compared with openpyxl."""
    path = tmp_path / "raw.xlsx"
    _edge_workbook(path)
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    sst = (f'<sst {ns} count="3" uniqueCount="3"><si><t>项目名称</t></si>'
           '<si><r><rPr><b/></rPr><t>绩效</t></r><r><t xml:space="preserve">目标 </t></r>'
           '<rPh sb="0" eb="1"><t>ジ</t></rPh></si><si><t>a_x005F_x000D_b</t></si></sst>')
    sheet = (f'<worksheet {ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
             '<c t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>'
             '<row><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"x"</f><v>文本</v></c>'
             '<c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="n"><v>1.5E3</v></c></row>'
             '<row r="5"><c r="A5" t="inlineStr"><is><t>内联</t></is></c>'
             '<c r="C5" t="inlineStr"><is><t>被合并</t></is></c></row>'
             '</sheetData><mergeCells count="1"><mergeCell ref="B5:C6"/></mergeCells></worksheet>')

    def add_sst(data: bytes) -> bytes:
        return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                            b'"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                            b'sharedStrings+xml"/></Types>')

    def add_rel(data: bytes) -> bytes:
        return data.replace(b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.'
                            b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                            b'Target="sharedStrings.xml"/></Relationships>')

    _patch_member(path, "xl/worksheets/sheet1.xml", lambda _: sheet.encode())
    _patch_member(path, "[Content_Types].xml", add_sst)
    _patch_member(path, "xl/_rels/workbook.xml.rels", add_rel)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", sst)
    fast = cells.read_grids(path)
    _same_grids(fast, openpyxl_grids(path))
    g = fast[0]
    assert g.text[(1, 1)] == "项目名称" and g.text[(1, 2)] == "绩效目标" and g.text[(1, 4)] == "ab"
    assert g.text[(2, 1)] == "2" and g.text[(2, 2)] == "文本" and g.text[(2, 3)] == "#N/A"
    assert g.text[(2, 4)] == "1500" and g.text[(5, 1)] == "内联" and g.span[(5, 2)] == (6, 3)
    assert (5, 3) not in g.text  # a value under a merge is not shown
