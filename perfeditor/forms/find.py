"""Finding the forms of a file, whatever its format, and reading each into a :class:`Project`.

One locator (:class:`BodyForms`) reads a body of paragraphs and tables: a .docx body, or an
.xlsx sheet cut by :func:`sheet_body`. One reader (:class:`TableForm`) reads a form from a table's
row on: the header block (by label, :mod:`perfeditor.forms.header`; it ends at the indicator header
or another form's 项目名称 / 项目编码, :func:`_head_end`), then the indicator block to its end
(:func:`perfeditor.forms.recognize.read_indicators`). One rule each, in every format: ``variant.rows``
is every labelled row of the header block; ``variant.title_as_row``, the title is a row of the
form's table (in a sheet, a bordered one: else it is a paragraph above); ``variant.split``, the
indicator block goes on after its title repeated (a paragraph between tables, a row in one).
What is read says where each value and row sits, for the source map.
"""
from __future__ import annotations

from perfeditor.forms import vocabulary as V
from perfeditor.forms.grid import Clip, Rows
from perfeditor.forms.header import HeaderBlock, read_header, row_title
from perfeditor.forms.layouts import infer_layout
from perfeditor.forms.recognize import (
    IndicatorHeader,
    detect_header,
    is_repeat_text,
    other_title,
    read_indicators,
)
from perfeditor.model import Project


class Window:
    """Rows ``first`` … ``stop - 1`` of a sheet-like grid as a table of a body, on the grid's own
    cells and rows (where a value is read is a place on the sheet)."""

    width = 0  # (a sheet has one width)

    def __init__(self, grid, first: int, stop: int) -> None:
        self.grid, self.first, self.stop, self.memo = grid, first, stop, {}

    def __len__(self) -> int:
        return self.stop

    def row_cells(self, r: int) -> list:
        return self.grid.row_cells(r) if r >= self.first else []


def sheet_body(grid, bordered) -> tuple[list, list[int]]:
    """A sheet-like ``grid`` as the blocks of a body, and the first row of each: a row whose only
    text looks like a title, in a cell without borders (``bordered(r, c)``), is a paragraph; each
    run of other rows is a table (a :class:`Window`)."""
    g = Rows.of(grid)
    blocks: list = []
    firsts: list[int] = []
    first = 0
    titles = {r: title for r in range(len(grid)) if (title := row_title(g, r)) and not bordered(r, title[1])
              and not any(V.unit_label(t) for t in g.texts(r))}  # (with 单位：万元 beside: the form reads both)
    for r in [*titles, len(grid)]:
        if first < r:
            blocks.append(Window(grid, first, r))
            firsts.append(first)
        if r < len(grid):
            blocks.append(titles[r][0])
            firsts.append(r)
        first = r + 1
    return blocks, firsts


# -- a body of paragraphs and tables (a .docx) -------------------------------------------------------

def has_project_labels(grid, header: IndicatorHeader | None, start: int | None = None,
                       stop: int | None = None) -> bool:
    """The grid (rows ``start`` … ``stop - 1``, else all) holds a form's header block: with an
    indicator header below, a 项目名称 / 项目编码 / 绩效目标 label; without one, at least three
    different labels, 项目名称 among them, or only the 绩效目标 row (kept only if its indicator
    table follows: see :class:`BodyForms`)."""
    if stop is None:
        stop = len(grid) if header is None else header.row
    g = Rows.of(grid)
    first = getattr(grid, "first", 0) if start is None else start
    found = {lab.field for r in range(first, stop) for c in g.own(r)
             if (lab := V.header_label(c.text)) is not None}
    if header is not None:
        return bool({"name", "code", "goals", "group:goals"} & found)
    if found and found <= {"goals", "group:goals", "goals_midterm"} and "goals" in found:
        return True  # a header block of its own (hebei-graded written as two tables)
    return bool({"name", "code"} & found) and len(found) >= 3


def _head_end(grid, first: int) -> int:
    """Where the header block starting at row ``first`` of a table ends: at the indicator header,
    or where another form's header block starts (项目名称 / 项目编码 labelled again, or a title row
    after them: forms stacked in one table without an indicator block between)."""
    g = Rows.of(grid)
    seen: set[str] = set()
    for r in range(first, len(grid)):
        if detect_header(grid, r) is not None:
            return r
        fields = {f for c in g.own(r)[:2]
                  if (f := V.header_field(c.text)) in ("name", "code") and g.text(r, c.col + c.colspan)}
        if fields & seen or seen and r > first and row_title(g, r):
            return r
        seen |= fields
    return len(grid)


