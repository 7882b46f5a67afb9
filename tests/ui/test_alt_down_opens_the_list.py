"""Alt+↓ while editing a 一级/二级指标 or 依据 cell opens its drop-down list, as 帮助 → 快捷键 says
(and as Excel's lists do). The window's Alt+↓ (指标下移) took the key: the row moved under the
editor and no list opened (found by the tour). Outside an editor Alt+↓ still moves the row."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from tests.ui.test_excel_keys import _project_window

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier


@pytest.mark.parametrize("field", ["level1", "level2", "basis"])
def test_alt_down_in_a_choice_editor_opens_its_list(shown, qtbot, field):
    doc, window, table = _project_window(shown, "leting_2024.xlsx", grouped=False)
    model = table.model()
    table.setFocus()
    table.go(model.index(4, model.columns.index(field)))
    order = [i.uid for i in doc.projects[0].indicators]
    qtbot.keyClick(table, K.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    qtbot.keyClick(editor, K.Key_Down, ALT)
    assert editor.view().isVisible()
    assert [i.uid for i in doc.projects[0].indicators] == order and window.session.stack.count() == 0
    editor.hidePopup()
    qtbot.keyClick(editor, K.Key_Escape)
    qtbot.keyClick(table, K.Key_Down, ALT)  # not editing: 指标下移
    assert [i.uid for i in doc.projects[0].indicators] != order
