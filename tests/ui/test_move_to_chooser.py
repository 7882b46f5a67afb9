"""移动指标到… (Ctrl+M) is a tree to choose from (项目 → 一级 → 二级), the current project first and
open, with a filter box: it was one combo box of every level of every project (189 lines for
乐亭 2024). Enter or a double click chooses, Esc cancels; the move is one undo step."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from tests.ui.authoring_helpers import open_project_table, type_text
from tests.ui.conftest import fixture_path


def _leting(qtbot, window, tmp_path, index=4):
    path = tmp_path / "乐亭.xlsx"
    shutil.copy(fixture_path("leting_2024.xlsx"), path)
    project, table = open_project_table(qtbot, window, path, index)
    table.setCurrentIndex(table.table_model().index(1, 2))
    table.selectRow(1)
    return project, table


def _arrived(target, there: set[int]):
    """The one row the move put in ``target`` (a fresh copy, its levels the chosen ones)."""
    (new,) = [i for i in target.indicators if id(i) not in there]
    return new


def _shown_leaves(dialog):
    return [(top.text(0), first.text(0), leaf.text(0)) for top, first, leaf in dialog._leaves()
            if not leaf.isHidden()]


def test_typing_narrows_the_tree_and_enter_moves_there_in_one_undo_step(make_window, dialogs, qtbot, tmp_path):
    window = make_window()
    project, table = _leting(qtbot, window, tmp_path)
    doc = window.session.doc
    target = doc.projects[1]
    moved = project.indicators[1]
    seen = {}

    def script(dialog):
        tree = dialog.tree
        ModelTester(None).check(tree.model())
        seen["tops"] = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        seen["open"] = [tree.topLevelItem(i).isExpanded() for i in range(tree.topLevelItemCount())]
        mine = tree.topLevelItem(0)
        assert all(mine.child(j).isExpanded() for j in range(mine.childCount()))
        seen["current"] = dialog.target()
        assert dialog.focusWidget() is dialog.filter
        type_text(qtbot, dialog.filter, "老旧 时效")
        seen["narrowed"] = _shown_leaves(dialog)
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)

    dialogs.script = script
    steps = window.session.stack.count()
    before = list(target.indicators)
    there = {id(i) for i in before}
    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert seen["tops"][0] == f"5. {project.name}" and len(seen["tops"]) == len(doc.projects)
    assert seen["open"] == [True] + [False] * (len(doc.projects) - 1)
    assert seen["current"] == (project, moved.level1, moved.level2)  # Enter at once moves nothing
    assert seen["narrowed"] == [(f"2. {target.name}", "产出指标", "时效指标")]
    arrived = _arrived(target, there)
    assert all(i is not moved for i in project.indicators) and (arrived.level1, arrived.level2) == ("产出指标", "时效指标")
    assert window.session.stack.count() == steps + 1
    window.session.stack.undo()
    assert [id(i) for i in target.indicators] == [id(i) for i in before] and project.indicators[1] is moved


def test_escape_cancels_and_moves_nothing(make_window, dialogs, qtbot, tmp_path):
    window = make_window()
    project, table = _leting(qtbot, window, tmp_path)
    rows = list(project.indicators)
    dialogs.script = lambda dialog: qtbot.keyClick(dialog.filter, Qt.Key.Key_Escape)
    steps = window.session.stack.count()
    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert ("run", "移动指标到") in dialogs.calls
    assert [id(i) for i in project.indicators] == [id(i) for i in rows] and window.session.stack.count() == steps


def test_down_keys_and_a_double_click_choose_another_projects_level(make_window, dialogs, qtbot, tmp_path):
    window = make_window()
    project, table = _leting(qtbot, window, tmp_path, 0)
    target = window.session.doc.projects[2]
    moved = project.indicators[1]

    def script(dialog):
        type_text(qtbot, dialog.filter, "2023年部分")
        assert {top for top, _, _ in _shown_leaves(dialog)} == {f"3. {target.name}"}
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Down)  # the text keeps focus, the tree moves
        item = dialog.tree.currentItem()
        assert dialog.focusWidget() is dialog.filter and dialog.target() == (target, "产出指标", item.text(0))
        rect = dialog.tree.visualItemRect(item)
        # a double click's first press and release come before its second press (QTest sends not)
        qtbot.mouseClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(dialog.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        seen.append(item.text(0))

    seen = []
    dialogs.script = script
    there = {id(i) for i in target.indicators}
    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    arrived = _arrived(target, there)
    assert (arrived.level3, arrived.level1, arrived.level2) == (moved.level3, "产出指标", seen[0])


def test_enter_on_a_project_goes_to_its_first_level_then_chooses_it(make_window, dialogs, qtbot, tmp_path):
    window = make_window()
    project, table = _leting(qtbot, window, tmp_path, 0)
    target = window.session.doc.projects[3]
    moved = project.indicators[1]

    def script(dialog):
        tree = dialog.tree
        tree.setCurrentItem(tree.topLevelItem(3))
        qtbot.keyClick(tree, Qt.Key.Key_Return)
        assert dialog.isVisible() and tree.topLevelItem(3).isExpanded()
        assert dialog.target()[0] is target
        qtbot.keyClick(tree, Qt.Key.Key_Return)

    dialogs.script = script
    there = {id(i) for i in target.indicators}
    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    first = target.indicators[0]
    arrived = _arrived(target, there)
    assert (arrived.level3, arrived.level1, arrived.level2) == (moved.level3, first.level1, first.level2)


def test_a_filter_that_matches_nothing_says_so(make_window, dialogs, qtbot, tmp_path):
    """Typing a name no level holds left an empty tree and nothing said why."""
    window = make_window()
    _leting(qtbot, window, tmp_path)
    seen = {}

    def script(dialog):
        seen["at first"] = dialog.none.isVisible()
        type_text(qtbot, dialog.filter, "无此指标")
        seen["none"] = (dialog.none.isVisible(), dialog.none.text(), _shown_leaves(dialog))
        dialog.filter.clear()
        seen["cleared"] = dialog.none.isVisible()
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Escape)

    dialogs.script = script
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"at first": False, "none": (True, "没有符合“无此指标”的层级", []), "cleared": False}
