"""The cell grid of one table, whatever file it came from: what recognition reads.

A :class:`Cell` is one visual cell (where it starts, how far it spans, its text);
``Grid.rows[r][c]`` is the cell covering grid position (r, c). The .docx reader builds one per
``w:tbl``. Any grid that offers ``row_cells(r)`` (the cells of row ``r``; recognition reads those
starting in it), ``memo`` (a dict), ``len()`` and, when its rows start further down, ``first`` (the
.xlsx sheet grid, a window on it) is read the same way, so a .docx table and a sheet read alike.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from perfeditor.forms.vocabulary import unit_label


@dataclass(eq=False, slots=True)
class Cell:
    """One visual cell: where it starts, how far it spans, its text."""

    text: str
    row: int
    col: int
    colspan: int = 1
    rowspan: int = 1

    def __repr__(self) -> str:  # compact for debugging
        return f"Cell({self.row},{self.col},{self.rowspan}x{self.colspan},{self.text[:12]!r})"


@dataclass
class Grid:
    """``rows[r][c]`` is the :class:`Cell` covering grid position (r, c), or None."""

    rows: list[list[Cell | None]]
    width: int
    #: The file's handle of each grid row (a w:tr …).
    trs: list
    _distinct: dict = field(default_factory=dict, repr=False)
    #: Memo of per-row results recognition computes (indicator header detection).
    memo: dict = field(default_factory=dict, repr=False)

    def row_cells(self, r: int) -> list[Cell]:
        """The distinct cells of row ``r`` left to right (vertically merged ones included)."""
        got = self._distinct.get(r)
        if got is None:
            got, prev = [], None
            for c in self.rows[r]:  # (a cell covers adjacent columns only)
                if c is not prev and c is not None:
                    got.append(c)
                prev = c
            self._distinct[r] = got
        return got

    def __len__(self) -> int:
        return len(self.rows)


class Clip:
    """``grid`` without the cells starting at or right of column ``edge`` that have no border of
    their own (a sheet's ``bordered``): notes beside a form's table (备注, a date), but for a unit
    line (单位：元: the unit of the form's amounts wherever it stands, never a value)."""

    def __init__(self, grid, edge: int) -> None:
        self.grid, self.edge, self.memo = grid, edge, {}
        self.first = getattr(grid, "first", 0)
        self.bordered = getattr(getattr(grid, "grid", grid), "bordered", None) or (lambda r, c: False)

    def __len__(self) -> int:
        return len(self.grid)

    def row_cells(self, r: int) -> list[Cell]:
        return [c for c in self.grid.row_cells(r)
                if c.col < self.edge or self.bordered(r, c.col) or unit_label(c.text)]


class Rows:
    """Row-wise access to a grid's cells starting in each row, memoised in the grid's ``memo``
    (:meth:`of`): their (col, text) pairs, the cell at a column, the row's single text, and the
    cell covering a position from an earlier row (a vertical merge)."""

    def __init__(self, grid) -> None:
        # (held weakly: the grid's memo holds this view, and a cycle would keep every grid read
        # alive until the next garbage collection)
        self._grid = weakref.ref(grid)
        self._matrix = getattr(grid, "rows", None)  # a Grid's column → cell rows
        self.n = len(grid)
        self._rows: dict[int, list] = {}
        self._cover: dict[tuple[int, int], Cell] = {}
        self._upto = getattr(grid, "first", 0)  # rows below this one have registered the positions they cover

    @classmethod
    def of(cls, grid) -> "Rows":
        view = grid.memo.get("rows")
        if view is None:
            view = grid.memo["rows"] = cls(grid)
        return view

    def _row(self, r: int) -> list:
        got = self._rows.get(r)
        if got is None:
            # one loop, not a comprehension each: this runs for every row of every form
            # (a Grid's row read directly: a cell starting in row r is met first at its column)
            matrix = self._matrix
            cells = ([] if not 0 <= r < self.n else matrix[r] if matrix is not None
                     else self._grid().row_cells(r))
            own: list[Cell] = []
            texts: list[str] = []
            prev = None
            for c in cells:
                if c is not prev and c is not None and c.row == r:
                    prev = c
                    own.append(c)
                    if c.text:
                        texts.append(c.text)
            # (col, text) pairs and col → cell: made when first asked (an indicator row needs neither)
            got = self._rows[r] = [own, None, None, texts[0] if len(texts) == 1 else None, texts, cells, None]
        return got

    def _by_col(self, r: int) -> dict[int, Cell]:
        row = self._row(r)
        if row[2] is None:
            row[2] = {c.col: c for c in row[0]}
        return row[2]

    def own(self, r: int) -> list[Cell]:
        return self._row(r)[0]

    def cells(self, r: int) -> list[tuple[int, str]]:
        """(col, text) of the cells starting in row ``r`` (empty texts included)."""
        row = self._row(r)
        if row[1] is None:
            row[1] = [(c.col, c.text) for c in row[0]]
        return row[1]

    def texts(self, r: int) -> list[str]:
        """The non-empty texts of the cells starting in row ``r``."""
        return self._row(r)[4]

    def text(self, r: int, c: int) -> str:
        """The text of the cell starting at (r, c); "" for a merged-over position."""
        x = self._by_col(r).get(c)
        return x.text if x is not None else ""

    def single(self, r: int) -> str | None:
        """The row's only text, None when it has none or several."""
        return self._row(r)[3]

    def last_row(self, r: int, c: int) -> int:
        x = self._by_col(r).get(c)
        return r if x is None else r + x.rowspan - 1

    def right_edge(self, r: int, c: int) -> int:
        x = self._by_col(r).get(c)
        return c if x is None else c + x.colspan - 1

    def columns(self, r: int) -> list:
        """Column → the cell covering it in row ``r`` (None where none does), of the cells the grid
        gives for the row: a grid that gives none merged down from an earlier row leaves those to
        :meth:`covered_from_above`. A grid with ``rows`` (:class:`Grid`) gives its own row."""
        if self._matrix is not None:
            return self._matrix[r] if 0 <= r < self.n else []
        row = self._row(r)
        if row[6] is None:
            row[6] = [None] * max((x.col + x.colspan for x in row[5]), default=0)
            for x in row[5]:
                row[6][x.col:x.col + x.colspan] = [x] * x.colspan
        return row[6]

    def covered_from_above(self, r: int, c: int) -> Cell | None:
        """The cell of an earlier row that spans down over (r, c), or None."""
        cover = self._cover
        for rr in range(self._upto, min(r, self.n)):
            for x in self._row(rr)[0]:  # (a cell one row high covers nothing)
                cover.update(((rr + dr, cc), x) for dr in range(1, x.rowspan) for cc in range(x.col, x.col + x.colspan))
        self._upto = max(self._upto, r)
        return cover.get((r, c))
