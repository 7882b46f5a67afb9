"""Recognition shared by every format: a form's indicator block read from a cell grid.

The header row is found by its labels (一级指标 · 二级指标 · 三级指标 · 绩效指标描述 · 指标值 …, or
绩效指标分类 · 绩效指标 · … over 优 · 良 · 中 · 差), wherever it sits; a second header row under it
(优/良/中/差, 中期/年度) refines the columns it spans. mof-project's leading 绩效指标 column (left of
一级指标) is a side label, not a field. Any grid of :mod:`perfeditor.forms.grid` is read alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from perfeditor.forms import vocabulary as V
from perfeditor.forms.grid import Grid, Rows
from perfeditor.model import Indicator, Project
from perfeditor.model.document import GRADES

_CORE = {"level1", "level2", "level3", "description", "value", "value_midterm"}


@dataclass
class IndicatorHeader:
    """Where the header is and which grid column holds which field."""

    row: int                       # first header row
    end: int                       # first row after the header
    cols: dict[int, str]           # grid column → field, in column order
    labels: dict[str, str] = field(default_factory=dict)  # "col:<field>" / "side" → printed text
    side: bool = False             # a leading 绩效指标 column is present
    side_col: int | None = None    # its grid column
    edge: int = 0                  # the column after its last cell: the form's table ends there

    @property
    def columns(self) -> list[str]:
        return [self.cols[c] for c in sorted(self.cols)]

    @property
    def all_cols(self) -> dict[int, str]:
        """Column → field, the side column's as ``side``, in column order."""
        return dict(sorted([*self.cols.items(), *([(self.side_col, "side")] if self.side else [])]))


def detect_header(grid: Grid, r: int) -> IndicatorHeader | None:
    """The indicator header starting at row ``r``, or None when row ``r`` is not one."""
    key = ("header", r)
    if key not in grid.memo:
        grid.memo[key] = _detect_header(grid, r)
    return grid.memo[key]


def _detect_header(grid: Grid, r: int) -> IndicatorHeader | None:
    cells = grid.row_cells(r)
    if _MARK_SEARCH("".join([c.text for c in cells])) is None:
        return None  # no 一级指标 / 三级指标 (each holds one of KIND_CHARS' marks): values not normalised
    if r and not hasattr(grid, "rows"):  # a sheet's cells of row r start there: add those merged down into it
        cells = sorted([*cells, *(c for c in grid.row_cells(r - 1) if c.rowspan > 1)], key=lambda c: c.col)
    found = [(c, V.indicator_label(c.text)) for c in cells]
    known = {f for _, f in found}
    if "level1" not in known and "level3" not in known or len(known & _CORE) < 2:
        return None
    first_level = min((c.col for c, f in found if f == "level1"), default=None)
    cols: dict[int, str] = {}
    labels: dict[str, str] = {}
    side_col = None
    for c, f in found:
        if f == "side":
            if first_level is not None and c.col < first_level:
                side_col = c.col
                labels["side"] = c.text
                continue
            f = "level3"
        if f is None or f in cols.values():
            continue
        if f.startswith("group:"):
            labels[f.replace("group:", "col:group:")] = c.text
            continue
        cols[c.col] = f
        labels[f"col:{f}"] = c.text
    end = r + 1
    edge = max(c.col + c.colspan for c, f in found if f or not c.text)  # (not a note right of it)
    if r + 1 < len(grid):
        sub = [(c, V.indicator_label(c.text)) for c in grid.row_cells(r + 1) if c.row == r + 1 and c.col < edge]
        if sub and all(f and not f.startswith("group:") and f != "side" for _, f in sub):
            for c, f in sub:
                if f in ("value", "value_midterm") or f.startswith("grade:") or f not in cols.values():
                    cols = {k: v for k, v in cols.items() if not (k == c.col or v == f)}
                    cols[c.col] = f
                    labels[f"col:{f}"] = c.text
                    # the header cell over it: 评价标准 over 优 · 良 …, 指标值 over 中期 · 年度
                    over = next((x for x in cells if x.col <= c.col < x.col + x.colspan), None)
                    if f.startswith(("grade:", "value")) and over is not None and (over.col != c.col or over.text):
                        labels["col:group:grades" if f.startswith("grade:") else "col:value_group"] = over.text
            end = r + 2
    if not cols:
        return None
    return IndicatorHeader(r, end, dict(sorted(cols.items())), labels, side_col is not None, side_col, edge)


