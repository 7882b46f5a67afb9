"""Ctrl+S after 另存为 another layout and Ctrl+Z of its clearing (as the status line offers): the
window shows again the 项目编码, 预算数, 指标值 … the new file's layout cannot hold. The save asks
(继续保存 / 取消); once saved, the window clears them as after 另存为 (one undo step): it went on
showing them, marked saved, and a close lost them without a word."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from perfeditor.io import read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES
from tests.ui.authoring_helpers import open_project_table, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_ctrl_s_asks_before_dropping_what_an_undo_brought_back(make_window, dialogs, qtbot, tmp_path, kind):
    path = tmp_path / f"表.{kind}"
    shutil.copy(OWN_FIXTURES / kind / f"merged_basis.{kind}", path)
    window = make_window()
    project, table = open_project_table(qtbot, window, path, 0)
    code = project.code
    assert code
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete, CTRL)  # edits before
    field = window.editors.project.fields["name"]
    field.setFocus()
    field.selectAll()
    type_text(qtbot, field, "新名")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    target = tmp_path / f"分级.{kind}"
    dialogs.save_path, dialogs.choice = str(target), 1  # 河北分级表: no 项目编码, 预算数, 指标值 …
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert project.code == "" and window.session.doc.path == str(target)
    table = window.editors.current_table()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)  # 撤销 清除版式容纳不下的内容
    assert project.code == code and window.isWindowModified()
    asked = len(dialogs.buttons)
    dialogs.question_answer = False  # 取消
    written = target.read_bytes()
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert len(dialogs.buttons) == asked + 1 and dialogs.buttons[-1] == ("继续保存", "取消")
    assert "项目编码" in dialogs.calls[-1][1]
    assert target.read_bytes() == written and window.isWindowModified()
    dialogs.question_answer = True  # 继续保存: written as the layout holds it, as was said
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert not window.isWindowModified()
    back = read_document(target)[0]
    assert back.projects[0].code == ""
    # the window shows what the file holds (it went on showing the 项目编码 … the file had not)
    assert dump_document(back)["projects"] == dump_document(window.session.doc)["projects"]
    assert window.editors.project.fields["code"].text() == ""
    window.session.stack.undo()  # and Ctrl+Z brings them back again
    assert project.code == code
