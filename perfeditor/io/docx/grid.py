"""A table's visual grid, built from the XML (``w:tr`` / ``w:tc``), never from python-docx.

Handles ``w:gridBefore`` / ``w:gridAfter``, ``w:gridSpan``, ``w:vMerge`` (``restart`` / continue;
a bare ``<w:vMerge/>`` continues), the legacy ``w:hMerge``, rows and cells wrapped in content
controls, and rows deleted with tracked changes. An irregular vertical merge (a continuation with
no cell above starting at the same column) never raises: the continuation becomes a cell of its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

from perfeditor.io.docx.text import cell_text, iter_cells, iter_rows

W_VAL = qn("w:val")
W_TRPR = qn("w:trPr")
W_TCPR = qn("w:tcPr")
W_GRIDBEFORE = qn("w:gridBefore")
W_GRIDSPAN = qn("w:gridSpan")
W_VMERGE = qn("w:vMerge")
W_HMERGE = qn("w:hMerge")
W_DEL = qn("w:del")


@dataclass(eq=False)
class Cell:
    """One visual cell: where it starts, how far it spans, its text and its first ``w:tc``."""

    text: str
    row: int
    col: int
    colspan: int = 1
    rowspan: int = 1
    tc: object = None
    tcs: list = field(default_factory=list)

    def __repr__(self) -> str:  # compact for debugging
        return f"Cell({self.row},{self.col},{self.rowspan}x{self.colspan},{self.text[:12]!r})"


@dataclass
class Grid:
    """``rows[r][c]`` is the :class:`Cell` covering grid position (r, c), or None."""

    rows: list[list[Cell | None]]
    width: int
    trs: list  # the w:tr element of each grid row

    def row_cells(self, r: int) -> list[Cell]:
        """The distinct cells of row ``r`` left to right (vertically merged ones included)."""
        out: list[Cell] = []
        seen: set[int] = set()
        for cell in self.rows[r]:
            if cell is not None and id(cell) not in seen:
                seen.add(id(cell))
                out.append(cell)
        return out

    def __len__(self) -> int:
        return len(self.rows)


def _int_val(el, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return max(0, int(el.get(W_VAL, default)))
    except (TypeError, ValueError):
        return default


def _first_child(el, tag):
    """The first child of ``el`` named ``tag`` (properties come first; faster than ``find``)."""
    for n, ch in enumerate(el):
        if ch.tag == tag:
            return ch
        if n >= 2:  # w:tblPrEx may stand before w:trPr; w:tcPr is the first child
            break
    return None


def build_grid(tbl) -> Grid:
    """The grid of one ``w:tbl`` element."""
    rows: list[list[Cell | None]] = []
    trs: list = []
    for tr in iter_rows(tbl):
        trpr = _first_child(tr, W_TRPR)
        col = 0
        if trpr is not None:
            deleted = False
            for ch in trpr:
                if ch.tag == W_DEL:
                    deleted = True
                elif ch.tag == W_GRIDBEFORE:
                    col = min(_int_val(ch), 64)
            if deleted:
                continue  # a row deleted with tracked changes
        r = len(rows)
        above = rows[-1] if rows else None
        line: list[Cell | None] = [None] * col
        for tc in iter_cells(tr):
            tcpr = _first_child(tc, W_TCPR)
            span = 1
            vmerge = hmerge = None
            if tcpr is not None:
                for ch in tcpr:
                    tag = ch.tag
                    if tag == W_GRIDSPAN:
                        span = min(max(1, _int_val(ch, 1)), 64)
                    elif tag == W_VMERGE:
                        vmerge = ch.get(W_VAL, "continue")
                    elif tag == W_HMERGE:
                        hmerge = ch.get(W_VAL, "continue")
            cell: Cell | None = None
            if vmerge == "continue" and above is not None and col < len(above):
                top = above[col]
                if top is not None and top.col == col and (col == 0 or above[col - 1] is not top):
                    cell = top
                    if top.row + top.rowspan == r:
                        top.rowspan += 1
                    top.tcs.append(tc)
            if cell is None and hmerge == "continue" and line and line[-1] is not None \
                    and line[-1].row == r:
                cell = line[-1]
                cell.colspan += span
                cell.tcs.append(tc)
                extra = cell_text(tc)
                if extra:
                    cell.text = f"{cell.text}\n{extra}" if cell.text else extra
            if cell is None:
                cell = Cell(cell_text(tc), r, col, span, 1, tc, [tc])
            line.extend([cell] * span)
            col += span
        rows.append(line)
        trs.append(tr)
    width = max((len(line) for line in rows), default=0)
    for line in rows:
        if len(line) < width:
            line.extend([None] * (width - len(line)))
    return Grid(rows, width, trs)
