"""Undo and redo of every kind of edit give back the document, go to what they change, and say
so in the status bar (``撤销：修改“指标值”``)."""
from __future__ import annotations

import pytest

from perfeditor.model import DepartmentTask
from perfeditor.ui import project_ops
from perfeditor.ui.commands import MoveProject, SetField
from tests.ui.conftest import dump_doc
from tests.ui.test_department import _table_doc


def _show(window, project):
    window.editors.select(window.tree_model.project_index(project))
    return window.editors.project.table


def _shown_project(window):
    return window.tree_model.project_of(window.tree.currentIndex())


def _current_cell(window):
    table = window.editors.current_table()
    idx = table.currentIndex()
    model = table.model()
    obj = model.indicator(idx.row()) if hasattr(model, "indicator") else model.task(idx.row())
    return obj, model.columns[idx.column()]


def _edit_value(window, doc):
    p = doc.projects[17]
    table = _show(window, p)
    table.go(table.model().index(1, table.model().columns.index("value")))
    table.model().setData(table.currentIndex(), "≥99%")
    return p, (p.indicators[1], "value"), "修改“指标值”"


def _insert_rows(window, doc):
    p = doc.projects[5]
    table = _show(window, p)
    table.go(table.model().index(1, 2))
    table.insert_row()
    return p, None, "插入指标行"


def _delete_rows(window, doc):
    p = doc.projects[6]
    table = _show(window, p)
    table.go(table.model().index(0, 2))
    table.delete_rows()
    return p, None, "删除 1 行指标"


def _move_rows(window, doc):
    p = doc.projects[7]
    table = _show(window, p)
    table.go(table.model().index(0, 3))
    table.move_rows(1)
    return p, (p.indicators[1], "level3"), "下移指标"


def _duplicate_rows(window, doc):
    p = doc.projects[8]
    table = _show(window, p)
    table.go(table.model().index(0, 2))
    table.duplicate_rows()
    return p, None, "复制指标行"


def _project_name(window, doc):
    p = doc.projects[9]
    window.session.stack.push(SetField(window.session, p, "name", "改过的名称", p))
    return p, None, "修改“项目名称”"


def _add_project(window, doc):
    _show(window, doc.projects[10])
    project_ops.add_project(window)
    return doc.projects[11], None, "添加项目"


def _delete_project(window, doc):
    p = doc.projects[12]
    _show(window, p)
    project_ops.delete_project(window)
    return p, None, "删除项目"


def _move_project(window, doc):
    p = doc.projects[14]
    window.session.stack.push(MoveProject(window.session, 14, 3, "移动项目"))
    return p, None, "移动项目"


def _group_label(window, doc):
    p = doc.projects[15]  # its first two rows share 产出指标 (see the test): one merged cell
    table = _show(window, p)
    assert table.rowSpan(0, 0) == 2
    table.model().setData(table.model().index(0, 0), "产出")
    return p, (p.indicators[0], "level1"), "修改“一级指标”"


KINDS = [_edit_value, _insert_rows, _delete_rows, _move_rows, _duplicate_rows, _project_name, _add_project,
         _delete_project, _move_project, _group_label]


@pytest.mark.parametrize("edit", KINDS, ids=[k.__name__[1:] for k in KINDS])
def test_undo_and_redo_go_to_the_change(make_window, edit):
    doc = dump_doc("dingzhou_2020.docx")
    doc.projects[15].indicators[0].level1 = doc.projects[15].indicators[1].level1 = "产出指标"
    window = make_window(doc)
    before = doc.model_dump()
    project, cell, text = edit(window, doc)
    after = doc.model_dump()
    assert after != before
    assert window.session.stack.undoText().startswith(text[:2])
    _show(window, doc.projects[0])  # the clerk looks elsewhere
    window.undo_action.trigger()
    assert doc.model_dump() == before
    assert window.statusBar().currentMessage().startswith("撤销：")
    if project in doc.projects:
        assert _shown_project(window) is project
    if cell is not None:
        assert _current_cell(window) == cell
    if edit is _group_label:
        assert [i.level1 for i in project.indicators[:2]] == ["产出指标"] * 2
    _show(window, doc.projects[0])
    window.redo_action.trigger()
    assert doc.model_dump() == after
    assert window.statusBar().currentMessage().startswith("重做：")
    if project in doc.projects:
        assert _shown_project(window) is project
    if cell is not None:
        assert _current_cell(window) == cell
    if edit is _group_label:
        assert [i.level1 for i in project.indicators[:2]] == ["产出"] * 2


def test_undo_in_a_project_the_clerk_cannot_see_moves_there_and_says_so(make_window):
    doc = dump_doc("dingzhou_2020.docx")
    window = make_window(doc)
    _edit_value(window, doc)
    _show(window, doc.projects[0])
    window.undo_action.trigger()
    assert window.statusBar().currentMessage() == "撤销：修改“指标值”"
    assert _shown_project(window) is doc.projects[17]
    assert _current_cell(window) == (doc.projects[17].indicators[1], "value")


def test_undo_of_a_department_task_edit_selects_the_task_cell(make_window):
    doc = _table_doc()
    window = make_window(doc)
    window.editors.select(window.tree_model.department_index())
    tasks = window.editors.department.task_table
    before = doc.model_dump()
    tasks.model().setData(tasks.model().index(1, 1), "新的主要内容")
    tasks.insert_row(below=True)
    assert len(doc.department.tasks) == 3 and isinstance(doc.department.tasks[1], DepartmentTask)
    _show(window, doc.projects[3])
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert doc.model_dump() == before
    assert window.editors.currentWidget() is window.editors.department
    assert tasks.currentIndex().row() == 1 and tasks.currentIndex().column() == 1
