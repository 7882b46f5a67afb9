"""成本指标 against the project's budget, 万元 and 元 compared right."""
from __future__ import annotations

from rules_builders import good_indicators, load_dump, make_doc, make_project

from perfeditor.model import Budget, Indicator
from perfeditor.rules import check_project


def _check(values, total="10.38", unit="万元", l1="产出指标", l2="成本指标"):
    inds = good_indicators() + [Indicator(level1=l1, level2=l2, level3=f"成本{i}", value=v)
                                for i, v in enumerate(values)]
    p = make_project(indicators=inds, budget=Budget(total=total, fiscal=total, unit=unit))
    return [(f.rule, f.severity) for f in check_project(make_doc(p), 0) if f.rule.startswith("cost.")]


def test_cost_equal_to_budget_is_fine():
    assert _check(["≤10.38万"]) == []
    assert _check(["≤10.38万元"]) == []
    assert _check(["83054元"]) == []             # 8.3054 万元
    assert _check(["1000元/台"]) == []           # per unit: not summed
    assert _check(["100%"]) == []                 # 成本控制率


def test_cost_above_budget():
    assert _check(["≤11万元"]) == [("cost.over-budget", "error")]
    assert _check(["203800元"]) == [("cost.over-budget", "error")]


def test_budget_in_yuan():
    assert _check(["≤10万元"], total="103800", unit="元") == []
    assert _check(["≤11万元"], total="103800", unit="元") == [("cost.over-budget", "error")]


def test_cost_rows_summed():
    assert _check(["≤5万元", "≤5.38万元"]) == []
    assert _check(["≤5万元", "≤6万元"]) == [("cost.sum-over-budget", "error")]


def test_2021_cost_first_level():
    assert _check(["≤5万元", "≤6万元"], l1="成本指标", l2="经济成本指标") == [("cost.sum-over-budget", "error")]


def test_seed_004_cost_rows_add_up_exactly():
    doc = load_dump("qiannan")
    for i in range(len(doc.projects)):
        assert [f for f in check_project(doc, i) if f.rule.startswith("cost.")] == []
    # one cent more and the sum is over
    p = doc.projects[1]
    row = next(ind for ind in p.indicators if ind.value == "≤1.5万元")
    row.value = "≤1.5001万元"
    assert [f.rule for f in check_project(doc, 1) if f.rule.startswith("cost.")] == ["cost.sum-over-budget"]
