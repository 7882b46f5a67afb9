"""Typing another 项目名称 renames the form title too (one undo step): a new project kept
``1、新项目绩效目标表`` as the title it is printed and saved with."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from perfeditor.io import load_document
from perfeditor.ui.new_form import NewFormChoice
from tests.ui.authoring_helpers import activate, type_text
from tests.ui.conftest import fixture_path


def _rename(qtbot, window, name):
    field = window.editors.project.fields["name"]
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, name)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_a_new_project_takes_its_name_into_its_title(make_window, dialogs, qtbot, tmp_path):
    dialogs.new_form = lambda: NewFormChoice("hebei-project", False, "乐亭县住房和城乡建设局", "333001", 2025)
    window = make_window()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    project = window.session.doc.projects[0]
    assert project.title == "1、新项目绩效目标表"
    _rename(qtbot, window, "城区消防栓维护费")
    assert (project.name, project.title) == ("城区消防栓维护费", "1、城区消防栓维护费绩效目标表")
    assert window.editors.project.fields["title"].text() == "1、城区消防栓维护费绩效目标表"
    window.session.stack.undo()
    assert (project.name, project.title) == ("新项目", "1、新项目绩效目标表")


def test_a_renamed_project_is_saved_with_its_new_title(window, qtbot, tmp_path):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    assert window.open_path(str(path))
    activate(qtbot, window)
    window.editors.select(window.tree_model.project_index(window.session.doc.projects[1]))
    _rename(qtbot, window, "城建经费")
    assert window.save()
    back = load_document(path).projects[1]
    assert (back.name, back.title) == ("城建经费", "2、城建经费绩效目标表")
