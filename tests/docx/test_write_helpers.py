"""Helpers of the .docx writer tests (no tests here): the dump a converted file should give."""
from __future__ import annotations

import copy

from tests.conftest import collapse_ws

#: Per layout: the project keys and indicator keys it can hold (besides title).
HOLDS = {
    "hebei-project": (
        {"name", "code", "unit", "budget.total", "budget.fiscal", "budget.other", "purpose",
         "spending_plan", "goals"},
        {"level1", "level2", "level3", "description", "value", "basis", "weight"},
    ),
    "hebei-graded": (
        {"name", "goals"},
        {"level1", "level3", "description", "grades", "basis", "weight"},
    ),
    "mof-project": (
        {"name", "unit", "implementer", "kind", "period", "source", "budget.total", "budget.fiscal",
         "budget.other", "budget.superior", "budget.local", "budget.midterm_total",
         "budget.midterm_fiscal", "budget.midterm_other", "goals", "goals_midterm"},
        {"level1", "level2", "level3", "value", "value_midterm", "note", "basis"},
    ),
}


def _empty(value) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return False


def normalise(dump: dict, layout: str | None = None, *, titles: bool = True) -> dict:
    """White space collapsed; empty plans/grades as ""/None; with ``layout``, fields that layout
    cannot hold blanked (and the layout key set to it)."""
    d = copy.deepcopy(collapse_ws(dump))
    if layout:
        d["layout"] = layout
    for p in d.get("projects") or []:
        if not titles:
            p["title"] = ""
        if _empty(p.get("spending_plan")):
            p["spending_plan"] = ""
        budget = p.get("budget") or {}
        for k in list(budget):
            if _empty(budget[k]):
                budget.pop(k)
        for k in ("implementer", "kind", "period", "source", "goals_midterm"):
            p.setdefault(k, "")
        if layout:
            holds, ind_holds = HOLDS[layout]
            for k in list(p):
                if k in ("title", "indicators", "budget"):
                    continue
                if k not in holds:
                    p[k] = ""
            for k in list(budget):
                if f"budget.{k}" not in holds:
                    budget.pop(k)
        for ind in p.get("indicators") or []:
            if _empty(ind.get("grades")):
                ind["grades"] = None
            for k in ("weight", "value_midterm", "note", "basis", "description"):
                ind.setdefault(k, "")
            if not ind["value_midterm"]:
                ind.pop("value_midterm")
            if layout:
                for k in list(ind):
                    if k not in HOLDS[layout][1]:
                        ind[k] = None if k == "grades" else ""
    return d
