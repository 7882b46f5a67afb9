"""The shape of each official form as cells on a grid (label · value rows, merges, columns).

:func:`project_form` turns a project into a :class:`FormSpec` for a layout; the writer renders it.
Labels come from the project's variant (as printed in its source) when they name the same field,
else the official wording. Fields the layout cannot hold are named in ``lost`` (Chinese).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from perfeditor.forms import vocabulary as V
from perfeditor.forms.layouts import (
    SIDE_WIDTH,
    SPENDING_MONTHS,
    column_label,
    column_widths,
    declaration,
    indicator_columns,
    left_out,
)
from perfeditor.model import Indicator, Project

#: Twips of the declared (official) widths per character of an .xlsx column width.
_TWIPS_PER_CHAR = 100


@dataclass
class Cell:
    row: int            # 0-based row inside the form
    col: int            # 1-based column
    text: str
    role: str = "value"  # title / unit / label / value / number / head / ind / side
    rows: int = 1
    cols: int = 1
    align: str = "left"


@dataclass
class FormSpec:
    cells: list[Cell] = field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0
    widths: list[float] = field(default_factory=list)
    header_rows: tuple[int, int] = (0, 0)   # the indicator header rows (0-based, inclusive)
    lost: list[str] = field(default_factory=list)

    def add(self, row, col, text, role="value", rows=1, cols=1, align=None):
        if align is None:
            align = "center" if role in ("label", "head", "side", "title", "titlerow") else "left"
        self.cells.append(Cell(row, col, text or "", role, rows, cols, align))
        self.n_rows = max(self.n_rows, row + rows)


def _label(p: Project, fld: str, layout: str, default: str = "") -> str:
    """The label as the form printed it where it names the same field, else ``default`` or the
    layout's own."""
    printed = p.variant.labels.get(fld)
    named = V.header_label(printed) if printed else None
    if named is not None and named.field == fld.replace("budget.midterm_", "budget."):
        return printed
    return default or declaration(layout, p).label(fld)


def _title_role(p: Project) -> str:
    """A title printed as a bordered first row of the form, or as a heading above it."""
    return "titlerow" if p.variant.title_as_row else "title"


def _lost_fields(p: Project, layout: str) -> list[str]:
    return left_out([p], layout)


def _indicator_block(spec: FormSpec, p: Project, layout: str, top: int, first_col: int,
                     cols: list[str]) -> None:
    """Header row(s) and indicator rows from row ``top``; 一级/二级 merged down over runs."""
    graded = layout == "hebei-graded"
    head_rows = 2 if graded else 1
    c = first_col
    positions: dict[str, tuple[int, int]] = {}  # field → (col, width in columns)
    for fld in cols:
        width = 2 if fld == "description" and layout == "hebei-project" else 1
        positions[fld] = (c, width)
        c += width
    for fld, (col, width) in positions.items():
        if fld.startswith("grade:"):
            spec.add(top + 1, col, column_label(p, layout, fld), "head")
        else:
            spec.add(top, col, column_label(p, layout, fld), "head", rows=head_rows, cols=width)
    if graded:
        gcol = positions["grade:优"][0]
        spec.add(top, gcol, column_label(p, layout, "group:grades"), "head", cols=4)
    spec.header_rows = (top, top + head_rows - 1)
    start = top + head_rows
    inds = p.indicators or [Indicator()]
    for i, ind in enumerate(inds):
        r = start + i
        for fld, (col, width) in positions.items():
            if fld in ("level1", "level2"):
                continue
            if fld.startswith("grade:"):
                text = (ind.grades or {}).get(fld[6:], "")
            else:
                text = getattr(ind, fld)
            role = "number" if fld == "weight" else "ind"
            spec.add(r, col, text, role, cols=width,
                     align="center" if fld in ("value", "value_midterm", "weight") or
                     fld.startswith("grade:") else "left")
    for fld in ("level1", "level2"):
        if fld not in positions:
            continue
        col = positions[fld][0]
        i = 0
        while i < len(inds):
            j = i
            while j + 1 < len(inds) and getattr(inds[j + 1], fld) == getattr(inds[i], fld) and \
                    (fld == "level1" or inds[j + 1].level1 == inds[i].level1) and getattr(inds[i], fld):
                j += 1
            spec.add(start + i, col, getattr(inds[i], fld), "ind", rows=j - i + 1, align="center")
            i = j + 1
    spec.n_cols = max(spec.n_cols, c - 1)
    spec.n_rows = max(spec.n_rows, start + len(inds))


