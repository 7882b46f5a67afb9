"""The indicator library in the window: learning on open (worker thread), the 三级指标 popup by
substring and pinyin initials, one-step fill and undo, Ctrl+Space, Esc, switching it off."""
from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from perfeditor.library import Library
from perfeditor.ui.library_popup import FillRow, LevelThreeCompleter
from tests.conftest import public_fixture_files
from tests.ui.authoring_helpers import activate, cell_editor, private_library, type_text


@pytest.fixture
def learned_window(make_window, tmp_path, qtbot):
    """A window whose private library learned the sample forms by opening each of them."""
    window = make_window()
    private_library(window, tmp_path)
    for path in public_fixture_files():
        target = tmp_path / path.name
        shutil.copy(path, target)
        assert window.open_path(str(target))
    window.library.wait()
    with Library(window.library.path) as lib:
        assert lib.stats()["files"] == len(public_fixture_files())
    return window


def _satisfaction_cell(window, qtbot):
    """The 三级指标 cell of the first 满意度 row of the open file's first project, made current."""
    s = window.session
    project = s.doc.projects[0]
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.project.table
    model = table.table_model()
    row = next(r for r in range(model.rowCount()) if "满意" in model.indicator(r).level1)
    index = model.index(row, model.columns.index("level3"))
    table.setCurrentIndex(index)
    table.setFocus()
    table.clearSelection()
    table.selectionModel().select(index, table.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # an empty cell to type a new name into
    assert model.indicator(row).level3 == ""
    return table, model, row


def _type_in_cell(qtbot, table, text):
    type_text(qtbot, table, text[0])  # the first key opens the editor (as in Excel)
    editor = cell_editor(table)
    assert editor is not None
    qtbot.wait(1)  # the filter moves in front of the delegate's once the editor is set up
    type_text(qtbot, editor, text[1:])
    return editor


@pytest.mark.parametrize("typed", ["myd", "满意"])
def test_typing_suggests_群众满意度_and_enter_fills_the_row_as_one_undo_step(learned_window, qtbot, typed):
    window = learned_window
    activate(qtbot, window)
    table, model, row = _satisfaction_cell(window, qtbot)
    ind = model.indicator(row)
    before = ind.model_dump()
    assert not before["level3"]
    editor = _type_in_cell(qtbot, table, typed)
    completer = editor.findChild(LevelThreeCompleter)
    qtbot.waitUntil(lambda: completer.popup is not None and completer.popup.isVisible(), timeout=2000)
    popup = completer.popup
    ModelTester(None).check(popup.list.model())
    first = popup.current()
    assert first.name == "群众满意度" and first.files >= 3
    item = popup.list.topLevelItem(0)
    assert item.text(1).startswith("满意度指标") and item.text(2) and "个文件" in item.text(3)
    steps = window.session.stack.count()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert ind.level3 == "群众满意度"
    assert ind.value == (before["value"] or first.value)  # a value the clerk wrote stays
    assert window.session.stack.count() == steps + 1
    assert isinstance(window.session.stack.command(steps), FillRow)
    assert cell_editor(table) is None  # the editor closed
    window.session.stack.undo()
    assert ind.model_dump() == before


def test_up_down_choose_and_escape_closes(learned_window, qtbot):
    window = learned_window
    activate(qtbot, window)
    table, model, row = _satisfaction_cell(window, qtbot)
    editor = _type_in_cell(qtbot, table, "myd")
    completer = editor.findChild(LevelThreeCompleter)
    qtbot.waitUntil(lambda: completer.popup is not None, timeout=2000)
    second = completer.popup.suggestions[1]
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert completer.popup.current() is second
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert completer.popup is None
    assert editor.toPlainText() == "myd"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # a second Esc leaves the cell unchanged
    assert model.indicator(row).level3 != "myd"


@pytest.mark.parametrize("key", [Qt.Key.Key_J, Qt.Key.Key_Space])
def test_ctrl_j_or_space_on_a_cell_opens_the_suggestions(learned_window, qtbot, key):
    """Ctrl+J first: Ctrl+Space switches the input method on Chinese desktops."""
    window = learned_window
    activate(qtbot, window)
    table, model, row = _satisfaction_cell(window, qtbot)
    qtbot.keyClick(table, key, Qt.KeyboardModifier.ControlModifier)
    editor = cell_editor(table)
    assert editor is not None
    completer = editor.findChild(LevelThreeCompleter)
    assert completer.popup is not None and completer.popup.suggestions
    assert all("满意" in s.level1 for s in completer.popup.suggestions[:3])
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_switched_off_it_neither_learns_nor_suggests(make_window, settings, tmp_path, qtbot):
    settings.set("library/enabled", False)
    window = make_window()
    private_library(window, tmp_path)
    target = tmp_path / "d.docx"
    shutil.copy(public_fixture_files()[0], target)
    window.open_path(str(target))
    window.library.wait()
    assert not window.library.path.exists()
    activate(qtbot, window)
    table, model, row = _satisfaction_cell(window, qtbot)
    editor = _type_in_cell(qtbot, table, "myd")
    assert editor.findChild(LevelThreeCompleter).popup is None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_learning_runs_on_a_worker_thread(window, tmp_path, qtbot):
    service = private_library(window, tmp_path)
    threads = []
    original = service._run
    service._run = lambda lib, job: (threads.append(threading.current_thread()), original(lib, job))
    target = tmp_path / "d.docx"
    shutil.copy(public_fixture_files()[0], target)
    with qtbot.waitSignal(service.learned, timeout=10000) as signal:
        window.open_path(str(target))
    assert signal.args[1] > 0
    assert threads and threads[0] is not threading.main_thread()


def test_preferences_clear_the_library(learned_window, qtbot, monkeypatch):
    from perfeditor.ui.preferences import PreferencesDialog

    window = learned_window
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(window.library.learned, timeout=10000):
        qtbot.mouseClick(dialog.library.clear_button, Qt.MouseButton.LeftButton)
    assert ("question" in window.dialogs.kinds())
    with Library(window.library.path) as lib:
        assert lib.stats()["files"] == 0 and lib.stats()["starter"] > 0
    dialog.library.enabled.setChecked(False)
    dialog.apply()
    assert window.settings.get("library/enabled") is False
    dialog.close()


def _new_form_with_starter_library(make_window, tmp_path, qtbot):
    """A window with a library of the starter set only and a new 财政部2021 form: the window, its
    indicator table and the table's model."""
    from perfeditor.ui.new_form import NewFormChoice, new_form

    window = make_window()
    service = private_library(window, tmp_path)
    with Library(service.path) as lib:
        assert lib.stats()["files"] == 0
    new_form(window, NewFormChoice("mof-2021", False, "某局", "1", 2025))
    activate(qtbot, window)
    table = window.editors.project.table
    return window, table, table.table_model()


def test_taking_a_suggestion_fills_an_empty_starter_row(make_window, tmp_path, qtbot):

    window, table, model = _new_form_with_starter_library(make_window, tmp_path, qtbot)
    row = next(r for r in range(model.rowCount()) if model.indicator(r).level1 == "满意度指标")
    table.setCurrentIndex(model.index(row, model.columns.index("level3")))
    table.setFocus()
    editor = _type_in_cell(qtbot, table, "qzmyd")
    completer = editor.findChild(LevelThreeCompleter)
    assert completer.popup is not None and completer.popup.current().name == "群众满意度"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    ind = model.indicator(row)
    assert (ind.level1, ind.level2, ind.level3, ind.value) == ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")
    assert ind.description == ""  # the mof form has no description column: nothing it cannot print
    assert window.session.stack.undoText() == "从指标库填入“群众满意度”"


def test_the_suggestions_stay_on_the_screen_for_a_row_at_its_bottom(make_window, qtbot, tmp_path):
    """A 三级指标 cell near the bottom of the screen: the list opens above the cell, not below
    the screen's edge."""
    from PySide6.QtCore import QPoint, QSize
    from PySide6.QtWidgets import QLineEdit

    from perfeditor.ui.library_popup import popup_position

    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    room = window.screen().availableGeometry()
    editor = QLineEdit(window)
    editor.resize(160, 24)
    editor.show()
    size = QSize(820, 220)
    editor.move(editor.mapFromGlobal(QPoint(room.left() + 10, room.bottom() - 30)) + editor.pos())
    pos = popup_position(editor, size)
    assert room.top() <= pos.y() and pos.y() + size.height() <= room.bottom() + 1
    assert pos.y() + size.height() <= editor.mapToGlobal(QPoint(0, 0)).y()  # above the cell
    editor.move(editor.mapFromGlobal(QPoint(room.left() + 10, room.top() + 10)) + editor.pos())
    assert popup_position(editor, size).y() == editor.mapToGlobal(QPoint(0, editor.height())).y()


@pytest.mark.parametrize("level2, expected", [("经济成本指标", 3), ("数量指标", 15)])
def test_ctrl_j_in_an_empty_cell_lists_the_indicators_under_the_rows_levels(make_window, tmp_path, qtbot,
                                                                          level2, expected):
    """新建 财政部2021, Ctrl+J on the empty 三级指标 cell of a 经济成本指标 / 数量指标 row: the starter
    set's 3 / 15 indicators there (it searched the 二级 name inside indicator names: almost nothing)."""

    window, table, model = _new_form_with_starter_library(make_window, tmp_path, qtbot)
    row = next(r for r in range(model.rowCount()) if model.indicator(r).level2 == level2)
    ind = model.indicator(row)
    assert ind.level3 == ""
    table.setCurrentIndex(model.index(row, model.columns.index("level3")))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    editor = cell_editor(table)
    assert editor is not None and editor.toPlainText() == ""
    completer = editor.findChild(LevelThreeCompleter)
    popup = completer.popup
    assert popup is not None and popup.isVisible()
    assert len(popup.suggestions) == expected
    assert {(s.level1, s.level2) for s in popup.suggestions} == {(ind.level1, level2)}
    assert popup.list.topLevelItemCount() == expected
    qtbot.wait(1)  # the filter moves in front of the delegate's once the editor is set up
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    second = popup.current()
    assert second is popup.suggestions[1]
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert ind.level3 == second.name and ind.level2 == level2
    assert window.session.stack.undoText() == f"从指标库填入“{second.name}”"
    # with text, as before: what holds the text
    table.setCurrentIndex(model.index(row, model.columns.index("level3")))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    editor = _type_in_cell(qtbot, table, "myd")
    completer = editor.findChild(LevelThreeCompleter)
    qtbot.waitUntil(lambda: completer.popup is not None and completer.popup.isVisible(), timeout=2000)
    assert all("满意" in s.name for s in completer.popup.suggestions)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)



def test_closing_the_window_with_the_suggestions_shown_raises_nothing(learned_window, qtbot):
    """The process exited with a 三级指标 editor and its popup open: PySide deletes at exit every
    widget Python owns, in no set order, and the popup (Python's) went before the window; the
    editor's end then closed the deleted popup (RuntimeError: Internal C++ object already deleted).
    The popup is the editor's, and ends with it."""
    import shiboken6
    from PySide6.QtWidgets import QApplication

    window = learned_window
    before = set(QApplication.topLevelWidgets())
    activate(qtbot, window)
    table, model, row = _satisfaction_cell(window, qtbot)
    editor = _type_in_cell(qtbot, table, "myd")
    completer = editor.findChild(LevelThreeCompleter)
    qtbot.waitUntil(lambda: completer.popup is not None and completer.popup.isVisible(), timeout=2000)
    popup = completer.popup
    for widget in set(QApplication.topLevelWidgets()) - before - {window}:  # as PySide's exit does
        if shiboken6.isValid(widget) and shiboken6.ownedByPython(widget):
            shiboken6.delete(widget)
    window.dialogs.save_answer = "discard"
    assert window.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(popup) or not popup.isVisible())
