"""Tab from the last field of a project's form (绩效目标) goes on to its indicator table. The table
was made before the form's fields, so Tab went from 绩效目标 to the project tree and then into
审核结果, and the indicator table could not be reached with the keyboard from the form (found by
the QA tour); Shift+Tab from 表格标题 already went to the table."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from tests.ui.authoring_helpers import open_project_table
from tests.ui.conftest import fixture_path


def test_tab_from_the_goals_goes_to_the_indicator_table(window, qtbot, tmp_path):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    _project, table = open_project_table(qtbot, window, path, 1)
    form = window.editors.project
    last = list(form.fields.values())[-1]
    assert last is form.fields["goals"]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert window.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() in (last, table)  # the table's own Shift+Tab moves between its cells


def test_the_order_holds_for_every_project_shown(window, qtbot, tmp_path):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    open_project_table(qtbot, window, path, 1)
    project = window.session.doc.projects[3]
    window.editors.select(window.tree_model.project_index(project))
    form = window.editors.project
    last = list(form.fields.values())[-1]
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert window.focusWidget() is form.table


def test_tab_from_the_tree_goes_into_the_form_and_the_problems_list_lets_it_go(window, qtbot, tmp_path):
    """Tab in the project tree went to 审核结果 below, whose Tab moved between its cells for ever (the
    form could not be reached from the tree with Tab), with a stop on the form's scroll area on
    the way: now tree → 表格标题 …, Shift+Tab back, and Tab in 审核结果 goes on (found by the tour)."""
    path = tmp_path / "乐亭.xlsx"
    shutil.copy(fixture_path("leting_2024.xlsx"), path)
    open_project_table(qtbot, window, path, 1)
    form = window.editors.project
    for project in (1, 3):  # and again once another project's fields were made
        window.editors.select(window.tree_model.project_index(window.session.doc.projects[project]))
        window.tree.setFocus()
        qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
        assert window.focusWidget() is form.fields["title"]
        qtbot.keyClick(form.fields["title"], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert window.focusWidget() is window.tree
    problems = window.problems.view
    problems.setFocus()
    qtbot.keyClick(problems, Qt.Key.Key_Tab)
    assert window.focusWidget() is not problems


def test_tab_from_the_tree_goes_into_the_department_form(window, qtbot, tmp_path):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    open_project_table(qtbot, window, path, 1)
    window.editors.select(window.tree_model.department_index())
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    department, focus = window.editors.department, window.focusWidget()
    assert focus is not department and department.isAncestorOf(focus)  # a field, not the scroll area
