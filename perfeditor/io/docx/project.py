"""One project's form, read from one or more table grids (header block, then indicator block).

Both blocks are recognised by the shared form layer (:mod:`perfeditor.forms.header`,
:mod:`perfeditor.forms.recognize`); what is left here is the .docx side: where a table's header
block ends (another form's labels or title row), its title row (full width, first row), and which
grid cell each value was read from (for in-place saves).
"""
from __future__ import annotations

from perfeditor.forms.grid import Cell, Grid
from perfeditor.forms.header import read_header
from perfeditor.forms.layouts import infer_layout
from perfeditor.forms.recognize import IndicatorHeader, detect_header, read_indicators
from perfeditor.forms.vocabulary import (
    header_label,
    looks_like_title,
    name_from_title,
)
from perfeditor.model import Project

#: The fields a mof-project form's optional rows stand for (``variant.rows``).
_ROW_FIELDS = ("kind", "period", "implementer", "source", "budget.superior", "budget.local",
               "budget.midterm_total", "budget.midterm_fiscal", "budget.midterm_other",
               "goals_midterm")


def has_project_labels(grid: Grid, header: IndicatorHeader | None) -> bool:
    """The grid holds a form's header block: with an indicator header below, a 项目名称 /
    项目编码 / 绩效目标 label; without one, at least three different labels, 项目名称 among them,
    or only the 绩效目标 row (kept only if its indicator table follows: see the reader)."""
    stop = len(grid) if header is None else header.row
    found: set[str] = set()
    for r in range(stop):
        for c in grid.row_cells(r):
            if c.row == r:
                lab = header_label(c.text)
                if lab is not None:
                    found.add(lab.field)
    key = {"name", "code", "goals", "group:goals"} & found
    if header is not None:
        return bool(key)
    if found and found <= {"goals", "group:goals", "goals_midterm"} and "goals" in found:
        return True  # a header block of its own (hebei-graded written as two tables)
    return bool({"name", "code"} & found) and len(found) >= 3


def first_header(grid: Grid) -> IndicatorHeader | None:
    for r in range(len(grid)):
        h = detect_header(grid, r)
        if h is not None:
            return h
    return None


class ProjectReader:
    """Accumulates one project over the tables (parts) its form spans."""

    def __init__(self, title: str = "", track: bool = False) -> None:
        self.project = Project(title=title)
        #: With ``track``: which grid cell each value was read from (in-place saves patch it):
        #: field (``name``, ``budget.total``, ``plan:<month>``) or ``(index, field)`` →
        #: ``(Cell, Grid)``.
        self.where: dict | None = {} if track else None
        self._grid: Grid | None = None
        self.header: IndicatorHeader | None = None
        self.blocks: list[int] = []
        self.parts = 0
        self.width = 0

    # -- public -----------------------------------------------------------------------------
    def read_grid(self, grid: Grid, start: int = 0) -> int:
        """Read ``grid`` from row ``start``; returns the row where this project ends."""
        self.parts += 1
        self.width = grid.width
        self._grid = grid
        r = start
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
        inds, r = read_indicators(grid, r, self.header, last, cells, self.project.title)
        if cells:
            base = len(self.project.indicators)
            for k, found in enumerate(cells, base):
                for f, cell in found.items():
                    self.where[(k, f)] = (cell, grid)  # type: ignore[index]
        self.project.indicators.extend(inds)
        return r

    def finish(self) -> Project:
        p = self.project
        v = p.variant
        if self.header is not None:
            v.indicator_columns = self.header.columns
            v.indicator_side_label = self.header.side
            v.labels.update(self.header.labels)
        infer_layout(p)
        if not p.name and p.title:
            p.name = name_from_title(p.title)
        return p

    # -- header block ------------------------------------------------------------------------
    def _read_head(self, grid: Grid, first: int) -> int:
        p = self.project

        def ends(r: int, is_first: bool) -> bool:
            if detect_header(grid, r) is not None:
                return True
            if is_first:
                return False
            own = [c for c in grid.row_cells(r) if c.row == r]
            return self._starts_other(own) or len(own) == 1 and looks_like_title(own[0].text) \
                and own[0].colspan >= grid.width and bool(p.name or p.code)

        def title(r: int, own: list[Cell]) -> bool:
            return r == first and len(own) == 1 and own[0].colspan >= grid.width and looks_like_title(own[0].text)

        head = read_header(grid, first, len(grid), p, ends, title)
        v = p.variant
        if "title" in head.where:
            v.title_as_row = True
        v.labels.update(head.labels)
        v.rows.extend(f for f in dict.fromkeys(head.rows) if f in _ROW_FIELDS and f not in v.rows)
        if self.where is not None:
            for key, (r, c, *_) in head.where.items():
                if key in head.empty or key in _LABEL_KEYS or key.startswith("unit_in:") or len(head.where[key]) > 2:
                    continue
                cell = grid.rows[r][c] if r < len(grid) and c < grid.width else None
                if cell is not None and cell.row == r and cell.col == c:
                    self.where[key] = (cell, grid)
        return head.end

    def _starts_other(self, own: list[Cell]) -> bool:
        for c in own[:2]:
            lab = header_label(c.text)
            if lab is not None and lab.field in ("name", "code"):
                return bool(getattr(self.project, lab.field))
        return False


_LABEL_KEYS = ("title", "unit_label")
