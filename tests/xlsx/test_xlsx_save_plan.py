"""The save plan for .xlsx: what a save cannot keep is known before anything is written, and
projects removed from a workbook are removed in place (other sheets, formulas, pictures kept)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from xlsx_helpers import comparable, saved_as_asked

from perfeditor.io import load_document, plan_save, read_document, save_document
from perfeditor.model import dump_document
from tests.conftest import PUBLIC_FIXTURES
from tests.workbooks import NOTES, with_notes_sheet


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.fixture(params=["dingzhou_2020.xlsx", "leting_2024.xlsx"])
def noted(request, tmp_path):
    """A public sample (stacked forms / one form per sheet) with a notes sheet added."""
    return with_notes_sheet(PUBLIC_FIXTURES / request.param, tmp_path / request.param)


def _notes_intact(path, before, member):
    after = _members(path)
    for name in ("xl/media/image1.png", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"):
        assert after[name] == before[name]
    wb = openpyxl.load_workbook(path)
    ws = wb[NOTES]
    assert ws["A3"].value == "=SUM(A1:A2)" and ws["B1"].value == "说明：本表由财务科汇总。"
    notes_member = [n for n in after if n.startswith("xl/worksheets/sheet") and b"drawing" in after[n]
                    and b"SUM(A1:A2)" in after[n]]
    assert len(notes_member) == 1


@pytest.mark.parametrize("which", [0, 1, -1])
def test_removing_a_project_keeps_the_notes_sheet(noted, which):
    path, member = noted
    before = _members(path)
    doc, doc_map = read_document(path)
    gone = doc.projects[which].name
    del doc.projects[which]
    plan = plan_save(doc, path, source_map=doc_map)  # (numbered titles close the gap)
    want = comparable(dump_document(doc))
    assert plan.losses == []
    assert plan.write() == []
    _notes_intact(path, before, member)
    again, again_map = read_document(path)
    assert comparable(dump_document(again)) == want
    assert gone not in [p.name for p in again.projects]
    # the document now points at the saved file: a further edit saves in place too
    again.projects[0].goals = "再次修改的目标"
    assert plan_save(again, path, source_map=again_map).losses == []
    save_document(again, path, source_map=again_map)
    assert load_document(path).projects[0].goals == "再次修改的目标"
    _notes_intact(path, before, member)


def test_removing_several_projects_from_one_sheet(tmp_path):
    path, member = with_notes_sheet(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", tmp_path / "d.xlsx")
    doc, doc_map = read_document(path)
    del doc.projects[5:8]
    del doc.projects[1]
    save_document(doc, path, source_map=doc_map)
    want = comparable(dump_document(doc))
    assert comparable(dump_document(load_document(path))) == want
    ws = openpyxl.load_workbook(path)[doc_map.of(doc.projects[0]).sheet]
    titles = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.endswith("绩效目标表")]
    assert len(titles) == sum(p.title.endswith("绩效目标表") for p in doc.projects)


def test_a_save_that_cannot_keep_something_says_so_before_writing(noted):
    path, _ = noted
    doc, doc_map = read_document(path)
    del doc.projects[:]  # every form removed: not done in place
    before = path.read_bytes()
    plan = plan_save(doc, path, source_map=doc_map)
    (line,) = plan.losses
    assert "重新生成整个工作簿" in line and f"工作表“{NOTES}”" in line and "公式" in line and "图片" in line
    assert re.search(r"[\u4e00-\u9fff]", line) and "Error" not in line
    assert path.read_bytes() == before  # nothing written yet
    # the caller that goes on anyway gets the same line in the report
    assert line in plan.write()
    assert NOTES not in openpyxl.load_workbook(path).sheetnames


def test_nothing_changed_leaves_the_file_untouched(noted):
    path, _ = noted
    before = path.read_bytes()
    doc, doc_map = read_document(path)
    plan = plan_save(doc, path, source_map=doc_map)
    assert plan.losses == [] and plan.write() == []
    assert path.read_bytes() == before


def _split_workbook(path):
    from tests.xlsx.test_xlsx_split_forms import _split_workbook as make

    make(path, repeat_header=True)


def test_one_cell_edit_on_a_split_form_keeps_the_repeated_rows(tmp_path):
    path = tmp_path / "split.xlsx"
    _split_workbook(path)
    rows_before = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    doc, doc_map = read_document(path)
    assert doc.projects[0].variant.split
    doc.projects[0].indicators[2].value = "显著"
    save_document(doc, path, source_map=doc_map)
    rows_after = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    changed = [(r, a, b) for r, (a, b) in enumerate(zip(rows_before, rows_after, strict=True)) if a != b]
    assert len(changed) == 1 and changed[0][2][4] == "显著"  # one row, the value column
    again, again_map = read_document(path)
    assert again.projects[0].variant.split
    assert again.projects[0].indicators[2].value == "显著"
    # and a header edit does not touch the indicator block either
    again.projects[0].goals = "新的目标"
    save_document(again, path, source_map=again_map)
    rows_last = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    assert sum(a != b for a, b in zip(rows_after, rows_last, strict=True)) == 1
    assert load_document(path).projects[0].variant.split


def test_a_field_the_sheet_has_no_row_for_is_named_in_chinese(tmp_path):
    """乐亭's forms have no 实施单位/项目属性 row: the in-place save says so with the field's
    Chinese name (the clerk read “原表中没有“implementer”一栏”)."""
    path = tmp_path / "leting_2024.xlsx"
    path.write_bytes((PUBLIC_FIXTURES / "leting_2024.xlsx").read_bytes())
    doc, smap = read_document(path)
    doc.projects[0].implementer, doc.projects[0].kind = "乐亭县住建局", "延续项目"
    report = plan_save(doc, path, source_map=smap).write()
    assert any("原表中没有“实施单位”一栏" in line for line in report), report
    assert any("原表中没有“项目属性”一栏" in line for line in report), report
    assert not any(re.search("[a-z_]{4,}", line) for line in report), report


def test_a_name_printed_in_the_title_is_not_reported_missing(tmp_path):
    """河北分级表 forms without a 项目名称 row hold the name in their title: an edit elsewhere in
    the project saved in place does not warn “原表中没有“项目名称”一栏……未写入” (it is written)."""
    path = tmp_path / "multi_hebei_graded.xlsx"
    path.write_bytes((Path(__file__).parents[1] / "fixtures" / "xlsx" / "multi_hebei_graded.xlsx").read_bytes())
    doc, smap = read_document(path)
    project = doc.projects[1]
    assert project.name and project.name in project.title
    project.goals += "。"
    report = plan_save(doc, path, source_map=smap).write()
    assert not [line for line in report if "项目名称" in line], report
    assert load_document(path).projects[1].name == project.name


def test_new_projects_before_and_after_the_first_form_stand_where_the_tree_puts_them(tmp_path):
    """A project added in front of the first form and another right after it: each is saved
    where it stands (the second was also put in front of the first form)."""
    import shutil

    from perfeditor.model import Project

    path = tmp_path / "p.xlsx"
    shutil.copy(PUBLIC_FIXTURES.parent / "acceptance" / "seed003_pingxiang.xlsx", path)
    doc, places = read_document(path)

    def new(name: str) -> Project:
        p = Project.model_validate(doc.projects[0].model_dump(exclude={"uid"}))
        p.name, p.title = name, f"{name}绩效目标表"
        return p

    doc.projects.insert(0, new("甲项目"))
    doc.projects.insert(2, new("乙项目"))
    assert [p.name for p in saved_as_asked(doc, path, places).projects] == [p.name for p in doc.projects]


@pytest.mark.parametrize("source", [Path(__file__).resolve().parents[1] / "fixtures" / "xlsx" / "multi_mof_2021.xlsx",
                                    PUBLIC_FIXTURES / "dingzhou_2020.xlsx"], ids=lambda p: p.name)
def test_a_copy_put_in_front_of_an_edited_form_is_the_copy(source, tmp_path):
    """A copy of the first form put in front of it while the form itself is edited (a row added,
    its goal changed): the copy is made of the form's rows as they were read. The form was patched
    first and the copy made of its edited rows, so the copy came out with the edits (and without
    its last indicator row)."""
    import shutil

    path = tmp_path / source.name
    shutil.copy(source, path)
    doc, places = read_document(path)
    first = doc.projects[0]
    copy = first.copy_fresh()
    copy.name = f"{first.name}（副本）"
    doc.projects.insert(0, copy)
    row = first.indicators[0].copy_fresh()
    row.level3 = "新增的指标"
    first.indicators.insert(1, row)
    first.goals = "改过的年度目标"
    assert comparable(dump_document(saved_as_asked(doc, path, places))) == comparable(dump_document(doc))


@pytest.mark.parametrize("name", ["var_two_tables.xlsx", "var_weight.xlsx"])
def test_a_copy_stands_after_its_original_when_the_form_after_that_is_removed(name, tmp_path):
    """复制项目 of the first form, and the second form removed: the copy goes right after its
    original. The gap before the next form was measured up to the next form kept, the removed
    form's rows counted in it, so the copy went in below the third form."""
    import shutil

    path = tmp_path / name
    shutil.copy(PUBLIC_FIXTURES.parent / "acceptance" / name, path)
    doc, places = read_document(path)
    first = doc.projects[0]
    copy = first.copy_fresh()
    copy.name = f"{first.name}（副本）"
    doc.projects[:] = [first, copy, *doc.projects[2:]]
    again = saved_as_asked(doc, path, places)
    assert [p.name for p in again.projects] == [p.name for p in doc.projects]
    assert comparable(dump_document(again)) == comparable(dump_document(doc))


