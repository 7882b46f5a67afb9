"""Budget figures: numbers, sums as decimals, signs and sizes."""
from __future__ import annotations

from rules_builders import ids, make_doc, make_project

from perfeditor.model import Budget
from perfeditor.rules import check_project


def _check(budget: Budget, layout: str = "hebei-project"):
    doc = make_doc(make_project(budget=budget, layout=layout), layout=layout)
    return [f for f in check_project(doc, 0) if f.rule.startswith("budget.")]


def test_correct_budget_is_left_alone():
    assert _check(Budget(total="100.00", fiscal="100.00", other="")) == []
    assert _check(Budget(total="100.00", fiscal="60.00", other="40.00")) == []
    assert _check(Budget(total="0.3", fiscal="0.1", other="0.2")) == []  # decimals, never floats
    assert _check(Budget(total="1,234.50", fiscal="1,234.50")) == []


def test_not_a_number_is_an_error_on_its_field():
    found = _check(Budget(total="21.4", fiscal="21.4.", other=""))
    assert [(f.rule, f.severity, f.field) for f in found] == [("budget.sum", "error", "budget.fiscal")]
    assert found[0].message.startswith("财政资金“21.4.”不是有效金额")
    assert "21.40" in found[0].message


def test_parts_not_adding_up():
    found = _check(Budget(total="100.00", fiscal="60.00", other="30.00"))
    assert ids(found) == ["budget.sum"] and found[0].severity == "error"
    assert "90" in found[0].message and "100" in found[0].message


def test_total_missing():
    found = _check(Budget(total="", fiscal="50"))
    assert ids(found) == ["budget.sum"] and found[0].field == "budget.total"


def test_superior_plus_local_equals_fiscal_where_present():
    ok = Budget(total="36.4", fiscal="36.4", other="0", superior="0", local="36.4")
    assert _check(ok, "mof-project") == []
    ok2 = Budget(total="10.38", fiscal="10.38", other="", superior="", local="10.38")
    assert _check(ok2, "mof-project") == []
    bad = Budget(total="36.4", fiscal="36.4", other="0", superior="10", local="36.4")
    found = _check(bad, "mof-project")
    assert ids(found) == ["budget.sum"] and "上级补助" in found[0].message
    assert "资金总额" not in found[0].message  # mof labels: 财政拨款


def test_graded_layout_has_no_budget():
    assert _check(Budget(), "hebei-graded") == []


def test_negative_and_absurd_are_warnings():
    found = _check(Budget(total="-5", fiscal="-5"))
    assert {f.rule for f in found} == {"budget.range"}
    assert all(f.severity == "warning" for f in found)
    found = _check(Budget(total="5.1234567", fiscal="5.1234567"))
    assert ids(found) == ["budget.range", "budget.range"]
    assert "小数" in found[0].message
    found = _check(Budget(total="99999999999", fiscal="99999999999"))
    assert "budget.range" in ids(found)


def test_yuan_unit_allows_two_decimals_only():
    assert _check(Budget(total="83054.00", fiscal="83054.00", unit="元")) == []
    found = _check(Budget(total="83054.001", fiscal="83054.001", unit="元"))
    assert "budget.range" in ids(found)
