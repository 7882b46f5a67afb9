"""Tab in a table's last cell adds a row below, as Word does in its tables (clerks fill these forms
in Word): one undo step, the new row under the same 一级/二级 as the row above, the caret in its
first cell of its own. Real key presses to whatever widget has the focus."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import dump_doc
from tests.ui.test_department import _table_doc
from tests.ui.test_excel_keys import _grouped_project

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _key(qtbot, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, mods)  # (its modifiers let go: tests/ui/conftest.py)


def _type(qtbot, text: str) -> None:
    for ch in text:
        _key(qtbot, getattr(K, f"Key_{ch.upper()}") if ch.isalpha() else getattr(K, f"Key_{ch}"))


def _at_last_cell(table) -> None:
    model = table.model()
    table.setFocus()
    last = model.rowCount() - 1
    table.go(model.index(table.group(last, model.columnCount() - 1)[0], model.columnCount() - 1))


def _project_table(shown):
    doc = dump_doc("dingzhou_2020.docx")
    doc.projects.insert(0, _grouped_project(doc.projects[0]))
    window = shown(doc)
    project = doc.projects[0]
    window.editors.select(window.tree_model.project_index(project))
    return window, project, window.editors.project.table


def test_tab_in_the_last_cell_adds_a_row_under_the_same_levels_and_ctrl_z_removes_it(shown, qtbot):
    window, project, table = _project_table(shown)
    model = table.model()
    rows, steps = model.rowCount(), window.session.stack.count()
    before = window.session.doc.model_dump()
    last = project.indicators[-1]
    _at_last_cell(table)
    _key(qtbot, K.Key_Tab)
    assert model.rowCount() == rows + 1
    assert window.session.stack.count() == steps + 1
    new = project.indicators[-1]
    assert (new.level1, new.level2, new.level3) == (last.level1, last.level2, "")
    # the 一级/二级 cells grow over it; the caret is in its 三级指标, the first cell of its own
    assert table.group(rows, model.columns.index("level1"))[0] < rows
    current = table.currentIndex()
    assert (current.row(), model.columns[current.column()]) == (rows, "level3")
    assert table.state() != table.State.EditingState
    # what the clerk types next goes into the new row
    _type(qtbot, "abc")
    _key(qtbot, K.Key_Tab)
    assert new.level3 == "abc"
    assert (table.currentIndex().row(), model.columns[table.currentIndex().column()]) == (rows, "description")
    _key(qtbot, K.Key_Z, CTRL)  # the typing
    assert new.level3 == ""
    _key(qtbot, K.Key_Z, CTRL)  # the row
    assert model.rowCount() == rows
    assert window.session.doc.model_dump() == before


def test_tab_after_typing_in_the_last_cell_keeps_the_text_and_adds_the_row_as_its_own_step(shown, qtbot):
    window, project, table = _project_table(shown)
    model = table.model()
    rows = model.rowCount()
    last = project.indicators[-1]
    _at_last_cell(table)
    _type(qtbot, "xyz")
    assert table.state() == table.State.EditingState
    _key(qtbot, K.Key_Tab)
    field = model.columns[-1]
    assert getattr(last, field) == "xyz"
    assert model.rowCount() == rows + 1
    assert table.currentIndex().row() == rows
    _key(qtbot, K.Key_Z, CTRL)
    assert model.rowCount() == rows and getattr(last, field) == "xyz"
    _key(qtbot, K.Key_Z, CTRL)
    assert getattr(last, field) != "xyz"


def test_shift_tab_in_the_last_cell_and_tab_elsewhere_add_no_row(shown, qtbot):
    window, project, table = _project_table(shown)
    model = table.model()
    rows, steps = model.rowCount(), window.session.stack.count()
    _at_last_cell(table)
    _key(qtbot, K.Key_Backtab, SHIFT)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (rows - 1, model.columnCount() - 2)
    table.go(model.index(rows - 2, model.columnCount() - 1))  # the last cell of the row before
    _key(qtbot, K.Key_Tab)
    assert table.currentIndex().row() == rows - 1
    assert model.rowCount() == rows and window.session.stack.count() == steps


def test_tab_in_a_level_page_adds_a_row_under_that_level(shown, qtbot):
    window, project, _ = _project_table(shown)
    window.editors.select(window.tree_model.level_index(project, "产出指标"))
    table = window.editors.level.table
    model = table.model()
    rows, count = model.rowCount(), len(project.indicators)
    _at_last_cell(table)
    _key(qtbot, K.Key_Tab)
    assert model.rowCount() == rows + 1 and len(project.indicators) == count + 1
    new = model.indicator(rows)
    assert (new.level1, new.level2) == ("产出指标", "质量指标")
    assert project.indicators.index(new) == rows  # right after the level's last row, not the project's
    _key(qtbot, K.Key_Z, CTRL)
    assert model.rowCount() == rows and len(project.indicators) == count


@pytest.mark.parametrize("which", ["task_table", "indicator_table"])
def test_tab_in_the_last_cell_of_the_department_tables(shown, qtbot, which):
    window = shown(_table_doc())
    window.editors.select(window.tree_model.department_index())
    table = getattr(window.editors.department, which)
    model = table.model()
    rows = model.rowCount()
    before = window.session.doc.model_dump()
    _at_last_cell(table)
    _key(qtbot, K.Key_Tab)
    assert model.rowCount() == rows + 1
    assert table.currentIndex().row() == rows
    if which == "indicator_table":
        dept = window.session.doc.department.indicators
        assert (dept[-1].level1, dept[-1].level2) == (dept[-2].level1, dept[-2].level2)
        assert model.columns[table.currentIndex().column()] == "level3"
    else:
        assert table.currentIndex().column() == 0
    _key(qtbot, K.Key_Z, CTRL)
    assert model.rowCount() == rows
    assert window.session.doc.model_dump() == before
