"""Slow work of the window (reading a file) off the GUI thread, with a progress dialog that can be
cancelled.

:func:`in_background` runs a Qt-free function in a worker thread and waits for it in a local event
loop, so the window keeps painting and its timers keep firing while a large or damaged file is read,
and callers keep a plain return value. A progress dialog (``取消``) shows after :data:`DELAY_MS`, so
a quick read shows none; until it shows, the clerk's clicks and keys are held back from the window
(as the modal dialog does afterwards), so nothing is edited that the new document would replace.
Cancelling stops the worker (an exception raised in its thread, the way the read budget does) and
returns at once, leaving the window as it was.
"""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

log = logging.getLogger(__name__)

#: how long a read runs before its progress dialog shows (a normal form reads in less)
DELAY_MS = 300
#: how often the GUI thread looks whether the work has ended
POLL_MS = 10

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
          QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel,
          QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.Drop,
          QEvent.Type.TouchBegin, QEvent.Type.ContextMenu}


class Cancelled(Exception):
    """The clerk cancelled the work."""


class _Stop(BaseException):
    """Raised in the worker thread on cancel (a BaseException: no ``except Exception`` keeps it)."""


class _HoldInput(QObject):
    """Eats user input (and the clerk's window closes) meant for anything but the progress dialog."""

    def __init__(self, dialog: QProgressDialog):
        super().__init__()
        self.dialog = dialog

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in _INPUT and not (kind == QEvent.Type.Close and event.spontaneous()):
            return False  # (the clerk closing a window waits too; the program's own closes pass)
        if isinstance(obj, QWidget) and (obj is self.dialog or self.dialog.isAncestorOf(obj)):
            return False
        return True


def in_background(fn, *args, parent: QWidget | None = None, text: str = "正在处理……",
                  title: str = "请稍候"):
    """``fn(*args)`` run in a worker thread while the GUI thread keeps running; returns its value
    or raises its exception; raises :class:`Cancelled` when the clerk cancels. Outside the GUI
    thread (or without an application) ``fn`` simply runs."""
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return fn(*args)
    outcome: dict[str, object] = {}
    lock = threading.Lock()
    # The worker touches no Qt object: it sets an event that a timer of the GUI thread polls. (A
    # QObject it emitted from could lose its last reference in the worker thread and be deleted
    # there while the GUI thread still delivers its signal: a crash under load.)
    ended = threading.Event()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: ended.is_set() and loop.quit())

    def work() -> None:
        try:
            try:
                value = fn(*args)
            except _Stop:
                return
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, raised there
                with lock:
                    outcome["error"] = exc
            else:
                with lock:
                    outcome["value"] = value
            ended.set()
        except _Stop:  # the cancel arrived just as the work ended: nobody waits for it any more
            pass

    dialog = QProgressDialog(text, "取消", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(DELAY_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.hide()  # QProgressDialog may show itself; it shows after DELAY_MS only
    cancelled = []

    def cancel() -> None:
        cancelled.append(True)
        loop.quit()

    dialog.canceled.connect(cancel)
    show = QTimer(dialog)
    show.setSingleShot(True)
    show.timeout.connect(dialog.show)
    hold = _HoldInput(dialog)
    worker = threading.Thread(target=work, name="perfeditor-read", daemon=True)
    app.installEventFilter(hold)
    try:
        worker.start()
        show.start(DELAY_MS)
        poll.start()
        if not ended.is_set():
            loop.exec()
    finally:
        app.removeEventFilter(hold)
        poll.stop()
        show.stop()
        dialog.canceled.disconnect(cancel)  # closing a shown progress dialog reports a cancel
        dialog.close()
        dialog.deleteLater()
    with lock:
        if cancelled:  # even if the work ended meanwhile: the clerk asked for nothing to change
            if not outcome and worker.ident is not None and worker.is_alive():
                from perfeditor.io.budget import _raise_in

                _raise_in(worker.ident, _Stop)
            log.info("cancelled by the clerk: %s", text)
            raise Cancelled()
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome.get("value")
