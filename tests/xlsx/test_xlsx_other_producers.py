"""Saving in place over workbooks as other producers write them (WPS 表格, generators, Excel):
the same promises as for our fixtures — the edit is written, nothing else changes."""
from __future__ import annotations

import re
import shutil
import zipfile

import openpyxl
import pytest
from lxml import etree
from xlsx_helpers import saved_as_asked

from perfeditor.io import plan_save, read_document
from perfeditor.io.xlsx.cells import read_grids
from perfeditor.model import Indicator, dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES
from tests.workbooks import with_notes_sheet

_N = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _variant(tmp_path, name, change) -> tuple:
    """A copy of the fixture ``name`` (or the file at that path) whose worksheets ``change(root)``
    rewrote."""
    src = OWN_FIXTURES / "xlsx" / name if isinstance(name, str) else name
    dst = tmp_path / src.name.replace("src", "variant")
    members = _members(src)
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


def _ignored_errors(root) -> None:
    """As Excel keeps them when a clerk hides the green triangles of amounts typed as text."""
    root.append(etree.fromstring(f'<ignoredErrors xmlns="{_N[1:-1]}"><ignoredError sqref="B6:F10 D16:D18" '
                                 'numberStoredAsText="1"/></ignoredErrors>'))


def test_ignored_errors_below_added_rows_move_with_them(tmp_path):
    path, _ = _variant(tmp_path, "mof2021_per_sheet.xlsx", _ignored_errors)
    doc, places = read_document(path)
    p = doc.projects[0]
    p.indicators.insert(0, Indicator(level1="成本指标", level2="经济成本指标", level3="新增指标", value="≤1元"))
    saved_as_asked(doc, path, places)
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert 'sqref="B6:F10 D16:D19"' in sheet  # (the amounts above stay; a range to the last row grows)


def _stacked_with_ranges(tmp_path, sqref: str):
    """The public sample's sheet of 20 stacked forms with a conditional format and a list
    validation on ``sqref`` (and a note row below the forms, as WPS 表格 keeps a 填表说明)."""
    src = tmp_path / "src.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", src)

    def ranges(root) -> None:
        if int(root.find(f"{_N}dimension").get("ref").rpartition(":")[2][1:]) < 200:
            return  # (the stacked forms' sheet only)
        root.find(f"{_N}sheetData").append(etree.fromstring(
            f'<row xmlns="{_N[1:-1]}" r="290"><c r="A290" t="inlineStr"><is><t>填表说明</t></is></c></row>'))
        root.find(f"{_N}mergeCells").addnext(etree.fromstring(
            f'<conditionalFormatting xmlns="{_N[1:-1]}" sqref="{sqref}"><cfRule type="containsBlanks" '
            'dxfId="0" priority="1"><formula>LEN(TRIM(A290))=0</formula></cfRule></conditionalFormatting>'))
        root.find(f"{_N}pageMargins").addprevious(etree.fromstring(
            f'<dataValidations xmlns="{_N[1:-1]}" count="1"><dataValidation type="list" sqref="{sqref}">'
            '<formula1>"是,否"</formula1></dataValidation></dataValidations>'))
    return _variant(tmp_path, src, ranges)


def test_forms_moved_on_a_sheet_whose_ranges_lie_outside_them_move_in_place(tmp_path):
    path, before = _stacked_with_ranges(tmp_path, "A290:G295")
    doc, places = read_document(path)
    doc.projects[0], doc.projects[3] = doc.projects[3], doc.projects[0]
    again = saved_as_asked(doc, path, places)  # in place: nothing asked
    assert dump_document(again) == dump_document(doc)  # (the titles renumbered)
    after = _members(path)
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet2.xml"]
    sheet = after["xl/worksheets/sheet2.xml"].decode()
    assert sheet.count('sqref="A290:G295"') == 2 and "填表说明" in sheet


def test_a_range_inside_a_moved_form_moves_with_it(tmp_path):
    path, _ = _stacked_with_ranges(tmp_path, "A3:G3")  # (a row of the first form)
    doc, places = read_document(path)
    row = _row_texts(path)[3]
    doc.projects[0], doc.projects[3] = doc.projects[3], doc.projects[0]
    saved_as_asked(doc, path, places)  # in place: nothing asked
    r = next(r for r, texts in _row_texts(path).items() if r > 3 and texts == row)
    sheet = _members(path)["xl/worksheets/sheet2.xml"].decode()
    assert sheet.count(f'sqref="A{r}:G{r}"') == 2


