"""The department part."""
from __future__ import annotations

from perfeditor.model import Department, DepartmentItem
from perfeditor.rules import check_department, check_document

from rules_builders import load_dump, make_doc


def test_empty_overall_goal_is_an_error():
    doc = make_doc()
    doc.department = Department(overall="  ")
    found = check_department(doc)
    assert [(f.rule, f.severity, f.project) for f in found] == [("department.overall", "error", None)]
    assert found[0] in check_document(doc)


def test_item_without_content():
    doc = make_doc()
    doc.department = Department(overall="完成年度任务", items=[DepartmentItem(title="一、推进城乡建设")])
    assert [f.rule for f in check_department(doc)] == ["department.items"]


def test_seed_department_is_fine():
    assert check_department(load_dump("dingzhou")) == []
    assert check_department(load_dump("leting")) == []  # no department part
