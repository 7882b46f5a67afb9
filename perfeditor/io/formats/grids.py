"""Cells placed one by one into the grids the .xlsx reader recognises forms on.

Every foreign table reader (.xls, HTML, Excel 2003 XML) ends here. The limits that keep a hostile
file from exhausting memory (merged area, cells, Excel's sheet size) are enforced as cells arrive.
"""
from __future__ import annotations

import re

from perfeditor.errors import FormReadError
from perfeditor.io.limits import MAX_CELLS_FILE, MAX_MERGED_CELLS_FILE
from perfeditor.io.xlsx.grid import Grid
from perfeditor.io.xlsx.refparse import EXCEL_COLUMNS, EXCEL_ROWS

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def tidy(text: str) -> str:
    """A cell's text as the .xlsx reader gives it: line breaks kept, runs of spaces made one,
    each line and the whole trimmed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


class Budget:
    """What one file may still use up: merged area and cells (shared by its sheets)."""

    def __init__(self) -> None:
        self.merged = 0
        self.cells = 0

    def merge(self, area: int) -> None:
        self.merged += area
        if self.merged > MAX_MERGED_CELLS_FILE:
            raise FormReadError("表格中的合并单元格区域异常巨大，疑似恶意文件，拒绝打开。")

    def cell(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS_FILE:  # (a comparison: cheap for each of many cells)
            raise FormReadError("表格中的单元格数量异常巨大，超出可处理的范围，拒绝打开。")


class SheetBuilder:
    """One sheet's texts, merged ranges and bordered cells, 1-based like Excel."""

    def __init__(self, title: str, budget: Budget | None = None) -> None:
        self.title = title
        self.budget = budget or Budget()
        self.text: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.bordered: set[tuple[int, int]] = set()

    def put(self, row: int, col: int, text: str, rows: int = 1, cols: int = 1,
            border: bool = False) -> None:
        """The cell at (row, col) shows ``text`` and spans ``rows`` × ``cols`` cells."""
        last_r, last_c = row + rows - 1, col + cols - 1  # rows, cols ≥ 1
        if row < 1 or col < 1 or last_r > EXCEL_ROWS or last_c > EXCEL_COLUMNS:
            raise FormReadError("表格的行列位置超出 Excel 的范围，文件可能已损坏或被篡改，拒绝打开。")
        if last_r > row or last_c > col:
            self.budget.merge((last_r - row + 1) * (last_c - col + 1))
            self.merges.append((row, col, last_r, last_c))
        if text:
            self.budget.cell()
            self.text[(row, col)] = text
        if border:
            self.bordered.add((row, col))

    def grid(self) -> Grid:
        bordered = self.bordered
        return Grid.from_parts(self.title, self.text, self.merges,
                               lambda r, c: (r, c) in bordered)


class TablePlacer:
    """HTML's table model: each cell goes to the next column no rowspan from above reaches (kept as
    column ranges: a tall, wide cell costs one entry, not one per covered cell)."""

    def __init__(self, sheet: SheetBuilder, first_row: int) -> None:
        self.sheet = sheet
        self.first_row = first_row
        self.down: list[tuple[int, int, int]] = []  # (first col, last col, last table row), 0-based
        self.row = -1
        self.col = 0
        self.last = -1  # the last table row any cell reaches (a table uses last + 1 rows)
        #: (table row, column, rows, columns, text) of each cell placed, 0-based
        self.cells: list[tuple[int, int, int, int, str]] = []

    def next_row(self) -> None:
        self.row += 1
        self.col = 0
        self.last = max(self.last, self.row)
        if self.down:
            self.down = [d for d in self.down if d[2] >= self.row]

    def put(self, text: str, rows: int = 1, cols: int = 1, border: bool = False) -> None:
        c = self.col
        while (past := next((last for first, last, _ in self.down if first <= c <= last), None)) is not None:
            c = past + 1  # past a range reaching down into this column
        if rows > 1:
            self.down.append((c, c + cols - 1, self.row + rows - 1))
        self.sheet.put(self.first_row + self.row, c + 1, text, rows, cols, border)
        self.cells.append((self.row, c, rows, cols, text))
        self.col = c + cols
        self.last = max(self.last, self.row + rows - 1)
