"""另存为 over a file that exists, in a layout that cannot hold some of the document (河北分级表 has
no 指标值, 预算数 …): the clerk is asked before the file is overwritten, and the question names
what the layout leaves out; 取消 leaves the file byte-identical. Saved to a new file, nothing is
overwritten: no question, the after-save message as before."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from perfeditor.ui.save_layouts import SAVE_CHOICES
from tests.ui.authoring_helpers import activate
from tests.ui.conftest import fixture_path

GRADED = [name for name, _ in SAVE_CHOICES].index("hebei-graded")


def _open(window, tmp_path):
    source = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), source)
    assert window.open_path(str(source)), window.dialogs.calls
    return source


def _press_save_as(window, qtbot):
    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def _questions(dialogs) -> list[str]:
    return [text for kind, text in dialogs.calls if kind == "question"]


def test_save_as_over_the_file_itself_names_what_the_layout_leaves_out(window, dialogs, qtbot, tmp_path):
    source = _open(window, tmp_path)
    before = source.read_bytes()
    dialogs.save_path, dialogs.choice = str(source), GRADED
    dialogs.question_answer = False
    _press_save_as(window, qtbot)
    asked = _questions(dialogs)
    assert len(asked) == 1
    assert "指标值" in asked[0] and "预算数" in asked[0] and "等 21 个项目" in asked[0], asked[0]
    assert dialogs.buttons[-1] == ("继续保存", "取消")
    assert source.read_bytes() == before
    assert not (tmp_path / "定州.bak.docx").exists()
    assert window.session.doc.layout == "hebei-project" and not window.session.stack.count()


def test_save_as_over_another_existing_file_asks_first(window, dialogs, qtbot, tmp_path):
    _open(window, tmp_path)
    other = tmp_path / "分级.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), other)
    before = other.read_bytes()
    dialogs.save_path, dialogs.choice = str(other), GRADED
    dialogs.question_answer = False
    _press_save_as(window, qtbot)
    asked = _questions(dialogs)
    assert len(asked) == 1 and "“分级.docx”" in asked[0] and "指标值" in asked[0], asked
    assert other.read_bytes() == before
    # 继续保存: saved, and what was asked is not told again after the save
    dialogs.question_answer = True
    _press_save_as(window, qtbot)
    assert other.read_bytes() != before
    assert window.session.doc.layout == "hebei-graded"
    assert not [text for kind, text in dialogs.calls if kind == "warning" and "未写入" in text]
    bar = window.statusBar()  # (a line too long for the bar ends in …, the whole of it the tooltip)
    assert "已从窗口中清除" in (bar.toolTip() or bar.currentMessage())


def test_save_as_to_a_new_file_asks_nothing_and_tells_after(window, dialogs, qtbot, tmp_path):
    _open(window, tmp_path)
    target = tmp_path / "分级.docx"
    dialogs.save_path, dialogs.choice = str(target), GRADED
    _press_save_as(window, qtbot)
    assert target.exists()
    assert not _questions(dialogs)
    warnings = [text for kind, text in dialogs.calls if kind == "warning"]
    assert len(warnings) == 1 and "指标值" in warnings[0]
