"""项目→从往年文件复制: last year's projects that this year's file lacks are offered as 新增项目,
unticked; ticked with the keyboard, they are added after the last project in the same undo step
as the rest of the copy, the project tree told row by row (never reset)."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfeditor.io import load_document
from perfeditor.model import dump_document
from perfeditor.ui.actions import A
from perfeditor.ui.last_year import _FIRST_PART_COLUMN, NEW_PROJECT, LastYearDialog, copy_from_last_year
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES
from tests.ui.authoring_helpers import activate

LAST = PUBLIC_FIXTURES / "leting_2024.xlsx"


def _open_this_year(window, tmp_path):
    target = tmp_path / "leting_2025.docx"
    shutil.copy(OWN_FIXTURES / "last_year" / "leting_2025.docx", target)
    assert window.open_path(str(target))


def _row_of(dialog: LastYearDialog, old_name: str) -> int:
    return next(k for k, it in enumerate(dialog.items()) if it.text(1) == old_name)


def _keys_to(qtbot, dialog: LastYearDialog, row: int, column: int = 0) -> None:
    """From the first row, Down arrows to ``row`` (the clerk's way through the list; the row of
    this year's project that last year lacks is disabled, and passed over)."""
    tree = dialog.tree
    tree.setFocus()
    tree.setCurrentIndex(tree.model().index(0, column))
    for _ in range(row):
        if tree.currentIndex().row() < row:
            qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert (tree.currentIndex().row(), tree.currentIndex().column()) == (row, column)


def test_ticked_new_projects_are_added_in_one_undo_step_and_the_tree_grows_row_by_row(window, dialogs,
                                                                                     tmp_path, qtbot):
    _open_this_year(window, tmp_path)
    activate(qtbot, window)
    s = window.session
    before = dump_document(s.doc)
    count = len(s.doc.projects)
    old = load_document(LAST)
    wanted = [old.projects[9], old.projects[20]]  # 城区消防栓维护费, 住建局办公楼局部改造工程
    dialogs.open_path = str(LAST)
    tree_model = window.tree_model
    resets, inserted = [], []
    tree_model.modelAboutToBeReset.connect(lambda: resets.append(1))
    tree_model.rowsInserted.connect(lambda parent, first, last: inserted.append((parent == tree_model.file_index(),
                                                                                 first, last)))

    def choose(dialog):
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        tree = dialog.tree
        # project 1 (matched by code): its goals only
        dialog.set_all(False)
        for row, column in ((0, 0), (0, _FIRST_PART_COLUMN)):
            _keys_to(qtbot, dialog, row, column)
            qtbot.keyClick(tree, Qt.Key.Key_Space)
        for project in wanted:
            row = _row_of(dialog, project.name)
            item = dialog.items()[row]
            assert item.text(0) == NEW_PROJECT
            assert not dialog._parts(item)  # offered with nothing ticked
            _keys_to(qtbot, dialog, row)
            assert "本年文件没有此项目" in dialog.preview.toPlainText()
            qtbot.keyClick(tree, Qt.Key.Key_Space)  # ticks 新增项目, and the parts it has
            assert dialog._parts(item) == {"goals", "indicators", "plan"}
        # the second one without its indicators
        _keys_to(qtbot, dialog, _row_of(dialog, wanted[1].name), _FIRST_PART_COLUMN + 1)
        qtbot.keyClick(tree, Qt.Key.Key_Space)
        # a third ticked by a part, then unticked: its parts go with it
        third = _row_of(dialog, old.projects[10].name)
        _keys_to(qtbot, dialog, third, _FIRST_PART_COLUMN)
        qtbot.keyClick(tree, Qt.Key.Key_Space)
        assert dialog.items()[third].checkState(0) == Qt.CheckState.Checked
        _keys_to(qtbot, dialog, third)
        qtbot.keyClick(tree, Qt.Key.Key_Space)
        assert not dialog._parts(dialog.items()[third])
        assert dialog.new_projects() == [(9, {"goals", "indicators", "plan"}), (20, {"goals", "plan"})]
        qtbot.keyClick(tree, Qt.Key.Key_Return)  # the default button, 复制
        return dialog.result() == dialog.DialogCode.Accepted

    steps = s.stack.count()
    window.actions_[A.COPY_LAST_YEAR].setEnabled(True)
    assert copy_from_last_year(window, choose=choose)
    assert s.stack.count() == steps + 1
    projects = s.doc.projects
    assert len(projects) == count + 2
    first, second = projects[count:]
    assert (first.name, first.code) == (wanted[0].name, wanted[0].code)
    assert first.title == f"{count + 1}、{wanted[0].name}绩效目标表"  # the file's own title style
    assert first.variant.layout == projects[0].variant.layout
    assert first.budget.total == "" and first.goals == wanted[0].goals
    assert [i.level3 for i in first.indicators] == [i.level3 for i in wanted[0].indicators]
    assert list(first.spending_plan.values()) == list(wanted[0].spending_plan.values())
    assert second.goals == wanted[1].goals
    assert [i.level3 for i in second.indicators] != [i.level3 for i in wanted[1].indicators]  # starter rows
    assert projects[0].goals == old.projects[0].goals and projects[1].goals == before["projects"][1]["goals"]
    assert not resets
    assert (True, count, count + 1) in inserted  # (both at once: one change set)
    assert "新增 2 个项目" in window.statusBar().currentMessage()
    # the years moved in the new projects are listed for review like the others
    review = window.review_dialog
    assert {c.project_a for c in review.changes} >= {count}
    review.close()
    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dump_document(s.doc) == before
    assert tree_model.rowCount(tree_model.file_index()) == count
    s.stack.redo()  # (Ctrl+Y) the same projects again, titles and all
    assert [id(p) for p in s.doc.projects[count:]] == [id(first), id(second)] and first.title.startswith(f"{count + 1}、")
    assert tree_model.rowCount(tree_model.file_index()) == count + 2
    assert not resets


def test_nothing_ticked_adds_nothing(window, dialogs, tmp_path, qtbot):
    _open_this_year(window, tmp_path)
    before = dump_document(window.session.doc)
    dialogs.open_path = str(LAST)

    def choose(dialog):
        assert dialog.new_projects() == []  # offered, not ticked
        new_row = next(it for it in dialog.items() if it.text(0) == "新增项目")
        new_row.setCheckState(0, Qt.CheckState.Checked)
        dialog.set_all(False)  # 全不选: nothing copied, nothing added
        assert dialog.new_projects() == [] and dialog.selection() == []
        return True

    assert not copy_from_last_year(window, choose=choose)
    assert dump_document(window.session.doc) == before
