"""Crash recovery, autosave, clipboard parsing, the emit work-around, printing actions."""
from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Qt, Signal

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
    assert dialogs.kinds() == ["recover"] and s.doc.projects[0].name in dialogs.calls[0][1]
    assert second.session.doc.projects[2].indicators[1].value == "≥77%"
    assert second.isWindowModified()  # the recovered work still needs saving
    # the old autosave is gone; the work is autosaved again in the new window's own slot
    assert [p for p, _ in recoverable(tmp_path / "autosave")] == [second.autosaver.path()]


def _edited_window(make_window, name, value):
    from perfeditor.ui.commands import SetField

    w = make_window(dump_doc(name))
    s = w.session
    s.stack.push(SetField(s, s.doc.projects[0], "name", value, s.doc.projects[0]))
    assert w.autosaver.save_now()
    return w


def test_every_window_is_offered_and_each_choice_is_kept_apart(make_window, dialogs, tmp_path):
    _edited_window(make_window, "leting_2024.xlsx", "第一个窗口")
    _edited_window(make_window, "dingzhou_2020.docx", "第二个窗口")
    untitled = [make_window(), make_window()]  # two untitled windows never share a slot
    for n, w in enumerate(untitled):
        from perfeditor.ui.commands import SetField

        w.set_document(dump_doc("pingxiang_2020_part.docx"), None)
        w.session.stack.push(SetField(w.session, w.session.doc.projects[0], "name", f"无名{n}",
                                      w.session.doc.projects[0]))
        assert w.autosaver.save_now()
    assert len(recoverable(tmp_path / "autosave")) == 4
    # the program was killed; on restart each autosave is offered by its file's name
    dialogs.calls.clear()
    dialogs.recover_answers = [True, False, True, False]
    fresh = make_window()
    assert fresh.offer_recovery()
    asked = [text for kind, text in dialogs.calls if kind == "recover"]
    assert len(asked) == 4 and all("恢复" in t or "放弃" in t for t in asked)
    assert any("第一个窗口" in t for t in asked) and any("第二个窗口" in t for t in asked)
    assert len(fresh.recovery_windows) == 1  # the second recovered one has a window of its own
    names = {fresh.session.doc.projects[0].name, fresh.recovery_windows[0].session.doc.projects[0].name}
    assert len(names) == 2
    # the two recovered are autosaved again in their new windows' slots; the declined are gone
    assert len(recoverable(tmp_path / "autosave")) == 2
    for w in list(fresh.recovery_windows):
        dialogs.save_answer = "discard"
        w.close()


def test_recovery_prompt_defaults_to_recover(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from perfeditor.ui.dialogs import UserDialogService

    seen = {}

    def answer():
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton().text()
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(200, answer)
    assert UserDialogService().recover("找到“表.docx”自动保存的内容，是否恢复？")
    assert sorted(seen["buttons"]) == sorted(["恢复", "放弃"]) and seen["default"] == "恢复"


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
