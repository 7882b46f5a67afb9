"""审核结果 and 快捷键 list one line of text a row: their rows were 30 high (the style's default,
whatever the font) for a text 14 high; they are now the font's height and a few pixels, and grow
with a zoom."""
from __future__ import annotations

import shutil

from PySide6.QtWidgets import QTableWidget

from tests.ui.conftest import fixture_path


def _fits_one_line(view) -> None:
    line = view.fontMetrics().height()
    assert line + 4 <= view.rowHeight(0) <= line + 10, (view.rowHeight(0), line)


def test_the_findings_are_one_line_high_and_grow_with_the_font(window, tmp_path):
    path = tmp_path / "乐亭.xlsx"
    shutil.copy(fixture_path("leting_2024.xlsx"), path)
    assert window.open_path(str(path))
    view = window.problems.view
    assert view.model().rowCount() > 0
    _fits_one_line(view)
    before = view.rowHeight(0)
    window.zoom(+4)
    assert view.rowHeight(0) > before
    _fits_one_line(view)


def test_the_shortcuts_are_one_line_high(window):
    from perfeditor.ui import menus

    dialog = menus.show_shortcuts(window, modal=False)
    try:
        _fits_one_line(dialog.findChild(QTableWidget))
    finally:
        dialog.deleteLater()


def _batch_results(window):
    from perfeditor.review import collect_files, review_files
    from perfeditor.ui.batch_review import BatchResultsDialog

    results = list(review_files(collect_files([fixture_path("dingzhou_2020.docx")]), workers=1))
    return BatchResultsDialog(results, str(fixture_path("")), window)


def test_the_batch_results_are_one_line_high(window):
    dialog = _batch_results(window)
    try:
        assert dialog.view.model().rowCount() > 0
        _fits_one_line(dialog.view)
    finally:
        dialog.deleteLater()


def test_the_batch_results_by_keyboard(window, qtbot):
    """批量审核结果 with keys alone: ↓ (or Enter) in the filter box goes on to the rows (it did
    nothing), Enter opens the row's file at its finding, Tab leaves the list (it went from cell to
    cell for ever, the buttons out of reach)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog = _batch_results(window)
    opened = []
    dialog.openRequested.connect(lambda path, finding: opened.append((path, finding)))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    try:
        assert QApplication.focusWidget() is dialog.filter_edit
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is dialog.view and dialog.view.currentIndex().row() == 0
        qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
        result, finding = dialog.model.row(dialog.proxy.mapToSource(dialog.view.currentIndex()).row())
        assert opened == [(result.path, finding)] and dialog.view.currentIndex().row() == 1
        qtbot.keyClick(dialog.view, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.save_button
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Backtab)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is dialog.filter_edit
        qtbot.keyClicks(dialog.filter_edit, "zzzz")
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)  # nothing to go to: the box keeps the keys
        assert QApplication.focusWidget() is dialog.filter_edit
    finally:
        dialog.close()
        dialog.deleteLater()


def test_tab_leaves_the_shortcuts_list(window, qtbot):
    """快捷键: Tab went from cell to cell of the list for ever; 关闭 was out of the keyboard's reach."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QPushButton

    from perfeditor.ui import menus

    dialog = menus.show_shortcuts(window, modal=False)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    try:
        assert isinstance(QApplication.focusWidget(), QTableWidget)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        close = QApplication.focusWidget()
        assert isinstance(close, QPushButton) and close.text() == "关闭"
        qtbot.keyClick(close, Qt.Key.Key_Space)
        assert not dialog.isVisible()
    finally:
        dialog.close()
        dialog.deleteLater()
