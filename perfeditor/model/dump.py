"""The contract's ``dump`` shape (the command-line contract in README.md), both ways.

:func:`dump_document` is what ``perfeditor dump`` prints; :func:`document_from_dump` reads it back
(the tests build documents from the shared fixtures' expected dumps, and the project's own
``.perf.json`` format is this shape plus the form variants).
"""
from __future__ import annotations

from typing import Any

from perfeditor.model.document import (
    Budget,
    Department,
    DepartmentItem,
    DepartmentTask,
    Document,
    FormVariant,
    Indicator,
    Project,
)

_PROJECT_TEXT = ("title", "name", "code", "unit", "implementer", "kind", "period")


def dump_indicator(ind: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "level1": ind.level1, "level2": ind.level2, "level3": ind.level3,
        "description": ind.description, "value": ind.value, "basis": ind.basis,
        "note": ind.note, "grades": dict(ind.grades) if ind.grades is not None else None,
        "weight": ind.weight,
    }
    if ind.value_midterm:
        out["value_midterm"] = ind.value_midterm
    return out


def dump_budget(b: Budget) -> dict[str, str]:
    out = {"total": b.total, "fiscal": b.fiscal, "other": b.other,
           "superior": b.superior, "local": b.local}
    for key in ("midterm_total", "midterm_fiscal", "midterm_other"):
        if getattr(b, key):
            out[key] = getattr(b, key)
    return out


def dump_project(p: Project) -> dict[str, Any]:
    out: dict[str, Any] = {k: getattr(p, k) for k in _PROJECT_TEXT}
    out["budget"] = dump_budget(p.budget)
    out["source"] = p.source
    out["purpose"] = p.purpose
    out["spending_plan"] = dict(p.spending_plan) if p.spending_plan else ""
    out["goals"] = p.goals
    if p.goals_midterm:
        out["goals_midterm"] = p.goals_midterm
    out["indicators"] = [dump_indicator(i) for i in p.indicators]
    return out


def dump_department(d: Department) -> dict[str, Any]:
    out: dict[str, Any] = {
        "overall": d.overall,
        "items": [{"title": i.title, "goal": i.goal, "indicator": i.indicator} for i in d.items],
        "measures": d.measures,
    }
    if d.form == "table":
        out["name"] = d.name
        out["tasks"] = [t.model_dump() for t in d.tasks]
        out["budget"] = dump_budget(d.budget)
        out["indicators"] = [dump_indicator(i) for i in d.indicators]
    return out


def dump_document(doc: Document) -> dict[str, Any]:
    """The contract's JSON shape of ``doc`` (a plain dict, ready for ``json.dumps``)."""
    return {
        "layout": doc.layout,
        "department": dump_department(doc.department) if doc.department is not None else None,
        "projects": [dump_project(p) for p in doc.projects],
    }


# --- back from the dump shape -------------------------------------------------------------

def _indicator(d: dict[str, Any]) -> Indicator:
    fields = {k: ("" if d.get(k) is None else str(d.get(k)))
              for k in ("level1", "level2", "level3", "description", "value", "value_midterm",
                        "basis", "note", "weight")}
    grades = d.get("grades")
    return Indicator(**fields, grades=dict(grades) if isinstance(grades, dict) else None)


def _budget(d: Any) -> Budget:
    d = d if isinstance(d, dict) else {}
    known = set(Budget.model_fields) - {"unit"}
    return Budget(**{k: str(v) for k, v in d.items() if k in known and v is not None})


def _variant(d: dict[str, Any]) -> FormVariant:
    """A form variant of a ``.perf.json``; the file coordinates older files kept in it
    (``extras``: cells, rows) are ignored: they belong to a source map, never to a document."""
    return FormVariant.model_validate({k: v for k, v in d.items() if k in FormVariant.model_fields})


def project_from_dump(d: dict[str, Any], layout: str = "hebei-project") -> Project:
    plan = d.get("spending_plan")
    variant = d.get("variant")
    return Project(
        **{k: str(d.get(k) or "") for k in _PROJECT_TEXT},
        budget=_budget(d.get("budget")),
        source=str(d.get("source") or ""),
        purpose=str(d.get("purpose") or ""),
        spending_plan={str(k): str(v or "") for k, v in plan.items()} if isinstance(plan, dict) else {},
        goals=str(d.get("goals") or ""),
        goals_midterm=str(d.get("goals_midterm") or ""),
        indicators=[_indicator(i) for i in d.get("indicators") or []],
        variant=_variant(variant) if isinstance(variant, dict)
        else FormVariant(layout=layout),  # type: ignore[arg-type]
    )


def department_from_dump(d: dict[str, Any]) -> Department:
    items = [DepartmentItem(**{k: str(i.get(k) or "") for k in ("title", "goal", "indicator")})
             for i in d.get("items") or []]
    dep = Department(overall=str(d.get("overall") or ""), items=items,
                     measures=str(d.get("measures") or ""))
    if "tasks" in d or "indicators" in d:
        dep.form = "table"
        dep.name = str(d.get("name") or "")
        dep.tasks = [DepartmentTask(**{k: str(t.get(k) or "") for k in DepartmentTask.model_fields})
                     for t in d.get("tasks") or []]
        dep.budget = _budget(d.get("budget"))
        dep.indicators = [_indicator(i) for i in d.get("indicators") or []]
    return dep


def document_from_dump(d: dict[str, Any]) -> Document:
    """A :class:`Document` from the contract's dump shape (unknown keys are ignored)."""
    layout = d.get("layout") or "hebei-project"
    if layout not in ("hebei-project", "hebei-graded", "mof-project"):
        layout = "hebei-project"
    dep = d.get("department")
    return Document(
        layout=layout,
        department=department_from_dump(dep) if isinstance(dep, dict) else None,
        projects=[project_from_dump(p, layout) for p in d.get("projects") or []],
        preamble=str(d.get("preamble") or ""),
    )
