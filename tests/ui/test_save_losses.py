"""Ctrl+S before a save that cannot keep everything of the file: the clerk is asked first, in
Chinese, and answering no leaves the file as it was."""
from __future__ import annotations

from perfeditor.io import load_document
from tests.conftest import PUBLIC_FIXTURES
from tests.workbooks import NOTES, with_reference_to_form


def _press_ctrl_s(window, qtbot):
    """The Save action, the one Ctrl+S triggers (the offscreen platform activates no window, so
    the shortcut itself cannot be delivered)."""
    from perfeditor.ui.actions import A

    action = window.actions_[A.SAVE]
    assert "Ctrl+S" in [s.toString() for s in action.shortcuts()]
    action.trigger()


def _open_unkeepable(window, tmp_path):
    path, _ = with_reference_to_form(PUBLIC_FIXTURES / "leting_2024.xlsx", tmp_path / "乐亭.xlsx")
    assert window.open_path(str(path)), window.dialogs.calls
    doc = window.session.doc
    del doc.projects[0]  # its sheet is read by a formula of the notes sheet: cannot be done in place
    window.session.stack.resetClean()  # edited: Save is enabled
    return path


def test_ctrl_s_asks_before_dropping_other_sheets_and_no_keeps_the_file(window, qtbot, tmp_path):
    path = _open_unkeepable(window, tmp_path)
    before = path.read_bytes()
    window.dialogs.question_answer = False
    _press_ctrl_s(window, qtbot)
    asked = [text for kind, text in window.dialogs.calls if kind == "question"]
    assert len(asked) == 1 and f"工作表“{NOTES}”" in asked[0] and "重新生成" in asked[0]
    assert path.read_bytes() == before
    assert not (tmp_path / "乐亭.bak.xlsx").exists()


def test_yes_saves_and_reports_nothing_twice(window, qtbot, tmp_path):
    path = _open_unkeepable(window, tmp_path)
    window.dialogs.question_answer = True
    _press_ctrl_s(window, qtbot)
    assert window.dialogs.kinds().count("question") == 1
    assert "warning" not in window.dialogs.kinds()
    names = [p.name for p in load_document(path).projects]
    assert names[:2] == [p.name for p in window.session.doc.projects[:2]]


def test_an_edit_that_keeps_everything_asks_nothing(window, qtbot, tmp_path):
    path, _ = with_reference_to_form(PUBLIC_FIXTURES / "leting_2024.xlsx", tmp_path / "乐亭.xlsx")
    assert window.open_path(str(path))
    del window.session.doc.projects[3]
    assert window.save()
    assert "question" not in window.dialogs.kinds()
    assert len(load_document(path).projects) == 20


def test_the_question_names_what_changes_and_offers_continue_or_cancel(window, qtbot, tmp_path, monkeypatch):
    """A real message box: 继续保存 / 取消, 取消 the default and the Esc button; Esc (and 取消)
    leaves the file byte-identical."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from perfeditor.ui.dialogs import UserDialogService

    path = _open_unkeepable(window, tmp_path)
    before = path.read_bytes()
    fake, window.dialogs = window.dialogs, UserDialogService(window)
    seen: list[dict] = []

    def answer(key):
        def fake_exec(self, *args):
            self.show()
            seen.append({"text": self.text(), "buttons": [b.text() for b in self.buttons()],
                         "default": self.defaultButton().text(), "escape": self.escapeButton().text()})
            if key is None:
                next(b for b in self.buttons() if b.text() == "取消").click()
            else:
                qtbot.keyClick(self, key)
            self.hide()
            return 0
        monkeypatch.setattr(QMessageBox, "exec", fake_exec)

    for key in (Qt.Key.Key_Escape, None):  # Esc, then a click on 取消
        answer(key)
        assert not window.save()
        assert path.read_bytes() == before
        assert not (tmp_path / "乐亭.bak.xlsx").exists()
    asked = seen[0]
    assert sorted(asked["buttons"]) == sorted(["继续保存", "取消"])
    assert asked["default"] == "取消" and asked["escape"] == "取消"
    assert f"工作表“{NOTES}”" in asked["text"] and "继续保存" in asked["text"]
    assert "是" not in asked["buttons"] and "否" not in asked["buttons"]
    # titles the save would have renumbered are the document's own again
    assert window.session.doc.projects[0].title == load_document(path).projects[1].title
    window.dialogs = fake  # closing the window asks the scripted service
