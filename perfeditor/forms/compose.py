"""Composition: a project in a layout → the table to write, plus what the layout cannot hold.

One :class:`FormTable` (cells with spans, roles and alignment on a grid of the declared widths)
describes each form for both the .docx and the .xlsx writer.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate, groupby

from perfeditor.forms import vocabulary as V
from perfeditor.forms.layouts import (
    DEPARTMENT_TABLE,
    SIDE_WIDTH,
    SPENDING_MONTHS,
    column_label,
    declaration,
    filled_columns,
    indicator_columns,
    indicator_value,
    left_out,
    left_out_fields,
    written_layout,
)
from perfeditor.forms.recognize import levels_read_as_above
from perfeditor.forms.titles import MOF_TITLE, graded_title, hebei_title
from perfeditor.model import Department, DepartmentTask, Document, Indicator, Project

#: Roles printed as labels (bold, centred).
LABEL_ROLES = frozenset({"titlerow", "label", "head", "side"})
#: Roles of the line above a form (the unit's name and 单位：万元): no box.
UNIT_ROLES = frozenset({"unit", "unitrow"})
#: Rows of the 贵州 shape written when the project does not say which rows its form has.
DEFAULT_MOF_ROWS = ("source", "budget.superior", "budget.local")
_CENTRED = ("level1", "level2", "weight")


@dataclass(slots=True)
class Cell:
    row: int   # 0-based, in the table
    col: int   # 0-based grid column
    text: str
    role: str = "value"  # titlerow / unit / unitrow / label / head / value / number / ind / side
    rows: int = 1
    cols: int = 1
    align: str = "left"  # left / center / right
    field: str = ""      # an indicator row's cell: the field it shows (``weight`` …)


@dataclass
class FormTable:
    """One form: ``cells`` on a grid of ``widths`` (twips, as declared; the writers scale them)."""

    layout: str                     # the model layout, or "department-table"
    widths: list[float]
    title: str = ""                 # printed above it ("" when the title is its first row)
    cells: list[Cell] = field(default_factory=list)
    n_rows: int = 0
    header_rows: tuple[int, int] = (0, 0)   # the indicator header rows (inclusive)
    split_at: int | None = None     # a two-table form's second table starts at this row
    two_tables: bool = False        # the form is two tables (its variant says so)
    left_out: list[str] = field(default_factory=list)   # the fields holding what the layout cannot hold
    notes: list[str] = field(default_factory=list)      # Chinese lines: what else was not written
    #: Lines printed above the title: the file's own heading (``某县住建局2024年部门预算``).
    heading: list[str] = field(default_factory=list)
    unit_line: str = ""             # printed between the title and the table: ``（单位：万元）``

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def rows(self) -> list[list[Cell]]:
        """The cells of each row, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: c.col):
            out[c.row].append(c)
        return out

    def covering(self) -> dict[tuple[int, int], Cell]:
        """(row, col) of each grid position below a cell merged down → that cell."""
        return {(r, cell.col): cell for cell in self.cells if cell.rows > 1
                for r in range(cell.row + 1, cell.row + cell.rows)}


class _Rows:
    """Fills a table row by row: each cell at the next grid position no merge from above covers."""

    def __init__(self, table: FormTable):
        self.t = table
        self.taken: set[tuple[int, int]] = set()

    def add(self, *cells: tuple) -> None:
        """Cells as (text, role, cols=1, rows=1, align=None)."""
        r, c, n = self.t.n_rows, 0, self.t.n_cols
        for spec in cells:
            text, role, cols, rows, align = (*spec, *("", "value", 1, 1, None)[len(spec):])
            while (r, c) in self.taken:
                c += 1
            if c >= n:
                break
            cols = max(1, min(cols, n - c))
            if align is None:
                align = "center" if role in LABEL_ROLES else "left"
            self.t.cells.append(Cell(r, c, text or "", role, rows, cols, align))
            self.taken.update((rr, cc) for rr in range(r + 1, r + rows) for cc in range(c, c + cols))
            c += cols
        self.t.n_rows = r + 1


