"""The public API: findings, rule sets, check_* and the incremental Validator."""
from __future__ import annotations

import dataclasses
import json

import pytest
from rules_builders import load_dump, make_doc, make_project

from perfeditor.model import Indicator
from perfeditor.rules import (
    RULESETS,
    Finding,
    Rule,
    RuleSet,
    Validator,
    check_department,
    check_document,
    check_project,
    ruleset_for,
)
from perfeditor.rules.findings import SEVERITIES

CONTRACT_FIELDS = {"name", "code", "budget.total", "budget.fiscal", "budget.other", "budget.superior",
                   "budget.local", "spending_plan", "goals", "purpose", "indicators", "level1", "level2",
                   "level3", "description", "value", "basis", "note", "grades"}


def test_rulesets_are_listed_with_chinese_descriptions():
    assert set(RULESETS) == {"mof-2015", "mof-2021", "hebei"}
    for name, rs in RULESETS.items():
        assert isinstance(rs, RuleSet) and rs.name == name and rs.title
        ids = [r.id for r in rs.rules]
        assert len(ids) == len(set(ids))
        for r in rs.rules:
            assert isinstance(r, Rule)
            assert r.severity in SEVERITIES
            assert r.field in CONTRACT_FIELDS
            assert "\n" not in r.description and any("\u4e00" <= c <= "\u9fff" for c in r.description)
    assert "budget.sum" in [r.id for r in RULESETS["hebei"].rules]


def test_finding_json_has_exactly_the_contract_keys():
    found = check_document(load_dump("seed001"))
    assert found
    for f in found:
        j = f.to_json()
        assert list(j) == ["severity", "rule", "project", "indicator", "field", "message"]
        assert j["field"] in CONTRACT_FIELDS
        json.dumps(j, ensure_ascii=False)
        line = f.format_line()
        assert "\n" not in line and f.message in line


def test_finding_is_frozen_and_carries_positions():
    doc = load_dump("seed001")
    f = next(f for f in check_document(doc) if f.rule == "value.broken")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.severity = "info"  # type: ignore[misc]
    assert doc.projects[f.project_index].name == f.project
    assert doc.projects[f.project_index].indicators[f.indicator_index].level3 == f.indicator


def test_format_line_is_chinese():
    f = Finding("error", "budget.sum", "招商事务工作经费", None, "budget.fiscal", "财政资金“21.4.”不是有效金额")
    assert f.format_line().startswith("[错误] 项目“招商事务工作经费”")
    g = Finding("error", "department.overall", None, None, "goals", "部门总体绩效目标未填写")
    assert "部门整体绩效目标" in g.format_line()


def test_check_project_only_that_project():
    doc = load_dump("seed001")
    idx = next(i for i, p in enumerate(doc.projects) if p.name == "招商事务工作经费")
    found = check_project(doc, idx)
    assert found and {f.project for f in found} == {"招商事务工作经费"}
    assert {f.project_index for f in found} == {idx}
    assert found == [f for f in check_document(doc) if f.project_index == idx]


def test_check_department_separately():
    doc = make_doc()
    assert check_department(doc) == []


def test_unknown_ruleset_is_refused():
    with pytest.raises(KeyError):
        check_document(make_doc(), "nope")


def test_ruleset_for_mof_2021():
    p = make_project(layout="mof-project", indicators=[
        Indicator(level1="成本指标", level2="经济成本指标", level3="成本", value="≤1万元")])
    assert ruleset_for(make_doc(p, layout="mof-project")) == "mof-2021"
    p2 = make_project(layout="mof-project")
    p2.variant.system = "2021"
    assert ruleset_for(make_doc(p2, layout="mof-project")) == "mof-2021"
    assert ruleset_for(make_doc(make_project(layout="mof-project"), layout="mof-project")) == "mof-2015"


def test_a_failing_rule_becomes_a_logged_warning(monkeypatch, caplog):
    def boom(ctx, rule):
        raise ValueError("x")
        yield  # pragma: no cover

    rs = RULESETS["hebei"]
    bad = dataclasses.replace(rs.rules[0], check=boom)
    monkeypatch.setattr(rs, "rules", [bad] + rs.rules[1:])
    found = check_document(make_doc())
    # A broken check must not look like a clean form: a warning that says so, and the traceback logged.
    assert [(f.rule, f.severity) for f in found] == [(bad.id, "warning")]
    assert "未能审核" in found[0].message and "ValueError" not in found[0].message
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)


# --- Validator ---------------------------------------------------------------------------

def test_validator_matches_full_check_and_rechecks_one_project():
    doc = load_dump("seed001")
    v = Validator(doc)
    assert v.ruleset == "hebei"
    assert v.validate_all() == check_document(doc)
    idx = next(i for i, p in enumerate(doc.projects) if p.name == "招商事务工作经费")
    doc.projects[idx].budget.fiscal = "21.4"
    for ind in doc.projects[idx].indicators:
        ind.value = "≥90%"
    new = v.revalidate_project(idx)
    assert not [f for f in new if f.severity == "error"]
    assert v.findings() == check_document(doc)


def test_validator_recomputes_only_the_edited_project(monkeypatch):
    import perfeditor.rules.engine as engine

    doc = load_dump("seed001")
    v = Validator(doc)
    v.validate_all()
    calls = []
    real = engine.project_findings
    monkeypatch.setattr(engine, "project_findings", lambda d, i, rs, y: calls.append(i) or real(d, i, rs, y))
    v.revalidate_project(3)
    assert calls == [3]
    v.findings()
    assert calls == [3]


def test_validator_follows_moved_and_added_projects():
    doc = load_dump("seed001")
    v = Validator(doc)
    v.validate_all()
    moved = doc.projects.pop(10)  # 招商事务工作经费 to the front
    doc.projects.insert(0, moved)
    doc.projects.append(make_project(name="新项目", goals=""))
    found = v.findings()
    assert found == check_document(doc)
    assert {f.project_index for f in found if f.project == "招商事务工作经费"} == {0}
    assert any(f.project == "新项目" and f.rule == "goals.empty" for f in found)


def test_validator_budget_year_change_rechecks_deadlines():
    inds = lambda y: [Indicator(level1="产出指标", level2="时效指标", level3="完成时限", value=f"{y}年12月底前")]  # noqa: E731
    doc = make_doc(*(make_project(name=f"p{i}", indicators=inds(2024)) for i in range(3)), preamble="")
    doc.projects.append(make_project(name="late", indicators=inds(2025)))
    v = Validator(doc)
    assert [f.project for f in v.validate_all() if f.rule == "value.deadline"] == ["late"]
    for i in range(3):  # everybody moves to 2025: now the year is 2025 and nothing is late
        doc.projects[i].indicators[0].value = "2025年12月底前"
        v.revalidate_project(i)
    assert [f for f in v.findings() if f.rule == "value.deadline"] == []


def test_validator_set_ruleset():
    doc = load_dump("qiannan")
    v = Validator(doc)
    assert v.ruleset == "mof-2015"
    v.validate_all()
    v.set_ruleset("mof-2021")
    assert v.ruleset == "mof-2021"
    found = v.validate_all()
    assert any(f.rule == "structure.level1" and "成本" in f.message for f in found)
    with pytest.raises(KeyError):
        v.set_ruleset("nope")


def test_ruleset_for_reads_the_2021_basis_label():
    p = make_project(layout="mof-project")
    p.variant.labels = {"col:basis": "指标值设定依据及数据来源"}
    assert ruleset_for(make_doc(p, layout="mof-project")) == "mof-2021"
