"""Window tests: a scripted dialog service, a temporary settings file and autosave folder, and a
check that no test leaves top-level widgets or running timers behind."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PUBLIC_FIXTURES

FIXTURE_NAMES = ["dingzhou_2020.docx", "dingzhou_2020.xlsx", "leting_2024.xlsx",
                 "pingxiang_2020_part.docx", "qiannan_2022_part.docx"]


class FakeDialogs:
    """Answers the window's questions from a script and records what it was asked."""

    def __init__(self):
        self.calls: list[tuple[str, str]] = []
        self.buttons: list[tuple[str, str]] = []  # (yes, no) texts of each question asked
        self.question_answer = True
        self.recover_answers: list[bool] = []  # recover() answers in order (then question_answer)
        self.save_answer = "discard"
        self.save_path = ""
        self.open_path = ""
        self.choice: int | None = 0
        self.print_scope = "default"  # or a PrintScope, or None for "cancelled"
        self.script = None  # run(dialog) shows the dialog, calls script(dialog), then closes it

    def error(self, text, title=""):
        self.calls.append(("error", text))

    def warning(self, text, title=""):
        self.calls.append(("warning", text))

    def information(self, text, title=""):
        self.calls.append(("information", text))

    def question(self, text, title="", yes="是", no="否", default_yes=False):
        self.calls.append(("question", text))
        self.buttons.append((yes, no))
        return self.question_answer

    def recover(self, text, title=""):
        self.calls.append(("recover", text))
        return self.recover_answers.pop(0) if self.recover_answers else self.question_answer

    def ask_save_changes(self, name):
        self.calls.append(("ask_save", name))
        return self.save_answer

    def open_file_name(self, start="", title="打开"):
        return self.open_path

    def save_file_name(self, start=""):
        self.calls.append(("save_file_name", start))
        return self.save_path

    def choose(self, title, label, items, current=0):
        self.calls.append(("choose", "\n".join(items)))
        return self.choice

    def run(self, dialog):
        """Shows the dialog (not modal) for the test's script to drive with keys and clicks; whether
        it ended accepted. With no script the clerk cancels."""
        from PySide6.QtWidgets import QDialog

        self.calls.append(("run", dialog.windowTitle()))
        dialog.setResult(QDialog.DialogCode.Rejected)
        if self.script is not None:
            dialog.show()
            self.script(dialog)
        dialog.hide()
        return dialog.result() == QDialog.DialogCode.Accepted

    def choose_print_scope(self, doc, current, title="打印"):
        from perfeditor.ui.print_scope import default_scope

        self.calls.append(("print_scope", title))
        return default_scope(current) if self.print_scope == "default" else self.print_scope

    def kinds(self) -> list[str]:
        return [k for k, _ in self.calls]


@pytest.fixture(autouse=True)
def no_leaks(qapp):
    """Fail a test that leaves top-level widgets or active timers behind (napari's rule)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before
              and w.isVisible()]
    assert not leaked, f"leaked top-level widgets: {leaked}"
    timers = [t for w in QApplication.topLevelWidgets() for t in w.findChildren(QTimer) if t.isActive()
              and id(w) not in before]
    assert not timers, f"leaked active timers: {timers}"


def let_go_of_modifiers() -> None:
    """Qt's keyboard modifiers as after a key released with none held (a hidden widget gets it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        QTest.keyRelease(QWidget(), Qt.Key.Key_Control)


@pytest.fixture(autouse=True)
def keys_let_go(qapp, monkeypatch):
    """QTest's key click with modifiers leaves the last of them held in Qt's state (its release
    reports it held): a later setCurrentIndex in an extended-selection view toggles the row instead
    of selecting it, in this test or the next. Every qtbot click lets them go, as fingers do."""
    from pytestqt.qtbot import QtBot

    def releasing(send):
        def click(*args, **kwargs):
            send(*args, **kwargs)
            let_go_of_modifiers()
        return staticmethod(click)

    for name in ("keyClick", "keyClicks", "keySequence"):
        monkeypatch.setattr(QtBot, name, releasing(getattr(QtBot, name)))
    yield
    let_go_of_modifiers()


@pytest.fixture
def dialogs():
    return FakeDialogs()


@pytest.fixture
def settings(tmp_path):
    from perfeditor.ui.settings import Settings

    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, tmp_path, settings, dialogs):
    from perfeditor.ui.mainwindow import MainWindow

    made = []

    def make(doc=None):
        w = MainWindow(settings=settings, dialogs=dialogs, autosave_folder=tmp_path / "autosave")
        qtbot.addWidget(w)
        if doc is not None:
            w.set_document(doc, doc.path)
        made.append(w)
        return w

    yield make
    for w in made:
        dialogs.save_answer = "discard"
        w.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def shown(make_window, qtbot):
    """Makes a window on a document, shown and active (its shortcuts fire, keys reach it)."""
    from PySide6.QtWidgets import QApplication

    def make(doc):
        window = make_window(doc)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window
    return make


def dump_doc(name: str):
    from perfeditor.model import document_from_dump

    return document_from_dump(json.loads((PUBLIC_FIXTURES / f"{name}.dump.json").read_text(encoding="utf-8")))


def drag_and_drop(window, path) -> bool:
    """Drag ``path`` over the window (whether it is accepted) and drop it there."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    return enter.isAccepted()


def fixture_path(name: str) -> Path:
    return PUBLIC_FIXTURES / name
