"""While a 指标值 is typed, its cell editor says how it is read. The reading was drawn only when
it fitted whole, and the column is narrow (about 107 pixels in a 1366×768 window), so
``≥9090%`` showed nothing until Enter: no sign of the error while typing (found by the QA tour).
What fits is drawn: the whole reading, or its kind (无法识别, 百分比 …); an unreadable value is
framed in red."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfeditor.ui.delegates import ValueLineEdit
from tests.ui.authoring_helpers import open_project_table
from tests.ui.conftest import fixture_path


def _value_editor(window, qtbot, tmp_path) -> ValueLineEdit:
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    _project, table = open_project_table(qtbot, window, path, 1)
    model = table.model()
    column = model.columns.index("value")
    table.setColumnWidth(column, 107)
    table.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, ValueLineEdit)
    return editor


def test_an_unreadable_value_says_so_in_a_narrow_column(window, qtbot, tmp_path):
    editor = _value_editor(window, qtbot, tmp_path)
    editor.selectAll()
    qtbot.keyClicks(editor, "9090%")
    assert editor.reading.startswith("无法识别")
    assert editor.shown_reading() in ("无法识别", "")  # what fits with the fonts at hand
    assert editor.broken()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_a_readable_value_shows_its_kind_when_the_whole_reading_does_not_fit(window, qtbot, tmp_path):
    editor = _value_editor(window, qtbot, tmp_path)
    editor.selectAll()
    qtbot.keyClicks(editor, "95%")
    assert editor.shown_reading() in (editor.reading, "百分比")
    assert editor.shown_reading() and not editor.broken()
    editor.resize(900, editor.height())
    assert editor.shown_reading() == editor.reading  # room enough: the whole reading
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_an_unreadable_value_is_framed_in_red(window, qtbot, tmp_path):
    editor = _value_editor(window, qtbot, tmp_path)
    editor.selectAll()
    qtbot.keyClicks(editor, "9090%")
    image = editor.grab().toImage()
    left = {image.pixelColor(0, y).name() for y in range(image.height())}
    assert "#c62828" in left
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
