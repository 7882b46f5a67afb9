"""Ctrl+Z in a text field with nothing of its own to undo is the window's 撤销 (and Ctrl+Y, or
Ctrl+Shift+Z, with nothing of its own to redo, the window's 重做). A field takes these keys
from the window whatever its own undo holds, so a clerk who typed 600 into 预算数, pressed Tab
and then Ctrl+Z saw nothing happen: the focus was in 财政资金, which had nothing to undo (found by
the QA tour). Typing undone inside a field stays the field's (tests/ui/test_field_redo_key.py)."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from tests.ui.authoring_helpers import open_project_table
from tests.ui.conftest import fixture_path
from tests.ui.x11 import on_x11, run_on_x11

CTRL = Qt.KeyboardModifier.ControlModifier


def _typed_budget_then_tab(window, qtbot, tmp_path):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    project, _table = open_project_table(qtbot, window, path, 1)
    before = project.budget.total
    total = window.editors.project.fields["budget.total"]
    total.setFocus()
    total.selectAll()
    qtbot.keyClicks(total, "600")
    qtbot.keyClick(total, Qt.Key.Key_Tab)  # leaving the field commits it: one undo step
    assert project.budget.total == "600"
    focus = window.focusWidget()
    assert focus is window.editors.project.fields["budget.fiscal"]
    return project, before, focus


def test_ctrl_z_in_an_untouched_field_undoes_the_last_edit(window, qtbot, tmp_path):
    project, before, focus = _typed_budget_then_tab(window, qtbot, tmp_path)
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert project.budget.total == before
    assert window.editors.project.fields["budget.total"].text() == before


def test_ctrl_y_in_an_untouched_field_redoes_it(window, qtbot, tmp_path):
    project, before, focus = _typed_budget_then_tab(window, qtbot, tmp_path)
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)
    assert project.budget.total == before
    focus = window.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_Y, CTRL)
    assert project.budget.total == "600"


def test_ctrl_z_after_typing_in_a_field_is_still_the_fields(window, qtbot, tmp_path):
    project, before, focus = _typed_budget_then_tab(window, qtbot, tmp_path)
    fiscal = focus.text()
    qtbot.keyClicks(focus, "9")
    qtbot.keyClick(focus, Qt.Key.Key_Z, CTRL)  # the typing goes, the 预算数 stays
    assert focus.text() == fiscal and project.budget.total == "600"


@pytest.mark.parametrize("column", ["value", "level2"])
def test_ctrl_z_in_an_open_cell_editor_stays_the_editors(window, qtbot, tmp_path, column):
    """An open cell editor would write its text back over what the window's undo restored; 一级/二级
    are edited in an editable drop-down, whose line is the combo's, not the view's child."""
    project, before, _focus = _typed_budget_then_tab(window, qtbot, tmp_path)
    table = window.editors.current_table()
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, table.model().columns.index(column)))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = window.focusWidget()
    assert editor is not table
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert project.budget.total == "600"


@on_x11
def test_the_same_with_the_keys_of_linux_desktops():
    run_on_x11(__file__, "5 passed, 1 skipped")
