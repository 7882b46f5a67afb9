"""Saving in place over workbooks as other producers write them (WPS 表格, generators, Excel):
the same promises as for our fixtures — the edit is written, nothing else changes."""
from __future__ import annotations

import re
import zipfile

from lxml import etree
from xlsx_helpers import saved_as_asked

from perfeditor.io import read_document
from perfeditor.model import Indicator, dump_document
from tests.conftest import OWN_FIXTURES

_N = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _variant(tmp_path, name: str, change) -> tuple:
    """A copy of the fixture ``name`` whose worksheets ``change(root)`` rewrote."""
    dst = tmp_path / name
    members = _members(OWN_FIXTURES / "xlsx" / name)
    for member, data in members.items():
        if re.match(r"xl/worksheets/sheet\d+\.xml$", member):
            root = etree.fromstring(data)
            change(root)
            members[member] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return dst, members


def _without_numbers(root) -> None:
    """Rows and cells without ``r`` where it is implied (the row after the last, the next column)."""
    for row in root.iter(f"{_N}row"):
        del row.attrib["r"]
        for k, c in enumerate(row.findall(f"{_N}c")):
            if c.get("r", "").startswith("ABCDEFGH"[k]):
                del c.attrib["r"]


def test_rows_and_cells_without_numbers_are_patched_in_place(tmp_path):
    path, before = _variant(tmp_path, "hebei_graded.xlsx", _without_numbers)
    doc, places = read_document(path)
    p = doc.projects[0]
    p.indicators.insert(1, Indicator(level1=p.indicators[0].level1, level3="新增指标", description="新增",
                                     grades={"优": "≥1", "良": "≥0.9", "中": "≥0.8", "差": "<0.8"}))
    p.indicators[0].basis = "改过的依据"
    want = dump_document(doc)
    assert dump_document(saved_as_asked(doc, path, places)) == want  # (no rebuild asked first)
    after = _members(path)
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet1.xml"]


def _form_ranges(root) -> None:
    """As a clerk's Excel keeps them: a conditional format over the whole form (A1:F18), a count
    of its indicators below it (beside the form), and (in the workbook) a print area that is
    exactly the form."""
    anchor = root.find(f"{_N}mergeCells")
    anchor.addnext(etree.fromstring(
        f'<conditionalFormatting xmlns="{_N[1:-1]}" sqref="A1:F18"><cfRule type="containsBlanks" '
        'dxfId="0" priority="1"><formula>LEN(TRIM(A1))=0</formula></cfRule></conditionalFormatting>'))
    root.find(f"{_N}sheetData").append(etree.fromstring(
        f'<row xmlns="{_N[1:-1]}" r="20"><c r="H20"><f>COUNTA(C14:C18)</f><v>5</v></c></row>'))


def test_ranges_ending_on_the_forms_last_row_grow_with_added_indicators(tmp_path):
    path, _ = _variant(tmp_path, "mof2021_per_sheet.xlsx", _form_ranges)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b"</sheets>", ('</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'
                      "'老旧小区改造1'!$A$1:$F$18</definedName></definedNames>").encode())
    with zipfile.ZipFile(path, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    doc, places = read_document(path)
    p = doc.projects[0]
    p.indicators += [Indicator(level1="满意度指标", level2="服务对象满意度指标", level3="新增指标", value="≥90%")
                     for _ in range(2)]
    saved_as_asked(doc, path, places)
    with zipfile.ZipFile(path) as zf:
        sheet, book = zf.read("xl/worksheets/sheet1.xml").decode(), zf.read("xl/workbook.xml").decode()
    assert "'老旧小区改造1'!$A$1:$F$20" in book  # the added rows are printed
    assert 'sqref="A1:F20"' in sheet and "COUNTA(C14:C20)" in sheet and '<c r="H22">' in sheet
