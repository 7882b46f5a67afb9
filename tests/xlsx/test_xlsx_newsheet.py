"""A project added to a workbook of one form per sheet gets a new sheet copied from a
neighbouring form's sheet; every other member stays byte-identical."""
from __future__ import annotations

import re
import shutil
import zipfile

import openpyxl
from xlsx_helpers import comparable

from perfeditor.io import load_document, read_document, save_document
from perfeditor.model import Indicator, Project, dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES

_PART = re.compile(r"^xl/worksheets/sheet\d+\.xml$")


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _new_project(doc, k, name):
    new = Project.model_validate(doc.projects[k].model_dump())  # (a new uid: not in the map)
    new.name = name
    new.code = "NEW-" + name if new.code else ""  # mof forms have no 项目编码
    new.title = f"{name}绩效目标表"
    new.indicators = new.indicators[:2] + [Indicator(level1="效益指标", level2="社会效益指标",
                                                     level3="新指标", value="明显")]
    return new


def test_added_projects_get_copies_of_a_neighbouring_sheet(tmp_path):
    dst = tmp_path / "leting.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "leting_2024.xlsx", dst)
    before = _members(dst)
    doc, doc_map = read_document(dst)
    doc.projects.insert(3, _new_project(doc, 2, "新增项目甲"))
    doc.projects.insert(4, _new_project(doc, 0, "新增项目乙"))
    doc.projects.append(_new_project(doc, 5, "末尾项目"))
    save_document(doc, dst, source_map=doc_map)  # numbered titles follow: the 18 forms after the new ones get +2
    want = comparable(dump_document(doc))
    after = _members(dst)
    changed = sorted(n for n in before if before[n] != after[n])
    assert changed[:3] == ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/workbook.xml"]
    assert len(changed) == 3 + 18 and all(n.startswith("xl/worksheets/sheet") for n in changed[3:])
    assert [p.title.split(".")[0] for p in doc.projects] == [str(k) for k in range(1, 25)]
    added = sorted(set(after) - set(before))
    assert len(added) == 3 and all(_PART.match(n) for n in added)
    got, got_map = read_document(dst)
    assert comparable(dump_document(got)) == want
    # the sheets are named after their forms (number and name): new ones so, later ones renumbered
    assert [got_map.of(p).sheet for p in got.projects[3:5]] == ["4.新增项目甲", "5.新增项目乙"]
    assert got_map.of(got.projects[-1]).sheet == "24.末尾项目"
    assert all(got_map.of(p).sheet.split(".")[0] == p.title.split(".")[0] for p in got.projects)
    # the copy keeps the template sheet's column widths, page setup and row look
    tmpl = before["xl/worksheets/sheet3.xml"]
    for part in added[:1]:
        for tag in (rb"<cols>.*?</cols>", rb"<pageSetup[^>]*/>"):
            assert re.search(tag, after[part]).group(0) == re.search(tag, tmpl).group(0)
    # later saves patch the new sheets in place
    got.projects[3].goals = "再改"
    save_document(got, dst, source_map=got_map)
    assert load_document(dst).projects[3].goals == "再改"


def test_print_titles_follow_the_sheets(tmp_path):
    src = tmp_path / "mof.xlsx"
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "mof2021_per_sheet.xlsx")
    for ws in wb.worksheets:
        ws.print_title_rows = "1:2"
        ws.print_area = "A1:F30"
    wb.active = 1
    wb.save(src)
    doc, doc_map = read_document(src)
    doc.projects.insert(1, _new_project(doc, 0, "中间项目"))
    doc.projects.append(_new_project(doc, 0, "末尾项目"))  # after the active sheet
    save_document(doc, src, source_map=doc_map)
    wb = openpyxl.load_workbook(src)
    assert wb.sheetnames == ["老旧小区改造1", "中间项目", "老旧小区改造2", "末尾项目"]
    for ws in wb.worksheets:
        assert ws.print_title_rows == "$1:$2"
        assert ws.print_area.startswith(f"'{ws.title}'!$A$1:$F$")
    assert wb["老旧小区改造1"].print_area.endswith("$F$30")
    assert wb["老旧小区改造2"].print_area.endswith("$F$30")
    assert wb.active.title == "老旧小区改造2"  # the active tab is the same sheet as before
    assert sum(1 for ws in wb.worksheets if ws.sheet_view.tabSelected) == 1
    got = load_document(src)
    assert comparable(dump_document(got)) == comparable(dump_document(doc))


def test_moved_projects_move_their_sheets_in_place(tmp_path):
    from perfeditor.io import plan_save
    from tests.workbooks import NOTES, with_notes_sheet

    src = tmp_path / "mof.xlsx"
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "mof2021_per_sheet.xlsx")
    for ws in wb.worksheets:
        ws.print_title_rows = "1:2"
    wb.active = 1
    wb.save(src)
    path, notes = with_notes_sheet(src, tmp_path / "noted.xlsx")
    before = _members(path)
    doc, doc_map = read_document(path)
    first, second = doc.projects
    doc.projects[:] = [second, first]
    plan = plan_save(doc, path, source_map=doc_map)
    assert plan.losses == []  # moved in place: the notes sheet, its formula and picture stay
    plan.write()
    after = _members(path)
    assert after[notes] == before[notes] and after["xl/media/image1.png"] == before["xl/media/image1.png"]
    assert [n for n in before if before[n] != after[n]] == ["xl/workbook.xml"]  # only the sheet order
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["老旧小区改造2", "老旧小区改造1", NOTES]
    assert all(ws.print_title_rows == "$1:$2" for ws in wb.worksheets[:2])  # local names follow
    assert wb.active.title == "老旧小区改造2"  # the same sheet as before is active
    got = load_document(path)
    assert comparable(dump_document(got)) == comparable(dump_document(doc))
    # the map follows the new order: a further edit saves in place again
    doc.projects[1].goals = "移动后再改"
    assert plan_save(doc, path, source_map=doc_map).losses == []
    save_document(doc, path, source_map=doc_map)
    assert load_document(path).projects[1].goals == "移动后再改"


def test_a_new_first_project_gets_a_sheet_in_front(tmp_path):
    from perfeditor.io import plan_save

    dst = tmp_path / "leting.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "leting_2024.xlsx", dst)
    before = _members(dst)
    doc, doc_map = read_document(dst)
    first_sheet = doc_map.of(doc.projects[0]).sheet
    doc.projects.insert(0, _new_project(doc, 2, "最前面的项目"))
    plan = plan_save(doc, dst, source_map=doc_map)
    assert plan.losses == []
    plan.write()
    wb = openpyxl.load_workbook(dst)
    assert wb.sheetnames[:2] == ["1.最前面的项目", "2." + first_sheet.split(".", 1)[1]]  # (named after the titles)
    got = load_document(dst)
    assert comparable(dump_document(got)) == comparable(dump_document(doc))
    assert got.projects[0].title.startswith("1.") and got.projects[1].title.startswith("2.")
    assert len(set(_members(dst)) - set(before)) == 1  # one new sheet part