def _lab(text: str, cols: int = 1, rows: int = 1) -> tuple:
    return (text, "label", cols, rows, None)


def _val(text: str, cols: int = 1, role: str = "value", align: str | None = None) -> tuple:
    return (text, role, cols, 1, align)


def spans(total: int, count: int) -> list[int]:
    """Split ``total`` grid columns over ``count`` cells, wider cells first (7 over 4: 2,2,1,1)."""
    count = max(1, min(count, total))
    base, rest = divmod(total, count)
    return [base + (1 if i < rest else 0) for i in range(count)]


def column_spans(weights: list[int], minimum: int) -> list[int]:
    """Grid columns per indicator column: 1 each, the widest ones split until ``minimum`` reached
    (hebei-project's 绩效指标描述 spans two grid columns under the header block)."""
    out = [1] * len(weights)
    while sum(out) < minimum and out:
        i = max(range(len(weights)), key=lambda k: weights[k] / out[k])
        out[i] += 1
    return out


def merge_runs(values: list[str], parents: list[str] | None = None) -> list[int]:
    """For each row, how many rows its cell spans down: a run of equal non-empty values (within
    one run of ``parents``) is one cell; 0 for the rows a run covers."""
    out: list[int] = []
    for (value, _), run in groupby(zip(values, values if parents is None else parents, strict=False)):
        n = len(list(run))
        out += [n] + [0] * (n - 1) if value else [1] * n
    return out


def indicator_key(ind: Indicator) -> str:
    """What identifies an indicator when its identity (``uid``) is lost (a document laid over the
    file by ``perfeditor apply``): its 一级 · 二级 · 三级."""
    return f"{ind.level1}\x1f{ind.level2}\x1f{ind.level3}"


def follow_merges(runs: Sequence[tuple[str, int, int]], uids: Sequence[int] | None,
                  keys: Sequence[str] | None, indicators: list[Indicator]) -> list[tuple[str, int, int]]:
    """The cells merged down over indicator rows a form had (``runs``: (field, first, last) indexes
    into the indicators it held, whose ``uids`` / :func:`indicator_key` ``keys`` are given), over
    ``indicators`` now, each followed by its uid (else its key, aligned in order). A run stays merged
    from its first indicator still there, which must hold the value, over the indicators after it
    with the field empty (its own, or inserted among them); anything else ends it. Returns the runs
    of length two or more."""
    pos = {ind.uid: k for k, ind in enumerate(indicators)}
    if uids and any(u in pos for u in uids):
        new_of = {k: pos[u] for k, u in enumerate(uids) if u in pos}
    elif keys:
        match = SequenceMatcher(None, list(keys), [indicator_key(i) for i in indicators], autojunk=False)
        new_of = {a + d: b + d for a, b, size in match.get_matching_blocks() for d in range(size)}
    else:
        return []
    taken = set(new_of.values())
    out = []
    for f, a, b in runs:
        left = [new_of[k] for k in range(a, b + 1) if k in new_of]  # (its first removed: the next)
        if not left or not indicator_value(indicators[left[0]], f).strip():
            continue
        members = set(left[1:])
        end = j = start = left[0]
        while (j := j + 1) < len(indicators) and not indicator_value(indicators[j], f).strip():
            if j in members:
                end = j
            elif j in taken:
                break  # an indicator of the form from outside the run
        if end > start:
            out.append((f, start, end))
    return sorted(out, key=lambda m: (m[1], m[0]))


