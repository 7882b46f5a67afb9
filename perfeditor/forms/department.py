"""The national department form (部门整体支出绩效目标申报表) read from a cell grid, for every format.

Rows are found by their labels (:func:`perfeditor.forms.vocabulary.department_label`), never by
their position: 部门名称; 年度主要任务 with its task header, one task a row; 金额合计; 年度总体目标
(and the rows its label spans); 年度绩效指标 with an indicator header, one indicator a row. A value
is the first cell starting under its column's header.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from perfeditor.forms import vocabulary as V
from perfeditor.forms.grid import Cell, Grid, Rows
from perfeditor.forms.recognize import carry_levels, detect_header, indicator_of
from perfeditor.model import Budget, Department, DepartmentTask


@dataclass
class ItemRows:
    """A run of rows holding one item each (年度主要任务 or 年度绩效指标), as read."""

    #: The header's first row, the first row under the header and the run's last row.
    header: int
    data: int
    end: int
    #: The row of each item read (rows without content hold none).
    rows: list[int] = field(default_factory=list)
    #: Field → the grid column its header starts in.
    cols: dict[str, int] = field(default_factory=dict)


@dataclass
class DepartmentTable:
    """The form read, the rows it takes and where each value sits (an in-place save writes there)."""

    department: Department
    #: Its first row: the title right above the 部门名称 row when the grid has one.
    first: int
    #: Its last row with content.
    last: int
    #: Field (``name``, ``overall``, ``budget.total`` …) → [row, col] of its cell;
    #: ``overall:more_rows`` → [r1, r2, col], the further rows 年度总体目标 spans;
    #: ``unit_in:budget`` → the 预算申请（万元） header, which prints the amount unit.
    where: dict[str, list[int]] = field(default_factory=dict)
    #: The header naming the amount unit as printed (``unit_in:budget`` → its text).
    unit_texts: dict[str, str] = field(default_factory=dict)
    tasks: ItemRows | None = None
    indicators: ItemRows | None = None


def digest(dep: Department) -> str:
    """What a source map keeps of the department part to notice an edit: its content fingerprint,
    and for the table form the amount unit its 预算申请（万元） header names (which the fingerprint
    leaves out); "" for text that cannot be fingerprinted (lone surrogates typed in): edited."""
    try:
        found = dep.content_fingerprint()
    except UnicodeError:
        return ""
    return f"{found}:{dep.budget.unit}" if dep.form == "table" else found


def field_text(dep: Department, fld: str) -> str | None:
    """The text of the table form's field ``fld`` (``name``, ``overall``, ``budget.total`` …) as
    its cell holds it; None for a key that is no field."""
    if fld.startswith("budget."):
        return getattr(dep.budget, fld[7:], None)
    return getattr(dep, fld) if fld in ("name", "overall") else None


def task_value(task: DepartmentTask, fld: str) -> str:
    """The text of a 年度主要任务 row's cell under the header of ``fld``."""
    return getattr(task, fld, "")


def find_department_table(grid: Grid, head_rows: int | None = None) -> DepartmentTable | None:
    """The department form on ``grid``: a 部门名称 row with 年度主要任务, 年度总体目标 or 年度绩效指标
    in the 40 rows below, among the first ``head_rows`` rows when given (a .docx table)."""
    n = len(grid)
    for r in range(n if head_rows is None else min(n, head_rows)):
        if _section(_texts(grid, r))[1] == "name" and any(
                _section(_texts(grid, k))[1] in ("tasks", "overall", "indicators")
                for k in range(r + 1, min(n, r + 41))):
            return _read(grid, r)
    return None


def _texts(grid: Grid, r: int) -> list[Cell]:
    """The cells starting in row ``r`` that show something."""
    return [c for c in Rows.of(grid).own(r) if c.text]


def _section(cells: list[Cell]) -> tuple[int, str | None]:
    """The first of the row's first two texts that is a row label: its index and what it starts."""
    return next(((i, sec) for i, c in enumerate(cells[:2]) if (sec := V.department_label(c.text)) is not None),
                (-1, None))


def _key(text: str) -> str:
    return V.norm(text) if len(text) <= 30 else ""


def _values(cells: list[Cell], cols: dict[int, tuple[int, str]], at: dict[str, int] | None = None) -> dict[str, str]:
    """field → the text of the first cell starting under its header (grid columns ``col`` … ``end``);
    ``at`` gets each field's column: that cell's, else its header's."""
    out = dict.fromkeys((f for _, f in cols.values()), "")
    if at is not None:
        at.update((f, col) for col, (_, f) in cols.items())
    for c in cells:
        for col, (end, f) in cols.items():
            if col <= c.col <= end:
                if not out[f] and at is not None:
                    at[f] = c.col
                out[f] = out[f] or c.text
                break
    return out


