"""另存为 a .docx with more than forms (平乡) over another file that exists (an .xlsx, chosen in the
file dialog): the question says the file is replaced and what the new file will not hold, and
that 取消 keeps that file as it is — not “保存到…将会改动” (the words of a save over the file
itself), which named a new file in a question about changing an existing one (QA tour 3)."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from tests.conftest import OWN_FIXTURES
from tests.ui.authoring_helpers import activate


def _press_save_as(window, qtbot):
    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_save_as_over_another_existing_file_says_it_is_replaced(window, dialogs, qtbot, tmp_path):
    source = tmp_path / "平乡.docx"
    shutil.copy(OWN_FIXTURES / "acceptance" / "seed003_pingxiang.docx", source)
    assert window.open_path(str(source)), dialogs.calls
    other = tmp_path / "旧表.xlsx"
    shutil.copy(OWN_FIXTURES / "acceptance" / "seed003_pingxiang.xlsx", other)
    before = other.read_bytes()
    dialogs.save_path = str(other)
    dialogs.choice = 1  # 河北分级表, the file's own layout
    dialogs.question_answer = False
    _press_save_as(window, qtbot)
    (asked,) = [text for kind, text in dialogs.calls if kind == "question"]
    assert asked.startswith("另存为“旧表.xlsx”将替换该文件"), asked
    assert "原文档中其余的内容不会写入新文件" in asked
    assert asked.endswith("选择“取消”则不保存，“旧表.xlsx”保持原样。"), asked
    assert other.read_bytes() == before
    assert window.session.doc.path == str(source)


def test_save_over_the_file_itself_still_says_what_changes(window, dialogs, qtbot, tmp_path):
    from perfeditor.ui.files import losses_question

    text = losses_question(str(tmp_path / "表.xlsx"), ["某项"], None, overwrites=True)
    assert text.startswith("保存到“表.xlsx”将会改动以下内容") and text.endswith("文件保持原样。")
