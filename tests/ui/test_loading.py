"""Opening a file reads it off the GUI thread: the window keeps running while a slow file is read,
a progress dialog (取消) shows after a moment, cancelling leaves the window as it was, and an
unreadable file still gives its one Chinese line."""
from __future__ import annotations

import shutil
import threading
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

import perfeditor.io
from perfeditor.ui import loading
from tests.ui.conftest import fixture_path


def _copy(tmp_path, name="dingzhou_2020.docx"):
    path = tmp_path / name
    shutil.copy(fixture_path(name), path)
    return path


def _slow_reader(monkeypatch, seconds: float, stopped: threading.Event | None = None):
    """``load_document`` made slow: it waits ``seconds`` (in small steps, as a parser works)
    before reading; ``stopped`` is set when the wait ends early (the read was stopped)."""
    real = perfeditor.io.read_document

    def slow(path):
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                time.sleep(0.01)
        except BaseException:
            if stopped is not None:
                stopped.set()
            raise
        return real(path)

    monkeypatch.setattr(perfeditor.io, "read_document", slow)


def _progress_dialog():
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QProgressDialog) and w.isVisible()), None)


def test_the_window_keeps_running_while_a_slow_file_is_read(window, qtbot, tmp_path, monkeypatch):
    path = _copy(tmp_path)
    _slow_reader(monkeypatch, 1.0)
    window.show()
    qtbot.waitExposed(window)
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    seen_dialog = []
    QTimer.singleShot(loading.DELAY_MS + 300, lambda: seen_dialog.append(_progress_dialog()))
    try:
        assert window.open_path(str(path))
    finally:
        timer.stop()
    assert len(ticks) >= 20  # ~50 in a second: the GUI thread was never held for the read
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.5
    dialog = seen_dialog[0]
    assert dialog is not None and "正在打开“dingzhou_2020.docx”" in dialog.labelText()
    assert dialog.findChild(QPushButton).text() == "取消"
    assert len(window.session.doc.projects) == 21
    qtbot.waitUntil(lambda: _progress_dialog() is None)


def test_cancel_leaves_the_window_as_it_was_and_stops_the_read(window, qtbot, tmp_path, monkeypatch):
    first = _copy(tmp_path)
    assert window.open_path(str(first))
    doc = window.session.doc
    other = _copy(tmp_path, "leting_2024.xlsx")
    stopped = threading.Event()
    _slow_reader(monkeypatch, 30.0, stopped)
    window.show()
    qtbot.waitExposed(window)

    def click_cancel():
        dialog = _progress_dialog()
        if dialog is None:  # not shown yet: look again
            QTimer.singleShot(50, click_cancel)
            return
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(loading.DELAY_MS, click_cancel)
    started = time.monotonic()
    assert not window.open_path(str(other))
    assert time.monotonic() - started < 10
    assert window.session.doc is doc and doc.path == str(first.resolve())
    assert "error" not in window.dialogs.kinds()
    assert stopped.wait(5)  # the worker was stopped, not left reading
    qtbot.waitUntil(lambda: _progress_dialog() is None)


def test_keys_during_a_read_do_not_reach_the_window(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QEvent, QObject

    assert window.open_path(str(_copy(tmp_path)))
    _slow_reader(monkeypatch, 0.6)
    window.show()
    qtbot.waitExposed(window)

    class Recorder(QObject):
        keys: list = []

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.KeyPress:
                self.keys.append(event.key())
            return False

    recorder = Recorder()
    window.tree.installEventFilter(recorder)
    QTimer.singleShot(50, lambda: qtbot.keyClick(window.tree, Qt.Key.Key_Down))
    assert window.open_path(str(_copy(tmp_path, "leting_2024.xlsx")))
    assert recorder.keys == []  # held back while the window's document was being replaced
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert recorder.keys == [Qt.Key.Key_Down]
    window.tree.removeEventFilter(recorder)


def test_an_unreadable_file_still_gives_its_chinese_line(window, tmp_path):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip at all")
    assert not window.open_path(str(bad))
    kind, text = window.dialogs.calls[-1]
    assert kind == "error" and "坏文件.docx" in text
    assert "Error" not in text and "Traceback" not in text


def test_a_reader_bug_is_logged_and_shown_in_chinese(window, tmp_path, monkeypatch):
    def broken(path):
        raise IndexError("a reader bug")

    monkeypatch.setattr(perfeditor.io, "read_document", broken)
    assert not window.open_path(str(_copy(tmp_path)))
    kind, text = window.dialogs.calls[-1]
    assert kind == "error" and "程序内部出错" in text and "IndexError" not in text


def test_outside_the_gui_thread_the_work_simply_runs():
    out = []
    t = threading.Thread(target=lambda: out.append(loading.in_background(lambda x: x * 2, 21)))
    t.start()
    t.join(5)
    assert out == [42]


def test_closing_the_window_waits_for_the_read(window, qtbot, tmp_path, monkeypatch):
    assert window.open_path(str(_copy(tmp_path)))
    _slow_reader(monkeypatch, 0.6)
    window.show()
    qtbot.waitExposed(window)
    QTimer.singleShot(50, lambda: window.windowHandle().close())  # the title bar's close button
    assert window.open_path(str(_copy(tmp_path, "leting_2024.xlsx")))
    assert window.isVisible() and window.session.doc.path.endswith("leting_2024.xlsx")