def _indicator_rows(t: FormTable, indicators: list[Indicator], cols: list[str], col_spans: list[int],
                    lead: int = 0, merges: Sequence[tuple[str, int, int]] = ()) -> None:
    """One row per indicator (an empty one when there are none) after the ``lead`` columns: 一级
    merged down over its run, 二级 within it, the fields in ``merges`` over theirs."""
    inds = indicators or [Indicator()]
    l1 = [i.level1 for i in inds]
    down = {"level1": merge_runs(l1), "level2": merge_runs([i.level2 for i in inds], l1)}
    for f, a, b in merges:
        if f in cols and f not in ("level1", "level2") and 0 <= a < b < len(indicators):
            heights = down.setdefault(f, [1] * len(inds))
            if any(h != 1 for h in heights[a:b + 1]):
                continue  # (overlapping runs: the first one stands)
            heights[a:b + 1] = [b - a + 1] + [0] * (b - a)
    ones = [1] * len(inds)
    places = [(col, at, span, "center" if col in _CENTRED or col.startswith("grade:") else "left", down.get(col, ones))
              for col, at, span in zip(cols, accumulate(col_spans, initial=lead), col_spans, strict=False)]
    for n, ind in enumerate(inds):
        for col, at, span, align, heights in places:
            if heights[n]:  # (0: covered by the run's cell above)
                t.cells.append(Cell(t.n_rows, at, indicator_value(ind, col), "ind", heights[n], span, align, col))
        t.n_rows += 1


def _title(t: FormTable, rows: _Rows, p: Project, layout: str, title: str) -> bool:
    """The title as the form's first row when its variant has it so, else above the table."""
    if p.variant.layout == layout and p.variant.title_as_row:
        rows.add((title, "titlerow", t.n_cols))
        return True
    t.title = title
    return False


def _split(t: FormTable, p: Project, layout: str) -> None:
    t.split_at = t.n_rows
    t.two_tables = p.variant.layout == layout and p.variant.two_tables


def _head(rows: _Rows, t: FormTable, cells: list[tuple], height: int = 1) -> None:
    first = t.n_rows
    rows.add(*cells)
    t.header_rows = (first, first + height - 1)


def compose(project: Project, layout: str, index: int = 1,
            merges: Sequence[tuple[str, int, int]] = ()) -> FormTable:
    """``project`` as the form of ``layout``, the ``index``-th of its file (a title without one is
    numbered ``index、``), other fields' cells merged down over ``merges`` (:func:`follow_merges`)."""
    filled = filled_columns(project)
    cols = indicator_columns(project, layout, filled)
    t = {"hebei-project": _hebei_project, "hebei-graded": _hebei_graded,
         "mof-project": _mof_project}[layout](project, index, cols, merges)
    unit = project.budget.unit
    for cell in t.cells if unit else ():  # 资金总额(万元) / 项目资金（万元） name the project's own unit
        if cell.role == "label" and cell.text:
            cell.text = V.with_unit(cell.text, unit)
    t.left_out = left_out_fields(project, layout, cols, filled)
    return t


def _form(p: Project, layout: str, cols: list[str], minimum: int = 0, lead: list[float] = ()):
    """An empty form of ``layout`` for ``cols``: the table, its row filler, the columns' spans and the
    label lookup (the form's own label, else ``default``, else the layout's)."""
    decl = declaration(layout, p)
    wts = [decl.width(c) for c in cols]
    col_spans = column_spans(wts, minimum)
    t = FormTable(layout, [*lead, *(w / s for w, s in zip(wts, col_spans, strict=True) for _ in range(s))])
    own = p.variant.labels if p.variant.layout == layout else {}
    return t, _Rows(t), col_spans, lambda key, default="": own.get(key) or default or decl.label(key)


def _hebei_project(p: Project, index: int, cols: list[str], merges: Sequence = ()) -> FormTable:
    layout = "hebei-project"
    t, rows, col_spans, lb = _form(p, layout, cols, 7)
    g, b = t.n_cols, p.budget
    unit = "unitrow" if _title(t, rows, p, layout, hebei_title(p, index)) else "unit"
    rows.add((p.unit, unit, g - 2), (lb("unit_marker", f"单位：{b.unit or '万元'}"), unit, 2, 1, "right"))
    rows.add(_lab(lb("code")), _val(p.code, 2), _lab(lb("name")), _val(p.name, g - 4))
    rows.add(_lab(lb("group:purpose"), 1, 2), _lab(lb("budget.total")), _val(b.total, 1, "number", "center"),
             _lab(lb("budget.fiscal")), _val(b.fiscal, 1, "number", "center"), _lab(lb("budget.other")),
             _val(b.other, g - 6, "number", "center"))
    rows.add(_val(p.purpose, g - 1))
    months = list(p.spending_plan) or list(SPENDING_MONTHS)
    mspans = spans(g - 1, len(months))
    if len(months) > len(mspans):
        t.notes.append(f"项目“{p.name}”：资金支出计划的月份过多，只写入前 {len(mspans)} 个。")
    rows.add(_lab(lb("group:plan", lb("spending_plan")), 1, 2),
             *((m, "label", s, 1, "center") for m, s in zip(months, mspans, strict=False)))
    rows.add(*(_val(p.spending_plan.get(m, ""), s, "number", "center") for m, s in zip(months, mspans, strict=False)))
    rows.add(_lab(lb("goals")), _val(p.goals, g - 1))
    _split(t, p, layout)
    _head(rows, t, [_lab(column_label(p, layout, c), s) for c, s in zip(cols, col_spans, strict=False)])
    _indicator_rows(t, p.indicators, cols, col_spans, merges=merges)
    return t