def other_title(text: str, title: str) -> bool:
    """``text`` is a form title (``2、…绩效目标表``) and not the one of the form being read."""
    return V.looks_like_title(text) and V.norm(text) != V.norm(title)


def read_indicators(grid: Grid, start: int, header: IndicatorHeader,
                    previous: Indicator | None = None, cells: list | None = None, title: str = "",
                    repeats: list[int] | None = None, rows: list[int] | None = None,
                    merges: list | None = None) -> tuple[list[Indicator], int]:
    """Indicator rows from ``start`` (each read by :func:`row_values`) to the block's end
    (:func:`_block_step`, the one rule for tables and sheets); returns them and the row where
    reading stopped. Rows a split form repeats go to ``repeats``; with ``cells``, one dict per
    indicator is appended to it: field → the Cell its value came from (values filled from the row
    above are not from a cell); with ``rows``, its row; with ``merges``, each cell of a field other
    than 一级/二级 merged down over several indicators (read on its first only) as
    ``(field, first, last)`` indexes of the indicators read here."""
    out: list[Indicator] = []
    cells, rows, merges = ([] if x is None else x for x in (cells, rows, merges))
    cols = header.all_cols
    plan = row_plan(list(cols.items()))
    graded = any(f.startswith("grade:") for f in header.cols.values())
    has_l1, has_l2 = "level1" in header.cols.values(), "level2" in header.cols.values()
    g = Rows.of(grid)
    step = _block_step(grid, g, cols, title, [] if repeats is None else repeats, header.edge)
    last = previous
    blank: list[int] = []  # rows without text since the last indicator: indicators if one follows
    down: dict[str, list] = {}  # field → [first, last indicator, the merged cell's last row]

    def add(r: int, read: tuple[dict, dict, bool]) -> None:  # the indicator of row r
        nonlocal last
        vals, found, _ = read
        ind = indicator_of(vals, graded)
        if last is not None:
            carry_levels(ind, last, has_l1, has_l2)
        for f in ("level1", "level2"):
            if f in found and getattr(ind, f) != vals[f]:
                del found[f]  # filled from the row above
        cells.append(found)
        rows.append(r)
        k = len(out)
        for f, run in list(down.items()) if down else ():  # a run merged down goes on while its cell covers the row
            if r <= run[2] and f not in found:
                run[1] = k
            else:
                del down[f]
                if run[1] > run[0]:
                    merges.append((f, run[0], run[1]))
        for f, cell in found.items():  # a cell starting in the row and spanning down starts one
            if cell.rowspan > 1 and cell.row == r and f not in ("level1", "level2"):  # type: ignore[attr-defined]
                down[f] = [k, k, r + cell.rowspan - 1]  # type: ignore[attr-defined]
        out.append(ind)
        last = ind

    r = start
    while r < g.n:
        go = step(r)
        if go is None:
            break
        if go != r:
            if go > r and not row_kind(g, r)[1]:
                blank.extend(range(r, go))  # blank rows inside the block
            else:
                blank = []  # a note or a split form's repeated rows: blank rows above are padding
            r = go
            continue
        read = row_values(g, r, plan)
        r += 1
        if not read[2]:
            if not row_kind(g, r - 1)[1]:
                blank.append(r - 1)
            continue
        for b in blank:  # an empty row between indicators is one (a clerk's row still to fill in)
            add(b, row_values(g, b, plan))
        blank = []
        add(r - 1, read)
    merges.extend((f, a, b) for f, (a, b, _) in down.items() if b > a)
    return out, r


_MARKS = ("level1", "level3", "side")  # one of these is in every indicator header
_LOOKAHEAD = 8  # rows a repeated title / unit line / indicator header may take


#: A character every label of its kind holds (norm only drops characters): texts without one are
#: no such label, found without normalising them (tests/forms/test_recognize.py checks the labels).
KIND_CHARS = ("目部单效", "表报", "指标级")
#: (found by a character class: a set tested against a text makes an object of each character)
_KIND_FIND = re.compile(f"[{''.join(KIND_CHARS)}]").findall
_KIND_SETS = tuple(map(frozenset, KIND_CHARS))
_MARK_SEARCH = re.compile(f"[{KIND_CHARS[2]}]").search


@lru_cache(maxsize=1 << 16)
def _kind(t: str) -> int:
    """What a cell's text may make its row: 1 a header-block row (项目名称, 项目编码, 单位, 绩效目标,
    单位：万元: indicator rows never hold one), 2 a title row, 4 an indicator header."""
    chars = frozenset(_KIND_FIND(t))
    if not chars:
        return 0
    block, title, mark = (not chars.isdisjoint(x) for x in _KIND_SETS)
    return (block and (V.header_field(t) in ("code", "name", "unit", "goals") or V.unit_label(t) is not None) and 1) \
        | (title and V.looks_like_title(t) and 2) | (mark and V.indicator_label(t) in _MARKS and 4)


