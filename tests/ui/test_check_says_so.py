"""审核 (F5) says what it found and shows 审核结果: it checked again in silence, and with the panel
closed by its × nothing at all could be seen (found by the tour)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import dump_doc


def test_f5_shows_the_panel_and_the_counts(shown, qtbot):
    window = shown(dump_doc("dingzhou_2020.docx"))
    window.problems.close()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F5)
    assert window.problems.isVisible()
    e, w, i = window.session.counts()
    assert window.statusBar().currentMessage() == f"已重新审核：错误 {e} 个，警告 {w} 个，提示 {i} 个。"
    assert w > 0
