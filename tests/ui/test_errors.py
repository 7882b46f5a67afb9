"""Errors in the window are logged and shown in Chinese, never swallowed: a failing check says
审核出错 (not 未发现问题), an exception escaping a slot reaches a message box naming the log."""
from __future__ import annotations

import logging
import sys

from perfeditor.logs import log_path
from tests.ui.conftest import dump_doc


def _check(window, qtbot):
    window.session.start_checking()
    qtbot.waitUntil(lambda: not window.session.pending, timeout=5000)


def test_a_failing_check_says_so_instead_of_no_problems(window, qtbot, monkeypatch):
    window.set_document(dump_doc("pingxiang_2020_part.docx"), None)
    _check(window, qtbot)
    assert "审核出错" not in window.status_counts.text()

    def broken(*a, **k):
        raise RuntimeError("rule engine bug")

    monkeypatch.setattr(type(window.session.validator), "validate_all", broken)
    window.session.validate_all()
    assert window.status_counts.text().startswith("审核出错")
    assert "未发现问题" not in window.problems.windowTitle()
    assert "审核出错" in window.problems.windowTitle()
    assert not window.problems.error_label.isHidden()
    assert "审核出错" in window.problems.error_label.text()
    assert "RuntimeError" not in window.status_counts.text()  # no Python names for the clerk

    monkeypatch.undo()  # the rules work again: the marks and counts come back
    window.session.validate_all()
    assert "审核出错" not in window.status_counts.text()
    assert window.problems.error_label.isHidden()


def test_a_failing_check_is_logged_with_its_traceback(window, qtbot, monkeypatch, caplog):
    window.set_document(dump_doc("pingxiang_2020_part.docx"), None)
    _check(window, qtbot)
    monkeypatch.setattr(type(window.session.validator), "validate_all",
                        lambda *a, **k: (_ for _ in ()).throw(KeyError("x")))
    with caplog.at_level(logging.ERROR, logger="perfeditor"):
        window.session.validate_all()
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_an_unhandled_exception_shows_a_chinese_box_with_the_log(qapp, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    from perfeditor.ui import errors

    shown = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        raise ValueError("boom")
    except ValueError:
        with caplog.at_level(logging.ERROR, logger="perfeditor"):
            errors.excepthook(*sys.exc_info())
    assert len(shown) == 1
    title, text, buttons = shown[0]
    assert title == "程序错误" and str(log_path()) in text and buttons == ["确定"]
    assert "boom" in caplog.text and "Traceback" in caplog.text


def test_qt_warnings_go_to_the_log(qapp, caplog):
    from PySide6.QtCore import qWarning

    from perfeditor.ui import errors

    errors.install_error_handlers()
    try:
        with caplog.at_level(logging.WARNING, logger="perfeditor"):
            qWarning("a qt warning for the log")
        assert "a qt warning for the log" in caplog.text
    finally:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(None)
        sys.excepthook = sys.__excepthook__