def _hebei_graded(p: Project, index: int, cols: list[str], merges: Sequence = ()) -> FormTable:
    layout = "hebei-graded"
    t, rows, col_spans, lb = _form(p, layout, cols)
    _title(t, rows, p, layout, graded_title(p, index))
    rows.add(_lab(lb("goals")), _val(p.goals, t.n_cols - 1))
    _split(t, p, layout)
    grades = [c for c in cols if c.startswith("grade:")]
    height = 2 if grades else 1  # 评价标准 over the grades; the other headers span both rows
    _head(rows, t, [_lab(column_label(p, layout, "group:grades"), len(grades)) if c in grades[:1]
                    else _lab(column_label(p, layout, c), 1, height) for c in cols if c not in grades[1:]], height)
    if grades:
        rows.add(*(_lab(column_label(p, layout, c)) for c in grades))
    _indicator_rows(t, p.indicators, cols, col_spans, merges=merges)
    return t


def _has_row(p: Project, key: str, value: str) -> bool:
    rows = p.variant.rows if p.variant.layout == "mof-project" and p.variant.rows else DEFAULT_MOF_ROWS
    return bool(value.strip()) or key in rows


def _unit_named(label: str, unit: str) -> str:
    """``label`` naming the amount unit: ``年度资金总额`` → ``年度资金总额(元)``; ``资金总额(万元):`` kept."""
    if V.unit_in_label(label) or not unit:
        return label
    body = label.rstrip(":： ")
    return f"{body}({unit}){label[len(body):]}"


def _mof_project(p: Project, index: int, cols: list[str], merges: Sequence = ()) -> FormTable:
    layout = "mof-project"
    own = p.variant.layout == layout
    side = p.variant.indicator_side_label if own else True
    t, rows, col_spans, lb = _form(p, layout, cols, lead=[SIDE_WIDTH] if side else [])
    g, b = t.n_cols, p.budget
    _title(t, rows, p, layout, p.title.strip() or MOF_TITLE)
    left = (g - 1) // 2
    right = g - 2 - left

    def pair(l1, v1, l2, v2, role="value"):
        rows.add(_lab(l1), _val(v1, left, role), _lab(l2), _val(v2, right, role))

    def single(label, v, role="value"):
        rows.add(_lab(label), _val(v, g - 1, role))

    single(lb("name"), p.name)
    pair(lb("unit"), p.unit, lb("implementer"), p.implementer)
    if _has_row(p, "kind", p.kind) or _has_row(p, "period", p.period):
        pair(lb("kind"), p.kind, lb("period"), p.period)
    if _has_row(p, "source", p.source):
        single(lb("source"), p.source)
    if any(getattr(b, k).strip() for k in ("midterm_total", "midterm_fiscal", "midterm_other")) \
            or (own and "budget.midterm_total" in p.variant.rows):
        total = _unit_named(lb("budget.total", "年度资金总额"), b.unit)
        pair(lb("budget.midterm_total"), b.midterm_total, total, b.total, "number")
        pair(lb("budget.midterm_fiscal", "其中：财政拨款"), b.midterm_fiscal,
             lb("budget.fiscal", "其中：财政拨款"), b.fiscal, "number")
        if _has_row(p, "budget.superior", b.superior) or _has_row(p, "budget.local", b.local):
            pair(lb("budget.superior", "其中：上级补助"), b.superior, lb("budget.local"), b.local, "number")
        pair(lb("budget.midterm_other", "其他资金"), b.midterm_other, lb("budget.other"), b.other, "number")
    else:
        single(_unit_named(lb("budget.total"), b.unit), b.total, "number")
        for k in ("fiscal", "superior", "local", "other"):
            if k in ("fiscal", "other") or _has_row(p, f"budget.{k}", getattr(b, k)):
                single(lb(f"budget.{k}"), getattr(b, k), "number")
    if p.goals_midterm.strip() or (own and "goals_midterm" in p.variant.rows):
        gl = g // 2
        rows.add(_lab(lb("group:goals"), 1, 2), _lab(lb("goals_midterm"), gl), _lab(lb("goals"), g - 1 - gl))
        rows.add(_val(p.goals_midterm, gl), _val(p.goals, g - 1 - gl))
    else:
        rows.add(_lab(lb("group:goals"), 1, 2), _lab(lb("goals"), g - 1))
        rows.add(_val(p.goals, g - 1))
    _split(t, p, layout)
    head = [_lab(column_label(p, layout, c)) for c in cols]
    if side:
        head.insert(0, (lb("side", "绩效指标"), "side", 1, 1 + max(1, len(p.indicators)), None))
    _head(rows, t, head)
    _indicator_rows(t, p.indicators, cols, col_spans, 1 if side else 0, merges)
    return t