class TableForm:
    """One project read from a grid's row on (header block, then indicator block), over the
    tables (parts) its form spans, and where it was read."""

    def __init__(self, title: str = "", track: bool = False) -> None:
        self.project = Project(title=title)
        #: With ``track``: which grid cell each value was read from: field (``name``,
        #: ``budget.total``, ``plan:<month>``) or ``(index, field)`` → ``(Cell, grid)``.
        self.where: dict | None = {} if track else None
        self.header: IndicatorHeader | None = None
        #: The header block as read (where each value sits, see :class:`HeaderBlock`).
        self.head: HeaderBlock | None = None
        #: The body blocks the form spans (title paragraph, tables, paragraphs between parts).
        self.blocks: list[int] = []
        self.width = 0
        #: The row of each indicator and the rows a split form repeats (of the grid read last).
        self.rows: list[int] = []
        self.repeats: list[int] = []
        #: Per grid holding indicator rows: the grid, the row of its first indicator, how many.
        self.tables: list[tuple[object, int, int]] = []
        #: Cells of a field other than 一级/二级 merged down over indicator rows, read on their
        #: first row only: (field, first, last) indexes into the project's indicators.
        self.merges: list[tuple[str, int, int]] = []
        #: Its first row (title row, else first labelled row), indicator header row, last row.
        self.first_row = self.header_row = self.end = 0

    def read_grid(self, grid, start: int = 0) -> int:
        """Read ``grid`` from row ``start``; returns the row where this project ends."""
        self.width, r = getattr(grid, "width", 0), start
        if self.header is None:
            if self.head is None:
                r = self._read_head(grid, r)
            header = detect_header(grid, r) if r < len(grid) else None
            if header is None:
                self.end = r - 1
                return r
            self.header, self.header_row, r = header, r, header.end
            self.width = min(self.width, header.edge)  # (a note column right of the header block left out)
        elif (again := detect_header(grid, r)) is not None:  # the header repeated over the next part
            self.header = again
            r = again.end
        k = len(self.project.indicators)
        last = self.project.indicators[-1] if k else None
        cells: list = []
        n = len(self.repeats)
        merges: list = []
        inds, r = read_indicators(grid, r, self.header, last, cells, self.project.title, self.repeats, self.rows,
                                  merges)
        if any(Rows.of(grid).single(x) for x in self.repeats[n:]):
            self.project.variant.split = True  # a title repeated over its rows
        self.merges.extend((f, a + k, b + k) for f, a, b in merges)
        if self.where is not None:
            self.where.update(((i, f), (cell, grid)) for i, found in enumerate(cells, k) for f, cell in found.items())
        self.project.indicators.extend(inds)
        if inds:
            self.tables.append((grid, self.rows[-len(inds)], len(inds)))
        self.end = r - 1
        return r

    def _read_head(self, grid, first: int) -> int:
        """Read the header block from row ``first`` to :func:`_head_end`: from its last title row,
        else its first labelled row (rows above are not the form's); returns the row after it."""
        p = self.project
        stop = _head_end(grid, first)
        header = detect_header(grid, stop) if stop < len(grid) else None
        view = grid if header is None else Clip(grid, header.edge)  # notes right of the form's table left out
        g = Rows.of(view)
        title = next((r for r in range(stop - 1, first - 1, -1) if row_title(g, r)), None)
        first = self.first_row = title if title is not None else next((r for r in range(first, stop) if any(
            V.header_label(t) or V.unit_label(t) for t in g.texts(r))), stop)
        head = self.head = read_header(view, first, stop, p)
        v = p.variant
        if "title" in head.where:
            v.title_as_row = True
        v.labels.update(head.labels)
        v.rows.extend(f for f in dict.fromkeys(head.rows) if f not in v.rows)
        if self.where is not None:
            for key, (r, c, *_) in head.where.items():
                if key in head.empty or key in ("title", "unit_label") or key.startswith("unit_in:") \
                        or len(head.where[key]) > 2:
                    continue
                cell = grid.rows[r][c] if r < len(grid) and c < grid.width else None
                if cell is not None and cell.row == r and cell.col == c:
                    self.where[key] = (cell, grid)
        return head.end