def project_form(p: Project, layout: str) -> FormSpec:
    builder = {"hebei-project": _hebei_project, "hebei-graded": _hebei_graded,
               "mof-project": _mof_project}[layout]
    spec = builder(p)
    for cell in spec.cells:  # 资金总额(万元) / 项目资金（万元） name the project's own unit
        if cell.role == "label" and cell.text:
            cell.text = V.with_unit(cell.text, p.budget.unit)
    return spec


def _widths(spec: FormSpec, cols: list[str], first_col: int, layout: str) -> None:
    widths = [SIDE_WIDTH / _TWIPS_PER_CHAR] if first_col == 2 else []
    for fld, w in zip(cols, column_widths(cols, layout), strict=True):
        if fld == "description" and layout == "hebei-project":  # two sheet columns
            widths += [round(w * 14 / 26 / _TWIPS_PER_CHAR, 1), round(w * 12 / 26 / _TWIPS_PER_CHAR, 1)]
        else:
            widths.append(round(w / _TWIPS_PER_CHAR, 1))
    spec.widths = widths


def _plan_cells(spec: FormSpec, p: Project, row: int, n_cols: int) -> None:
    months = list(p.spending_plan) or list(SPENDING_MONTHS)
    printed = p.variant.labels.get("spending_plan", "")
    label = printed if V.group_field(printed) == "group:plan" else "资金支出计划（%）"
    spec.add(row, 1, label, "label", rows=2)
    if len(months) == 4 and n_cols == 7:
        slots = [(2, 2), (4, 2), (6, 1), (7, 1)]
    else:
        slots = [(2 + k, 1) for k in range(min(len(months), n_cols - 1))]
        if len(months) > n_cols - 1:
            spec.lost.append(f"项目“{p.name}”：资金支出计划的月份过多，只写入前 {n_cols - 1} 个。")
    for (col, width), month in zip(slots, months, strict=False):
        spec.add(row, col, month, "label", cols=width, align="center")
        spec.add(row + 1, col, p.spending_plan.get(month, ""), "number", cols=width, align="center")


def _hebei_project(p: Project) -> FormSpec:
    spec = FormSpec()
    cols = indicator_columns(p, "hebei-project")
    n = 7 + len(cols) - 6
    last_extra = n - 7
    spec.add(0, 1, p.title or f"{p.name}绩效目标表", _title_role(p), cols=n)
    unit_role = "unitrow" if _title_role(p) == "titlerow" else "unit"  # inside the table: boxed
    spec.add(1, 1, p.unit, unit_role, cols=5 + last_extra)
    spec.add(1, 6 + last_extra, f"单位：{p.budget.unit or '万元'}", unit_role, cols=2,
             align="right")
    spec.add(2, 1, _label(p, "code", "hebei-project"), "label")
    spec.add(2, 2, p.code, "value", cols=2)
    spec.add(2, 4, _label(p, "name", "hebei-project"), "label")
    spec.add(2, 5, p.name, "value", cols=3 + last_extra)
    spec.add(3, 1, _label(p, "group:purpose", "hebei-project"), "label", rows=2)
    spec.add(3, 2, _label(p, "budget.total", "hebei-project"), "label")
    spec.add(3, 3, p.budget.total, "number", align="center")
    spec.add(3, 4, _label(p, "budget.fiscal", "hebei-project"), "label")
    spec.add(3, 5, p.budget.fiscal, "number", align="center")
    spec.add(3, 6, _label(p, "budget.other", "hebei-project"), "label")
    spec.add(3, 7, p.budget.other, "number", cols=1 + last_extra, align="center")
    spec.add(4, 2, p.purpose, "value", cols=6 + last_extra)
    _plan_cells(spec, p, 5, 7)
    if last_extra:
        spec.add(5, 8, "", "value", rows=2, cols=last_extra)
    spec.add(7, 1, _label(p, "goals", "hebei-project"), "label")
    spec.add(7, 2, p.goals, "value", cols=n - 1)
    _indicator_block(spec, p, "hebei-project", 8, 1, cols)
    _widths(spec, cols, 1, "hebei-project")
    spec.lost += _lost_fields(p, "hebei-project")
    return spec


def _hebei_graded(p: Project) -> FormSpec:
    spec = FormSpec()
    cols = indicator_columns(p, "hebei-graded")
    n = len(cols)
    title = p.title
    if not title or V.name_from_title(title) != p.name:
        title = f"{p.name}绩效目标表"
    spec.add(0, 1, title, _title_role(p), cols=n)
    spec.add(1, 1, _label(p, "goals", "hebei-graded"), "label")
    spec.add(1, 2, p.goals, "value", cols=n - 1)
    _indicator_block(spec, p, "hebei-graded", 2, 1, cols)
    _widths(spec, cols, 1, "hebei-graded")
    spec.lost += _lost_fields(p, "hebei-graded")
    return spec


