"""Saving over an opened .xlsx: only the edited forms change."""
from __future__ import annotations

import shutil
import zipfile

import openpyxl
import pytest
from xlsx_helpers import comparable

from perfeditor.io import load_document, read_document, save_document
from perfeditor.model import Indicator, Project, dump_document
from tests.conftest import PUBLIC_FIXTURES


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.fixture(params=["dingzhou_2020.xlsx", "leting_2024.xlsx"])
def copy(request, tmp_path):
    dst = tmp_path / request.param
    shutil.copy(PUBLIC_FIXTURES / request.param, dst)
    return dst


def test_unedited_save_keeps_every_member(copy, tmp_path):
    before = _members(copy)
    doc, doc_map = read_document(copy)
    assert save_document(doc, copy, source_map=doc_map) == []
    assert _members(copy) == before
    other = tmp_path / "saved_as.xlsx"
    save_document(doc, other, source_map=doc_map)
    assert _members(other) == before
    assert comparable(dump_document(load_document(other))) == comparable(dump_document(doc))


def test_edited_save_changes_only_the_edited_values(copy):
    before = _members(copy)
    doc, doc_map = read_document(copy)
    original = comparable(dump_document(doc))
    p = doc.projects[1]
    p.budget.total = "123.45"
    p.indicators[0].value = "≥99%"
    save_document(doc, copy, source_map=doc_map)
    after = _members(copy)
    changed = [n for n in before if before[n] != after[n]]
    assert len(changed) == 1 and changed[0].startswith("xl/worksheets/")
    again = comparable(dump_document(load_document(copy)))
    original["projects"][1]["budget"]["total"] = "123.45"
    original["projects"][1]["indicators"][0]["value"] = "≥99%"
    assert again == original


def test_rows_added_and_removed_keep_merges(copy):
    doc, doc_map = read_document(copy)
    p, q = doc.projects[1], doc.projects[3]
    p.indicators.insert(0, Indicator(level1=p.indicators[0].level1, level2="新二级指标",
                                     level3="新增一", value="≥1次"))
    p.indicators.append(Indicator(level1=p.indicators[-1].level1, level2=p.indicators[-1].level2,
                                  level3="新增二", value="100%"))
    q.indicators.pop()
    want = comparable(dump_document(doc))
    save_document(doc, copy, source_map=doc_map)
    got, got_map = read_document(copy)
    assert comparable(dump_document(got)) == want
    # saved again after the first save: the recorded positions followed the shifted rows
    got.projects[2].goals = "改过的目标"
    save_document(got, copy, source_map=got_map)
    assert load_document(copy).projects[2].goals == "改过的目标"
    wb = openpyxl.load_workbook(copy)
    ref = got_map.of(got.projects[1])
    ws = wb[ref.sheet]
    block = ref.block
    merged = [str(m) for m in ws.merged_cells.ranges
              if m.min_row >= block.data_row and m.max_row <= block.end]
    assert any(m.startswith("A") and ":A" in m for m in merged)  # 一级指标 merged down


def test_formula_text_survives_in_place(copy):
    doc, doc_map = read_document(copy)
    text = '=HYPERLINK("http://x","y")'
    doc.projects[0].name = text
    doc.projects[0].indicators[0].level3 = "+1"
    save_document(doc, copy, source_map=doc_map)
    again = load_document(copy)
    assert again.projects[0].name == text and again.projects[0].indicators[0].level3 == "+1"
    wb = openpyxl.load_workbook(copy)
    assert not any(isinstance(c.value, str) and c.data_type == "f"
                   for ws in wb.worksheets for row in ws.iter_rows() for c in row)
    # and Excel keeps them text when the clerk edits the cell again: the quote prefix is set
    guarded = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if c.value in (text, "+1")]
    assert len(guarded) == 2 and all(c.quotePrefix for c in guarded)
    plain = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value and c.value[0] not in "=+-@"]
    assert plain and not any(c.quotePrefix for c in plain)


