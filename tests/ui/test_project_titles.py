"""Numbered form titles (``N、…绩效目标表``) follow projects added, copied, removed and moved in
the window, in the same undo step: undo gives every title back."""
from __future__ import annotations

import shutil

from perfeditor.ui import project_ops
from perfeditor.ui.commands import MoveProject, RemoveProject
from tests.ui.conftest import fixture_path


def _open(window, tmp_path):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    assert window.open_path(str(path)), window.dialogs.calls
    return window.session.doc


def _titles(doc) -> list[str]:
    return [p.title for p in doc.projects]


def test_copying_a_project_renumbers_and_undo_restores_the_titles(window, tmp_path):
    doc = _open(window, tmp_path)
    before = _titles(doc)
    dump = doc.model_dump()
    window.editors.select(window.tree_model.project_index(doc.projects[1]))
    project_ops.duplicate_project(window)
    titles = _titles(doc)
    assert titles[2] == "3、城建管理经费（副本）绩效目标表"
    assert titles[3].startswith("4、城市建设支出") and titles[-1].startswith(f"{len(doc.projects)}、")
    assert [t.split("、", 1)[0] for t in titles] == [str(n) for n in range(1, len(titles) + 1)]
    s = window.session
    assert s.stack.count() == 1  # one step: the copy and its renumbered neighbours
    s.stack.undo()
    assert _titles(doc) == before and doc.model_dump() == dump
    s.stack.redo()
    assert _titles(doc) == titles


def test_removing_and_moving_projects_renumber_in_the_same_step(window, tmp_path):
    doc = _open(window, tmp_path)
    before = _titles(doc)
    s = window.session
    s.stack.push(RemoveProject(s, 0))
    assert _titles(doc)[0] == "1、" + before[1].split("、", 1)[1]
    s.stack.push(MoveProject(s, 0, 2))
    assert [t.split("、", 1)[0] for t in _titles(doc)] == [str(n) for n in range(1, len(doc.projects) + 1)]
    assert s.stack.count() == 2
    s.stack.undo()
    s.stack.undo()
    assert _titles(doc) == before


def test_the_titles_shown_follow(window, tmp_path):
    """The form of the copied project shows its new title at once."""
    doc = _open(window, tmp_path)
    window.editors.select(window.tree_model.project_index(doc.projects[0]))
    project_ops.duplicate_project(window)
    copy = doc.projects[1]
    window.editors.select(window.tree_model.project_index(copy))
    title = window.editors.project.fields["title"]
    assert title.text() == copy.title == "2、安居保障工程配套基础设施建设（副本）绩效目标表"
    window.session.stack.undo()
    assert doc.projects[1].title.startswith("2、城建管理经费")
