"""资金支出计划: percentages, cumulative, 12月底 at 100."""
from __future__ import annotations

from rules_builders import make_doc, make_project

from perfeditor.rules import check_project

M = ("3月底", "6月底", "10月底", "12月底")


def _check(*values: str):
    doc = make_doc(make_project(spending_plan=dict(zip(M, values, strict=False))))
    return [f for f in check_project(doc, 0) if f.rule.startswith("plan.")]


def test_legal_plans():
    assert _check("25.00", "50.00", "75.00", "100.00") == []
    assert _check("25%", "50%", "100%", "100%") == []
    assert _check("", "", "", "") == []            # all empty is allowed
    assert _check("", "", "", "100.00") == []
    assert _check("50.00", "100.00", "", "") == []  # stops early: allowed
    assert _check("30.00", "60.00", "100.00", "") == []
    doc = make_doc(make_project(spending_plan={}))
    assert [f for f in check_project(doc, 0) if f.rule.startswith("plan.")] == []


def test_not_a_percentage():
    found = _check("25.00", "五十", "75.00", "100.00")
    assert [(f.rule, f.severity) for f in found] == [("plan.percent", "error")]
    assert "6月底" in found[0].message and found[0].field == "spending_plan"


def test_above_100():
    found = _check("25.00", "50.00", "120.00", "100.00")
    assert ("plan.percent", "error") in [(f.rule, f.severity) for f in found]


def test_falling():
    found = _check("50.00", "40.00", "75.00", "100.00")
    assert [(f.rule, f.severity) for f in found] == [("plan.monotonic", "error")]
    assert "6月底" in found[0].message


def test_falling_is_judged_in_month_order_not_dict_order():
    doc = make_doc(make_project(spending_plan={"12月底": "100", "3月底": "25", "6月底": "50", "10月底": "75"}))
    assert [f for f in check_project(doc, 0) if f.rule.startswith("plan.")] == []


def test_december_not_100_is_a_warning():
    found = _check("25.00", "50.00", "75.00", "90.00")
    assert [(f.rule, f.severity) for f in found] == [("plan.final", "warning")]