def test_removed_and_reordered_projects_are_saved_faithfully(copy):
    doc, doc_map = read_document(copy)
    del doc.projects[2]
    doc.projects[0], doc.projects[1] = doc.projects[1], doc.projects[0]
    save_document(doc, copy, source_map=doc_map)  # (numbered titles follow)
    want = comparable(dump_document(doc))
    assert comparable(dump_document(load_document(copy))) == want


def test_saves_after_a_rebuild_stay_faithful(copy):
    doc, doc_map = read_document(copy)
    del doc.projects[0]  # forces a rebuilt workbook
    save_document(doc, copy, source_map=doc_map)
    doc.projects[0].indicators.pop()
    doc.projects[-1].goals = "再次修改"
    want = comparable(dump_document(doc))
    save_document(doc, copy, source_map=doc_map)
    assert comparable(dump_document(load_document(copy))) == want


def test_department_edit_rewrites_only_its_sheet(tmp_path):
    dst = tmp_path / "d.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", dst)
    before = _members(dst)
    doc, doc_map = read_document(dst)
    doc.department.overall += "\n新增一段总体目标。"
    doc.department.items[0].goal = "改写后的分项目标"
    doc.department.items.pop()
    want = comparable(dump_document(doc))
    save_document(doc, dst, source_map=doc_map)
    after = _members(dst)
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet1.xml"]
    assert comparable(dump_document(load_document(dst))) == want


def test_projects_added_to_a_stacked_sheet_copy_a_sibling_form(tmp_path):
    dst = tmp_path / "s.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", dst)
    before = _members(dst)
    doc, doc_map = read_document(dst)
    new = Project.model_validate(doc.projects[4].model_dump())  # (a new uid: not in the map)
    new.title, new.name, new.code = "22、新增项目绩效目标表", "新增项目", "NEW-1"
    new.indicators = new.indicators[:1] + [Indicator(level1="效益指标", level2="社会效益指标",
                                                     level3="新指标", value="明显")]
    doc.projects.insert(5, new)
    doc.projects.append(Project.model_validate(new.model_dump() | {"name": "末尾项目", "title": "23、末尾项目绩效目标表"}))
    save_document(doc, dst, source_map=doc_map)  # numbered titles follow the new ones
    assert [doc.projects[k].title for k in (5, -1)] == ["6、新增项目绩效目标表", "23、末尾项目绩效目标表"]
    assert [p.title.split("、")[0] for p in doc.projects] == [str(k) for k in range(1, 24)]
    want = comparable(dump_document(doc))
    after = _members(dst)
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet2.xml"]
    got, got_map = read_document(dst)
    assert comparable(dump_document(got)) == want
    got.projects[5].goals = "再改"
    save_document(got, dst, source_map=got_map)
    assert load_document(dst).projects[5].goals == "再改"


def _row_cells(path, sheet, row):
    """Column → the ``<c>`` element's XML of ``row`` on ``sheet`` (as saved)."""
    from lxml import etree

    from perfeditor.io.xlsx.sheetxml import _N, sheet_paths, split_ref

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read(sheet_paths(zf)[sheet]))
    (el,) = [r for r in root.iter(f"{_N}row") if r.get("r") == str(row)]
    return {split_ref(c.get("r"))[1]: etree.tostring(c) for c in el.iter(f"{_N}c")}


@pytest.mark.parametrize("field", ["value", "level3"])
def test_a_value_edit_rewrites_only_that_cell_of_its_indicator_row(copy, field):
    """One indicator cell edited: every other cell of its row keeps its ``<c>`` element byte for
    byte (its shared string, style, number). The whole row was rewritten: shared strings turned
    inline, numbers rewritten."""
    doc, doc_map = read_document(copy)
    p = doc.projects[1]
    place = doc_map.of(p)
    k = 1
    row, col = place.block.rows[k], place.block.cols[field]
    before = _row_cells(copy, place.sheet, row)
    setattr(p.indicators[k], field, "改过的内容")
    save_document(doc, copy, source_map=doc_map)
    after = _row_cells(copy, place.sheet, row)
    assert set(after) == set(before) and after[col] != before[col]
    assert {c: x for c, x in after.items() if c != col} == {c: x for c, x in before.items() if c != col}
    assert getattr(load_document(copy).projects[1].indicators[k], field) == "改过的内容"
