"""Every Qt model of the window keeps Qt's contract (pytest-qt's model tester), also through edits."""
from __future__ import annotations

import pytest

from perfeditor.model import Indicator, Project
from perfeditor.ui.commands import InsertIndicators, InsertProject, RemoveIndicators, RemoveProject, SetField
from perfeditor.ui.indicator_model import IndicatorTableModel
from perfeditor.ui.problems import ProblemsModel
from perfeditor.ui.session import DocumentSession
from perfeditor.ui.tree_model import DocumentTreeModel
from tests.ui.conftest import FIXTURE_NAMES, dump_doc


def _walk(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        yield idx
        yield from _walk(model, idx)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_tree_model_contract(qtmodeltester, name):
    session = DocumentSession(dump_doc(name))
    model = DocumentTreeModel(session)
    qtmodeltester.check(model, force_py=True)
    nodes = list(_walk(model))
    kinds = {model.node(i).kind for i in nodes}
    assert {"file", "project", "level1"} <= kinds
    assert len([i for i in nodes if model.node(i).kind == "project"]) == len(session.doc.projects)


def test_tree_model_through_structural_edits(qtmodeltester):
    doc = dump_doc("dingzhou_2020.docx")
    del doc.projects[5:]  # the tester re-walks the whole tree on every signal
    session = DocumentSession(doc)
    model = DocumentTreeModel(session)
    list(_walk(model))  # populate the lazy levels
    qtmodeltester.check(model, force_py=True)
    project = session.doc.projects[0]
    s = session.stack
    s.push(SetField(session, project.indicators[0], "level1", "新的一级指标", project))
    s.push(InsertIndicators(session, project, 0, [Indicator(level1="X", level2="Y")]))
    s.push(RemoveProject(session, 1))
    s.push(InsertProject(session, 0, Project.model_validate(session.doc.projects[-1].model_dump())))
    # the tester stays connected after check() and verifies every signal of these edits
    labels = [model.data(i) for i in _walk(model)]
    assert any(str(label).startswith("新的一级指标") for label in labels)
    while s.canUndo():
        s.undo()
    assert not any(str(label).startswith("新的一级指标") for label in (model.data(i) for i in _walk(model)))


@pytest.mark.parametrize("scope", ["all", "level1", "level2"])
def test_indicator_model_contract(qtmodeltester, scope):
    session = DocumentSession(dump_doc("leting_2024.xlsx"))
    project = session.doc.projects[0]
    first = project.indicators[0]
    l1 = first.level1 if scope != "all" else None
    l2 = first.level2 if scope == "level2" else None
    model = IndicatorTableModel(session, project, l1, l2)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == sum(1 for i in project.indicators
                                   if (l1 is None or i.level1 == l1) and (l2 is None or i.level2 == l2))
    session.stack.push(InsertIndicators(session, project, 1, [Indicator(level1=first.level1, level2=first.level2)]))
    session.stack.push(RemoveIndicators(session, project, [0]))
    session.stack.undo()
    session.stack.undo()
    assert model.rowCount() == sum(1 for i in project.indicators
                                   if (l1 is None or i.level1 == l1) and (l2 is None or i.level2 == l2))


def test_graded_columns_show_grades():
    session = DocumentSession(dump_doc("pingxiang_2020_part.docx"))
    model = IndicatorTableModel(session, session.doc.projects[0])
    titles = [model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
              for c in range(model.columnCount())]
    assert {"优", "良", "中", "差"} <= set(titles)


def test_problems_model_contract(qtmodeltester):
    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
    model = ProblemsModel(session)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(session.findings)


def test_project_dragged_in_tree_is_one_undo_step(qtmodeltester):
    from PySide6.QtCore import Qt

    doc = dump_doc("leting_2024.xlsx")
    del doc.projects[5:]  # the tester re-walks the whole tree on every signal
    session = DocumentSession(doc)
    model = DocumentTreeModel(session)
    qtmodeltester.check(model, force_py=True)
    names = [p.name for p in session.doc.projects]
    file_idx = model.file_index()
    first = model.project_index(session.doc.projects[0])
    assert model.flags(first) & Qt.ItemFlag.ItemIsDragEnabled
    mime = model.mimeData([first])
    dropped = []
    model.projectDropped.connect(dropped.append)
    # between the third and the fourth project
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, file_idx)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, file_idx)  # the view removes nothing
    assert [p.name for p in session.doc.projects] == names[1:3] + names[:1] + names[3:]
    assert dropped == [session.doc.projects[2]]
    assert session.stack.count() == 1
    # onto the last project: takes its place
    last = model.project_index(session.doc.projects[-1])
    model.dropMimeData(model.mimeData([model.project_index(session.doc.projects[0])]),
                       Qt.DropAction.MoveAction, -1, 0, last)
    assert session.doc.projects[-2].name == names[1]
    session.stack.undo()
    session.stack.undo()
    assert [p.name for p in session.doc.projects] == names
    # a level node is not a place for a project
    level = model.index(0, 0, model.project_index(session.doc.projects[0]))
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, level)