def left_out_report(doc: Document, layout: str | None, projects: Sequence[Project] | None = None,
                    department: bool = True) -> list[str]:
    """Chinese lines naming what writing ``doc`` in ``layout`` (None: its own) leaves out, for the
    .docx and .xlsx save plans. A save in place composes only ``projects`` (None: all) and, when
    ``department``, the department table form anew; the forms kept or patched lose nothing."""
    target = layout or doc.layout
    by_layout: dict[str, list[Project]] = {}
    for p in doc.projects if projects is None else projects:
        by_layout.setdefault(written_layout(p, target, doc.layout), []).append(p)
    report = [line for lay, projects in by_layout.items() for line in left_out(projects, lay)]
    if department and doc.department is not None and doc.department.form == "table":
        report += compose_department(doc.department).notes
    return report


def empty_levels_report(doc: Document, layout: str | None) -> list[str]:
    """Chinese lines naming the 一级 / 二级 left empty that the file written in ``layout`` (None: its
    own) cannot keep empty: reopened, an empty cell reads as the row above's. Said before writing."""
    lines = []
    for p in doc.projects:
        found = levels_read_as_above(p, indicator_columns(p, written_layout(p, layout or doc.layout, doc.layout)))
        if not found:
            continue
        rows = sorted({k + 1 for k, _, _ in found})
        shown_rows = "、".join(map(str, rows[:5])) + ("等" if len(rows) > 5 else "")
        fields = "、".join(dict.fromkeys(V.field_title(f) for _, f, _ in found))
        shown = "".join(f"“{t}”" for t in dict.fromkeys(t for _, _, t in found))
        lines.append(f"“{p.name or p.title or '（未命名项目）'}”第 {shown_rows} 行的{fields}为空：表中空着的指标格"
                     f"表示与上一行相同，重新打开后将显示为{shown}。")
    return lines


