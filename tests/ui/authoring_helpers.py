"""Helpers for issue 13's window tests: typing Chinese as an input method commits it, and a
window whose indicator library lives in the test's own folder."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit


def type_text(qtbot, widget, text: str) -> None:
    """Real key presses: ASCII through QTest, other characters as key events carrying the text
    (what an input method delivers once the clerk picks a character)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def cell_editor(table) -> QPlainTextEdit | None:
    editors = [e for e in table.findChildren(QPlainTextEdit) if e.isVisible()]
    return editors[-1] if editors else None


def private_library(window, tmp_path):
    window.library.wait()
    window.library.close()
    window.library.path = tmp_path / "library.sqlite3"
    return window.library


def activate(qtbot, window) -> None:
    """Show the window and make it the active one, so that its shortcuts (Ctrl+N …) fire."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def open_project_table(qtbot, window, path, index: int = 0):
    """Open ``path`` in the (shown, active) window, select its ``index``-th project and focus its
    indicator table; returns (the project, the table)."""
    assert window.open_path(str(path)), window.dialogs.calls
    activate(qtbot, window)
    project = window.session.doc.projects[index]
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.current_table()
    table.setFocus()
    return project, table
