"""The keys of 部门 → 分项绩效目标 (Ctrl+Shift+↑/↓ move, Ctrl+Shift+Delete delete, Ctrl+Alt+I add)
work on the department page only. They were the window's: Ctrl+Shift+↓ in a project's indicator
table (Excel's 'select to the last row') jumped to the department page and moved one of its
分项绩效目标, silently (found by the tour)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import dump_doc

K = Qt.Key
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_shift_arrows_in_a_project_table_leave_the_department_alone(shown, qtbot):
    doc = dump_doc("dingzhou_2020.docx")
    window = shown(doc)
    titles = [i.title for i in doc.department.items]
    window.editors.select(window.tree_model.project_index(doc.projects[11]))
    table = window.editors.current_table()
    table.setFocus()
    table.setCurrentIndex(table.table_model().index(0, 2))
    for key in (K.Key_Down, K.Key_Up, K.Key_Delete):
        qtbot.keyClick(table, key, CTRL_SHIFT)
        assert window.editors.currentWidget() is window.editors.project
        assert "分项" not in window.session.stack.undoText()  # (Delete clears the cell, Shift or not)
    assert [i.title for i in doc.department.items] == titles


def test_on_the_department_page_they_move_its_items(shown, qtbot):
    doc = dump_doc("dingzhou_2020.docx")
    window = shown(doc)
    window.editors.select(window.tree_model.department_index())
    items = window.editors.department.items_editor
    items.list.setFocus()
    first = doc.department.items[0]
    qtbot.keyClick(items.list, K.Key_Down, CTRL_SHIFT)
    assert doc.department.items[1] is first
    qtbot.keyClick(window.focusWidget(), K.Key_Up, CTRL_SHIFT)
    assert doc.department.items[0] is first and window.session.stack.count() == 2
