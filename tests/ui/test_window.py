"""The window on the shared fixtures: navigation, live validation, undo, editing, files."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt

from perfeditor.io import load_document
from perfeditor.model import dump_document
from perfeditor.ui.department_form import DepartmentForm
from perfeditor.ui.editors import LevelPage
from perfeditor.ui.project_form import ProjectForm
from tests.ui.conftest import FIXTURE_NAMES, fixture_path


def _walk(model, parent=QModelIndex()):
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        yield idx
        yield from _walk(model, idx)


def _open(window, tmp_path, name):
    target = tmp_path / name
    shutil.copy(fixture_path(name), target)
    assert window.open_path(str(target)), window.dialogs.calls
    return target


def _project_table(window, project_row=0):
    s = window.session
    window.editors.select(window.tree_model.project_index(s.doc.projects[project_row]))
    assert window.editors.currentWidget() is window.editors.project
    return window.editors.project.table


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_open_fixture_and_select_every_node(window, tmp_path, name):
    _open(window, tmp_path, name)
    model = window.tree_model
    pages = {"file": None, "department": DepartmentForm, "project": ProjectForm,
             "level1": LevelPage, "level2": LevelPage}
    seen = set()
    for idx in _walk(model):
        node = model.node(idx)
        window.editors.select(idx)
        expected = pages[node.kind]
        if expected is not None:
            assert isinstance(window.editors.currentWidget(), expected), node.kind
        if node.kind in ("level1", "level2"):
            table = window.editors.level.table.table_model()
            assert table.rowCount() > 0
            assert all(table.indicator(r).level1 == node.level1 for r in range(table.rowCount()))
        seen.add(node.kind)
    assert {"file", "project", "level1"} <= seen
    assert window.dialogs.kinds().count("error") == 0
    assert not window.isWindowModified()


def test_edit_value_finding_appears_and_vanishes(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    s = window.session
    table = _project_table(window)
    model = table.table_model()
    col = model.columns.index("value")
    idx = model.index(0, col)
    ind = model.indicator(0)
    errors_before = s.counts()[0]
    assert not [f for f in s.marks(ind.uid, "value") if f.severity == "error"]

    assert model.setData(idx, "")
    assert [f.rule for f in s.marks(ind.uid, "value")] == ["structure.value-empty"]
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole) is not None
    assert "指标值未填写" in model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert s.counts()[0] == errors_before + 1
    assert "错误 %d" % (errors_before + 1) in window.status_counts.text()
    assert "1 错" in window.tree_model.data(window.tree_model.project_index(s.doc.projects[0]))
    assert window.isWindowModified()
    assert "修改" in window.undo_action.text()

    s.stack.undo()
    assert not s.marks(ind.uid, "value")
    assert s.counts()[0] == errors_before
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole) is None
    assert s.stack.isClean() and not window.isWindowModified()
    s.stack.redo()
    assert window.isWindowModified() and s.marks(ind.uid, "value")
    s.stack.undo()
    assert not window.isWindowModified()


def test_value_operator_normalised(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    model = _project_table(window).table_model()
    idx = model.index(0, model.columns.index("value"))
    model.setData(idx, ">=95%")
    assert model.data(idx) == "≥95%"


def test_paste_block_is_one_undo_step(window, tmp_path):
    _open(window, tmp_path, "leting_2024.xlsx")
    table = _project_table(window)
    model = table.table_model()
    project = model.project
    before = [i.model_dump() for i in project.indicators]
    n = len(before)
    table.setCurrentIndex(model.index(n - 1, model.columns.index("level3")))
    grid = "\n".join(f"粘贴指标{i}\t描述{i}\t>={i}%" for i in range(40))
    mime = QMimeData()
    mime.setText(grid + "\n")
    count = window.session.stack.count()
    assert table.paste(mime)
    assert window.session.stack.count() == count + 1
    assert len(project.indicators) == n + 39
    assert project.indicators[n - 1].level3 == "粘贴指标0"
    assert project.indicators[-1].value == "≥39%"
    window.session.stack.undo()
    assert [i.model_dump() for i in project.indicators] == before


def test_paste_html_table(window, tmp_path):
    _open(window, tmp_path, "leting_2024.xlsx")
    table = _project_table(window)
    model = table.table_model()
    table.setCurrentIndex(model.index(0, model.columns.index("level3")))
    mime = QMimeData()
    mime.setHtml("<table><tr><td>甲&amp;乙</td><td>说明<br>第二行</td></tr></table>")
    assert table.paste(mime)
    assert model.indicator(0).level3 == "甲&乙"
    assert model.data(model.index(0, model.columns.index("level3") + 1)) == "说明\n第二行"


def test_paste_too_large_or_garbage_is_refused(window, tmp_path):
    _open(window, tmp_path, "leting_2024.xlsx")
    table = _project_table(window)
    messages = []
    table.message.connect(messages.append)
    table.setCurrentIndex(table.table_model().index(0, 0))
    count = window.session.stack.count()
    big = QMimeData()
    big.setText("a\tb\n" * 20000)
    assert not table.paste(big)
    garbage = QMimeData()
    garbage.setText("\x00\x01\x02binary")
    assert not table.paste(garbage)
    assert window.session.stack.count() == count
    assert len(messages) == 2 and all("未粘贴" in m for m in messages)


def test_rows_insert_delete_duplicate_move(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    table = _project_table(window)
    model = table.table_model()
    project = model.project
    names = [i.level3 for i in project.indicators]
    table.setCurrentIndex(model.index(0, 0))
    table.move_rows(1)
    assert [i.level3 for i in project.indicators][:2] == [names[1], names[0]]
    window.session.stack.undo()
    assert [i.level3 for i in project.indicators] == names
    table.setCurrentIndex(model.index(1, 0))
    table.duplicate_rows()
    assert project.indicators[2].level3 == names[1] and project.indicators[2].uid != project.indicators[1].uid
    table.setCurrentIndex(model.index(0, 0))
    table.insert_row()
    assert project.indicators[0].level3 == ""
    table.setCurrentIndex(model.index(0, 0))
    table.delete_rows()
    assert len(project.indicators) == len(names) + 1
    while window.session.stack.canUndo():
        window.session.stack.undo()
    assert [i.level3 for i in project.indicators] == names
    assert not window.isWindowModified()


def test_drag_rows_within_table_and_onto_tree(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    table = _project_table(window)
    model = table.table_model()
    project = model.project
    names = [i.level3 for i in project.indicators]
    mime = model.mimeData([model.index(0, 0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, model.rowCount(), 0, QModelIndex())
    assert [i.level3 for i in project.indicators] == names[1:] + names[:1]
    window.session.stack.undo()
    # onto another level of the same project in the tree: the level changes
    tree = window.tree_model
    last = project.indicators[-1]
    target = tree.level_index(project, last.level1, last.level2)
    assert target.isValid()
    tree.dropMimeData(model.mimeData([model.index(0, 0)]), Qt.DropAction.MoveAction, -1, 0, target)
    moved = project.indicators[0]
    assert (moved.level1, moved.level2) == (last.level1, last.level2)
    window.session.stack.undo()
    assert [i.level3 for i in project.indicators] == names


def test_projects_add_duplicate_delete_reorder(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    from perfeditor.ui import project_ops

    s = window.session
    first = s.doc.projects[0]
    n = len(s.doc.projects)
    window.editors.select(window.tree_model.project_index(first))
    project_ops.duplicate_project(window)
    assert len(s.doc.projects) == n + 1 and s.doc.projects[1].name.endswith("（副本）")
    window.editors.select(window.tree_model.project_index(first))
    project_ops.move_project(window, 1)
    assert s.doc.projects[1] is first
    window.editors.select(window.tree_model.project_index(first))
    project_ops.delete_project(window)
    assert first not in s.doc.projects
    s.stack.undo()
    assert s.doc.projects[1] is first
    project_ops.add_project(window)
    assert any(p.name == "新项目" for p in s.doc.projects)
    while s.stack.canUndo():
        s.stack.undo()
    assert s.doc.projects[0] is first and len(s.doc.projects) == n


def test_find_replace_all_is_one_step(window, tmp_path):
    from perfeditor.ui.find_replace import find_all, replace_all_command

    _open(window, tmp_path, "dingzhou_2020.docx")
    s = window.session
    hits = find_all(s.doc, "完成率")
    assert len(hits) > 3
    cmd, count = replace_all_command(s, "完成率", "完成比例")
    s.stack.push(cmd)
    assert count == len(hits) and not find_all(s.doc, "完成率")
    s.stack.undo()
    assert len(find_all(s.doc, "完成率")) == len(hits)


@pytest.mark.parametrize("name", ["dingzhou_2020.docx", "leting_2024.xlsx"])
def test_save_reopen_same_dump(window, tmp_path, name):
    path = _open(window, tmp_path, name)
    table = _project_table(window)
    model = table.table_model()
    model.setData(model.index(0, model.columns.index("value")), "≥99%")
    window.session.doc.projects[0].name  # noqa: B018 - touched to be sure the doc is the one saved
    assert window.save()
    assert not window.isWindowModified()
    reread = load_document(path)
    assert reread.projects[0].indicators[0].value == "≥99%"
    assert dump_document(reread) == dump_document(window.session.doc)
    assert (tmp_path / (path.stem + ".bak" + path.suffix)).exists()  # backup on by default


def test_save_over_changed_file_asks(window, tmp_path):
    path = _open(window, tmp_path, "dingzhou_2020.docx")
    model = _project_table(window).table_model()
    model.setData(model.index(0, model.columns.index("value")), "≥98%")
    path.write_bytes(path.read_bytes() + b"")
    import os
    os.utime(path, ns=(1, 1))
    window.dialogs.question_answer = False
    assert not window.save()
    assert window.isWindowModified()
    window.dialogs.question_answer = True
    assert window.save()
    assert load_document(path).projects[0].indicators[0].value == "≥98%"


def test_save_as_other_format_and_layout(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    window.dialogs.save_path = str(tmp_path / "另存.xlsx")
    window.dialogs.choice = 0  # hebei-project
    assert window.save_as()
    assert "choose" in window.dialogs.kinds()
    reread = load_document(tmp_path / "另存.xlsx")
    assert len(reread.projects) == len(window.session.doc.projects)
    assert window.session.doc.path.endswith("另存.xlsx")


def test_unreadable_file_message_window_stays(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip at all")
    assert not window.open_path(str(bad))
    assert window.dialogs.kinds()[-1] == "error"
    assert "坏文件.docx" in window.dialogs.calls[-1][1]
    assert len(window.session.doc.projects) == 21


def test_close_asks_when_modified(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    model = _project_table(window).table_model()
    model.setData(model.index(0, model.columns.index("value")), "≥1%")
    window.dialogs.save_answer = "cancel"
    assert not window.close()
    assert "ask_save" in window.dialogs.kinds()
    window.dialogs.save_answer = "discard"
    assert window.close()


def test_project_form_field_edit_is_undoable(window, tmp_path, qtbot):
    _open(window, tmp_path, "dingzhou_2020.docx")
    _project_table(window)
    form = window.editors.project
    project = form.project
    w = form.fields["budget.total"]
    assert w.alignment() & Qt.AlignmentFlag.AlignRight
    w.setText("abc")
    w.editingFinished.emit()
    assert project.budget.total == "abc"
    assert window.isWindowModified()
    window.session.stack.undo()
    assert w.text() == project.budget.total != "abc"
    assert not window.isWindowModified()


def test_go_to_finding(window, tmp_path):
    _open(window, tmp_path, "dingzhou_2020.docx")
    s = window.session
    f = next(f for f in s.findings if f.indicator_index is not None)
    window.problems.activated.emit(f)
    table = window.editors.current_table()
    assert table is not None
    assert table.table_model().indicator(table.currentIndex().row()) is \
        s.doc.projects[f.project_index].indicators[f.indicator_index]


def test_settings_defaults_and_round_trip(tmp_path):
    from perfeditor.ui.settings import Settings

    s = Settings(tmp_path / "a.ini")
    assert s.backup_on_save is True and s.autosave_minutes == 1 and s.ruleset is None
    s.set("rules/ruleset", "hebei")
    s.set("files/backup_on_save", False)
    s.sync()
    again = Settings(tmp_path / "a.ini")
    assert again.ruleset == "hebei" and again.backup_on_save is False
    assert "[rules]" in (tmp_path / "a.ini").read_text(encoding="utf-8")


def test_excel_like_keys(window, tmp_path, qtbot):
    _open(window, tmp_path, "dingzhou_2020.docx")
    window.show()
    qtbot.waitExposed(window)
    table = _project_table(window)
    model = table.table_model()
    col = model.columns.index("value")
    table.setFocus()
    table.setCurrentIndex(model.index(0, col))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert model.indicator(1).value == ""
    assert window.isWindowModified()
    window.session.stack.undo()
    assert model.indicator(1).value != "" and not window.isWindowModified()
    table.setCurrentIndex(model.index(1, col - 1))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert table.currentIndex().column() == col


def test_toolbar_has_common_actions_with_icons(window):
    from PySide6.QtWidgets import QToolBar

    bars = window.findChildren(QToolBar)
    assert len(bars) == 1
    actions = [a for a in bars[0].actions() if not a.isSeparator()]
    assert [a.iconText() for a in actions] == ["打开", "保存", "撤销", "重做", "插入行", "删除行",
                                               "查找", "审核", "打印预览"]
    assert all(not a.icon().isNull() for a in actions)
    assert actions[2] is window.undo_action and actions[3] is window.redo_action
    assert all(a.toolTip() for a in actions)


def test_toolbar_insert_and_delete_row(window, tmp_path):
    from perfeditor.ui.actions import A

    _open(window, tmp_path, "dingzhou_2020.docx")
    table = _project_table(window)
    project = table.table_model().project
    n = len(project.indicators)
    table.setCurrentIndex(table.table_model().index(1, 0))
    window.actions_[A.INSERT_ROW].trigger()
    assert len(project.indicators) == n + 1 and project.indicators[1].level3 == ""
    table.setCurrentIndex(table.table_model().index(1, 0))
    window.actions_[A.DELETE_ROW].trigger()
    assert len(project.indicators) == n
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.session.stack.isClean()


def test_one_click_on_a_finding_goes_to_its_cell(window, tmp_path, qtbot):
    """The clerk clicks a line of 审核结果 once (as in a spreadsheet's error list) and lands on the
    cell it names; a double click was needed before."""
    _open(window, tmp_path, "leting_2024.xlsx")
    window.show()
    view, model = window.problems.view, window.problems.model
    row = next(r for r in range(model.rowCount()) if model.finding(r).indicator_index is not None
               and model.finding(r).project_index != 0)
    f = model.finding(row)
    view.scrollTo(model.index(row, 3))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(row, 3)).center())
    table = window.editors.current_table()
    assert table is not None and window.editors.project.project is window.session.doc.projects[f.project_index]
    assert table.table_model().indicator(table.currentIndex().row()) is \
        window.session.doc.projects[f.project_index].indicators[f.indicator_index]


def test_move_to_opens_at_the_current_projects_levels(window, tmp_path, qtbot):
    """指标→移动指标到… lists every project's levels; it opened at project 1's, so Enter moved the
    rows out of the project being edited."""
    from perfeditor.ui.actions import A

    _open(window, tmp_path, "leting_2024.xlsx")
    doc = window.session.doc
    project = doc.projects[4]
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.project.table
    table.setCurrentIndex(table.table_model().index(1, 2))
    table.selectRow(1)
    asked = []

    def choose(dialog):
        asked.append(dialog.target())
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)  # the clerk presses Enter

    window.dialogs.script = choose
    count = len(project.indicators)
    window.actions_[A.MOVE_TO].trigger()
    assert asked[0][0] is project
    assert len(project.indicators) == count  # moved within its own project
