"""A light grid of a sheet: display texts and merged ranges.

The readers only need, per row, the texts of the cells that start there and which cells a merge
covers (built by :mod:`perfeditor.io.xlsx.cells` and the readers of other formats).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from perfeditor.forms.grid import Cell
from perfeditor.io import limits


def clean_text(value: str) -> str:
    """Cell text as shown: line breaks kept, outer white space dropped."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "_x000" in value:
        value = value.replace("_x000D_", "").replace("_x000A_", "\n")
    return value.strip()


@dataclass
class Grid:
    """The texts of one sheet: ``text[(row, col)]`` for cells that show something (1-based)."""

    title: str
    text: dict[tuple[int, int], str] = field(default_factory=dict)
    #: merge anchor (top-left) → (last row, last col)
    span: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: covered cell → its anchor
    covered: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    max_row: int = 0
    max_col: int = 0
    #: row → sorted columns where something starts (a text or a merge anchor)
    row_cols: dict[int, list[int]] = field(default_factory=dict)
    #: (row, col) → whether the cell has a left or top border (a title row inside the form)
    bordered: Callable[[int, int], bool] = lambda r, c: False
    #: Memo of per-row results recognition computes (indicator header detection).
    memo: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        """One past the last row (rows are 1-based), as :mod:`perfeditor.forms.recognize` reads."""
        return self.max_row + 1

    def row_cells(self, r: int) -> list[Cell]:
        """The cells starting in row ``r`` (merge anchors with their spans), in column order."""
        out = []
        span = self.span
        for c, t in self.cells(r):
            r1, c1 = span.get((r, c), (r, c))
            out.append(Cell(t, r, c, c1 - c + 1, r1 - r + 1))
        return out

    @classmethod
    def from_parts(cls, title: str, text: dict[tuple[int, int], str],
                   merges: list[tuple[int, int, int, int]], border_of=None) -> "Grid":
        """From the texts of the cells that show something and the merged ranges (r0, c0, r1,
        c1); texts under a merge (not its top-left cell) are dropped, as Excel shows them."""
        grid = cls(title=title, text=text)
        if border_of is not None:
            grid.bordered = border_of
        starts: dict[int, set[int]] = {}
        for r0, c0, r1, c1 in dict.fromkeys(merges):
            grid.span[(r0, c0)] = (r1, c1)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if r != r0 or c != c0:
                        grid.covered[(r, c)] = (r0, c0)
        for key in [k for k in text if k in grid.covered]:
            del text[key]
        for r, c in [*text, *grid.span]:
            starts.setdefault(r, set()).add(c)
        grid.max_row = max(starts, default=0)
        grid.max_col = max((c for cols in starts.values() for c in cols), default=0)
        limits.check(grid.max_row, limits.MAX_GRID_ROWS, f"工作表“{title}”使用的行数")
        limits.check(grid.max_row * grid.max_col, limits.MAX_GRID_AREA, f"工作表“{title}”使用的区域（行数×列数）")
        grid.row_cols = {r: sorted(cols) for r, cols in starts.items()}
        return grid

    def at(self, r: int, c: int) -> str:
        """The text shown at (r, c): a merged-over cell shows its anchor's text."""
        return self.text.get(self.covered.get((r, c), (r, c)), "")

    def own(self, r: int, c: int) -> str:
        """The text of the cell starting at (r, c); "" for a merged-over cell."""
        return "" if (r, c) in self.covered else self.text.get((r, c), "")

    def cells(self, r: int) -> list[tuple[int, str]]:
        """(col, text) of the cells that start in row ``r``, in column order (empty texts too
        for merge anchors)."""
        return [(c, self.text.get((r, c), "")) for c in self.row_cols.get(r, ())
                if (r, c) not in self.covered]

    def row_texts(self, r: int) -> list[str]:
        return [t for _, t in self.cells(r) if t]
