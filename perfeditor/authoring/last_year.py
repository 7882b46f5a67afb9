"""项目→从往年文件复制: match last year's projects to this year's and copy the parts ticked.

Projects are matched by 项目编码, then by 项目名称 (white space and years ignored, so that
``2024年农村公路养护`` finds ``2025年农村公路养护``). What is copied: ``goals`` (绩效目标, 中期目标),
``indicators`` (the whole indicator table, replacing this year's rows), ``plan`` (资金支出计划).
Years inside goals and indicator texts move forward by the gap between the two budget years;
each moved text is listed for the clerk to review. A project of last year's file that this year's
lacks can be added as a new project (:func:`project_from_last_year`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfeditor.authoring.years import shift_years
from perfeditor.model import Document, Indicator, Project

#: The parts a clerk can tick, with their Chinese names.
PARTS: dict[str, str] = {"goals": "绩效目标", "indicators": "绩效指标", "plan": "资金支出计划"}
_INDICATOR_TEXTS = ("level3", "description", "value", "value_midterm", "basis", "note")
_INDICATOR_TITLES = {"level3": "三级指标", "description": "指标描述", "value": "指标值", "value_midterm": "中期指标值",
                     "basis": "指标值确定依据", "note": "说明"}
_WS = re.compile(r"\s+")
_YEARISH = re.compile(r"(?:19|20)\d{2}\s*年度?")


@dataclass
class ProjectMatch:
    """This year's project ``current`` (index, or None) and last year's ``old`` (index, or None)."""

    current: int | None
    old: int | None
    how: str  # "code", "name", "" (not matched)


def _name_key(name: str) -> str:
    return _YEARISH.sub("", _WS.sub("", name or ""))


def match_projects(current: Document, old: Document) -> list[ProjectMatch]:
    """One entry per project of either file: matched pairs in this year's order, then last year's
    projects that found no partner."""
    used: set[int] = set()
    by_code: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for i, p in enumerate(old.projects):
        code = _WS.sub("", p.code)
        if code:
            by_code.setdefault(code, i)
        key = _name_key(p.name)
        if key:
            by_name.setdefault(key, i)
    out: list[ProjectMatch] = []
    for i, p in enumerate(current.projects):
        code = _WS.sub("", p.code)
        j = by_code.get(code) if code else None
        how = "code"
        if j is None or j in used:
            j, how = by_name.get(_name_key(p.name)), "name"
        if j is None or j in used:
            out.append(ProjectMatch(i, None, ""))
            continue
        used.add(j)
        out.append(ProjectMatch(i, j, how))
    out += [ProjectMatch(None, j, "") for j in range(len(old.projects)) if j not in used]
    return out


@dataclass
class MovedText:
    """One copied text whose years moved: for the clerk to review."""

    field: str              # the project's field, or the indicator's when ``row`` is given
    row: int | None         # the indicator's index in the copied rows
    indicator: str | None   # its 三级指标
    title: str              # Chinese name of the field
    before: str             # last year's text
    after: str              # as copied


@dataclass
class CopyPlan:
    """What copying into one project changes: field edits, and the new indicator rows (or None
    to keep this year's); ``review`` lists, in Chinese, every text whose years moved."""

    edits: list[tuple[str, object]] = field(default_factory=list)
    indicators: list[Indicator] | None = None
    review: list[str] = field(default_factory=list)
    #: (indicator row index in the new list, field) of every indicator text whose years moved
    moved_cells: list[tuple[int, str]] = field(default_factory=list)
    #: every text whose years moved, with last year's text
    moved: list[MovedText] = field(default_factory=list)

    def empty(self) -> bool:
        return not self.edits and self.indicators is None


def plan_copy(target: Project, source: Project, parts: set[str] | frozenset[str], delta: int,
              only: int | None = None) -> CopyPlan:
    """Copy ``parts`` of ``source`` (last year's) over ``target``, years moved by ``delta``
    (with ``only``, last year's budget year: only that year moves)."""
    plan = CopyPlan()
    name = target.name or source.name
    if "goals" in parts:
        for f, title in (("goals", "绩效目标"), ("goals_midterm", "中期目标")):
            text, moved = shift_years(getattr(source, f), delta, only)
            if text != getattr(target, f) and (text or f == "goals"):
                plan.edits.append((f, text))
            if moved:
                plan.review.append(f"“{name}”的{title}：年份已顺延，请复核")
                plan.moved.append(MovedText(f, None, None, title, getattr(source, f), text))
    if "plan" in parts and source.spending_plan:
        values = list(source.spending_plan.values())
        keys = list(target.spending_plan) if len(target.spending_plan) == len(values) else list(source.spending_plan)
        new_plan = dict(zip(keys, values, strict=True))
        if new_plan != target.spending_plan:
            plan.edits.append(("spending_plan", new_plan))
    if "indicators" in parts:
        rows: list[Indicator] = []
        for ind in source.indicators:
            row = ind.copy_fresh()
            for f in _INDICATOR_TEXTS:
                text, moved = shift_years(getattr(row, f), delta, only)
                if moved:
                    plan.moved.append(MovedText(f, len(rows), row.level3, _INDICATOR_TITLES[f], getattr(row, f), text))
                    setattr(row, f, text)
                    plan.moved_cells.append((len(rows), f))
                    plan.review.append(f"“{name}”的指标“{row.level3}”：年份已顺延，请复核")
            if row.grades:
                row.grades = {g: shift_years(v, delta, only)[0] for g, v in row.grades.items()}
            rows.append(row)
        plan.indicators = rows
    return plan


def unmatched_old(matches: list[ProjectMatch]) -> list[int]:
    """Last year's projects (indexes) that no project of this year's matched: the ones a clerk
    may add as new projects (新增项目)."""
    return [m.old for m in matches if m.current is None and m.old is not None]


#: The header texts a project added from last year's file takes from it, where this year's
#: layout has a place for them (its budget amounts are this year's to fill in).
NEW_PROJECT_TEXTS = ("code", "unit", "implementer", "kind", "period", "source", "purpose")


def project_from_last_year(doc: Document, source: Project, parts: set[str] | frozenset[str], delta: int,
                           only: int | None = None, ordinal: int | None = None) -> tuple[Project, CopyPlan]:
    """Last year's project ``source``, which this year's ``doc`` lacks, as a new project for it
    (新增项目; not yet in ``doc``): shaped like ``doc``'s last project (its layout and look, title
    style, the months of its spending plan, starter rows), with last year's 项目名称 (as it was:
    names often carry the year of their funds), 项目编码 and header texts; ``parts`` copied as into
    a matched project, years moved. The budget amounts stay empty. ``ordinal``: the number its
    title takes (the next one by default). Returns the project and the plan carried out (the texts
    whose years moved, for review)."""
    from perfeditor.authoring.new import project_for
    from perfeditor.forms.layouts import declaration

    project = project_for(doc, name=source.name.strip() or "新项目", ordinal=ordinal)
    holds = declaration(project.variant.layout, project).holds
    for f in NEW_PROJECT_TEXTS:
        value = getattr(source, f)
        if value.strip() and f in holds and not (f == "unit" and project.unit.strip()):
            setattr(project, f, value)
    if not source.indicators:  # nothing to copy: the starter rows stay
        parts = set(parts) - {"indicators"}
    plan = plan_copy(project, source, parts, delta, only)
    apply_plan(doc, project, plan)
    return project, plan


def apply_plan(doc: Document, target: Project, plan: CopyPlan) -> None:
    """Carry out ``plan`` on ``target`` of ``doc`` without undo (the command line and tests; the
    window pushes one undo command instead). The rows go in as the window's do
    (:func:`~perfeditor.editing.insert_rows`): shaped for the target's layout, so last year's
    grades (河北分级表) are not carried into a form that has no column for them."""
    from perfeditor.editing import insert_rows

    for f, value in plan.edits:
        setattr(target, f, dict(value) if isinstance(value, dict) else value)
    if plan.indicators is not None:
        target.indicators = []
        insert_rows(doc, target, "indicators", 0, list(plan.indicators))


def year_gap(current: Document, old: Document) -> tuple[int, int | None]:
    """(how many years the texts move, last year's budget year or None when unknown): the gap
    between the two files' budget years, 1 when either is unknown."""
    from perfeditor.rules.budget_year import find_budget_year

    a, b = find_budget_year(current).year, find_budget_year(old).year
    if b is None and a is not None:
        b = a - 1
    return (a - b if a and b and a > b else 1), b
