"""添加指标行 in a project of the graded layout (河北分级表, issue 10): the new row has the four empty
grades in the window, as the saved file reads it back."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.editing import set_field
from perfeditor.io import read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES

EMPTY = {"优": "", "良": "", "中": "", "差": ""}


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_row_added_in_the_window_reads_back_the_same(window, tmp_path, kind):
    path = tmp_path / f"分级.{kind}"
    shutil.copy(OWN_FIXTURES / kind / f"multi_hebei_graded.{kind}", path)
    assert window.open_path(str(path)), window.dialogs.calls
    doc = window.session.doc
    window.editors.select(window.tree_model.project_index(doc.projects[0]))
    table = window.editors.project.table
    table.append_row()
    table.insert_row()
    new = [i for i in doc.projects[0].indicators if not i.level3]
    assert [i.grades for i in new] == [EMPTY, EMPTY]
    for k, ind in enumerate(new):  # (named: a row left wholly empty is not read back as an indicator)
        window.session.apply(set_field(doc, ind, "level3", f"新指标{k}", doc.projects[0]))
    assert window.save(), window.dialogs.calls
    back = read_document(path)[0]
    # (the grades: a row added with its 一级 empty reads back under the 一级 above it, another matter)
    assert [[(i["level3"], i["grades"]) for i in p["indicators"]] for p in dump_document(back)["projects"]] \
        == [[(i["level3"], i["grades"]) for i in p["indicators"]] for p in dump_document(doc)["projects"]]


def test_a_graded_row_moved_to_a_plain_project_saves_without_grades_and_undo_restores_them(window, tmp_path):
    """移动到… from a 河北分级表 project into a 河北项目表 one (issue 10): the row leaves its grades
    behind (the save has none to name as dropped, the file reads back as the window shows it);
    Ctrl+Z puts it back in its project with its grades."""
    from perfeditor.io import save_document
    from perfeditor.ui.project_ops import move_rows_to

    doc, _ = read_document(OWN_FIXTURES / "docx" / "multi_hebei_graded.docx")
    plain, _ = read_document(OWN_FIXTURES / "docx" / "multi_hebei_project.docx")
    doc.projects = [doc.projects[0], plain.projects[0]]
    path = tmp_path / "混合.docx"
    save_document(doc, path)
    assert window.open_path(str(path)), window.dialogs.calls
    doc = window.session.doc
    graded, target = doc.projects
    assert (graded.variant.layout, target.variant.layout) == ("hebei-graded", "hebei-project")
    window.editors.select(window.tree_model.project_index(graded))
    table = window.editors.project.table
    original = graded.indicators[0]
    grades = dict(original.grades)
    assert grades["优"]
    count = len(target.indicators)

    def choose(dialog):  # project 2's first 二级
        dialog.tree.setCurrentItem(next(leaf for top, _, leaf in dialog._leaves() if top.text(0).startswith("2. ")))
        dialog.accept()

    window.dialogs.script = choose
    there = {id(i) for i in target.indicators}
    move_rows_to(window, table, [0])
    moved = next(i for i in target.indicators if id(i) not in there)  # after its level's rows there
    assert moved.level3 == original.level3 and moved.grades is None
    assert window.save(), window.dialogs.calls
    assert not [t for k, t in window.dialogs.calls if "优" in t or "评价标准" in t]
    back = read_document(path)[0]
    assert dump_document(back)["projects"] == dump_document(doc)["projects"]
    window.session.stack.undo()
    assert graded.indicators[0] is original and original.grades == grades
    assert len(target.indicators) == count

