"""Recognition shared by every format: a form's header block read from a cell grid.

The header block is read label by label: a value label (项目名称, 其中：财政资金, 资金来源 …) takes
the next cell of its row as its value (or, when the next cell is a label, the cell under it for the
goals); a group label (预算规模及资金用途, 资金支出计划（%）, 总体目标) heads cells of its own row
(month labels, 中期目标 / 年度目标) whose values are in the row below, or a row of its own (资金用途
text). A unit line (``单位：万元``) names the amounts' unit. Labels are matched normalised; the
printed text is kept in ``labels``. Positions are grid (row, col) pairs
(:mod:`perfeditor.forms.grid`); each format turns them into its own place (an .xlsx cell, a
.docx ``w:tc``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from perfeditor.forms import vocabulary as V
from perfeditor.forms.grid import Rows
from perfeditor.model import Project


@dataclass
class HeaderBlock:
    """What a header block holds besides the values set on the project."""

    #: field → [row, col] of its value cell (``title``, ``unit_label``, ``unit_in:<field>`` are the
    #: label cells printing them; ``<goals>:more_rows`` → [first row, last row, col]).
    where: dict[str, list[int]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    #: The labelled rows the block has (fields, ``unit_row``, ``spending_plan``, ``purpose``).
    rows: list[str] = field(default_factory=list)
    #: Label cells that print the amount unit (key → text as printed).
    unit_texts: dict[str, str] = field(default_factory=dict)
    #: Fields whose label has no value cell (their position is right of the label).
    empty: set[str] = field(default_factory=set)
    #: The row after the block.
    end: int = 0


def read_header(grid, start: int, stop: int, p: Project) -> HeaderBlock:
    """Read the header block in rows ``start`` … ``stop - 1`` of ``grid`` into ``p`` (title, name,
    amounts, goals …); a value already set is kept. A row whose only text looks like a title is
    the form's title row: at ``start`` (over a heading above the table), or further down while the
    project has no title."""
    g = Rows.of(grid)
    out = HeaderBlock(end=stop)
    labels, rows, where, unit_texts = out.labels, out.rows, out.where, out.unit_texts
    consumed: set[int] = set()
    #: The national form's 中期 / 年度 columns: grid column → the total heading it (其中：财政拨款
    #: under 中期资金总额, in the same grid column further down, is the midterm amount).
    totals: dict[int, str] = {}
    for r in range(start, stop):
        if r in consumed:
            continue
        title = row_title(g, r)
        if title is not None and (r == start or not p.title):
            p.title, c = title
            where["title"] = [r, c]
            if len(g.texts(r)) == 1:
                continue
        for c, t in g.cells(r):
            if not t:
                continue
            grp = V.group_field(t)
            unit = V.unit_label(t)
            if unit:
                p.budget.unit = unit
                labels["unit_marker"] = t
                where["unit_label"] = [r, c]
                unit_texts["unit_label"] = t
                others = [(cc, x) for cc, x in g.cells(r) if x and cc != c]
                other = others[0] if others else None  # the unit's name, in a row of no label or title
                if other and not p.unit and not any(V.header_label(x) or V.looks_like_title(x) for _, x in others):
                    p.unit = other[1]
                    where["unit"] = [r, other[0]]
                    rows.append("unit_row")
            elif grp == "group:purpose":
                labels[grp] = t
                if g.last_row(r, c) > r:
                    nr = r + 1
                    below, bc = next(((x, cc) for cc, x in g.cells(nr) if cc > c and x),
                                     ("", g.right_edge(r, c) + 1))
                else:
                    below, nr, bc = _below(g, r, c)
                if V.header_field(below) is None and not p.purpose:
                    p.purpose = below
                    where["purpose"] = [nr, bc]
                    consumed.add(nr)
            elif grp == "group:plan":
                labels["spending_plan"] = t
                rows.append("spending_plan")
                months = [(cc, x) for cc, x in g.cells(r) if cc > c and x and not V.unit_label(x)]
                vr = g.last_row(r, months[0][0]) + 1 if months else r + 1
                p.spending_plan = {month: g.text(vr, cc) for cc, month in months}
                where.update((f"plan:{month}", [vr, cc]) for cc, month in months)
                consumed.add(vr)
            elif grp in ("group:goals", "group:budget"):
                labels[grp] = t
            if grp and V.unit_in_label(t):
                where[f"unit_in:{grp}"] = [r, c]
                unit_texts[f"unit_in:{grp}"] = t
        for c, t, f, value, vcol in _pairs(g, r):
            if f in ("budget.midterm_total", "budget.total"):
                totals[c] = f
            elif f in ("budget.fiscal", "budget.other") and totals.get(c) == "budget.midterm_total":
                f = f.replace("budget.", "budget.midterm_")
            if f.startswith("goals") and not value:  # the goals under their label, or beside it
                below, nr, bcol = _below(g, r, c)
                if nr < len(grid) and not (below and (V.header_field(below) or V.indicator_label(below))):
                    value, vcol = below, bcol
                    consumed.add(nr)
                    where.setdefault(f, [nr, vcol])
            if f.startswith("goals") and vcol is not None and value:
                value = _more_goal_rows(g, r, c, vcol, value, consumed, where, f)
            labels[f] = t
            rows.append(f)
            if f.startswith("budget.") and V.unit_in_label(t):
                where[f"unit_in:{f}"] = [r, c]
                unit_texts[f"unit_in:{f}"] = t
            obj, attr = (p.budget, f[7:]) if f.startswith("budget.") else (p, f)
            if hasattr(obj, attr) and not getattr(obj, attr):  # (a value already set is kept)
                setattr(obj, attr, value)
            if vcol is None and f not in where:
                out.empty.add(f)
            where.setdefault(f, [r, vcol if vcol is not None else g.right_edge(r, c) + 1])
    if "purpose" in where:
        rows.append("purpose")
    if "unit_label" not in unit_texts and unit_texts:  # 资金总额(元): without a 单位 line
        p.budget.unit = V.unit_in_label(next(iter(unit_texts.values()))) or p.budget.unit
    return out


def _pairs(g: Rows, r: int):
    """Yield (col, label text, field, value text, value col) for each label of row ``r`` (a unit
    line, 单位：万元, is no value)."""
    cells = [(c, t) for c, t in g.cells(r) if not V.unit_label(t)]
    i = 0
    while i < len(cells):
        c, t = cells[i]
        f = V.header_field(t)
        if f is None:
            i += 1
            continue
        value, vcol = "", None
        if i + 1 < len(cells):
            nc, nt = cells[i + 1]
            if nc != g.right_edge(r, c) + 1:  # not the adjacent cell
                if nt and V.header_label(nt) is None:
                    value, vcol, i = nt, nc, i + 1
                else:
                    vcol = g.right_edge(r, c) + 1
            elif nt and not (f.startswith("goals") and V.header_field(nt) in ("goals", "goals_midterm")):
                value, vcol, i = nt, nc, i + 1
            elif not nt:
                vcol = nc  # an empty value cell, unless a value follows it
                if i + 2 < len(cells):
                    nc2, nt2 = cells[i + 2]
                    if nt2 and V.header_label(nt2) is None:
                        value, vcol, i = nt2, nc2, i + 2
        yield c, t, f, value, vcol
        i += 1


def _below(g: Rows, r: int, c: int) -> tuple[str, int, int]:
    """The text under the label at (r, c), past the label's own merge: (text, row, col)."""
    nr = g.last_row(r, c) + 1
    text = g.text(nr, c)
    if not text:
        # a value starting further right, but not one under the next label of the row
        # (中期目标 | 年度目标 side by side: an empty 中期目标 is not 年度目标's text)
        nxt = min((cc for cc, t in g.cells(r) if cc > c and t), default=None)
        for cc, t in g.cells(nr):
            if cc >= c and t and (nxt is None or cc < nxt):
                return t, nr, cc
    return text, nr, c


def _more_goal_rows(g: Rows, r: int, c: int, vcol: int, value: str, consumed: set[int],
                    where: dict, f: str) -> str:
    """A goals label merged down over several rows, one goal a row: join them with ``\n``."""
    extra = range(max(r, where.get(f, [r])[0]) + 1, g.last_row(r, c) + 1)
    consumed.update(extra)
    if extra:
        where[f"{f}:more_rows"] = [extra[0], extra[-1], vcol]
    return "\n".join([value, *(t for nr in extra if (t := g.text(nr, vcol)))])


def row_title(g: Rows, r: int) -> tuple[str, int] | None:
    """Row ``r``'s form title and its column: the row's only text when that looks like a title, or
    its first text when that does and the only other one is a short note and no label (a date, a
    page number, 备注, 单位：万元 (read by :func:`read_header`) set at the right of the title's row)."""
    texts = g.texts(r)
    if not 0 < len(texts) <= 2 or not V.looks_like_title(texts[0]):
        return None
    if len(texts) == 2 and (len(aside := texts[1]) > 20 or V.looks_like_title(aside) or V.header_label(aside)
                            or V.group_field(aside)):
        return None
    return texts[0], next(c for c, t in g.cells(r) if t)
