"""Ctrl+Y in a text field redoes the clerk's typing there, as Ctrl+Z undid it. On Linux (UOS,
麒麟) Qt gives a field only Ctrl+Shift+Z for redo, so Ctrl+Y went to the window's 重做 and redid a
document step the clerk was not looking at (an indicator row deleted again), while the typing
stayed undone. The offscreen platform the suite runs on has Windows' keys (Ctrl+Y is a field's
redo there), so the last test runs the others again on X11 (Xvfb), where the clerks' keys are."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from tests.ui.authoring_helpers import open_project_table
from tests.ui.conftest import fixture_path
from tests.ui.x11 import on_x11, run_on_x11

CTRL = Qt.KeyboardModifier.ControlModifier


def _open_with_an_undone_row_deletion(window, qtbot, tmp_path):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    project, table = open_project_table(qtbot, window, path, 1)
    table.setCurrentIndex(table.model().index(0, 2))
    rows = len(project.indicators)
    qtbot.keyClick(table, Qt.Key.Key_Delete, CTRL)  # 删除所选指标行
    assert len(project.indicators) == rows - 1
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)  # 撤销: the row is back, 重做 would delete it again
    assert len(project.indicators) == rows and window.undo_group.canRedo()
    return project, rows


def test_ctrl_y_in_a_text_box_redoes_the_typing_not_a_row_deletion(window, qtbot, tmp_path):
    project, rows = _open_with_an_undone_row_deletion(window, qtbot, tmp_path)
    box = window.editors.project.fields["purpose"]  # 资金用途, several lines
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    before = box.toPlainText()
    qtbot.keyClicks(box, "abc")
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == before
    qtbot.keyClick(box, Qt.Key.Key_Y, CTRL)
    assert box.toPlainText() == before + "abc"
    assert len(project.indicators) == rows  # the deletion was not redone
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the box commits the text
    assert project.purpose == before + "abc"


def test_ctrl_y_in_a_line_field_redoes_the_typing(window, qtbot, tmp_path):
    project, rows = _open_with_an_undone_row_deletion(window, qtbot, tmp_path)
    field = window.editors.project.fields["code"]  # 项目编码
    field.setFocus()
    field.end(False)
    before = field.text()
    qtbot.keyClicks(field, "-9")
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == before
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert field.text() == before + "-9"
    assert len(project.indicators) == rows
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert project.code == before + "-9"


def test_ctrl_y_outside_a_field_is_still_the_windows_redo(window, qtbot, tmp_path):
    project, rows = _open_with_an_undone_row_deletion(window, qtbot, tmp_path)
    table = window.editors.current_table()
    qtbot.keyClick(table, Qt.Key.Key_Y, CTRL)
    assert len(project.indicators) == rows - 1


@on_x11
def test_the_same_with_the_keys_of_linux_desktops():
    run_on_x11(__file__, "3 passed, 1 skipped")
