"""Finding the forms of a file, whatever its format, and reading each into a :class:`Project`.

One reader (:class:`TableForm`) reads a form from a grid's row on: the header block (read by
label, :mod:`perfeditor.forms.header`) down to the indicator header, then the indicator block to its
end (:func:`perfeditor.forms.recognize.read_indicators`: a split form's repeated title / header
passed over). Forms are found in a sheet-like grid (an .xlsx sheet: :func:`find_forms`, by their
indicator headers, each starting at its title row or first label) or in a body of paragraphs and
tables (a .docx: :class:`BodyForms`: a table with a header block starts a form, the title the
paragraph above; a table with only an indicator block continues it). The grid is anything
offering ``row_cells(r)``, ``memo`` and ``len()`` (:mod:`perfeditor.forms.grid`); what is read
says where each value and row sits, for the format's source map.
"""
from __future__ import annotations

from perfeditor.forms import vocabulary as V
from perfeditor.forms.grid import Rows
from perfeditor.forms.header import HeaderBlock, read_header
from perfeditor.forms.layouts import infer_layout
from perfeditor.forms.recognize import (
    IndicatorHeader,
    detect_header,
    header_at,
    is_repeat_text,
    read_indicators,
)
from perfeditor.model import Project


def find_forms(grid, title_in_table=None) -> list["TableForm"]:
    """The forms of a sheet-like ``grid`` top to bottom, each found by its indicator header.
    ``title_in_table(r, c)``: the title found at (r, c) is a row of the form's table (an .xlsx
    cell with borders); by default it is not."""
    g = Rows.of(grid)
    forms: list[TableForm] = []
    prev_end = -1
    r = 0
    while r < g.n:
        found = header_at(grid, g, r)
        if found is None:
            r += 1
            continue
        start = _form_start(g, prev_end + 1, r)
        forms.append(form := _read_form(grid, g, start, r, title_in_table))
        prev_end = form.end
        r = form.end + 1
    return forms


def _form_start(g: Rows, lo: int, header_row: int) -> int:
    """The first row of the form whose indicator header is ``header_row``: its title row, or
    the first labelled row after the previous form."""
    for r in range(header_row - 1, lo - 1, -1):
        if (t := g.single(r)) and V.looks_like_title(t):
            return r
    return next((r for r in range(lo, header_row)
                 if any(V.header_field(t) or V.group_field(t) or V.unit_label(t) for t in g.texts(r))), header_row)


def _read_form(grid, g: Rows, start: int, hr: int, title_in_table) -> "TableForm":
    form = TableForm()
    stop = form.read_grid(grid, start)
    p = form.project
    p.variant.rows = list(dict.fromkeys(form.head.rows))  # type: ignore[union-attr]
    finish(p, form.header)
    if "title" in form.head.where:  # type: ignore[union-attr]
        p.variant.title_as_row = title_in_table is not None and title_in_table(*form.head.where["title"])
    p.variant.split = any(g.single(x) for x in form.repeats)
    form.first_row, form.header_row, form.end = start, hr, stop - 1
    return form


def finish(p: Project, header: IndicatorHeader | None) -> Project:
    """The project read, completed: its indicator columns and their labels, its layout, and a
    form without a 项目名称 row named after its title."""
    v = p.variant
    if header is not None:
        v.indicator_columns = header.columns
        v.indicator_side_label = header.side
        v.labels.update(header.labels)
    infer_layout(p)
    if not p.name and p.title:
        p.name = V.name_from_title(p.title)
    return p


# -- a body of paragraphs and tables (a .docx) -------------------------------------------------------

#: The fields a mof-project form's optional rows stand for (``variant.rows``).
_ROW_FIELDS = ("kind", "period", "implementer", "source", "budget.superior", "budget.local", "budget.midterm_total",
               "budget.midterm_fiscal", "budget.midterm_other", "goals_midterm")


