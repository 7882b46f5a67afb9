"""Running a rule set over a document, a project, or the department part; incremental checking.

A rule that fails unexpectedly never takes the check down: it becomes an ``info`` finding saying
the rule could not run, and the other rules still report.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Iterable

from perfeditor.forms.variants import project_system
from perfeditor.model import Document
from perfeditor.rules.budget_year import BudgetYear, find_budget_year
from perfeditor.rules.context import DepartmentContext, ProjectContext, project_label
from perfeditor.rules.findings import Finding, Rule, RuleSet
from perfeditor.rules.rulesets import RULESETS

log = logging.getLogger(__name__)

DEFAULT_RULESET = "hebei"


def ruleset_for(doc: Document) -> str:
    """The rule set a file's layout and form call for: the 2021 rules when a project is in the
    national form's 2021 variant (as its reader decided it, from the form: see
    :func:`perfeditor.forms.variants.project_system`)."""
    if doc.layout in ("hebei-project", "hebei-graded"):
        return "hebei"
    if any(project_system(p) == "2021" for p in doc.projects):
        return "mof-2021"
    return "mof-2015"


def _ruleset(doc: Document, name: str | None) -> RuleSet:
    name = name or ruleset_for(doc)
    if name not in RULESETS:
        raise KeyError(f"没有名为“{name}”的规则集；可用的有：{'、'.join(RULESETS)}。")
    return RULESETS[name]


def _run(rule: Rule, ctx, fallback: dict) -> list[Finding]:
    try:
        return list(rule.check(ctx, rule))
    except Exception:  # noqa: BLE001 - one rule's bug must not stop the others; shown as a warning, logged
        log.exception("rule %s failed", rule.id)
        return [Finding(severity="warning", rule=rule.id, field=rule.field,
                        message=f"规则“{rule.id}”检查时出错，此项未能审核（详情已记入日志），其余规则不受影响。",
                        **fallback)]


def _order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.indicator_index is not None, f.indicator_index or 0))


def project_findings(doc: Document, index: int, rs: RuleSet, year: BudgetYear) -> list[Finding]:
    ctx = ProjectContext.build(doc, index, rs.name, year)
    fallback = {"project": ctx.name, "indicator": None, "project_index": index, "indicator_index": None,
                "project_uid": ctx.project.uid}
    out: list[Finding] = []
    for rule in rs.project_rules():
        out.extend(_run(rule, ctx, fallback))
    return _order(out)


def department_findings(doc: Document, rs: RuleSet) -> list[Finding]:
    if doc.department is None:
        return []
    ctx = DepartmentContext(doc, doc.department, rs.name)
    fallback = {"project": None, "indicator": None}
    out: list[Finding] = []
    for rule in rs.department_rules():
        out.extend(_run(rule, ctx, fallback))
    return out


def check_document(doc: Document, ruleset: str | None = None) -> list[Finding]:
    """Every finding of the document: the department part first, then projects in order."""
    rs = _ruleset(doc, ruleset)
    year = find_budget_year(doc)
    out = department_findings(doc, rs)
    for i in range(len(doc.projects)):
        out.extend(project_findings(doc, i, rs, year))
    return out


def check_project(doc: Document, index: int, ruleset: str | None = None) -> list[Finding]:
    """The findings of one project (``index`` into ``doc.projects``)."""
    rs = _ruleset(doc, ruleset)
    return project_findings(doc, index, rs, find_budget_year(doc))


def check_department(doc: Document, ruleset: str | None = None) -> list[Finding]:
    return department_findings(doc, _ruleset(doc, ruleset))


class Validator:
    """Live validation: caches findings per project (by ``Project.uid``) and re-checks only what
    changed. Call :meth:`revalidate_project` after an edit of one project, :meth:`validate_all`
    after structural changes (projects added, removed, moved) or a new rule set."""

    def __init__(self, doc: Document, ruleset: str | None = None) -> None:
        self.doc = doc
        self.ruleset = ruleset or ruleset_for(doc)
        _ruleset(doc, self.ruleset)
        self._by_uid: dict[int, list[Finding]] = {}
        self._years: dict[int, list[int]] = {}
        self._department: list[Finding] = []
        self._year = BudgetYear(None, "")

    # -- public -------------------------------------------------------------------------
    def set_ruleset(self, name: str) -> None:
        _ruleset(self.doc, name)
        self.ruleset = name
        self._by_uid.clear()

    def validate_all(self) -> list[Finding]:
        rs = RULESETS[self.ruleset]
        self._years = {p.uid: _project_deadline_years(p) for p in self.doc.projects}
        self._year = self._find_year()
        self._by_uid = {}
        for i, p in enumerate(self.doc.projects):
            self._by_uid[p.uid] = project_findings(self.doc, i, rs, self._year)
        self._department = department_findings(self.doc, rs)
        return self.findings()

    def revalidate_project(self, index: int) -> list[Finding]:
        p = self.doc.projects[index]
        self._years[p.uid] = _project_deadline_years(p)
        year = self._find_year()
        if year != self._year:  # the budget year moved: every deadline is judged anew
            self.validate_all()
            return list(self._by_uid.get(p.uid, []))
        found = project_findings(self.doc, index, RULESETS[self.ruleset], self._year)
        self._by_uid[p.uid] = found
        return list(found)

    def revalidate_department(self) -> list[Finding]:
        self._department = department_findings(self.doc, RULESETS[self.ruleset])
        return list(self._department)

    def findings(self) -> list[Finding]:
        """All cached findings in document order, positions as they are now."""
        out = list(self._department)
        rs = RULESETS[self.ruleset]
        for i, p in enumerate(self.doc.projects):
            cached = self._by_uid.get(p.uid)
            if cached is None:  # a project added since the last full check
                self._years[p.uid] = _project_deadline_years(p)
                cached = project_findings(self.doc, i, rs, self._year)
                self._by_uid[p.uid] = cached
            elif cached and (cached[0].project_index != i
                             or cached[0].project != project_label(p, i)):
                cached = [replace(f, project_index=i, project=project_label(p, i)) for f in cached]
                self._by_uid[p.uid] = cached
            out.extend(cached)
        return out

    def project_findings(self, index: int) -> list[Finding]:
        """The cached findings of one project (checked now if not yet)."""
        p = self.doc.projects[index]
        if p.uid not in self._by_uid:
            return self.revalidate_project(index)
        return [f for f in self.findings() if f.project_index == index]

    # -- internals ----------------------------------------------------------------------
    def _find_year(self) -> BudgetYear:
        years: list[int] = []
        live = {p.uid for p in self.doc.projects}
        for uid, ys in self._years.items():
            if uid in live:
                years.extend(ys)
        return find_budget_year(self.doc, years)


def _project_deadline_years(p) -> list[int]:
    from perfeditor.rules.values import parse_value

    out = []
    for ind in p.indicators:
        pv = parse_value(ind.value)
        if pv.kind == "deadline" and pv.year:
            out.append(pv.year)
    return out


def iter_rules(names: Iterable[str] | None = None) -> Iterable[tuple[str, Rule]]:
    for name in names or RULESETS:
        for rule in RULESETS[name].rules:
            yield name, rule