def _row_texts(path) -> dict[int, list[str]]:
    """Row → the texts of the form sheet's row."""
    grid = list(read_grids(path))[1]
    return {r: grid.row_texts(r) for r in range(1, grid.max_row + 1)}


def test_forms_moved_under_a_range_across_forms_ask_first(tmp_path):
    path, _ = _stacked_with_ranges(tmp_path, "A3:G40")  # (the first form and the next)
    doc, places = read_document(path)
    doc.projects[0], doc.projects[3] = doc.projects[3], doc.projects[0]
    assert plan_save(doc, path, source_map=places).losses


def test_forms_moved_below_a_referenced_form_move_in_place(tmp_path):
    """A formula on another sheet reading the first form's 预算数 and the sheet's print titles
    (its top rows, 顶端标题行) point at rows that a swap of the 3rd and 4th forms leaves in place."""
    from openpyxl.utils import get_column_letter

    doc, places = read_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    r, c = places.of(doc.projects[0]).cells["budget.total"]
    sheet = places.of(doc.projects[0]).sheet
    path, notes = with_notes_sheet(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", tmp_path / "d.xlsx",
                                   formula=f"='{sheet}'!{get_column_letter(c)}{r}")
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    titles = f"<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'{sheet}'!$1:$2</definedName>"
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(b"</sheets>", f"</sheets>{titles}</definedNames>".encode())
    with zipfile.ZipFile(path, "w") as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    doc, places = read_document(path)
    doc.projects[2], doc.projects[3] = doc.projects[3], doc.projects[2]
    again = saved_as_asked(doc, path, places)  # in place: nothing asked
    assert [p.name for p in again.projects] == [p.name for p in doc.projects]
    after = _members(path)
    assert [n for n in members if members[n] != after[n]] == ["xl/worksheets/sheet2.xml"]


@pytest.mark.parametrize("name", ["hebei_graded.xlsx", "mof2021_per_sheet.xlsx", "multi_hebei_project.xlsx"])
def test_a_note_beside_the_title_leaves_the_title_a_title(name, tmp_path):
    """A date set at the right of a form's title row (填报日期 as a clerk's Excel keeps it) made the
    row no title: the form read with no title nor name. Renamed and grown, the form is saved in
    place and the note stays where it was."""
    src = OWN_FIXTURES / "xlsx" / name
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    col = ws.max_column + 2
    ws.cell(1, col).value = "2024-05-06"
    wb.save(tmp_path / name)
    want = dump_document(read_document(src)[0])
    doc, places = read_document(tmp_path / name)
    assert dump_document(doc) == want
    p = doc.projects[0]
    p.title, p.name = p.title.replace("绩效目标表", "改绩效目标表"), p.name + "改"
    p.indicators.append(p.indicators[-1].model_copy(update={"level3": "新增指标"}))
    saved = dump_document(saved_as_asked(doc, tmp_path / name, places))
    assert saved == dump_document(read_document(tmp_path / name)[0]) and saved["projects"][0]["title"] == p.title
    assert openpyxl.load_workbook(tmp_path / name).worksheets[0].cell(1, col).value == "2024-05-06"


def test_a_title_beside_a_label_or_a_long_text_is_no_title_row():
    """Only a short note beside a title leaves the row a title row: a label (项目名称) or a second
    title beside it is a row of a table."""
    from perfeditor.forms.grid import Rows
    from perfeditor.forms.header import row_title
    from perfeditor.io.xlsx.grid import Grid

    title, rows = "1、城建管理经费绩效目标表", ["2024-05-06", "项目名称", "2、路灯维护经费绩效目标表"]
    grid = Grid.from_parts("表", {**{(r, 1): title for r in (1, 2, 3)}, **{(r, 3): t for r, t in enumerate(rows, 1)}}, [])
    g = Rows.of(grid)
    assert [row_title(g, r) for r in (1, 2, 3)] == [(title, 1), None, None]
