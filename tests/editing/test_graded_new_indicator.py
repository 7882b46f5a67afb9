"""A new indicator in a project of the graded layout (河北分级表) has the four grades, empty, as the
form reads back once saved (issue 10: it had ``grades: None`` in the window but read back as
{'优': '', '良': '', '中': '', '差': ''}, a dump mismatch after saving)."""
from __future__ import annotations

import shutil

import pytest

from perfeditor import editing
from perfeditor.io import read_document, save_document
from perfeditor.model import Indicator, dump_document
from tests.conftest import OWN_FIXTURES

EMPTY = {"优": "", "良": "", "中": "", "差": ""}
GRADED = {"docx": OWN_FIXTURES / "docx" / "multi_hebei_graded.docx",
          "xlsx": OWN_FIXTURES / "xlsx" / "multi_hebei_graded.xlsx",
          "pingxiang.docx": OWN_FIXTURES / "acceptance" / "seed003_pingxiang.docx",
          "pingxiang.xlsx": OWN_FIXTURES / "acceptance" / "seed003_pingxiang.xlsx"}


@pytest.mark.parametrize("name", list(GRADED))
def test_a_new_indicator_reads_back_as_it_is_in_the_window(tmp_path, name):
    src = GRADED[name]
    path = tmp_path / f"表{src.suffix}"
    shutil.copy(src, path)
    doc, smap = read_document(path)
    p = doc.projects[0]
    assert p.variant.layout == "hebei-graded"
    first = p.indicators[0]
    editing.insert_rows(doc, p, "indicators", 1, [Indicator(level1=first.level1, level2=first.level2,
                                                            level3="新指标")])
    assert p.indicators[1].grades == EMPTY
    save_document(doc, path, source_map=smap)
    back = read_document(path)[0]
    assert dump_document(back)["projects"][0]["indicators"] == dump_document(doc)["projects"][0]["indicators"]


def test_grades_kept_and_other_layouts_untouched():
    doc, _ = read_document(GRADED["docx"])
    p = doc.projects[0]
    given = Indicator(level3="有标准", grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"})
    editing.insert_rows(doc, p, "indicators", 0, [given])
    assert given.grades["优"] == "≥90%"
    plain, _ = read_document(OWN_FIXTURES / "docx" / "merged_basis.docx")  # 河北项目表: no grades
    new = Indicator(level3="新指标")
    editing.insert_rows(plain, plain.projects[0], "indicators", 0, [new])
    assert new.grades is None


def _mixed():
    """Project 0 in the graded layout (its rows with 优 / 良 / 中 / 差), project 1 in 河北项目表."""
    doc, _ = read_document(GRADED["docx"])
    plain, _ = read_document(OWN_FIXTURES / "docx" / "multi_hebei_project.docx")
    doc.projects = [doc.projects[0], plain.projects[0]]
    return doc


def test_a_graded_row_moved_into_another_layout_leaves_its_grades_behind():
    """Issue 10: a row moved, dragged or copied from a 河北分级表 project into a project of another
    layout kept its grades, which that form cannot hold (the save named them as dropped)."""
    doc = _mixed()
    graded, plain = doc.projects
    row = graded.indicators[0].copy_fresh()  # as the window's moves do: the copy goes in
    assert row.grades and row.grades["优"]
    editing.insert_rows(doc, plain, "indicators", len(plain.indicators), [row])
    assert row.grades is None
    back = Indicator(level3="移回", grades=None)  # and the other way: the four empty grades
    editing.insert_rows(doc, graded, "indicators", 0, [back])
    assert back.grades == EMPTY


def test_undo_of_a_removal_puts_the_rows_back_exactly():
    """Undo is not a move: a row comes back as it was removed, even one holding what its layout
    cannot (grades in a 河北项目表 project read from a .perf.json)."""
    doc = _mixed()
    plain = doc.projects[1]
    plain.indicators[0].grades = {"优": "≥90%", "良": "", "中": "", "差": ""}
    before = dump_document(doc)
    removed = editing.removed_rows(editing.remove_rows(doc, plain, "indicators", [0, 1]))
    editing.restore_rows(doc, plain, "indicators", removed)
    assert dump_document(doc) == before


def test_a_project_copied_fresh_has_its_own_identity_and_its_rows_theirs():
    from perfeditor.model import Indicator, Project

    p = Project(name="城建管理经费", indicators=[Indicator(level3="改造户数", grades={"优": "≥90%"})])
    c = p.copy_fresh()
    assert c.uid != p.uid and c.indicators[0].uid != p.indicators[0].uid
    assert c.model_dump() == p.model_dump()  # the same content (uids are not dumped)
    c.indicators[0].grades["优"] = "≥95%"
    assert p.indicators[0].grades == {"优": "≥90%"}  # nothing shared
