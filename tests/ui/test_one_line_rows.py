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
