"""Finding the project forms in one sheet's grid and reading each into a :class:`Project`.

A form is found by its indicator header row (一级指标 / 绩效指标分类 …); its header block is the
labelled rows above it back to its title row (or to the previous form), its indicator block the
rows below it up to a blank row, a title or the next form's labels. Everything is read by label.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from perfeditor.forms import vocabulary as V
from perfeditor.forms.header import read_header
from perfeditor.forms.layouts import infer_layout
from perfeditor.forms.recognize import (
    carry_levels,
    detect_header,
    indicator_of,
    is_unit_row,
    other_title,
    page_note,
)
from perfeditor.io.source import FormPlace, IndicatorBlock
from perfeditor.io.xlsx.grid import Grid
from perfeditor.model import FormVariant, Indicator, Project


@dataclass
class FoundForm:
    project: Project
    first_row: int
    last_row: int
    header_row: int
    extra_rows: list[int] = field(default_factory=list)  # rows used (title, preamble excluded)
    #: Where the form and each of its values sit on the sheet (for a source map).
    place: FormPlace = field(default_factory=lambda: FormPlace(format="xlsx"))


_MARKS = ("level1", "level3", "side")  # one of these is in every indicator header


def _header(grid: Grid, r: int) -> tuple[dict[int, str], int] | None:
    """The indicator header at row ``r`` (:func:`perfeditor.forms.recognize.detect_header`): column
    → field (the side column as ``side``) and the first row after it; None when there is none."""
    if r not in grid.row_cols or not any(V.indicator_label(t) in _MARKS for _, t in grid.cells(r) if t):
        return None  # (fast path: no Cell objects built for rows that cannot be a header)
    h = detect_header(grid, r)
    if h is None:
        return None
    cols = dict(h.cols)
    if h.side_col is not None:
        cols[h.side_col] = "side"
        cols = dict(sorted(cols.items()))
    return cols, h.end


def _is_form_label_row(grid: Grid, r: int) -> bool:
    for _, t in grid.cells(r):
        if t and (V.header_field(t) in ("code", "name", "unit", "goals")
                  or V.unit_label(t) or V.looks_like_title(t)):
            return True
    return False


def _single_text(grid: Grid, r: int) -> str | None:
    texts = grid.row_texts(r)
    return texts[0] if len(texts) == 1 else None


def find_forms(grid: Grid) -> list[FoundForm]:
    forms: list[FoundForm] = []
    prev_end = 0
    r = 1
    while r <= grid.max_row:
        found = _header(grid, r)
        if found is None:
            r += 1
            continue
        cols, data = found
        start = _form_start(grid, prev_end + 1, r)
        first = _single_text(grid, start)
        title = first if first and V.looks_like_title(first) else ""
        end, repeats = _block_end(grid, data, cols, title)
        forms.append(_read_form(grid, start, r, cols, data, end, repeats))
        prev_end = end
        r = end + 1
    return forms


def _block_end(grid: Grid, data: int, cols: dict[int, str], title: str) -> tuple[int, list[int]]:
    """The last row of the indicator block starting at ``data``, and the rows inside it that
    repeat the form's title or indicator header (a form split over pages)."""
    last = data - 1
    repeats: list[int] = []
    r = data
    while r <= grid.max_row:
        if grid.is_empty(r) and not any(grid.is_vertically_covered(r, c) and grid.at(r, c)
                                        for c in cols):
            break
        if _is_form_label_row(grid, r) or _header(grid, r) is not None:
            resume = _continuation(grid, r, cols, title)
            if resume is None:
                break
            repeats.extend(range(r, resume))
            r = resume
            continue
        last = r
        r += 1
    return last, [x for x in repeats if x <= last]


_LOOKAHEAD = 8  # rows a repeated title / unit line / indicator header may take


def _continuation(grid: Grid, r: int, cols: dict[int, str], title: str) -> int | None:
    """The row where the indicator rows go on after a repeated title (and unit line, repeated
    indicator header) starting at row ``r``; None when a new form starts there instead.

    Indicator rows must follow without a header block (项目名称 / 项目编码 / 绩效目标 …); a
    different title followed by an indicator header is a new form with no header block."""
    new_title = header = False
    limit = min(grid.max_row, r + _LOOKAHEAD)
    while r <= limit:
        single = _single_text(grid, r)
        if grid.is_empty(r) or single is not None and page_note(single):
            r += 1
        elif single is not None and V.looks_like_title(single):
            new_title = new_title or other_title(single, title)
            r += 1
        elif (found := _header(grid, r)) is not None:
            header = True
            r = found[1]
        elif is_unit_row(grid.row_texts(r)):
            r += 1
        elif _is_form_label_row(grid, r) or any(V.group_field(t) for t in grid.row_texts(r)):
            return None
        elif _is_indicator_row(grid, r, cols):
            return None if header and new_title else r
        else:
            return None
    return None


