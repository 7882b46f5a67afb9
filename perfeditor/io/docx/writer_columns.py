"""What a target layout can hold: indicator columns, printed labels, and what is left out.

Shared by the .docx layouts. When the target layout is the project's own, its
:class:`~perfeditor.model.FormVariant` (columns, labels as printed) is followed; otherwise the
layout's defaults are used, widened only by columns the project really fills and the layout knows
in one of its official variants (权重, 中期指标值, 指标值设定依据及数据来源).
"""
from __future__ import annotations

from perfeditor.model.document import GRADES, Project

DEFAULT_COLUMNS: dict[str, list[str]] = {
    "hebei-project": ["level1", "level2", "level3", "description", "value", "basis"],
    "hebei-graded": ["level1", "level3", "description", *(f"grade:{g}" for g in GRADES), "basis"],
    "mof-project": ["level1", "level2", "level3", "value", "note"],
}

#: Columns each layout can hold in some official variant.
ALLOWED: dict[str, set[str]] = {
    "hebei-project": {"level1", "level2", "level3", "description", "value", "basis", "weight"},
    "hebei-graded": {"level1", "level3", "description", "basis", "weight",
                     *(f"grade:{g}" for g in GRADES)},
    "mof-project": {"level1", "level2", "level3", "value", "value_midterm", "basis", "note",
                    "description"},
}

HEADER_LABELS: dict[str, dict[str, str]] = {
    "hebei-project": {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
                      "description": "绩效指标描述", "value": "指标值", "basis": "指标值确定依据",
                      "weight": "权重", "note": "备注"},
    "hebei-graded": {"level1": "绩效指标\n分类", "level3": "绩效指标", "description": "绩效指标描述",
                     "basis": "评价标准确定依据", "weight": "权重"},
    "mof-project": {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
                    "value": "指标值", "value_midterm": "中期指标值", "note": "说明",
                    "basis": "指标值设定依据及数据来源", "description": "指标解释"},
}

#: Relative column widths (the official forms' proportions).
WIDTHS: dict[str, float] = {
    "level1": 1.0, "level2": 1.05, "level3": 1.6, "description": 2.2, "value": 1.1,
    "value_midterm": 1.1, "basis": 1.35, "note": 1.1, "weight": 0.6,
}
GRADE_WIDTH = 0.75

FIELD_NAMES = {
    "code": "项目编码", "purpose": "资金用途", "spending_plan": "资金支出计划（%）",
    "implementer": "实施单位", "kind": "项目属性", "period": "项目期", "source": "资金来源",
    "unit": "单位", "goals_midterm": "中期目标", "goals": "绩效目标",
    "budget.total": "预算数", "budget.fiscal": "财政资金", "budget.other": "其他资金",
    "budget.superior": "上级补助", "budget.local": "本级安排", "budget.midterm_total": "中期资金总额",
    "budget.midterm_fiscal": "中期财政拨款", "budget.midterm_other": "中期其他资金",
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述",
    "value": "指标值", "value_midterm": "中期指标值", "basis": "指标值确定依据", "note": "说明",
    "weight": "权重", "grades": "评价标准（优良中差）",
}

LAYOUT_NAMES = {"hebei-project": "河北项目绩效目标表", "hebei-graded": "河北分级评价标准绩效目标表",
                "mof-project": "财政部项目支出绩效目标表"}

#: Header-block fields each layout can hold (besides title, name and the indicators).
HEADER_FIELDS: dict[str, set[str]] = {
    "hebei-project": {"unit", "code", "budget.total", "budget.fiscal", "budget.other", "purpose",
                      "spending_plan", "goals"},
    "hebei-graded": {"goals"},
    "mof-project": {"unit", "implementer", "kind", "period", "source", "budget.total",
                    "budget.fiscal", "budget.other", "budget.superior", "budget.local",
                    "budget.midterm_total", "budget.midterm_fiscal", "budget.midterm_other",
                    "goals", "goals_midterm"},
}


def own_layout(project: Project, layout: str) -> bool:
    return project.variant.layout == layout


def indicator_value(ind, col: str) -> str:
    if col.startswith("grade:"):
        return (ind.grades or {}).get(col[6:], "")
    return getattr(ind, col, "") or ""


def _filled(project: Project, col: str) -> bool:
    return any(indicator_value(i, col).strip() for i in project.indicators)


_OPTIONAL = ("level2", "description", "value", "value_midterm", "basis", "note", "weight")


def filled_columns(project: Project) -> set[str]:
    """The optional indicator columns (:data:`_OPTIONAL`) some indicator of ``project`` fills,
    plus "grades" when a grade is filled: one pass over the indicators."""
    out: set[str] = set()
    for ind in project.indicators:
        for col in _OPTIONAL:
            if col not in out and (getattr(ind, col, "") or "").strip():
                out.add(col)
        if "grades" not in out and any((v or "").strip() for v in (ind.grades or {}).values()):
            out.add("grades")
    return out


