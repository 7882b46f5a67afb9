"""Choosing what to print: the whole file, the current project, or ticked projects."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from perfeditor.model import Document, Project
from perfeditor.ui.actions import A
from perfeditor.ui.print_scope import PrintScope, PrintScopeDialog
from tests.conftest import PUBLIC_FIXTURES


def _doc() -> Document:
    return Document(projects=[Project(name=f"项目{i}") for i in range(4)])


def test_dialog_defaults_to_the_current_project(qtbot):
    dialog = PrintScopeDialog(_doc(), 2, "打印")
    qtbot.addWidget(dialog)
    assert dialog.current.isChecked() and "项目2" in dialog.current.text()
    assert dialog.scope() == PrintScope([2])
    assert not dialog.list.isEnabled()


def test_dialog_without_a_current_project_prints_the_whole_file(qtbot):
    dialog = PrintScopeDialog(_doc(), None, "打印")
    qtbot.addWidget(dialog)
    assert dialog.whole.isChecked() and not dialog.current.isEnabled()
    assert dialog.scope() == PrintScope(None)


def test_dialog_prints_ticked_projects_in_order(qtbot):
    dialog = PrintScopeDialog(_doc(), 2, "打印")
    qtbot.addWidget(dialog)
    dialog.chosen.setChecked(True)
    assert dialog.list.isEnabled()
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.list.item(3).setCheckState(Qt.CheckState.Checked)
    assert dialog.scope() == PrintScope([0, 2, 3])


def _open(window, tmp_path):
    path = tmp_path / "d.docx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.docx", path)
    assert window.open_path(str(path))


def test_cancelled_scope_prints_nothing_and_empty_choice_warns(window, dialogs, tmp_path, monkeypatch):
    from perfeditor.printing import dialogs as printing

    _open(window, tmp_path)
    calls = []
    monkeypatch.setattr(printing, "print_document", lambda *a: calls.append(a))
    dialogs.print_scope = None
    window.actions_[A.PRINT].trigger()
    dialogs.print_scope = PrintScope([])
    window.actions_[A.PRINT].trigger()
    assert calls == []
    assert dialogs.kinds()[-1] == "warning"
    dialogs.print_scope = PrintScope([1, 3])
    window.actions_[A.PRINT].trigger()
    assert [c[2] for c in calls] == [[1, 3]]


def test_page_setup_action_opens_page_setup_for_the_document(window, tmp_path, monkeypatch):
    from perfeditor.printing import dialogs as printing

    _open(window, tmp_path)
    calls = []
    monkeypatch.setattr(printing, "page_setup", lambda parent, doc: calls.append((parent, doc)))
    window.actions_[A.PAGE_SETUP].trigger()
    assert calls == [(window, window.session.doc)]


def test_the_whole_file_names_the_department_part_only_when_there_is_one(qtbot):
    from perfeditor.model import Department

    dialog = PrintScopeDialog(_doc(), None, "打印")
    qtbot.addWidget(dialog)
    assert dialog.whole.text() == "整个文件（全部项目）"
    doc = _doc()
    doc.department = Department()
    with_part = PrintScopeDialog(doc, None, "打印")
    qtbot.addWidget(with_part)
    assert with_part.whole.text() == "整个文件（部门整体绩效目标及全部项目）"


def test_the_chosen_scope_has_the_keyboard(window, dialogs, tmp_path, qtbot):
    """The dialog opened with 当前项目 chosen but the focus on 整个文件: Space (as a clerk presses
    on the focused choice) switched to printing the whole file."""
    from PySide6.QtWidgets import QApplication

    _open(window, tmp_path)
    dialog = PrintScopeDialog(window.session.doc, 2, "打印", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    assert QApplication.focusWidget() is dialog.current
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert dialog.scope() == PrintScope([2])


def test_all_and_none_tick_every_project_or_none(qtbot):
    """选定的项目 of a file of 20 projects meant 20 clicks to print all but one."""
    from PySide6.QtWidgets import QPushButton

    dialog = PrintScopeDialog(_doc(), 2, "打印")
    qtbot.addWidget(dialog)
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    assert not buttons["全选"].isEnabled() and not buttons["全不选"].isEnabled()
    dialog.chosen.setChecked(True)
    qtbot.mouseClick(buttons["全选"], Qt.MouseButton.LeftButton)
    assert dialog.scope() == PrintScope([0, 1, 2, 3])
    qtbot.mouseClick(buttons["全不选"], Qt.MouseButton.LeftButton)
    assert dialog.scope() == PrintScope([])