def row_kind(g: Rows, r: int, edge: int | None = None) -> tuple[int, int]:
    """The kinds of row ``r``'s texts (:func:`_kind`, or-ed together) and how many texts it has;
    with ``edge``, of its cells left of that column (a note right of a form's table is not its)."""
    kind = 0
    texts = g.texts(r)
    if edge is not None and (own := g.own(r)) and own[-1].col >= edge:
        texts = [c.text for c in own if c.text and c.col < edge]
    for t in texts:
        kind |= _kind(t)
    return kind, len(texts)


def is_repeat_text(t: str, title: str) -> bool:
    """A text between the parts of a form split over pages: a title (its own, repeated, or
    another's), ``续表`` / ``（续）`` / ``第 2 页``."""
    return V.looks_like_title(t) or "续" in t and len(t) <= 10 or V.norm(t) == V.norm(title) or page_note(t)


def _block_step(grid, g: Rows, cols: dict[int, str], title: str, repeats: list[int], edge: int):
    """Where an indicator block goes on (the step of :func:`read_indicators`, for tables and sheets
    alike): the row to read next, None when the block ends before row ``r``. It ends at a blank row
    that no indicator row follows, at a note across the block, or at a title / labelled / header
    row that does not repeat the form's over a page break (those rows go to ``repeats``)."""
    first, last = min(cols), max(cols)
    read = -1  # the last indicator row

    def step(r: int) -> int | None:
        nonlocal read
        kind, n = row_kind(g, r, edge)
        if not n:
            if any((x := g.covered_from_above(r, c)) is not None and x.text for c in cols):
                return r  # a row of cells merged down from above
            nxt = r + 1
            while nxt < g.n and not g.texts(nxt):
                nxt += 1
            return nxt if nxt < g.n and _is_indicator_row(g, nxt, cols) and not _unframed(grid, read, nxt, cols) \
                else None
        if SIGN_OFF.match(g.texts(r)[0]):
            return None  # 填表人：… 联系电话：… below the form
        if kind & 3 or kind & 4 and detect_header(grid, r) is not None:  # a label / title / header row
            resume = _continuation(grid, g, r, cols, title)
            repeats.extend(range(r, resume or r))  # (none when a new form starts there)
            return resume
        if n == 1 and len(own := g.own(r)) == 1 and own[0].col <= first \
                and own[0].col + own[0].colspan > last:
            return r + 1  # a note across the block
        read = r
        return r

    return step


#: The sign-off under a form (填表人：, 单位负责人：, 联系电话：, 填报日期：, 单位（盖章）:): no indicator row
#: starts with one. (A note, 注：…, across the block is passed over: indicator rows may follow it.)
SIGN_OFF = re.compile(r"\s*(?:(?:单位|部门|财务|分管|主管)?(?:负责人|领导)|填表人?|填报人?|制表人?|审核人?"
                      r"|经办人|联系人|(?:联系)?电话|(?:填报|填表|报送|制表)日期"
                      r"|(?:填报|报送)?单位\s*[（(](?:盖章|公章)[)）])\s*(?:[:：]|$)")


def _unframed(grid, above: int, r: int, cols: dict[int, str]) -> bool:
    """Row ``r`` of a sheet has no border in the block's columns while row ``above`` (the last
    indicator row, above blank rows) has: a count or another table under the form, not an indicator."""
    bordered = getattr(getattr(grid, "grid", grid), "bordered", None)
    return bordered is not None and any(bordered(above, c) for c in cols) and not any(bordered(r, c) for c in cols)


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
        if not texts or single is not None and is_repeat_text(single, title):
            new_title = new_title or bool(single) and other_title(single, title)
            r += 1
        elif row_kind(g, r)[0] & 4 and (found := detect_header(grid, r)) is not None:
            header = True
            r = found.end
        elif any(V.unit_label(t) for t in texts) and not any(V.header_label(t) or V.looks_like_title(t) for t in texts):
            r += 1  # a row naming the amounts' unit (单位：万元, beside the unit's name)
        elif row_kind(g, r)[0] & 3 or any(V.group_field(t) for t in texts) or not _is_indicator_row(g, r, cols):
            return None  # a header block's row, or no indicator row
        else:
            return None if header and new_title else r
    return None


