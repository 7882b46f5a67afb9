"""Crash recovery, autosave, clipboard parsing, the emit work-around, printing actions."""
from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

from perfeditor.ui.autosave import recoverable
from perfeditor.ui.clipboard import PasteRefused, parse_html, parse_tsv, to_mime
from perfeditor.ui.qtcompat import disconnect
from tests.ui.conftest import dump_doc


def test_autosave_then_new_window_offers_recovery(make_window, dialogs, tmp_path):
    first = make_window(dump_doc("dingzhou_2020.docx"))
    s = first.session
    ind = s.doc.projects[2].indicators[1]
    from perfeditor.ui.commands import SetField

    s.stack.push(SetField(s, ind, "value", "≥77%", s.doc.projects[2]))
    assert first.autosaver.save_now()
    assert recoverable(tmp_path / "autosave")
    # the program "crashed": a new window starts and finds the autosave
    second = make_window()
    dialogs.calls.clear()
    assert second.offer_recovery()
    assert dialogs.kinds() == ["question"] and "恢复" in dialogs.calls[0][1]
    assert second.session.doc.projects[2].indicators[1].value == "≥77%"
    assert second.isWindowModified()  # the recovered work still needs saving
    assert not recoverable(tmp_path / "autosave")


def test_declined_recovery_discards(make_window, dialogs, tmp_path):
    first = make_window(dump_doc("leting_2024.xlsx"))
    from perfeditor.ui.commands import SetField

    s = first.session
    s.stack.push(SetField(s, s.doc.projects[0], "name", "改过的名称", s.doc.projects[0]))
    first.autosaver.save_now()
    dialogs.question_answer = False
    assert not make_window().offer_recovery()
    assert not recoverable(tmp_path / "autosave")


def test_clean_exit_removes_autosave(make_window, dialogs, tmp_path):
    w = make_window(dump_doc("leting_2024.xlsx"))
    from perfeditor.ui.commands import SetField

    s = w.session
    s.stack.push(SetField(s, s.doc.projects[0], "name", "新名称", s.doc.projects[0]))
    assert w.autosaver.save_now()
    s.stack.undo()  # back to clean: nothing to autosave, and closing removes it
    assert not w.autosaver.save_now()
    dialogs.save_answer = "discard"
    assert w.close()
    assert not recoverable(tmp_path / "autosave")


def test_autosave_timer_follows_setting(window):
    assert window.autosaver.timer.isActive()
    assert window.autosaver.timer.interval() == 60_000
    window.settings.set("files/autosave_minutes", 0)
    window.apply_settings()
    assert not window.autosaver.timer.isActive()


def test_parse_tsv_quotes_and_limits():
    assert parse_tsv('a\t"b\nc"\td\r\ne\tf\r\n') == [["a", "b\nc", "d"], ["e", "f"]]
    with pytest.raises(PasteRefused):
        parse_tsv("x\n" * 6000)
    with pytest.raises(PasteRefused):
        parse_tsv("a\x00b")


def test_parse_html_and_round_trip():
    rows = parse_html("<html><body><table><tr><td>一</td><td colspan=2>二</td></tr>"
                      "<tr><td>三<br/>四</td><td></td><td>五</td></tr></table></body></html>")
    assert rows == [["一", "二", ""], ["三\n四", "", "五"]]
    mime = to_mime([["甲", "乙\t丙"], ["丁", ""]])
    assert parse_tsv(mime.text()) == [["甲", "乙\t丙"], ["丁", ""]]
    assert parse_html(mime.html()) == [["甲", "乙\t丙"], ["丁", ""]]


class _Sender(QObject):
    ping = Signal(object)


def test_emit_and_disconnect_keep_bool_refcount(qapp):
    sender = _Sender()
    before = sys.getrefcount(True)
    for _ in range(200):
        sender.ping.connect(print)
        disconnect(sender.ping, print)
        sender.ping.emit(None)
    assert abs(sys.getrefcount(True) - before) < 5


def test_print_actions_follow_printing_module(window):
    from perfeditor.ui.actions import A
    from perfeditor.ui.menus import printing_available

    for aid in (A.PRINT_PREVIEW, A.PRINT, A.EXPORT_PDF):
        assert window.actions_[aid].isEnabled() == printing_available()
    assert window.actions_[A.PRINT].shortcut().toString() == "Ctrl+P"
