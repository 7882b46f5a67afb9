"""Finding the forms of a sheet-like grid (one grid holding titles, notes and forms one after the
other, as an .xlsx sheet does) and reading each into a :class:`Project`, whatever the file.

A form is found by its indicator header row (一级指标 / 绩效指标分类 …); its header block is the
labelled rows above it back to its title row (or to the previous form), its indicator block the
rows below it up to a blank row, a title or the next form's labels. A title, page note (续表) or
unit line followed by a repeated indicator header and more indicator rows is the same form split
over pages. Everything is read by label.

The grid is anything offering ``row_cells(r)``, ``memo`` and ``len()``
(:mod:`perfeditor.forms.grid`); positions are the grid's (row, col) pairs. The result says where
each value and each row was read, for the format's source map.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from perfeditor.forms import vocabulary as V
from perfeditor.forms.grid import Rows
from perfeditor.forms.header import read_header
from perfeditor.forms.layouts import infer_layout
from perfeditor.forms.recognize import (
    IndicatorHeader,
    carry_levels,
    detect_header,
    indicator_of,
    is_unit_row,
    other_title,
    page_note,
)
from perfeditor.model import FormVariant, Indicator, Project


@dataclass
class Form:
    """One form found in a grid, and where each of its parts sits."""

    project: Project
    first_row: int  # its title row, or its first labelled row
    last_row: int
    header_row: int  # the indicator header's first row
    data_row: int  # the row after the indicator header
    end: int  # the indicator block's last row
    #: Rows inside the indicator block that repeat the title / indicator header (split forms).
    repeats: list[int] = field(default_factory=list)
    #: The row of each indicator read.
    rows: list[int] = field(default_factory=list)
    #: Header field → [row, col] of its value (see :class:`perfeditor.forms.header.HeaderBlock`).
    where: dict[str, list[int]] = field(default_factory=dict)
    unit_texts: dict[str, str] = field(default_factory=dict)
    #: Indicator field → its column.
    cols: dict[str, int] = field(default_factory=dict)


_MARKS = ("level1", "level3", "side")  # one of these is in every indicator header
_LOOKAHEAD = 8  # rows a repeated title / unit line / indicator header may take


def find_forms(grid, title_in_table=None) -> list[Form]:
    """The forms of ``grid`` top to bottom. ``title_in_table(r, c)``: the title found at (r, c)
    is a row of the form's table (an .xlsx cell with borders); by default it is not."""
    g = Rows.of(grid)
    forms: list[Form] = []
    prev_end = -1
    r = 0
    while r < g.n:
        found = _header(grid, g, r)
        if found is None:
            r += 1
            continue
        cols, data = found
        start = _form_start(g, prev_end + 1, r)
        first = g.single(start)
        title = first if first and V.looks_like_title(first) else ""
        end, repeats = _block_end(grid, g, data, cols, title)
        forms.append(_read_form(grid, g, start, r, cols, data, end, repeats, title_in_table))
        prev_end = end
        r = end + 1
    return forms


def _header(grid, g: Rows, r: int) -> tuple[dict[int, str], int] | None:
    """The indicator header at row ``r``: column → field (the side column as ``side``) and the
    first row after it; None when there is none."""
    if not any(V.indicator_label(t) in _MARKS for t in g.texts(r)):
        return None  # (fast path: no Cell objects built for rows that cannot be a header)
    h: IndicatorHeader | None = detect_header(grid, r)
    if h is None:
        return None
    cols = dict(h.cols)
    if h.side_col is not None:
        cols[h.side_col] = "side"
        cols = dict(sorted(cols.items()))
    return cols, h.end


def is_form_label_row(texts: list[str]) -> bool:
    """A row of texts that belongs to a form's header block or title (项目名称, 单位, 绩效目标 …)."""
    return any(V.header_field(t) in ("code", "name", "unit", "goals") or V.unit_label(t) or V.looks_like_title(t)
               for t in texts)


def _block_end(grid, g: Rows, data: int, cols: dict[int, str], title: str) -> tuple[int, list[int]]:
    """The last row of the indicator block starting at ``data``, and the rows inside it that
    repeat the form's title or indicator header (a form split over pages)."""
    last = data - 1
    repeats: list[int] = []
    r = data
    while r < g.n:
        if not g.texts(r) and not any((x := g.covered_from_above(r, c)) is not None and x.text for c in cols):
            break
        if is_form_label_row(g.texts(r)) or _header(grid, g, r) is not None:
            resume = _continuation(grid, g, r, cols, title)
            if resume is None:
                break
            repeats.extend(range(r, resume))
            r = resume
            continue
        last = r
        r += 1
    return last, [x for x in repeats if x <= last]


