"""The cell grid of one table, whatever file it came from: what recognition reads.

A :class:`Cell` is one visual cell (where it starts, how far it spans, its text, a handle back to
the file's cell); ``Grid.rows[r][c]`` is the cell covering grid position (r, c). The .docx reader
builds one per ``w:tbl``; any grid that offers ``row_cells(r)`` and ``memo`` is read the same way
by :mod:`perfeditor.forms.recognize`.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False, slots=True)
class Cell:
    """One visual cell: where it starts, how far it spans, its text and its handle in the file."""

    text: str
    row: int
    col: int
    colspan: int = 1
    rowspan: int = 1
    handle: object = None  # the file's cell (a w:tc, a scanned cell …)

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
        cached = self._distinct.get(r)
        if cached is not None:
            return cached
        out: list[Cell] = []
        last = None
        for cell in self.rows[r]:  # a cell covers adjacent columns only
            if cell is not last and cell is not None:
                out.append(cell)
            last = cell
        self._distinct[r] = out
        return out

    def __len__(self) -> int:
        return len(self.rows)
