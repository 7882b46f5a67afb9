"""The indicator rows' keys (Alt+↑/↓ 指标上移/下移, Ctrl+I 插入, Ctrl+D 复制, Ctrl+Delete 删除 …) act
in the indicator table (and from the tree) only. They were the window's: Alt+↓ with the caret in
绩效目标 moved a row of the table below, out of sight."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from perfeditor.ui.actions import A
from tests.ui.conftest import dump_doc

K = Qt.Key
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
ROW_KEYS = ((K.Key_Down, ALT), (K.Key_Up, ALT), (K.Key_I, CTRL), (K.Key_D, CTRL), (K.Key_Delete, CTRL),
            (K.Key_I, CTRL | Qt.KeyboardModifier.ShiftModifier))


def _project_page(shown):
    doc = dump_doc("dingzhou_2020.docx")
    window = shown(doc)
    project = doc.projects[0]
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.current_table()
    table.setCurrentIndex(table.table_model().index(0, 2))
    return window, project, table


def test_row_keys_in_a_form_field_leave_the_table_alone(shown, qtbot):
    window, project, table = _project_page(shown)
    rows = list(project.indicators)
    goals = window.editors.project.fields["goals"]
    goals.setFocus()
    for key, mods in ROW_KEYS:
        qtbot.keyClick(goals, key, mods)
        assert project.indicators == rows, (key, mods)
    assert window.focusWidget() is goals
    window.actions_[A.ROW_DOWN].trigger()  # the menu's 指标下移 still works from here
    assert project.indicators == [rows[1], rows[0], *rows[2:]]


def test_row_keys_work_in_the_table_and_the_tree(shown, qtbot):
    window, project, table = _project_page(shown)
    first, count = project.indicators[0], len(project.indicators)
    table.setFocus()
    qtbot.keyClick(table, K.Key_Down, ALT)
    assert project.indicators[1] is first
    qtbot.keyClick(window.focusWidget(), K.Key_I, CTRL)
    assert len(project.indicators) == count + 1
    window.tree.setFocus()
    qtbot.keyClick(window.tree, K.Key_I, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(project.indicators) == count + 2



def test_help_says_the_row_keys_are_the_tables(shown):
    from perfeditor.ui import menus

    window, _, _ = _project_page(shown)
    dialog = menus.show_shortcuts(window, modal=False)
    table = dialog.findChild(QTableWidget)
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["指标下移"].endswith("（指标表中）") and rows["删除所选指标行"].endswith("（指标表中）")
    assert not rows["保存"].endswith("）")
    dialog.deleteLater()
