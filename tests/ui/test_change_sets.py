"""Models follow change sets with row insertions, removals and moves — never a reset — and keep
Qt's model contract through every kind of edit and its undo (pytest-qt's model tester)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPersistentModelIndex

from perfeditor.authoring.last_year import CopyPlan
from perfeditor.model import DepartmentTask, Indicator, Project
from perfeditor.ui.commands import (
    InsertIndicators,
    InsertProject,
    InsertTasks,
    MoveIndicators,
    MoveProject,
    MoveRows,
    RemoveIndicators,
    RemoveProject,
    RemoveTasks,
    SetField,
    set_many,
)
from perfeditor.ui.department_tables import DepartmentIndicatorModel, DepartmentTaskModel
from perfeditor.ui.indicator_model import IndicatorTableModel
from perfeditor.ui.last_year import CopyFromLastYear
from perfeditor.ui.library_popup import FillRow
from perfeditor.ui.session import DocumentSession
from perfeditor.ui.tree_model import DocumentTreeModel, _groups
from tests.ui.conftest import dump_doc
from tests.ui.test_department import _table_doc


def _no_resets(model) -> list:
    seen = []
    model.modelAboutToBeReset.connect(lambda: seen.append("reset"))
    model.layoutAboutToBeChanged.connect(lambda *a: seen.append("layout"))
    return seen


def _edits(session, project):
    s = session
    first = project.indicators[0]
    return [
        SetField(s, first, "value", "≥99%", project),
        SetField(s, first, "level1", "新的一级指标", project),
        InsertIndicators(s, project, 1, [Indicator(level1=first.level1, level2="新二级", level3="新行")]),
        MoveIndicators(s, project, [0, 1], len(project.indicators)),
        RemoveIndicators(s, project, [0, 2]),
        set_many(s, [(i, "level2", "同一二级", project) for i in project.indicators[:2]], "清除"),
        InsertProject(s, 0, Project(name="新项目", indicators=[Indicator(level1="产出指标")])),
        MoveProject(s, 0, 2),
        RemoveProject(s, 1),
    ]


@pytest.mark.parametrize("scope", ["all", "level1"])
def test_indicator_table_follows_every_edit_without_reset(qtmodeltester, scope):
    doc = dump_doc("dingzhou_2020.docx")
    del doc.projects[6:]
    session = DocumentSession(doc)
    project = doc.projects[1]
    level1 = project.indicators[0].level1 if scope == "level1" else None
    model = IndicatorTableModel(session, project, level1)
    qtmodeltester.check(model, force_py=True)
    seen = _no_resets(model)
    before = doc.model_dump()
    for cmd in _edits(session, project):
        session.stack.push(cmd)
        assert [model.indicator(r) for r in range(model.rowCount())] == model._wanted()
    while session.stack.canUndo():
        session.stack.undo()
        assert [model.indicator(r) for r in range(model.rowCount())] == model._wanted()
    assert doc.model_dump() == before
    assert seen == []


def test_copy_from_last_year_and_library_fill_are_one_step_each_without_reset(qtmodeltester):
    """Issue 13's two compound edits on the editing layer: row signals only, one undo step each,
    undo restores the document exactly and redo does the same edit again."""
    doc = dump_doc("dingzhou_2020.docx")
    del doc.projects[4:]
    session = DocumentSession(doc)
    project = doc.projects[1]
    table = IndicatorTableModel(session, project, None)
    tree = DocumentTreeModel(session)
    from tests.ui.test_models import _walk

    list(_walk(tree))
    qtmodeltester.check(table, force_py=True)
    seen = _no_resets(table) + _no_resets(tree)
    rows = []
    table.rowsRemoved.connect(lambda *a: rows.append("removed"))
    table.rowsInserted.connect(lambda *a: rows.append("inserted"))
    before = doc.model_dump()
    old_rows = list(project.indicators)
    level1 = project.indicators[0].level1
    last_year = [Indicator(level1=level1, level2="往年二级", level3="往年指标一"),
                 Indicator(level1="效益指标", level2="往年二级", level3="往年指标二")]
    copy = CopyFromLastYear(session, [
        (project, CopyPlan(edits=[("goals", "往年的目标")], indicators=last_year)),
        (doc.projects[2], CopyPlan(edits=[("goals", "另一项目往年的目标")])),
    ])
    session.stack.push(copy)
    assert session.stack.count() == 1
    assert project.indicators == last_year and project.goals == "往年的目标"
    assert doc.projects[2].goals == "另一项目往年的目标"
    assert [table.indicator(r) for r in range(table.rowCount())] == table._wanted()
    assert rows == ["removed", "inserted"]
    after_copy = doc.model_dump()
    fill = FillRow(session, project.indicators[0], project,
                   {"level3": "群众满意度", "value": "≥95%", "description": "库中描述"})
    session.stack.push(fill)
    assert session.stack.count() == 2
    assert (project.indicators[0].level3, project.indicators[0].value) == ("群众满意度", "≥95%")
    session.stack.undo()
    assert doc.model_dump() == after_copy
    session.stack.undo()
    assert doc.model_dump() == before
    assert all(a is b for a, b in zip(project.indicators, old_rows, strict=True))  # the same rows are back
    assert [table.indicator(r) for r in range(table.rowCount())] == table._wanted()
    session.stack.redo()
    assert doc.model_dump() == after_copy
    session.stack.redo()
    assert project.indicators[0].description == "库中描述"
    assert seen == []


def test_tree_follows_every_edit_without_reset(qtmodeltester):
    doc = dump_doc("dingzhou_2020.docx")
    del doc.projects[5:]
    session = DocumentSession(doc)
    model = DocumentTreeModel(session)
    from tests.ui.test_models import _walk

    list(_walk(model))
    qtmodeltester.check(model, force_py=True)
    seen = _no_resets(model)
    for n, cmd in enumerate(_edits(session, doc.projects[1])):
        session.stack.push(cmd)
        labels = {str(model.data(i)).split("  ")[0] for i in _walk(model)}
        if n == 5:
            assert "同一二级" in labels
        for p in doc.projects:  # the level nodes are the project's levels, in order
            pidx = model.project_index(p)
            shown = [(model.node(model.index(r, 0, pidx)).level1,
                      [model.node(model.index(k, 0, model.index(r, 0, pidx))).level2
                       for k in range(model.rowCount(model.index(r, 0, pidx)))])
                     for r in range(model.rowCount(pidx))]
            assert shown == [tuple(g) for g in _groups(p)]
    assert "新项目" in labels
    while session.stack.canUndo():
        session.stack.undo()
    assert seen == []
    first = 1 if doc.department is not None else 0
    assert [model.project_of(model.index(first + r, 0, model.file_index())) for r in range(len(doc.projects))] \
        == doc.projects


@pytest.mark.parametrize("tested", ["tasks", "indicators"])
def test_department_tables_follow_edits(qtmodeltester, tested):
    doc = _table_doc()
    session = DocumentSession(doc)
    tasks = DepartmentTaskModel(session)
    indicators = DepartmentIndicatorModel(session, doc.department)
    qtmodeltester.check(tasks if tested == "tasks" else indicators, force_py=True)  # one tester per test
    seen = _no_resets(tasks) + _no_resets(indicators)
    s = session.stack
    s.push(InsertTasks(session, 1, [DepartmentTask(name="新任务")]))
    s.push(MoveRows(session, doc.department, "tasks", [0], 3, "下移任务"))
    s.push(RemoveTasks(session, [1]))
    s.push(SetField(session, doc.department.tasks[0], "content", "新内容", None))
    s.push(InsertIndicators(session, doc.department, 0, [Indicator(level3="新指标")]))
    assert [tasks.task(r) for r in range(tasks.rowCount())] == doc.department.tasks
    assert indicators.indicator(0).level3 == "新指标"
    while s.canUndo():
        s.undo()
    assert [tasks.task(r) for r in range(tasks.rowCount())] == doc.department.tasks
    assert seen == []


def test_current_cell_stays_on_its_indicator_when_rows_come_and_go():
    doc = dump_doc("dingzhou_2020.docx")
    session = DocumentSession(doc)
    project = doc.projects[0]
    model = IndicatorTableModel(session, project)
    target = project.indicators[1]
    current = QPersistentModelIndex(model.index(1, 2))
    session.stack.push(InsertIndicators(session, project, 0, [Indicator(), Indicator()]))
    assert model.indicator(current.row()) is target
    session.stack.push(MoveIndicators(session, project, [current.row()], 0))
    assert current.row() == 0 and model.indicator(0) is target
    session.stack.undo()
    session.stack.undo()
    assert model.indicator(current.row()) is target and current.row() == 1