def compose_department(dep: Department, heading: Sequence[str] = ()) -> FormTable:
    """The national department form 部门整体支出绩效目标申报表, the file's ``heading`` lines above it."""
    D = DEPARTMENT_TABLE  # noqa: N806
    t = FormTable("department-table", [1000, 1100, 1400, 1100, 950, 950, 950], title=D.form_name,
                  heading=list(heading), unit_line=f"（单位：{dep.budget.unit or '万元'}）")
    rows = _Rows(t)
    tasks = dep.tasks or [DepartmentTask()]
    rows.add(_lab(D.label("name")), _val(dep.name, 6))
    rows.add(_lab(D.label("group:tasks"), 1, len(tasks) + 3), ("任务名称", "head", 1, 2, None),
             ("主要内容", "head", 2, 2, None), ("预算申请（%s）" % (dep.budget.unit or "万元"), "head", 3, 1, None))
    rows.add(*((k, "head") for k in ("总额", "财政拨款", "其他资金")))
    for task in tasks:
        rows.add(_val(task.name), _val(task.content, 2),
                 *(_val(getattr(task, f), 1, "number", "center") for f in ("total", "fiscal", "other")))
    rows.add(_lab(D.label("budget.total"), 3),
             *(_val(getattr(dep.budget, f), 1, "number", "center") for f in ("total", "fiscal", "other")))
    rows.add(_lab(D.label("overall")), _val(dep.overall, 6))
    cols = list(D.columns)
    col_spans = [1, 1, 2, 2]
    _head(rows, t, [_lab(D.label("group:indicators"), 1, 1 + max(1, len(dep.indicators))),
                    *((D.column_label(c), "head", s, 1, None) for c, s in zip(cols, col_spans, strict=True))])
    _indicator_rows(t, dep.indicators, cols, col_spans, 1)
    for fld in ("description", "basis", "note", "weight"):
        if any(getattr(i, fld) for i in dep.indicators):
            t.notes.append(f"{D.form_name}没有“{V.field_title(fld)}”一栏，该内容未写入。")
    if dep.items or dep.measures.strip():
        t.notes.append(f"{D.form_name}没有“分项绩效目标”“工作保障措施”栏，该部分内容未写入。")
    return t


def cut_merges(merges: Sequence[tuple[str, int, int]], sizes: Sequence[int]) -> list[tuple[str, int, int]]:
    """``merges`` (:func:`follow_merges`) of a form split into parts of ``sizes`` indicator rows: each
    ends at the last row of the part it starts in (a merged cell never crosses the split; nothing is
    repeated in the next part); runs left one row long are dropped."""
    ends = [at - 1 for at in accumulate(sizes)]
    out = []
    for f, a, b in merges:
        last = min(b, next((e for e in ends if e >= a), b))
        if last > a:
            out.append((f, a, last))
    return out


def part_sizes(counts: list[int], n: int) -> list[int] | None:
    """How many of a split form's ``n`` indicator rows each part holds when it held ``counts``:
    every part keeps its count, the last takes the rows added, and rows removed come out of the
    last parts first (a part keeps one row). None when there are fewer rows than parts."""
    if n < len(counts):
        return None
    sizes = list(counts)
    sizes[-1] += n - sum(sizes)
    for k in range(len(sizes) - 1, 0, -1):  # too few left for the last: taken from the ones above
        if sizes[k] < 1:
            sizes[k - 1] -= 1 - sizes[k]
            sizes[k] = 1
    return sizes


def follow_parts(counts: list[int], held: list[list[int]] | None, uids: list[int]) -> list[int] | None:
    """How many of a split form's indicator rows (``uids``, in order) each part holds now, when it
    held ``counts`` rows, those of ``held``: each indicator stays in its part and a new one joins the
    part of the row above it (the split stays before the same indicator). :func:`part_sizes` when
    nothing is recorded, or a part would be left empty."""
    if held and len(held) == len(counts):
        of = {u: k for k, us in enumerate(held) for u in us}
        sizes, part = [0] * len(counts), 0
        for u in uids:
            part = max(part, of.get(u, part))
            sizes[part] += 1
        if all(sizes):
            return sizes
    return part_sizes(counts, len(uids))


def parts_held(parts: list[tuple[int, int]], uids: list[int]) -> list[tuple[int, list[int]]]:
    """A split form's ``parts`` (the rows heading each, how many indicator rows it holds) with the
    uids each holds (for :func:`follow_parts`); none when they do not add up or the form is not split."""
    if len(parts) < 2 or sum(n for _, n in parts) != len(uids):
        return []
    starts = accumulate((n for _, n in parts), initial=0)
    return [(head, list(uids[at:at + size])) for (head, size), at in zip(parts, starts, strict=False)]
