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
    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
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
