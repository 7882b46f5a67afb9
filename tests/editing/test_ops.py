"""The editing layer: every edit returns a change set saying what changed, by identity, and its
inverse gives the document back."""
from __future__ import annotations

import json

from perfeditor import editing
from perfeditor.editing import DEPARTMENT, FieldChanged, RowsInserted, RowsMoved, RowsRemoved
from perfeditor.model import Department, DepartmentTask, Document, Indicator, Project, document_from_dump
from tests.conftest import PUBLIC_FIXTURES


def _doc() -> Document:
    path = PUBLIC_FIXTURES / "dingzhou_2020.docx.dump.json"
    return document_from_dump(json.loads(path.read_text(encoding="utf-8")))


def test_set_field_names_the_object_and_both_texts():
    doc = _doc()
    p = doc.projects[2]
    ind = p.indicators[0]
    changes = editing.set_field(doc, ind, "value", "≥95%", p)
    assert changes.fields() == [FieldChanged(ind, "value", changes.fields()[0].old, "≥95%")]
    assert changes.projects == {p.uid} and not changes.department and not changes.project_list
    assert changes.focus.project_uid == p.uid and changes.focus.obj is ind and changes.focus.field == "value"
    assert not editing.set_field(doc, ind, "value", "≥95%", p)  # unchanged: an empty change set


def test_grade_and_budget_fields():
    doc = _doc()
    p = doc.projects[0]
    editing.set_field(doc, p.indicators[0], "grade:优", "≥90%", p)
    assert p.indicators[0].grades == {"优": "≥90%"}
    editing.set_field(doc, p, "budget.total", "12.5", p)
    assert p.budget.total == "12.5"


def test_insert_remove_restore_rows():
    doc = _doc()
    p = doc.projects[0]
    before = doc.model_dump()
    new = [Indicator(level3="甲"), Indicator(level3="乙")]
    changes = editing.insert_rows(doc, p, "indicators", 1, new)
    assert changes.changes == [RowsInserted(("indicators", p.uid), 1, tuple(new))]
    assert changes.lists() == {("indicators", p.uid)}
    removed = editing.remove_rows(doc, p, "indicators", [0, 2, 3])
    assert [type(c) for c in removed.changes] == [RowsRemoved, RowsRemoved]
    assert [(c.first, len(c.items)) for c in removed.changes] == [(2, 2), (0, 1)]  # last run first
    editing.restore_rows(doc, p, "indicators", editing.removed_rows(removed))
    editing.remove_rows(doc, p, "indicators", [1, 2])
    assert doc.model_dump() == before


def test_move_rows_one_run_is_one_move_and_moves_back():
    doc = _doc()
    p = doc.projects[3]
    p.indicators += [Indicator(level3=f"行{n}") for n in range(5)]
    before = [i.uid for i in p.indicators]
    changes = editing.move_rows(doc, p, "indicators", [0, 1], 4)
    assert len(changes.changes) == 1 and isinstance(changes.changes[0], RowsMoved)
    assert changes.changes[0].dest == 2
    assert [i.uid for i in p.indicators] == before[2:4] + before[0:2] + before[4:]
    editing.moved_back(doc, p, "indicators", [0, 1], 2, 2)
    assert [i.uid for i in p.indicators] == before
    editing.move_rows(doc, p, "indicators", [0, 3], 6)  # two runs: removals then one insertion
    assert [i.uid for i in p.indicators][4:6] == [before[0], before[3]]
    editing.moved_back(doc, p, "indicators", [0, 3], 4, 2)
    assert [i.uid for i in p.indicators] == before
    assert not editing.move_rows(doc, p, "indicators", [2], 2)


def test_department_lists_and_projects():
    doc = _doc()
    doc.department = Department(form="table", tasks=[DepartmentTask(name="甲")])
    changes = editing.insert_rows(doc, doc.department, "tasks", 1, [DepartmentTask(name="乙")])
    assert changes.department and changes.lists() == {("tasks", DEPARTMENT)}
    assert [t.name for t in doc.department.tasks] == ["甲", "乙"]
    p = Project(name="新项目")
    changes = editing.insert_project(doc, 0, p)
    assert changes.project_list and changes.focus.obj is p
    uids = [x.uid for x in doc.projects]
    editing.move_project(doc, 0, 3)
    assert [x.uid for x in doc.projects][3] == p.uid
    editing.move_project(doc, 3, 0)
    assert [x.uid for x in doc.projects] == uids
    editing.remove_project(doc, 0)
    assert p not in doc.projects



def test_renumber_titles_after_a_project_is_inserted():
    """Numbered titles of projects read from a file count on after a copy is inserted; the
    change set names each title changed and has no focus of its own."""
    from perfeditor.io import read_document

    doc, smap = read_document(PUBLIC_FIXTURES / "pingxiang_2020_part.docx")
    first = doc.projects[0]
    copy = Project(name=f"{first.name}（副本）", title=first.title)
    editing.insert_project(doc, 1, copy)
    changes = editing.renumber_titles(doc, smap.read_uids())
    assert [p.title.split("、", 1)[0] for p in doc.projects] == ["1", "2", "3", "4"]
    assert copy.title == f"2、{first.name}（副本）绩效目标表"
    assert {(c.obj.name, c.field) for c in changes.fields()} == {(p.name, "title") for p in doc.projects[1:]}
    assert changes.focus is None and changes.projects == {p.uid for p in doc.projects[1:]}
    assert not editing.renumber_titles(doc, smap.read_uids())  # numbered already: nothing more
