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
