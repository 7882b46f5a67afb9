"""Ctrl+S with a row whose 一级/二级 the clerk left empty: the file cannot keep it empty (an empty
cell means "as the row above"), so the window asks first, saying what it will read back as; 取消
leaves the file as it was (real key presses)."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import OWN_FIXTURES
from tests.ui.authoring_helpers import open_project_table, type_text


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_saving_a_row_without_its_levels_asks_first(window, qtbot, tmp_path, kind):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    path = tmp_path / f"表.{kind}"
    shutil.copy(OWN_FIXTURES / "acceptance" / f"var_empty_below.{kind}", path)
    before = path.read_bytes()
    project, table = open_project_table(qtbot, window, path)
    model = table.model()
    table.go(model.index(1, model.columns.index("level3")))  # 质量指标 · 工程质量合格率
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    new = project.indicators[1]
    assert new.level2 == ""  # (a new group's row: its 二级 still to fill in)
    type_text(qtbot, table, "新")
    type_text(qtbot, QApplication.focusWidget(), "增指标")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    window.dialogs.question_answer = False  # 取消
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    asked = [text for kind_, text in window.dialogs.calls if kind_ == "question"]
    assert asked and "第 2 行的二级指标为空" in asked[-1] and "“数量指标”" in asked[-1]
    assert path.read_bytes() == before and not window.session.stack.isClean()