def _next_col(label: Cell, cells: list[Cell]) -> int:
    """The column of the value beside ``label``: the first cell after it, else the next column."""
    return cells[0].col if cells else label.col + label.colspan


def _read(grid: Grid, top: int) -> DepartmentTable:
    dep = Department(form="table")
    g = Rows.of(grid)
    first = next((r for r in range(top - 1, max(top - 3, -1), -1)  # the title just above
                  if (t := g.single(r)) and V.looks_like_title(t)), top)
    out = DepartmentTable(dep, first, top)
    where = out.where
    task_cols: dict[int, tuple[int, str]] = {}
    ind_cols: dict[int, tuple[int, str]] = {}
    graded = False
    section = ""
    runs: dict[str, ItemRows] = {}  # the item rows of each section, as read
    last = covered = top  # covered: the last row a merged cell with text reaches down to
    r, n = top, len(grid)
    while r < n:
        own = g.own(r)
        cells = [c for c in own if c.text]
        if not cells:
            if not own and r > covered:
                break  # an empty row ends the form
            r += 1
            continue
        if len(cells) == 1 and V.looks_like_title(cells[0].text):
            break  # the next form's title
        covered = max(covered, *(r + c.rowspan - 1 for c in cells))
        i, sec = _section(cells)
        if sec is not None and section in runs and sec != section:
            runs[section].end = r - 1  # the section's rows (empty ones too) end where the next starts
        last = r
        if sec is not None:
            section, label, cells = sec, cells[i], cells[i + 1:]
            if sec == "name":
                dep.name = cells[0].text if cells else ""
                where["name"] = [r, _next_col(label, cells)]
            elif sec == "overall":
                end = min(r + label.rowspan - 1, n - 1)
                more = [c for k in range(r + 1, end + 1) for c in _texts(grid, k)]
                dep.overall = "\n".join([c.text for c in cells + more])
                col = _next_col(label, cells)
                where["overall"] = [r, col]
                if end > r:
                    where["overall:more_rows"] = [r + 1, end, col]
                last = end
                r = end + 1
                continue
            elif sec == "sum":
                edge = label.col + label.colspan - 1
                at: dict[str, int] = {}
                sums = _values([c for c in cells if c.col > edge], task_cols, at)
                dep.budget = Budget(**{f: sums[f] for f in ("total", "fiscal", "other") if f in sums},
                                    unit=dep.budget.unit)
                where.update((f"budget.{f}", [r, col]) for f, col in at.items() if f in ("total", "fiscal", "other"))
        if section == "tasks" and cells:
            heads = {c.col: (c.col + c.colspan - 1, V.DEPARTMENT_TASK_LABELS[_key(c.text)]) for c in cells
                     if _key(c.text) in V.DEPARTMENT_TASK_LABELS}
            budget = [c for c in cells if _key(c.text).startswith(V.DEPARTMENT_BUDGET_HEAD)]
            if heads or budget:
                task_cols.update(heads)
                for c in budget:
                    if unit := V.unit_in_label(c.text):
                        dep.budget.unit = unit
                        where["unit_in:budget"] = [c.row, c.col]
                        out.unit_texts["unit_in:budget"] = c.text
                runs["tasks"] = ItemRows(runs["tasks"].header if "tasks" in runs else r, r + 1, r)
            elif task_cols:
                vals = _values(cells, task_cols)
                if any(vals.values()):
                    dep.tasks.append(DepartmentTask(**vals))
                    if "tasks" in runs:
                        runs["tasks"].rows.append(r)
        elif section == "indicators" and cells:
            header = detect_header(grid, r) if not ind_cols else None
            if header is not None:
                spans = {c.col: c.col + c.colspan - 1 for k in range(header.row, header.end) for c in g.own(k)}
                ind_cols = {c: (spans.get(c, c), f) for c, f in header.cols.items()}
                graded = any(f.startswith("grade:") for f in header.cols.values())
                runs["indicators"] = ItemRows(header.row, header.end, header.end - 1)
                last = header.end - 1
                r = header.end
                continue
            vals = _values(cells, ind_cols)
            if any(vals.values()):
                ind = indicator_of(vals, graded)
                if dep.indicators:
                    carry_levels(ind, dep.indicators[-1], "level1" in vals, "level2" in vals)
                dep.indicators.append(ind)
                if "indicators" in runs:
                    runs["indicators"].rows.append(r)
        r += 1
    out.last = last
    if section in runs:
        runs[section].end = last
    for name, cols in (("tasks", task_cols), ("indicators", ind_cols)):
        if name in runs:
            runs[name].cols = {f: col for col, (_, f) in cols.items()}
    out.tasks, out.indicators = runs.get("tasks"), runs.get("indicators")
    return out