def _unit_named(label: str, unit: str) -> str:
    """``label`` naming the amount unit: ``预算数`` → ``预算数(元)``, ``资金总额(万元):`` kept."""
    if V.unit_in_label(label) or not unit:
        return label
    body = label.rstrip(":： ")
    return f"{body}({unit}){label[len(body):]}"


def _mof_project(p: Project) -> FormSpec:
    spec = FormSpec()
    cols = indicator_columns(p, "mof-project")
    n = 1 + len(cols)
    rows_present = set(p.variant.rows) if p.variant.layout == "mof-project" else set()
    spec.add(0, 1, p.title or "项目支出绩效目标表", _title_role(p), cols=n)
    r = 1
    right = n  # last column

    def pair(label_field, default, value, number=False):
        nonlocal r
        label = _label(p, label_field, "mof-project", default)
        if label_field == "budget.total":  # the amounts' unit is named here (资金总额(万元):)
            label = _unit_named(label, p.budget.unit)
        spec.add(r, 1, label, "label", cols=2)
        spec.add(r, 3, value, "number" if number else "value", cols=right - 2)
        r += 1

    def two_pairs(f1, d1, v1, f2, d2, v2):
        nonlocal r
        mid = 3 + max(1, (right - 3) // 2)
        spec.add(r, 1, _label(p, f1, "mof-project", d1), "label", cols=2)
        spec.add(r, 3, v1, "value", cols=mid - 3)
        spec.add(r, mid, _label(p, f2, "mof-project", d2), "label")
        if right > mid:
            spec.add(r, mid + 1, v2, "value", cols=right - mid)
        r += 1

    pair("name", "", p.name)
    two_pairs("unit", "", p.unit, "implementer", "", p.implementer)
    if p.kind or p.period or "kind" in rows_present or "period" in rows_present:
        two_pairs("kind", "", p.kind, "period", "", p.period)
    if p.source or "source" in rows_present or not rows_present:
        pair("source", "", p.source)
    b = p.budget
    midterm = b.midterm_total or b.midterm_fiscal or b.midterm_other or \
        "budget.midterm_total" in rows_present
    if midterm:
        mid = 3 + max(1, (right - 3) // 2)
        spec.add(r, 1, _unit_named(_label(p, "group:budget", "mof-project"),
                                   p.budget.unit), "label", rows=3)
        for k, (lf, ld, mv, av) in enumerate((
                ("budget.midterm_total", "中期资金总额", b.midterm_total, b.total),
                ("budget.fiscal", "其中：财政拨款", b.midterm_fiscal, b.fiscal),
                ("budget.other", "其他资金", b.midterm_other, b.other))):
            annual_label = "年度资金总额" if k == 0 else ld
            spec.add(r + k, 2, _label(p, lf, "mof-project", ld) if k else "中期资金总额", "label")
            spec.add(r + k, 3, mv, "number", cols=mid - 3, align="center")
            spec.add(r + k, mid, annual_label, "label")
            spec.add(r + k, mid + 1, av, "number", cols=max(1, right - mid), align="center")
        r += 3
        if b.superior or b.local or "budget.superior" in rows_present:
            pair("budget.superior", "其中：上级补助", b.superior, True)
            pair("budget.local", "", b.local, True)
    else:
        pair("budget.total", "", b.total, True)
        pair("budget.fiscal", "", b.fiscal, True)
        if b.superior or b.local or "budget.superior" in rows_present or not rows_present:
            pair("budget.superior", "", b.superior, True)
            pair("budget.local", "", b.local, True)
        pair("budget.other", "", b.other, True)
    group = _label(p, "group:goals", "mof-project")
    if p.goals_midterm or "goals_midterm" in rows_present:
        mid = 2 + max(1, (right - 2) // 2)
        spec.add(r, 1, group, "label", rows=2)
        spec.add(r, 2, _label(p, "goals_midterm", "mof-project"), "label", cols=mid - 2)
        spec.add(r, mid, _label(p, "goals", "mof-project"), "label", cols=right - mid + 1)
        spec.add(r + 1, 2, p.goals_midterm, "value", cols=mid - 2)
        spec.add(r + 1, mid, p.goals, "value", cols=right - mid + 1)
    else:
        spec.add(r, 1, group, "label", rows=2, cols=2)
        spec.add(r, 3, _label(p, "goals", "mof-project"), "label", cols=right - 2)
        spec.add(r + 1, 3, p.goals, "value", cols=right - 2)
    r += 2
    _indicator_block(spec, p, "mof-project", r, 2, cols)
    spec.add(r, 1, p.variant.labels.get("side", "绩效指标"), "side",
             rows=spec.n_rows - r)
    _widths(spec, cols, 2, "mof-project")
    spec.lost += _lost_fields(p, "mof-project")
    return spec
