"""A workbook whose sheets are named after their forms (leting_2024.xlsx: ``21.住建局办公楼局部改造工程``,
number and name, cut to Excel's 31 characters, without ``[]``): after 复制项目, a project moved or
removed, the sheet names follow the renumbered titles (issue 10); formulas and defined names that
refer to a renamed sheet follow it; a sheet not named after its own form keeps its name."""
from __future__ import annotations

import re
import shutil
import zipfile

from perfeditor.io import read_document, save_document
from perfeditor.io.xlsx.sheetnames import clean, named_after, rename_sheets, sheet_name_for
from tests.conftest import PUBLIC_FIXTURES

LAST = "21.住建局办公楼局部改造工程"


def _copy(tmp_path, change=None):
    """leting_2024.xlsx, its members changed by ``change`` ({member: bytes → bytes})."""
    path = tmp_path / "leting.xlsx"
    if not change:
        shutil.copy(PUBLIC_FIXTURES / "leting_2024.xlsx", path)
        return path
    with zipfile.ZipFile(PUBLIC_FIXTURES / "leting_2024.xlsx") as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change[info.filename](data) if info.filename in change else data)
    return path


def _sheets(path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return re.findall(r'<sheet [^>]*name="([^"]*)"', zf.read("xl/workbook.xml").decode())


def _duplicate(doc, smap, k):
    p = doc.projects[k]
    copy = p.copy_fresh()
    copy.name = f"{p.name}（副本）"  # as 复制项目 does
    smap.note_copy(copy, p)
    doc.projects.insert(k + 1, copy)


def _numbers_match(path) -> None:
    """Every sheet holds the form its name numbers."""
    doc, smap = read_document(path)
    for p in doc.projects:
        assert smap.of(p).sheet.split(".")[0] == p.title.split(".")[0], (smap.of(p).sheet, p.title)


def test_reading_notes_the_sheets_named_after_their_forms():
    doc, smap = read_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    assert {smap.of(p).sheet_named for p in doc.projects} == {("{n}.", "name")}
    fourth = doc.projects[3]  # its name has [2023]: left out of the sheet name, cut to 31 characters
    assert smap.of(fourth).sheet == "4.2023年农村地区气代煤电代煤市级补助资金（唐财建2023"
    assert sheet_name_for(("{n}.", "name"), "9" + fourth.title[1:], fourth.name) \
        == "9.2023年农村地区气代煤电代煤市级补助资金（唐财建2023"


def test_named_after_the_title_or_the_name():
    title = "3、城建管理经费绩效目标表"
    assert named_after("3、城建管理经费", title, "城建管理经费") == ("{n}、", "name")
    assert named_after("3.城建管理经费绩效目标表", title, "") == ("{n}.", "title")
    assert named_after("3.城建管理经费", title, "") == ("{n}.", "short")
    assert named_after("4.城建管理经费", title, "城建管理经费") is None  # another number
    assert named_after("城建管理经费", title, "城建管理经费") == ("", "name")  # the name alone
    assert named_after("城建管理经费", "城建管理经费绩效目标表", "城建管理经费") == ("", "name")
    assert sheet_name_for(("", "name"), "5、城建管理专项经费绩效目标表", "城建管理专项经费") == "城建管理专项经费"
    assert sheet_name_for(("", "name"), title, "") is None  # no name now: the sheet keeps its own
    assert named_after("Sheet3", title, "城建管理经费") is None
    assert sheet_name_for(("{n}.", "name"), "城建管理经费绩效目标表", "城建管理经费") is None  # title unnumbered
    assert clean("1.a[b]:c*d?e/f\\g" + "长" * 40) == "1.abcdefg" + "长" * 22


def test_a_copied_project_gets_a_numbered_sheet(tmp_path):
    path = _copy(tmp_path)
    doc, smap = read_document(path)
    before = _sheets(path)
    _duplicate(doc, smap, 20)
    save_document(doc, path, source_map=smap)
    assert _sheets(path) == [*before, "22.住建局办公楼局部改造工程（副本）"]
    _numbers_match(path)


def test_a_moved_project_renumbers_the_sheets(tmp_path):
    path = _copy(tmp_path)
    doc, smap = read_document(path)
    doc.projects.insert(0, doc.projects.pop(20))
    save_document(doc, path, source_map=smap)
    names = _sheets(path)
    assert names[:2] == ["1.住建局办公楼局部改造工程", "2.2019年农村地区既有建筑节能改造项目（上年结转）"]
    assert names[4] == "5.2023年农村地区气代煤电代煤市级补助资金（唐财建2023"
    _numbers_match(path)
    doc, smap = read_document(path)  # the map of the file as saved: a further edit patches in place
    doc.projects[0].goals = "再改"
    save_document(doc, path, source_map=smap)
    assert read_document(path)[0].projects[0].goals == "再改"


def test_a_removed_project_renumbers_the_sheets_after_it(tmp_path):
    path = _copy(tmp_path)
    doc, smap = read_document(path)
    del doc.projects[1]
    save_document(doc, path, source_map=smap)
    assert _sheets(path)[1:3] == ["2.2023年部分中央财政保障性安居工程补助资金", "3.2023年农村地区气代煤电代煤市级补助资金（唐财建2023"]
    _numbers_match(path)


def _with_references(data: bytes) -> bytes:
    """Sheet 1 gets a formula pointing at sheet 21 (in B40)."""
    return re.sub(rb"</sheetData>", "<row r=\"40\"><c r=\"B40\"><f>'21.住建局办公楼局部改造工程'!B3</f></c></row>"
                  "</sheetData>".encode(), data, count=1)


def _with_names(data: bytes) -> bytes:
    """Print titles of sheet 21 and a workbook name pointing at it."""
    names = ("<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"20\">"
             f"'{LAST}'!$1:$3</definedName><definedName name=\"经费\">'{LAST}'!$B$3</definedName>"
             "</definedNames>")
    return data.replace(b"<definedNames/>", names.encode())


def test_formulas_and_names_follow_a_renamed_sheet(tmp_path):
    path = _copy(tmp_path, {"xl/worksheets/sheet1.xml": _with_references, "xl/workbook.xml": _with_names})
    doc, smap = read_document(path)
    doc.projects.insert(0, doc.projects.pop(20))
    save_document(doc, path, source_map=smap)
    with zipfile.ZipFile(path) as zf:
        wb = zf.read("xl/workbook.xml").decode()
        first = zf.read("xl/worksheets/sheet1.xml").decode()
    assert LAST not in wb.split("<sheets>")[1]
    assert "'1.住建局办公楼局部改造工程'!$1:$3" in wb and "'1.住建局办公楼局部改造工程'!$B$3" in wb
    assert "<f>'1.住建局办公楼局部改造工程'!B3</f>" in first
    _numbers_match(path)


def test_a_sheet_not_named_after_its_form_keeps_its_name(tmp_path):
    path = _copy(tmp_path, {"xl/workbook.xml": lambda d: d.replace(LAST.encode(), "办公楼改造".encode())})
    doc, smap = read_document(path)
    assert smap.of(doc.projects[20]).sheet_named is None
    doc.projects.insert(0, doc.projects.pop(20))
    save_document(doc, path, source_map=smap)
    assert _sheets(path)[:2] == ["办公楼改造", "2.2019年农村地区既有建筑节能改造项目（上年结转）"]


def test_a_rebuilt_workbook_names_its_sheets_after_the_titles(tmp_path):
    doc, smap = read_document(_copy(tmp_path))
    _duplicate(doc, smap, 0)
    doc.path = None  # written anew (no original to patch), arranged as read
    out = tmp_path / "新.xlsx"
    save_document(doc, out, source_map=smap)
    assert _sheets(out)[:3] == ["1.2019年农村地区既有建筑节能改造项目（上年结转）",
                                "2.2019年农村地区既有建筑节能改造项目（上年结转）（副本）",
                                "3.2020年老旧小区改造项目（上年结转）"]
    _numbers_match(out)


def test_a_sheet_another_part_refers_to_keeps_its_name():
    parts = {"xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                b'<sheets><sheet name="1.A"/><sheet name="2.B"/></sheets></workbook>',
             "xl/charts/chart1.xml": "<c:f>'1.A'!$B$2</c:f>".encode()}
    out = rename_sheets(parts.__getitem__, set(parts), {"1.A": "2.A", "2.B": "3.B"})
    assert re.findall(r'name="([^"]*)"', out["xl/workbook.xml"].decode()) == ["1.A", "3.B"]
    # a new name another sheet keeps: not taken twice
    out = rename_sheets(parts.__getitem__, set(parts), {"2.B": "1.A"})
    assert out == {}


def test_the_sheet_titles_of_app_xml_follow():
    parts = {"xl/workbook.xml": b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                b'<sheets><sheet name="1.A"/><sheet name="2.B"/></sheets></workbook>',
             "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                                 'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
                                 '2006/docPropsVTypes"><TitlesOfParts><vt:vector size="2" baseType="lpstr">'
                                 '<vt:lpstr>1.A</vt:lpstr><vt:lpstr>2.B</vt:lpstr></vt:vector></TitlesOfParts>'
                                 '</Properties>'.encode()}
    out = rename_sheets(parts.__getitem__, set(parts), {"2.B": "3.B"})
    assert re.findall(r"<vt:lpstr>([^<]*)</vt:lpstr>", out["docProps/app.xml"].decode()) == ["1.A", "3.B"]


def test_a_sheet_named_after_the_project_alone_follows_a_new_name(tmp_path):
    """A sheet named after its project without a number (``城建管理经费``) takes the project's new
    name when the clerk renames it; the form's title number plays no part."""
    name = read_document(_copy(tmp_path))[0].projects[20].name
    path = _copy(tmp_path, {"xl/workbook.xml": lambda data: data.replace(LAST.encode(), name.encode())})
    doc, smap = read_document(path)
    last = doc.projects[20]
    assert smap.of(last).sheet == name and smap.of(last).sheet_named == ("", "name")
    last.name = "住建局办公楼改造"
    save_document(doc, path, source_map=smap)
    assert _sheets(path)[-1] == "住建局办公楼改造"
    again, smap2 = read_document(path)
    assert again.projects[20].name == "住建局办公楼改造" and smap2.of(again.projects[20]).sheet == "住建局办公楼改造"
