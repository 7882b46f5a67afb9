"""The window shows a form's merged cells as the file and its print have them (issue 10 tour):
a cell the file merged down over indicator rows (指标值确定依据) is one cell in the indicator table,
and a row inserted inside a merged 一级/二级 cell (Ctrl+I) joins it, as in Excel and as the saved
file reads back — real key presses, .docx and .xlsx alike."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.io import read_document
from tests.conftest import OWN_FIXTURES
from tests.ui.authoring_helpers import open_project_table, type_text


def _open(window, qtbot, tmp_path, kind):
    path = tmp_path / f"表.{kind}"
    shutil.copy(OWN_FIXTURES / kind / f"merged_basis.{kind}", path)
    return (path, *open_project_table(qtbot, window, path))


def _type(qtbot, table, text, key):
    """Typing over the current cell (its first key opens the cell's editor), then ``key``."""
    from PySide6.QtWidgets import QApplication

    type_text(qtbot, table, text[0])
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    type_text(qtbot, editor, text[1:])
    qtbot.keyClick(QApplication.focusWidget(), key)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_cell_the_file_merged_down_is_one_cell_in_the_window(window, qtbot, tmp_path, kind):
    from PySide6.QtCore import Qt

    path, project, table = _open(window, qtbot, tmp_path, kind)
    basis = table.model().columns.index("basis")
    assert [table.rowSpan(r, basis) for r in (0, 3, 4)] == [3, 1, 2]  # as the form prints it
    table.go(table.model().index(0, basis))
    _type(qtbot, table, "县政府2025年民生实事方案", Qt.Key.Key_Return)
    assert [i.basis for i in project.indicators[:3]] == ["县政府2025年民生实事方案", "", ""]
    assert table.currentIndex().row() == 3  # Enter leaves the merged cell below its last row
    assert table.rowSpan(0, basis) == 3
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.session.stack.isClean()
    _, smap = read_document(path)
    (place,) = smap.projects.values()
    assert sorted(place.block.merges) == [("basis", 0, 2), ("basis", 4, 5)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_row_inserted_inside_a_merged_level_cell_joins_it(window, qtbot, tmp_path, kind):
    from PySide6.QtCore import Qt

    path, project, table = _open(window, qtbot, tmp_path, kind)
    model = table.model()
    level1, basis = model.columns.index("level1"), model.columns.index("basis")
    assert table.rowSpan(0, level1) == 4
    table.go(model.index(1, model.columns.index("level3")))  # 新增路灯数量, under 产出指标 · 数量指标
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    new = project.indicators[1]
    assert (new.level1, new.level2, new.level3) == ("产出指标", "数量指标", "")
    assert table.rowSpan(0, level1) == 5 and table.rowSpan(0, level1 + 1) == 3
    assert table.rowSpan(0, basis) == 4  # the file's merged 指标值确定依据 covers it too
    _type(qtbot, table, "新建人行道", Qt.Key.Key_Tab)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    doc, _ = read_document(path)
    shown = [(i.level1, i.level2, i.level3) for i in project.indicators]
    assert [(i.level1, i.level2, i.level3) for i in doc.projects[0].indicators] == shown


def test_a_copied_project_shows_the_cells_merged_as_its_original(window, qtbot, tmp_path):
    from perfeditor.ui import project_ops

    _open(window, qtbot, tmp_path, "docx")
    project_ops.duplicate_project(window)  # 复制项目: saved, it merges them as its original does
    table = window.editors.current_table()
    assert table.model().project is window.session.doc.projects[1]
    basis = table.model().columns.index("basis")
    assert [table.rowSpan(r, basis) for r in (0, 3, 4)] == [3, 1, 2]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_deleting_the_first_row_of_a_merged_cell_keeps_its_text_for_the_rows_left(window, qtbot, tmp_path, kind):
    """Ctrl+Delete on the first row a merged 指标值确定依据 covers: the rows left keep the text (it
    moves to the first of them, one undo step), the window, the saved file and its merge agree."""
    from PySide6.QtCore import Qt

    path, project, table = _open(window, qtbot, tmp_path, kind)
    basis = table.model().columns.index("basis")
    table.go(table.model().index(0, table.model().columns.index("level3")))  # 整治小巷条数
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert [i.level3 for i in project.indicators[:2]] == ["新增路灯数量", "验收合格率"]
    assert [i.basis for i in project.indicators[:2]] == ["县政府2024年民生实事方案", ""]
    assert table.rowSpan(0, basis) == 2
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step back
    assert [i.basis for i in project.indicators[:3]] == ["县政府2024年民生实事方案", "", ""]
    assert table.rowSpan(0, basis) == 3
    window.session.stack.redo()
    assert table.rowSpan(0, basis) == 2
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    doc, smap = read_document(path)
    assert [i.basis for i in doc.projects[0].indicators] == [i.basis for i in project.indicators]
    (place,) = smap.projects.values()
    assert sorted(place.block.merges) == [("basis", 0, 1), ("basis", 3, 4)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_undo_after_saving_the_delete_of_a_merged_first_row_merges_it_again(window, qtbot, tmp_path, kind):
    """Ctrl+Delete on the first row a merged 指标值确定依据 covers, Ctrl+S, Ctrl+Z, Ctrl+S (issue 10):
    the row is back under the merged cell, in the window and in the file, as before the delete."""
    from PySide6.QtCore import Qt

    path, project, table = _open(window, qtbot, tmp_path, kind)
    basis = table.model().columns.index("basis")
    before = [(i.level3, i.basis) for i in project.indicators]
    table.go(table.model().index(0, table.model().columns.index("level3")))
    qtbot.keyClick(table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.session.stack.isClean()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(i.level3, i.basis) for i in project.indicators] == before
    assert table.rowSpan(0, basis) == 3
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.session.stack.isClean()
    doc, smap = read_document(path)
    assert [(i.level3, i.basis) for i in doc.projects[0].indicators] == before
    (place,) = smap.projects.values()
    assert sorted(place.block.merges) == [("basis", 0, 2), ("basis", 4, 5)]
