"""One project's form, read from one or more table grids (header block, then indicator block).

The header block is read label by label: a value label (项目名称, 其中：财政资金, 资金来源 …) takes
the next cell of its row as its value; a group label (预算规模及资金用途, 资金支出计划（%）, 总体目标)
heads cells of its own row (month labels, 中期目标 / 年度目标) whose values are in the row below, or
a row of its own (资金用途 text). Labels are matched normalised; the printed text is kept in
``variant.labels``.
"""
from __future__ import annotations

from perfeditor.forms.grid import Cell, Grid
from perfeditor.forms.layouts import infer_layout
from perfeditor.forms.recognize import ColumnGroups, IndicatorHeader, detect_header, is_unit_row, read_indicators
from perfeditor.forms.vocabulary import (
    GOAL_FIELDS,
    header_label,
    looks_like_title,
    name_from_title,
    unit_label,
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
        self._colgroups = ColumnGroups()

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
    def _read_head(self, grid: Grid, r: int) -> int:
        first = r
        pending: dict[int, tuple[str, str]] = {}
        n = len(grid)
        while r < n:
            if detect_header(grid, r) is not None:
                return r
            cells = grid.row_cells(r)
            own = [c for c in cells if c.row == r]
            lead = cells[0] if cells else None
            if r != first and (self._starts_other(own) or len(own) == 1 and looks_like_title(own[0].text)
                               and own[0].colspan >= grid.width and (self.project.name or self.project.code)):
                return r
            if pending:
                self._take_below(grid, r, pending)
                pending = {}
                r += 1
                continue
            if r == first and self._title_row(grid, own):
                r += 1
                continue
            if self._unit_row(own):
                r += 1
                continue
            if lead is not None and lead.row != r:
                lab = header_label(lead.text)
                if lab is not None and lab.field in ("group:purpose", "group:goals") \
                        and own and all(header_label(c.text) is None for c in own):
                    target = "purpose" if lab.field == "group:purpose" else "goals"
                    self._set(target, "\n".join(c.text for c in own if c.text), None,
                              own[0] if len(own) == 1 else None)
                    r += 1
                    continue
            pending = self._pairs(own)
            r += 1
        return r

    def _starts_other(self, own: list[Cell]) -> bool:
        for c in own[:2]:
            lab = header_label(c.text)
            if lab is not None and lab.field in ("name", "code"):
                field = lab.field
                return bool(getattr(self.project, field))
        return False

    def _title_row(self, grid: Grid, own: list[Cell]) -> bool:
        if len(own) == 1 and own[0].colspan >= grid.width and looks_like_title(own[0].text):
            self.project.title = own[0].text
            self.project.variant.title_as_row = True
            return True
        return False

    def _unit_row(self, own: list[Cell]) -> bool:
        if not is_unit_row([c.text for c in own]):
            return False
        markers = [c for c in own if unit_label(c.text)]
        marker = markers[0].text
        self.project.budget.unit = unit_label(marker) or "万元"
        self.project.variant.labels["unit_marker"] = marker
        rest = [c.text for c in own if c is not markers[0] and c.text]
        if rest:
            self._set("unit", "\n".join(rest), None)
        return True

    def _pairs(self, own: list[Cell]) -> dict[int, tuple[str, str]]:
        """Read label · value pairs of one row; returns columns whose values are in the next row."""
        below: dict[int, tuple[str, str]] = {}
        i = 0
        while i < len(own):
            c = own[i]
            lab = header_label(c.text)
            if lab is None:
                i += 1
                continue
            if lab.kind == "group":
                self.project.variant.labels[lab.field] = c.text
                if lab.field == "group:plan":
                    self.project.variant.labels["spending_plan"] = c.text
                    for m in own[i + 1:]:
                        below[m.col] = ("plan", m.text)
                    return below
                if lab.field == "group:goals":
                    rest = own[i + 1:]
                    if rest and all((header_label(m.text) or _NO).field in GOAL_FIELDS for m in rest):
                        for m in rest:
                            f = header_label(m.text).field  # type: ignore[union-attr]
                            self.project.variant.labels[f] = m.text
                            below[m.col] = (f, m.text)
                        return below
                    if not rest:
                        below[-1] = ("goals", "")
                i += 1
                continue
            field = lab.field
            if field in GOAL_FIELDS:
                nxt = own[i + 1] if i + 1 < len(own) else None
                if nxt is None or (header_label(nxt.text) or _NO).field in GOAL_FIELDS:
                    self.project.variant.labels[field] = c.text
                    below[c.col] = (field, c.text)
                    i += 1
                    continue
            field = self._colgroups.field(field, c.col)
            cell = own[i + 1] if i + 1 < len(own) else None
            self._set(field, cell.text if cell is not None else "", c.text, cell)
            i += 2
        return below

    def _take_below(self, grid: Grid, r: int, pending: dict[int, tuple[str, str]]) -> None:
        row = grid.rows[r]
        if -1 in pending:  # 总体目标 alone: the goals fill the row below
            own = [c for c in grid.row_cells(r) if c.row == r]
            self._set("goals", "\n".join(c.text for c in own if c.text), None,
                      own[0] if len(own) == 1 else None)
            return
        for col, (target, label) in pending.items():
            cell = row[col] if col < len(row) else None
            own = cell is not None and cell.row == r
            text = cell.text if own else ""
            if target == "plan":
                self.project.spending_plan[label] = text
                if self.where is not None and own:
                    self.where[f"plan:{label}"] = (cell, grid)
            else:
                self._set(target, text, None, cell if own else None)

    def _set(self, field: str, value: str, label: str | None, cell: Cell | None = None) -> None:
        p = self.project
        if field.startswith("budget."):
            setattr(p.budget, field[7:], value)
        elif hasattr(p, field):
            setattr(p, field, value)
        else:
            return
        if self.where is not None:
            if cell is not None:
                self.where[field] = (cell, self._grid)
            else:
                self.where.pop(field, None)
        if label is not None:
            p.variant.labels[field] = label
        if field in _ROW_FIELDS and field not in p.variant.rows:
            p.variant.rows.append(field)


class _No:
    field = ""


_NO = _No()
