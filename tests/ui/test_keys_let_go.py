"""QTest's key click with modifiers (Ctrl+Z, Ctrl+Shift+S …) leaves the last of them held in Qt's
state: QGuiApplication.keyboardModifiers() says Ctrl until the next key event, so a later
setCurrentIndex in an extended-selection view (the indicator tables) toggles a row instead of
selecting it — in the same test or, depending on the order, in the next one. The window tests'
clicks let their modifiers go, as a clerk's fingers do (tests/ui/conftest.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView

M = Qt.KeyboardModifier


@pytest.mark.parametrize("mods", [M.ControlModifier, M.ShiftModifier, M.AltModifier,
                                  M.ControlModifier | M.ShiftModifier, M.ControlModifier | M.AltModifier])
def test_a_click_with_modifiers_leaves_none_held(qtbot, mods):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    qtbot.keyClick(edit, Qt.Key.Key_A, mods)
    assert QGuiApplication.keyboardModifiers() == M.NoModifier
    assert QGuiApplication.queryKeyboardModifiers() == M.NoModifier


def test_after_ctrl_z_choosing_a_row_selects_only_it(qtbot):
    """Ctrl+Z, then the program moves to another row (as undo's 'go to the change' does): only
    that row is selected, not the old one too."""
    view = QTableView()
    view.setModel(QStandardItemModel(3, 2, view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    qtbot.addWidget(view)
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Z, M.ControlModifier)
    view.setCurrentIndex(view.model().index(2, 0))
    assert [i.row() for i in view.selectionModel().selectedIndexes()] == [2]