class BodyForms:
    """The forms of a body given as its blocks in order: ``blocks[i]`` is a paragraph's text
    (``str``) or a table's grid (a .docx table, a window on a sheet). A form starts at a table with
    a header block (its title the paragraph right above); a table with only an indicator block
    continues the form before it (a second table, or a table split over pages with a repeated
    title between) unless another form's title stands above it (a form without a header block);
    several forms may follow each other inside one table. ``other(grid)``: the table is something
    else (a department table): it ends the form before it and is listed in ``others``."""

    def __init__(self, blocks, track: bool = False, other=None) -> None:
        self.blocks = blocks
        self.track = track
        self.other = other
        self.texts: dict[int, str] = {}  # paragraph index → text
        self.grids: dict[int, object] = {}  # table index → grid (with ``track``)
        self.forms: list[TableForm] = []
        self.others: list[tuple[int, object]] = []  # (index, grid) of the other tables
        self.current: TableForm | None = None
        self.since: list[int] = []  # paragraph indexes since the last table

    def run(self) -> "BodyForms":
        for i, block in enumerate(self.blocks):
            if not isinstance(block, str) and len(block) == 1 and len(cells := block.row_cells(0)) == 1 \
                    and V.looks_like_title(cells[0].text):
                block = cells[0].text  # a title in a box (a table of one cell) stands above its form
            if isinstance(block, str):
                self.texts[i] = block
                self.since.append(i)
                if block and self.current is not None and not self._is_repeat(block):
                    self.current = None  # text between: the form is over
                continue
            if self.track:
                self.grids[i] = block
            self._table(i, block)
            self.since = []
        return self

    def kept(self):
        """(form, project) of the forms read that are projects (not a lone 绩效目标 block, not an
        empty table)."""
        for form in self.forms:
            if form.header is None and not (form.project.name or form.project.code):
                continue  # a lone 绩效目标 table whose indicator block never came
            p, header = form.project, form.header
            if header is not None:  # its indicator columns and their labels, its layout, a name
                p.variant.indicator_columns = header.columns
                p.variant.indicator_side_label = header.side
                p.variant.labels.update(header.labels)
            infer_layout(p)
            if not p.name and p.title:
                p.name = V.name_from_title(p.title)
            if not p.indicators and not (p.name or p.code or p.goals):
                continue
            yield form, p

    def _is_repeat(self, t: str) -> bool:
        return self.current is not None and (is_repeat_text(t, self.current.project.title)
                                             or V.unit_label(t.strip("（）() ")) is not None)  # (单位：万元 again)

    def _title(self) -> tuple[str, list[int]]:
        """The title paragraph right above the table and its index: blank paragraphs skipped, and
        up to two short lines between (单位：万元, 填报单位：…: left where they are, not the form's)."""
        between = 0
        for k in range(len(self.since) - 1, -1, -1):
            t = self.texts[self.since[k]]
            if V.looks_like_title(t):
                return t, [self.since[k]]
            if t and (between == 2 or len(t) > 40 or not (V.unit_label(t.strip("（）() ")) or "：" in t or ":" in t)):
                break
            between += bool(t)
        return "", []

    def _table(self, i: int, grid) -> None:
        first = getattr(grid, "first", 0)  # (a window on a sheet starts further down)
        if len(grid) <= first:
            return
        if self.other is not None and self.other(grid):
            self.others.append((i, grid))
            self.current = None
            return
        header = next((h for r in range(first, len(grid)) if (h := detect_header(grid, r)) is not None), None)
        starts = has_project_labels(grid, header)
        cur = self.current
        if not starts and cur is not None and (  # (another form's title above: a form without a header block)
                not any(other_title(self.texts[j], cur.project.title) for j in self.since) if header is not None
                else self._headerless_continuation(grid, cur)):
            if cur.header is None:
                cur.project.variant.two_tables = True
            else:
                cur.project.variant.split = True
            cur.blocks.extend([*self.since, i])
            r = cur.read_grid(grid, header.row if header is not None else first)
            if r < len(grid):  # a second form in the same table (stacked forms)
                self._new_forms(i, grid, r, title="")
            return
        if not starts and header is None:
            self.current = None
            return  # not a performance form
        self._new_forms(i, grid, first if starts else header.row)  # type: ignore[union-attr]

    def _new_forms(self, i: int, grid, start: int, title: str | None = None) -> None:
        """The forms of table ``i`` from row ``start`` on: one after the other (stacked forms,
        thousands in one table), in a loop rather than by recursion."""
        while True:
            if title is None:
                title, tblocks = self._title()
            else:  # a later form of the table: its header block or indicator header must be there
                tblocks = []
                stop = _head_end(grid, start)
                if (stop >= len(grid) or detect_header(grid, stop) is None) \
                        and not has_project_labels(grid, None, start, stop):
                    return  # (rows after the forms: a table of something else, notes)
            form = TableForm(title, track=self.track)
            form.blocks.extend([*tblocks, i])
            r = form.read_grid(grid, start)
            if tblocks and form.project.variant.title_as_row:  # a heading above, not the form's
                form.blocks = [b for b in form.blocks if b not in tblocks]
            self.forms.append(form)
            self.current = form
            if not start < r < len(grid):
                return
            start, title = r, ""

    def _headerless_continuation(self, grid, cur: TableForm) -> bool:
        return cur.header is not None and grid.width == cur.width \
            and not any(self.texts[j] and not self._is_repeat(self.texts[j]) for j in self.since)
