"""另存为 a .docx with more than forms (平乡: 六、政府采购预算情况 and its tables, 七、国有资产信息,
八、名词解释 …) as .xlsx: before anything is written the clerk is asked in a real message box
(继续保存 / 取消, 取消 the default and the Esc button) that names what the new file will not hold;
Esc writes nothing and the window stays on the .docx; 继续保存 writes it and switches to it."""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from perfeditor.ui.save_layouts import SAVE_CHOICES
from tests.conftest import OWN_FIXTURES
from tests.ui.authoring_helpers import activate

GRADED = [name for name, _ in SAVE_CHOICES].index("hebei-graded")


def _press_save_as(window, qtbot):
    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _real_questions(window, dialogs, qtbot, monkeypatch, key) -> list[dict]:
    """The window's questions shown in the real message box (the scripted service keeps the file
    and layout choices), answered by pressing ``key`` in it (None: a click on 继续保存)."""
    from perfeditor.ui.dialogs import UserDialogService

    seen: list[dict] = []

    def fake_exec(self, *args):
        self.show()
        seen.append({"text": self.text(), "buttons": [b.text() for b in self.buttons()],
                     "default": self.defaultButton().text(), "escape": self.escapeButton().text()})
        if key is None:
            next(b for b in self.buttons() if b.text() == "继续保存").click()
        else:
            qtbot.keyClick(self, key)
        self.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    real = UserDialogService(window)
    monkeypatch.setattr(dialogs, "question", lambda *a, **k: real.question(*a, **k))
    return seen


def _open(window, tmp_path) -> Path:
    source = tmp_path / "平乡.docx"
    shutil.copy(OWN_FIXTURES / "acceptance" / "seed003_pingxiang.docx", source)
    assert window.open_path(str(source)), window.dialogs.calls
    return source


def test_esc_writes_nothing_and_the_window_stays_on_the_docx(window, dialogs, qtbot, tmp_path, monkeypatch):
    source = _open(window, tmp_path)
    before = source.read_bytes()
    target = tmp_path / "平乡.xlsx"
    dialogs.save_path, dialogs.choice = str(target), GRADED
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return):  # Esc, then Enter on the default button
        seen = _real_questions(window, dialogs, qtbot, monkeypatch, key)
        _press_save_as(window, qtbot)
        assert len(seen) == 1, seen
        assert not target.exists()
        assert source.read_bytes() == before
        assert Path(window.session.doc.path) == source.resolve() and window.session.doc.format == "docx"
    asked = seen[0]
    assert sorted(asked["buttons"]) == sorted(["继续保存", "取消"])
    assert asked["default"] == "取消" and asked["escape"] == "取消"
    assert "“平乡.xlsx”" in asked["text"] and "4 个其他表格" in asked["text"]
    assert "“一、部门职责及机构设置情况”" in asked["text"], asked["text"]


def test_continue_writes_the_xlsx_and_switches_to_it(window, dialogs, qtbot, tmp_path, monkeypatch):
    _open(window, tmp_path)
    target = tmp_path / "平乡.xlsx"
    dialogs.save_path, dialogs.choice = str(target), GRADED
    seen = _real_questions(window, dialogs, qtbot, monkeypatch, None)
    _press_save_as(window, qtbot)
    assert len(seen) == 1
    assert target.exists()
    assert Path(window.session.doc.path) == target.resolve() and window.session.doc.format == "xlsx"
    # what was asked is not told again after the save
    assert not [text for kind, text in dialogs.calls if kind == "warning" and "其他表格" in text]


def test_a_file_of_forms_only_is_saved_as_xlsx_without_a_question(window, dialogs, qtbot, tmp_path):
    source = tmp_path / "定州.docx"
    shutil.copy(OWN_FIXTURES / "acceptance" / "seed000_dingzhou.docx", source)
    assert window.open_path(str(source)), dialogs.calls
    target = tmp_path / "定州.xlsx"
    dialogs.save_path = str(target)
    dialogs.choice = [name for name, _ in SAVE_CHOICES].index("hebei-project")
    _press_save_as(window, qtbot)
    assert target.exists()
    assert "question" not in dialogs.kinds(), dialogs.calls