def _is_indicator_row(g: Rows, r: int, cols: dict[int, str]) -> bool:
    """Texts in the block's columns: two or more, or one right of the first column (a row
    that is one paragraph across the sheet is not an indicator)."""
    texts = [(c, t) for c, t in g.cells(r) if t]
    return bool(texts) and all(c in cols for c, _ in texts) and (len(texts) >= 2 or texts[0][0] != min(cols))


def row_plan(cols: list[tuple[int, str]]) -> tuple[list[tuple[int, str, bool, int | None]], set[int]]:
    """What :func:`row_values` reads of each row, from the block's (column, field) pairs in column
    order (``side`` included): (column, field, a 一级/二级 field, the next column), and the
    fields' columns."""
    return ([(c, f, f in ("level1", "level2"), cols[i + 1][0] if i + 1 < len(cols) else None)
             for i, (c, f) in enumerate(cols) if f != "side"], {c for c, _ in cols})


def row_values(g: Rows, r: int, plan) -> tuple[dict, dict, bool]:
    """One indicator row's values (field → text), the cells they were read from (field → Cell),
    and whether the row is an indicator: the one rule for every format (``plan``: :func:`row_plan`).

    A field's text is the cell covering its column in row ``r``, unless that cell starts in
    another field's column (it is that field's). A cell merged down from an earlier row gives its
    text to 一级/二级 (their grouping) but to no other field (it is its first row's). A row is an
    indicator when a cell starting in it holds text: a 一级/二级 merged from above does not make
    one, a row's own 二级 (or 一级 category alone in its column: a graded form's still-empty
    starter row shows only that, while a paragraph after the form starts in that column but spans
    the sheet, and a note is no category) does, even while the rest is still empty."""
    vals: dict[str, str] = {}
    found: dict[str, object] = {}
    filled = False
    entries, fields = plan
    at = g.columns(r)
    width = len(at)
    for c, f, level, nxt in entries:
        cell = at[c] if c < width else None
        if cell is None and level:
            cell = g.covered_from_above(r, c)
        if cell is None or cell.col != c and cell.col in fields or cell.row != r and not level:
            vals[f] = ""
            continue
        vals[f] = text = cell.text
        found[f] = cell
        if text and not filled and cell.row == r and (
                not level or f == "level2"
                or cell.col == c and V.is_category(text) and (nxt is None or c + cell.colspan <= nxt)):
            filled = True
    return vals, found, filled


def indicator_of(vals: dict[str, str], graded: bool) -> Indicator:
    """The indicator of one row's values (field → text; ``grade:优`` … for the graded form's
    standards, every grade present when ``graded``)."""
    if graded:
        ind = Indicator(**{k: v for k, v in vals.items() if not k.startswith("grade:")})
        ind.grades = {g: vals.get(f"grade:{g}", "") for g in GRADES}
        return ind
    return Indicator(**vals)


def carry_levels(ind: Indicator, last: Indicator, has_l1: bool, has_l2: bool) -> None:
    """A row that leaves its 一级 / 二级 cell empty (or merged into the row above) belongs to the
    previous row's: 一级 is filled from it, 二级 too while 一级 stays the same."""
    same_first = has_l1 and ind.level1 in ("", last.level1)
    if has_l1 and not ind.level1:
        ind.level1 = last.level1
    if has_l2 and not ind.level2 and same_first:
        ind.level2 = last.level2


def levels_read_as_above(project: Project, cols: list[str]) -> list[tuple[int, str, str]]:
    """The 一级 / 二级 a form written with indicator columns ``cols`` cannot keep empty: a row
    that leaves them empty reads as the row above's (:func:`carry_levels`: real files mean "same
    as above" by an empty cell). (indicator index, field, the text it reads back with) for each."""
    has_l1, has_l2 = "level1" in cols, "level2" in cols
    out: list[tuple[int, str, str]] = []
    last: Indicator | None = None
    for k, ind in enumerate(project.indicators):
        read = Indicator(level1=ind.level1, level2=ind.level2)
        if last is not None:
            carry_levels(read, last, has_l1, has_l2)
            out += [(k, f, getattr(read, f)) for f in ("level1", "level2")
                    if not getattr(ind, f) and getattr(read, f)]
        last = read
    return out


def page_note(text: str) -> bool:
    """``续表`` / ``（续）`` / ``第 2 页`` between the parts of a form split over pages."""
    k = V.norm(text)
    return k in ("", "续表", "续", "续上表") or (k.startswith("第") and k.endswith("页") and len(k) <= 10)