def mof_system(project: Project) -> str:
    from perfeditor.forms.variants import project_system

    return project_system(project)


def indicator_columns(project: Project, layout: str, filled: set[str] | None = None) -> list[str]:
    """The indicator block's columns, in order, for ``project`` written in ``layout``
    (``filled``: :func:`filled_columns`, when already worked out)."""
    allowed = ALLOWED[layout]
    cols: list[str] = []
    if own_layout(project, layout) and project.variant.indicator_columns:
        cols = [c for c in project.variant.indicator_columns if c in allowed]
    if not ("level1" in cols and "level3" in cols):
        cols = list(DEFAULT_COLUMNS[layout])
        if layout == "mof-project" and mof_system(project) == "2021":
            cols.insert(cols.index("note"), "basis")
    return _widened(project, cols, allowed, filled)


def _widened(project: Project, cols: list[str], allowed: set[str],
             filled: set[str] | None = None) -> list[str]:
    """``cols`` plus the columns the layout knows that the project fills but ``cols`` lacks
    (``filled``: :func:`filled_columns`, when already worked out)."""
    cols = list(cols)
    for col in ("value_midterm", "basis", "note", "weight"):
        if col in cols or col not in allowed:
            continue
        if not (col in filled if filled is not None else _filled(project, col)):
            continue
        if col == "value_midterm" and "value" in cols:
            cols.insert(cols.index("value"), col)
        elif col == "basis" and "note" in cols:
            cols.insert(cols.index("note"), col)
        else:
            cols.append(col)
    return cols


def header_label(project: Project, layout: str, col: str) -> str:
    labels = project.variant.labels if own_layout(project, layout) else {}
    got = labels.get(f"col:{col}")
    if got is None and col == "basis":
        got = labels.get("basis")
    if got:
        return got
    if col.startswith("grade:"):
        return col[6:]
    if layout == "mof-project" and col == "value" and "value_midterm" in indicator_columns(project, layout):
        return "年度指标值"
    if layout == "mof-project" and col == "basis" and mof_system(project) != "2021":
        return FIELD_NAMES["basis"]  # 设定依据 is the 2021 form's column (a reader tells the variant by it)
    return HEADER_LABELS[layout].get(col, FIELD_NAMES.get(col, col))


def label(project: Project, layout: str, key: str, default: str) -> str:
    if own_layout(project, layout):
        got = project.variant.labels.get(key)
        if got:
            return got
    return default


def widths(cols: list[str]) -> list[float]:
    return [GRADE_WIDTH if c.startswith("grade:") else WIDTHS.get(c, 1.0) for c in cols]


# --- what a layout leaves out -----------------------------------------------------------------

def _project_fields(project: Project) -> dict[str, bool]:
    b = project.budget
    out = {
        "unit": bool(project.unit.strip()), "code": bool(project.code.strip()),
        "implementer": bool(project.implementer.strip()), "kind": bool(project.kind.strip()),
        "period": bool(project.period.strip()), "source": bool(project.source.strip()),
        "purpose": bool(project.purpose.strip()),
        "spending_plan": any(v.strip() for v in project.spending_plan.values()),
        "goals": bool(project.goals.strip()), "goals_midterm": bool(project.goals_midterm.strip()),
    }
    for key in ("total", "fiscal", "other", "superior", "local", "midterm_total",
                "midterm_fiscal", "midterm_other"):
        out[f"budget.{key}"] = bool(getattr(b, key).strip())
    return out


def left_out(projects: list[Project], layout: str) -> list[str]:
    """Chinese lines naming the fields ``layout`` cannot hold, with the projects concerned."""
    missing: dict[str, list[str]] = {}
    for p in projects:
        name = p.name or p.title or "（未命名项目）"
        filled_cols = filled_columns(p)
        cols = set(indicator_columns(p, layout, filled_cols))
        for key, filled in _project_fields(p).items():
            if filled and key not in HEADER_FIELDS[layout]:
                missing.setdefault(key, []).append(name)
        for col in _OPTIONAL:
            if col not in cols and col in filled_cols:
                missing.setdefault(col, []).append(name)
        if not any(c.startswith("grade:") for c in cols) and "grades" in filled_cols:
            missing.setdefault("grades", []).append(name)
    lines = []
    target = LAYOUT_NAMES.get(layout, layout)
    for key, names in missing.items():
        shown = "、".join(f"“{n}”" for n in names[:3])
        more = f"等 {len(names)} 个项目" if len(names) > 3 else ""
        lines.append(f"{target}没有“{FIELD_NAMES.get(key, key)}”栏，{shown}{more}的该项内容未写入。")
    return lines
