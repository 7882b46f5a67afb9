"""The national department form 部门整体支出绩效目标申报表 on a sheet: reading it (its shape:
:func:`perfeditor.forms.compose.compose_department`).

Rows, found by their labels: 部门名称 · name; 年度主要任务 (merged down) with a header 任务名称 ·
主要内容 · 预算申请（万元） over 总额 / 财政拨款 / 其他资金, one task a row, then 金额合计; 年度总体目标 ·
text; 年度绩效指标 (merged down) with a header 一级指标 · 二级指标 · 三级指标 · 指标值, one indicator a
row (一级/二级 merged down over their runs).
"""
from __future__ import annotations

import re

from perfeditor.forms import vocabulary as V
from perfeditor.forms.layouts import DEPARTMENT_TABLE as D
from perfeditor.forms.recognize import carry_levels
from perfeditor.io.xlsx.grid import Grid
from perfeditor.model import Budget, Department, DepartmentTask, Indicator

_NAME_KEYS = ("部门名称", "部门单位名称", "单位名称")
_TASK_COLS = {"任务名称": "name", "主要内容": "content", "总额": "total", "财政拨款": "fiscal",
              "其他资金": "other"}
_UNIT = re.compile(r"[（(]\s*(万元|元|千元|亿元)\s*[)）]")


def department_digest(dep: Department) -> str:
    """``source.digest`` of the department part in an .xlsx: its content, and for the table
    form the amount unit its 预算申请（万元） header names (left out of the content fingerprint)."""
    digest = dep.content_fingerprint()
    return f"{digest}:{dep.budget.unit}" if dep.form == "table" else digest


def _k(text: str) -> str:
    return V.norm(text) if text and len(text) <= 30 else ""


def _section(text: str) -> str | None:
    k = _k(text)
    for label, sec in (("年度主要任务", "tasks"), ("年度总体目标", "overall"),
                       ("年度绩效指标", "indicators")):
        if k.startswith(label):
            return sec
    if k.startswith("金额合计") or k == "合计":
        return "sum"
    if k.startswith("部门名称") or k in _NAME_KEYS:
        return "name"
    return None


def find_department_table(grid: Grid) -> tuple[Department, int, int] | None:
    """The form read from ``grid`` with its first and last rows, or None when the sheet does
    not hold one."""
    if not any("名称" in t and len(t) <= 30 and ("部门" in t or "单位" in t)
               for t in grid.text.values()):
        return None
    marks: dict[str, int] = {}
    for r in sorted(grid.row_cols):
        for _, t in grid.cells(r):
            sec = _section(t)
            if sec and sec not in marks:
                marks[sec] = r
    if "name" not in marks or not ({"tasks", "overall", "indicators"} & set(marks)):
        return None
    first = marks["name"]
    for r in range(first - 1, max(first - 3, 0), -1):  # the title just above
        texts = grid.row_texts(r)
        if len(texts) == 1 and V.looks_like_title(texts[0]):
            first = r
            break
    dep = Department(form="table")
    task_cols: dict[int, str] = {}
    ind_cols: dict[int, str] = {}
    section = ""
    last = marks["name"]
    r = marks["name"]
    while r <= grid.max_row:
        cells = [(c, t) for c, t in grid.cells(r) if t]
        secs = [(i, _section(t)) for i, (_, t) in enumerate(cells) if _section(t)]
        if not cells:
            covered = any(grid.is_vertically_covered(r, c) and grid.at(r, c) for c in range(1, grid.max_col + 1))
            if not covered:
                break
            r += 1
            continue
        if cells and V.looks_like_title(cells[0][1]) and len(cells) == 1:
            break  # the next form's title
        if secs:
            i, sec = secs[0]
            section = sec
            rest = cells[i + 1:]
            if sec == "name":
                dep.name = rest[0][1] if rest else ""
            elif sec == "overall":
                span_end = grid.span.get((r, cells[i][0]), (r, 0))[0]
                parts = [t for _, t in rest]
                for rr in range(r + 1, span_end + 1):
                    parts += grid.row_texts(rr)
                dep.overall = "\n".join(parts)
                last = span_end
                r = span_end + 1
                continue
            elif sec == "sum":
                edge = grid.right_edge(r, cells[i][0])
                vals = {f: grid.own(r, c) for c, f in task_cols.items()
                        if f in ("total", "fiscal", "other") and c > edge}
                dep.budget = Budget(**vals, unit=dep.budget.unit)
            cells = rest
        if section == "tasks" and cells:
            heads = {c: _TASK_COLS[_k(t)] for c, t in cells if _k(t) in _TASK_COLS}
            if heads or any(_UNIT.search(t) or _k(t).startswith("预算申请") for _, t in cells):
                task_cols.update(heads)
                for _, t in cells:
                    m = _UNIT.search(t)
                    if m and _k(t).startswith("预算申请"):
                        dep.budget.unit = m.group(1)
            elif task_cols:
                vals = {f: grid.own(r, c) for c, f in task_cols.items()}
                if any(vals.values()):
                    dep.tasks.append(DepartmentTask(**vals))
        elif section == "indicators" and cells:
            heads = {c: V.indicator_label(t) for c, t in cells}
            if any(f == "level1" for f in heads.values()):
                ind_cols = {c: f for c, f in heads.items() if f in D.columns}
            elif ind_cols:
                ind = _indicator(grid, r, ind_cols, dep.indicators[-1] if dep.indicators else None)
                if ind is not None:
                    dep.indicators.append(ind)
        last = r
        r += 1
    return dep, first, last


def _indicator(grid: Grid, r: int, cols: dict[int, str], prev: Indicator | None):
    ind = Indicator()
    for c, f in cols.items():
        text = grid.at(r, c) if f in ("level1", "level2") and \
            grid.covered.get((r, c), (0, c))[1] == c else grid.own(r, c)
        setattr(ind, f, text)
    if not (ind.level3 or ind.value):
        return None
    if prev is not None:
        carry_levels(ind, prev, "level1" in cols.values(), "level2" in cols.values())
    return ind