def test_two_new_forms_in_front_of_the_first_form_are_each_themselves(tmp_path):
    """Two projects put in front of the first form (a copy of it, then a new one): each is made
    of the first form's rows. The second was made of the rows where the first form had been,
    which held the first new form by then, and came out with its content."""
    import shutil

    from perfeditor.model import Indicator, Project

    path = tmp_path / "w.xlsx"
    shutil.copy(PUBLIC_FIXTURES.parent / "acceptance" / "var_weight.xlsx", path)
    doc, places = read_document(path)
    first = doc.projects[0]
    copy = first.copy_fresh()
    copy.name = f"{first.name}（副本）"
    new = Project(name="新项目", title="新项目绩效目标表", variant=first.variant.model_copy(deep=True),
                  spending_plan={k: "" for k in first.spending_plan},
                  indicators=[Indicator(level1="产出指标", level2="数量指标", level3="新指标", value="≥1")])
    doc.projects[:0] = [copy, new]
    assert comparable(dump_document(saved_as_asked(doc, path, places))) == comparable(dump_document(doc))


@pytest.mark.parametrize("kept", ["copy", "copy and new"])
def test_a_workbook_left_with_only_new_forms_is_saved_in_place(noted, kept):
    """Every form read removed, a copy of one (and a new project) kept: saved in place like any
    other removal, the new forms where the removed ones stood. It was rebuilt from the templates
    after asking, dropping the notes sheet, its formula and its picture."""
    from perfeditor.model import Indicator, Project

    path, member = noted
    before = _members(path)
    doc, doc_map = read_document(path)
    first = doc.projects[1]
    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    top = doc_map.of(doc.projects[0])  # the first form
    at = sheets.index(top.sheet)
    stacked = len({doc_map.of(p).sheet for p in doc.projects}) == 1
    copy = first.copy_fresh()
    copy.name = f"{first.name}（副本）"
    doc.projects[:] = [copy]
    if kept == "copy and new":
        doc.projects.append(Project(name="新项目", title="新项目绩效目标表",
                                    variant=first.variant.model_copy(deep=True),
                                    spending_plan={k: "" for k in first.spending_plan},
                                    indicators=[Indicator(level1="产出指标", level2="数量指标",
                                                          level3="新指标", value="≥1")]))
    plan = plan_save(doc, path, source_map=doc_map)
    assert plan.losses == []
    plan.write()
    _notes_intact(path, before, member)
    again, again_map = read_document(path)
    assert comparable(dump_document(again)) == comparable(dump_document(doc))
    now = openpyxl.load_workbook(path, read_only=True).sheetnames
    where = [now.index(again_map.of(p).sheet) for p in again.projects]
    if stacked:  # stacked forms on one sheet: from the first form's row on
        assert where == [at] * len(doc.projects) and again_map.of(again.projects[0]).first_row == top.first_row
    else:  # one form per sheet: on new sheets from the first form's
        assert where == list(range(at, at + len(doc.projects))) and now[-1] == NOTES
    # and the next save goes on in place
    again.projects[-1].goals = "再次修改的目标"
    assert plan_save(again, path, source_map=again_map).losses == []
    save_document(again, path, source_map=again_map)
    assert load_document(path).projects[-1].goals == "再次修改的目标"
    _notes_intact(path, before, member)
