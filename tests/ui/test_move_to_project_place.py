"""移动到… another project's level (Ctrl+M): the rows go in after that project's last row of the
level, where the window's table, the tree and the saved form show them; they were appended, so a
row moved to 产出指标 › 数量指标 came after 满意度指标 in the table and in the saved file."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from perfeditor.io import read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES
from tests.ui.authoring_helpers import open_project_table


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_rows_moved_to_another_projects_level_go_after_its_rows_of_that_level(
        make_window, dialogs, qtbot, tmp_path, kind):
    path = tmp_path / f"拆分.{kind}"
    shutil.copy(OWN_FIXTURES / "acceptance" / f"var_split.{kind}", path)
    window = make_window()
    source, table = open_project_table(qtbot, window, path, 0)
    target = window.session.doc.projects[1]
    moved = source.indicators[0]
    assert (moved.level1, moved.level2) == ("产出指标", "数量指标")
    assert target.indicators[-1].level1 == "满意度指标"
    before = [i.level3 for i in target.indicators]
    last = max(k for k, i in enumerate(target.indicators) if (i.level1, i.level2) == ("产出指标", "数量指标"))

    def choose(dialog):
        dialog.tree.setCurrentItem(next(leaf for top, first, leaf in dialog._leaves() if top.text(0).startswith("2. ")
                                        and (first.text(0), leaf.text(0)) == ("产出指标", "数量指标")))
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)

    dialogs.script = choose
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert [i.level3 for i in target.indicators] == before[:last + 1] + [moved.level3] + before[last + 1:]
    window.editors.select(window.tree_model.project_index(target))
    shown = window.editors.current_table().table_model()
    assert shown.indicator(last + 1).level3 == moved.level3
    assert window.save(), dialogs.calls
    back = read_document(path)[0]
    assert dump_document(back)["projects"][1]["indicators"] == dump_document(window.session.doc)["projects"][1]["indicators"]
    window.session.stack.undo()
    assert [i.level3 for i in target.indicators] == before
    assert source.indicators[0] is moved


def test_rows_dropped_on_another_projects_table_go_where_they_are_dropped(make_window, qtbot, tmp_path):
    """Dragged from one project's table onto a row of another's: they go in at that row (they were
    appended at the end of the other project's rows whatever row they were dropped on)."""
    path = tmp_path / "拆分.docx"
    shutil.copy(OWN_FIXTURES / "acceptance" / "var_split.docx", path)
    window = make_window()
    source, table = open_project_table(qtbot, window, path, 0)
    moved = source.indicators[0]
    data = table.table_model().mimeData([table.table_model().index(0, 0)])
    target = window.session.doc.projects[1]
    before = [i.level3 for i in target.indicators]
    window.editors.select(window.tree_model.project_index(target))
    model = window.editors.current_table().table_model()
    assert model.project is target
    model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, model.index(-1, -1).parent())
    assert [i.level3 for i in target.indicators] == before[:1] + [moved.level3] + before[1:]
    assert model.indicator(1).level3 == moved.level3
    window.session.stack.undo()
    assert [i.level3 for i in target.indicators] == before and source.indicators[0] is moved