def _continuation(grid, g: Rows, r: int, cols: dict[int, str], title: str) -> int | None:
    """The row where the indicator rows go on after a repeated title (and unit line, repeated
    indicator header) starting at row ``r``; None when a new form starts there instead.

    Indicator rows must follow without a header block (项目名称 / 项目编码 / 绩效目标 …); a
    different title followed by an indicator header is a new form with no header block."""
    new_title = header = False
    limit = min(g.n - 1, r + _LOOKAHEAD)
    while r <= limit:
        single = g.single(r)
        texts = g.texts(r)
        if not texts or single is not None and page_note(single):
            r += 1
        elif single is not None and V.looks_like_title(single):
            new_title = new_title or other_title(single, title)
            r += 1
        elif (found := _header(grid, g, r)) is not None:
            header = True
            r = found[1]
        elif is_unit_row(texts):
            r += 1
        elif is_form_label_row(texts) or any(V.group_field(t) for t in texts):
            return None
        elif _is_indicator_row(g, r, cols):
            return None if header and new_title else r
        else:
            return None
    return None


def _is_indicator_row(g: Rows, r: int, cols: dict[int, str]) -> bool:
    """Texts in the block's columns: two or more, or one right of the first column (a row
    that is one paragraph across the sheet is not an indicator)."""
    texts = [(c, t) for c, t in g.cells(r) if t]
    if not texts or any(c not in cols for c, _ in texts):
        return False
    return len(texts) >= 2 or texts[0][0] != min(cols)


def _form_start(g: Rows, lo: int, header_row: int) -> int:
    """The first row of the form whose indicator header is ``header_row``: its title row, or
    the first labelled row after the previous form."""
    for r in range(header_row - 1, lo - 1, -1):
        t = g.single(r)
        if t and V.looks_like_title(t):
            return r
    for r in range(lo, header_row):
        if any(V.header_field(t) or V.group_field(t) or V.unit_label(t) for t in g.texts(r)):
            return r
    return header_row


def _read_form(grid, g: Rows, start: int, hr: int, cols: dict[int, str], data: int, end: int,
               repeats: list[int], title_in_table) -> Form:
    p = Project()
    v = FormVariant()
    head = read_header(grid, start, hr, p)
    labels = head.labels
    order = sorted(cols)
    v.indicator_columns = [cols[c] for c in order if cols[c] != "side"]
    v.indicator_side_label = any(f == "side" for f in cols.values())
    labels.update(detect_header(grid, hr).labels)  # type: ignore[union-attr]
    skip = set(repeats)
    rows: list[int] = []
    p.indicators = indicator_rows(grid, g, data, end, cols,
                                  lambda r: r in skip or _header(grid, g, r) is not None, rows)
    v.labels = labels
    v.rows = list(dict.fromkeys(head.rows))
    p.variant = v
    infer_layout(p)
    if v.layout == "hebei-graded" and not p.name:
        p.name = V.name_from_title(p.title)
    if "title" in head.where and title_in_table is not None:
        v.title_as_row = title_in_table(*head.where["title"])
    v.split = v.split or any(g.single(x) for x in repeats)
    return Form(p, start, max(end, hr), hr, data, end, list(repeats), rows,
                {k: list(pos) for k, pos in head.where.items()}, head.unit_texts,
                {f: c for c, f in cols.items() if f != "side"})


def indicator_rows(grid, g: Rows, first: int, last: int, cols: dict[int, str], skip, rows: list[int],
                   previous: Indicator | None = None) -> list[Indicator]:
    """The indicators of rows ``first`` … ``last`` (those ``skip(r)`` refuses left out), and their
    rows appended to ``rows``. A row is an indicator when a cell of its own holds text: a merged
    一级/二级 cell read from above does not make one, but a row whose own 二级 (or, graded, 一级
    category alone in its column) is filled does even while the rest is still empty."""
    order = sorted(cols)
    graded = any(f.startswith("grade:") for f in cols.values())
    has_l1, has_l2 = "level1" in cols.values(), "level2" in cols.values()
    out: list[Indicator] = []
    prev = previous
    for r in range(first, last + 1):
        if skip(r):
            continue
        vals: dict[str, str] = {}
        filled = False
        for c in order:
            f = cols[c]
            if f == "side":
                continue
            own = g.text(r, c)
            text = own
            if f in ("level1", "level2") and not own:
                above = g.covered_from_above(r, c)
                if above is not None and above.col == c:
                    text = above.text
            vals[f] = text
            if text and (f not in ("level1", "level2") or f == "level2" and own
                         or f == "level1" and graded and _in_own_column(g, r, c, order)):
                filled = True
        if not filled:
            continue
        ind = indicator_of(vals, graded)
        if prev is not None:
            carry_levels(ind, prev, has_l1, has_l2)
        out.append(ind)
        rows.append(r)
        prev = ind
    return out


def _in_own_column(g: Rows, r: int, c: int, order: list[int]) -> bool:
    """The cell at (r, c) holds a category of its own within its column: a graded form's
    still-empty starter row shows only that, while a paragraph after the form (六、政府采购…, seed
    003) starts in that column but spans the sheet, and a note (（以上为本部门全部项目）) is no
    category."""
    after = next((x for x in order if x > c), None)
    return V.is_category(g.text(r, c)) and (after is None or g.right_edge(r, c) < after)