def _is_indicator_row(grid: Grid, r: int, cols: dict[int, str]) -> bool:
    """Texts in the block's columns: two or more, or one right of the first column (a row
    that is one paragraph across the sheet is not an indicator)."""
    first = min(cols)
    texts = [(c, t) for c, t in grid.cells(r) if t]
    if not texts or any(c not in cols for c, _ in texts):
        return False
    return len(texts) >= 2 or texts[0][0] != first


def _form_start(grid: Grid, lo: int, header_row: int) -> int:
    """The first row of the form whose indicator header is ``header_row``: its title row, or
    the first labelled row after the previous form."""
    title_row = None
    for r in range(header_row - 1, lo - 1, -1):
        t = _single_text(grid, r)
        if t and V.looks_like_title(t):
            title_row = r
            break
    if title_row is not None:
        return title_row
    first = header_row
    for r in range(lo, header_row):
        if any(t and (V.header_field(t) or V.group_field(t) or V.unit_label(t))
               for _, t in grid.cells(r)):
            first = r
            break
    return first


def _read_form(grid: Grid, start: int, hr: int, cols: dict[int, str], data: int,
               end: int, repeats: list[int] = ()) -> FoundForm:
    p = Project()
    v = FormVariant()
    head = read_header(grid, start, hr, p)
    labels, where, unit_texts = head.labels, head.where, head.unit_texts
    # indicator block
    order = sorted(cols)
    v.indicator_columns = [cols[c] for c in order if cols[c] != "side"]
    v.indicator_side_label = any(f == "side" for f in cols.values())
    labels.update(detect_header(grid, hr).labels)  # type: ignore[union-attr]
    prev: Indicator | None = None
    graded = any(f.startswith("grade:") for f in cols.values())
    has_l1, has_l2 = "level1" in cols.values(), "level2" in cols.values()
    skip = set(repeats)
    ind_rows: list[int] = []
    for r in range(data, end + 1):
        if r in skip or _header(grid, r) is not None:
            continue  # a repeated title or header
        vals: dict[str, str] = {}
        filled = False
        for c in order:
            f = cols[c]
            if f == "side":
                continue
            if f in ("level1", "level2"):
                text = grid.at(r, c) if (grid.covered.get((r, c), (0, c))[1] == c) else grid.own(r, c)
            else:
                text = grid.own(r, c)
            vals[f] = text
            if text and (f not in ("level1", "level2") or f == "level2" and grid.own(r, c)
                         or f == "level1" and graded and _in_own_column(grid, r, c, order)):
                filled = True  # a row of its own (second) level is a row even while still empty
        if not filled:
            continue
        ind = indicator_of(vals, graded)
        if prev is not None:
            carry_levels(ind, prev, has_l1, has_l2)
        p.indicators.append(ind)
        ind_rows.append(r)
        prev = ind
    v.labels = labels
    v.rows = list(dict.fromkeys(head.rows))
    p.variant = v
    infer_layout(p)
    if v.layout == "hebei-graded" and not p.name:
        p.name = V.name_from_title(p.title)
    if "title" in where:
        v.title_as_row = grid.bordered(*where["title"])
    v.split = v.split or any(_single_text(grid, x) for x in repeats)
    block = IndicatorBlock(header_row=hr, data_row=data, end=end, repeats=list(repeats), rows=ind_rows,
                           read=[indicator_digest(i) for i in p.indicators],
                           shape=levels_digest(p.indicators),
                           cols={f: c for c, f in cols.items() if f != "side"})
    p.variant = v
    first = start
    place = FormPlace(format="xlsx", sheet=grid.title, first_row=first, last_row=max(end, hr),
                      cells={k: list(pos) for k, pos in where.items()}, block=block,
                      unit_texts=unit_texts, unit_read=p.budget.unit)
    return FoundForm(p, first, max(end, hr), hr, place=place)


def _in_own_column(grid: Grid, r: int, c: int, order: list[int]) -> bool:
    """The cell at (r, c) holds a category of its own within its column: a graded form's
    still-empty starter row shows only that, while a paragraph after the form (六、政府采购…, seed
    003) starts in that column but spans the sheet, and a note (（以上为本部门全部项目）) is no
    category."""
    after = next((x for x in order if x > c), grid.max_col + 1)
    return V.is_category(grid.own(r, c)) and grid.right_edge(r, c) < after


def indicator_digest(ind: Indicator) -> str:
    """A short digest of one indicator row's content (an in-place save rewrites only rows whose
    digest changed)."""
    import hashlib

    raw = "\x1f".join([ind.level1, ind.level2, ind.level3, ind.description, ind.value,
                        ind.value_midterm, ind.basis, ind.note, ind.weight,
                        *(f"{k}={v}" for k, v in sorted((ind.grades or {}).items()))])
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def levels_digest(inds: list[Indicator]) -> str:
    """A digest of the 一级/二级 grouping of an indicator block."""
    import hashlib

    raw = "\x1e".join(f"{i.level1}\x1f{i.level2}" for i in inds)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()