def has_project_labels(grid, header: IndicatorHeader | None) -> bool:
    """The grid holds a form's header block: with an indicator header below, a 项目名称 /
    项目编码 / 绩效目标 label; without one, at least three different labels, 项目名称 among them,
    or only the 绩效目标 row (kept only if its indicator table follows: see :class:`BodyForms`)."""
    stop = len(grid) if header is None else header.row
    g = Rows.of(grid)
    found = {lab.field for r in range(stop) for c in g.own(r) if (lab := V.header_label(c.text)) is not None}
    key = {"name", "code", "goals", "group:goals"} & found
    if header is not None:
        return bool(key)
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
        own = g.own(r)
        fields = {f for c in own[:2]
                  if (f := V.header_field(c.text)) in ("name", "code") and g.text(r, c.col + c.colspan)}
        single = g.single(r)
        if fields & seen or seen and r > first and single and V.looks_like_title(single):
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
        #: Per grid holding indicator rows: the row of its first indicator, how many it holds.
        self.tables: list[tuple[int, int]] = []
        #: In a sheet: its first row (title or first label), indicator header row, last row.
        self.first_row = self.header_row = self.end = 0

    def read_grid(self, grid, start: int = 0) -> int:
        """Read ``grid`` from row ``start``; returns the row where this project ends."""
        self.width, r = getattr(grid, "width", 0), start
        if self.header is None:
            r = self._read_head(grid, r)
            if r >= len(grid):
                return r
            self.header = detect_header(grid, r)
            if self.header is None:
                return r
            r = self.header.end
        else:
            again = detect_header(grid, r)
            if again is not None:
                self.header = again
                r = again.end
        last = self.project.indicators[-1] if self.project.indicators else None
        cells: list | None = None if self.where is None else []
        inds, r = read_indicators(grid, r, self.header, last, cells, self.project.title, self.repeats, self.rows)
        if cells:
            for k, found in enumerate(cells, len(self.project.indicators)):
                for f, cell in found.items():
                    self.where[(k, f)] = (cell, grid)  # type: ignore[index]
        self.project.indicators.extend(inds)
        if inds:
            self.tables.append((self.rows[-len(inds)], len(inds)))
        return r

    def _read_head(self, grid, first: int) -> int:
        p = self.project
        head = self.head = read_header(grid, first, _head_end(grid, first), p)
        v = p.variant
        if "title" in head.where:
            v.title_as_row = True
        v.labels.update(head.labels)
        v.rows.extend(f for f in dict.fromkeys(head.rows) if f in _ROW_FIELDS and f not in v.rows)
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
    (``str``) or a table's grid. A form starts at a table with a header block (its title the
    paragraph right above); a table with only an indicator block continues the form before it (a
    second table, or a table split over pages with a repeated title between); several forms may
    follow each other inside one table. ``other(grid)``: the table is something else (a
    department table): it ends the form before it and is listed in ``others``."""

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
            p = finish(form.project, form.header)
            if not p.indicators and not (p.name or p.code or p.goals):
                continue
            yield form, p

    def _is_repeat(self, t: str) -> bool:
        return self.current is not None and is_repeat_text(t, self.current.project.title)

    def _title(self) -> tuple[str, list[int]]:
        """The title paragraph right above the table (blank paragraphs skipped)."""
        for i in reversed(self.since):
            t = self.texts[i]
            if not t:
                continue
            if V.looks_like_title(t):
                return t, [i]
            break
        return "", []

    def _table(self, i: int, grid) -> None:
        if len(grid) == 0:
            return
        if self.other is not None and self.other(grid):
            self.others.append((i, grid))
            self.current = None
            return
        header = next((h for r in range(len(grid)) if (h := detect_header(grid, r)) is not None), None)
        starts = has_project_labels(grid, header)
        cur = self.current
        if not starts and cur is not None and (header is not None or self._headerless_continuation(grid, cur)):
            if cur.header is None:
                cur.project.variant.two_tables = True
            else:
                cur.project.variant.split = True
            cur.blocks.extend([*self.since, i])
            r = cur.read_grid(grid, header.row if header is not None else 0)
            if r < len(grid):  # a second form in the same table (stacked forms)
                self._new_forms(i, grid, r, title="")
            return
        if not starts and header is None:
            self.current = None
            return  # not a performance form
        self._new_forms(i, grid, 0 if starts else header.row)  # type: ignore[union-attr]

    def _new_forms(self, i: int, grid, start: int, title: str | None = None) -> None:
        """The forms of table ``i`` from row ``start`` on: one after the other (stacked forms,
        thousands in one table), in a loop rather than by recursion."""
        while True:
            if title is None:
                title, tblocks = self._title()
            else:
                tblocks = []
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
        if cur.header is None or grid.width != cur.width:
            return False
        return not any(self.texts[j] and not self._is_repeat(self.texts[j]) for j in self.since)
