"""The department part."""
from __future__ import annotations

from rules_builders import load_dump, make_doc

from perfeditor.model import Department, DepartmentItem
from perfeditor.rules import check_department, check_document


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


def test_table_form_department():
    from perfeditor.model import Budget, DepartmentTask, Indicator

    doc = make_doc()
    doc.department = Department(
        form="table", overall="完成年度任务", budget=Budget(total="100", fiscal="80", other="20"),
        tasks=[DepartmentTask(name="城乡建设", total="60", fiscal="60", other="")],
        indicators=[Indicator(level1="产出指标", level2="数量指标", level3="改造户数", value="≥300户")])
    assert check_department(doc) == []
    doc.department.budget.other = "30"
    doc.department.indicators[0].value = "≥9090%及以上"
    found = check_department(doc)
    assert [(f.rule, f.field) for f in found] == [("department.table", "budget.total"),
                                                  ("department.table", "value")]
