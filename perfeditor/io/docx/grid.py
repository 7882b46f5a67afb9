"""A table's visual grid, built from the XML (``w:tr`` / ``w:tc``), never from python-docx.

Handles ``w:gridBefore`` / ``w:gridAfter``, ``w:gridSpan``, ``w:vMerge`` (``restart`` / continue;
a bare ``<w:vMerge/>`` continues), the legacy ``w:hMerge``, rows and cells wrapped in content
controls, and rows deleted with tracked changes. An irregular vertical merge (a continuation with
no cell above starting at the same column) never raises: the continuation becomes a cell of its own.
"""
from __future__ import annotations

import re

from perfeditor.forms.grid import Cell, Grid
from perfeditor.io import limits
from perfeditor.io.docx.ns import qn
from perfeditor.io.docx.text import W_BR, W_CR, W_P, W_T, W_TAB, W_TBL, W_TC, W_TR, cell_text, iter_cells, iter_rows

W_VAL, W_TRPR, W_TCPR, W_DEL = (qn(f"w:{t}") for t in ("val", "trPr", "tcPr", "del"))
W_GRIDBEFORE, W_GRIDSPAN, W_VMERGE, W_HMERGE = (qn(f"w:{t}") for t in ("gridBefore", "gridSpan", "vMerge", "hMerge"))


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
    rows = _fast_rows(tbl)
    if rows is not None:
        return grid_from_rows(rows, joined_lines)
    return grid_from_rows(_xml_rows(tbl), cell_text)


_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_W_TABS = qn("w:tabs")
_FAST = (W_TBL, W_TR, W_TC, W_P, W_T, W_TAB, W_BR, W_CR, W_GRIDSPAN, W_VMERGE, W_HMERGE,
         W_GRIDBEFORE, W_DEL)
#: Met in a table, these send it down the element-by-element walk (nested tables, text boxes,
#: property change records holding old merges, text moved away or hidden, ruby with its guide text).
_BAIL = (_MC_ALTERNATE, qn("w:txbxContent"), qn("w:pict"), qn("w:object"), qn("w:noBreakHyphen"),
         qn("w:tcPrChange"), qn("w:trPrChange"), qn("w:tblGridChange"),
         qn("w:moveFrom"), qn("w:vanish"), qn("w:ruby"))


def joined_lines(lines: list[list[str]]) -> str:
    """A cell's text from its paragraphs' text pieces."""
    if len(lines) == 1:
        return "".join(lines[0]).strip()
    return "\n".join("".join(line) for line in lines).strip()


def _fast_rows(tbl, _t=W_T, _p=W_P, _tc=W_TC, _tr=W_TR, _tbl=W_TBL):
    """All rows of ``tbl`` in one C-level pass over the elements that matter (lxml ``iter`` with
    tags), or None when the table needs the full walk. Instructions (``w:instrText``) and
    deleted text (``w:delText``) are not ``w:t``, so they are left out here as in the walk."""
    rows: list = []
    row = cell = cur = None
    first = True
    try:
        it = tbl.iter(*_FAST, *_BAIL)
    except TypeError:  # not an lxml element
        return None
    for el in it:
        tag = el.tag
        if tag == _t:
            if cur is not None:
                text = el.text
                if text:
                    cur.append(text)
        elif tag == _p:
            if cell is None:
                return None
            cur = []
            cell[3].append(cur)
        elif tag == _tc:
            if row is None:
                return None
            cell = [1, None, None, []]
            row[2].append(cell)
            cur = None
        elif tag == _tr:
            row = [0, False, [], el]
            rows.append(row)
            cell = cur = None
        elif tag == _tbl and first:
            first = False
        elif not _other(el, tag, row, cell, cur):
            return None  # a nested table or something only the full walk reads right
    return rows


def _other(el, tag, row, cell, cur) -> bool:
    """The rarer elements of :func:`_fast_rows`; False when the table needs the full walk."""
    if tag == W_GRIDSPAN:
        if cell is not None:
            cell[0] = min(max(1, _int_val(el, 1)), 64)
    elif tag == W_VMERGE:
        if cell is not None:
            cell[1] = el.get(W_VAL, "continue")
    elif tag == W_HMERGE:
        if cell is not None:
            cell[2] = el.get(W_VAL, "continue")
    elif tag == W_GRIDBEFORE:
        if row is not None:
            row[0] = min(_int_val(el), 64)
    elif tag == W_DEL:
        if row is not None and el.getparent().tag == W_TRPR:
            row[1] = True
    elif tag == W_TAB:
        if cur is not None and el.getparent().tag != _W_TABS:
            cur.append("\t")
    elif tag == W_BR or tag == W_CR:
        if cur is not None:
            cur.append("\n")
    else:
        return False
    return True


def _row_props(tr) -> tuple[int, bool]:
    """(grid columns skipped before the first cell, whether deleted with tracked changes) of a ``w:tr``."""
    before, deleted = 0, False
    trpr = _first_child(tr, W_TRPR)
    for ch in trpr if trpr is not None else ():
        if ch.tag == W_DEL:
            deleted = True
        elif ch.tag == W_GRIDBEFORE:
            before = min(_int_val(ch), 64)
    return before, deleted


def _cell_props(tc) -> tuple[int, str | None, str | None]:
    """(grid columns spanned, vertical merge, legacy horizontal merge) of a ``w:tc``."""
    span, vmerge, hmerge = 1, None, None
    tcpr = _first_child(tc, W_TCPR)
    for ch in tcpr if tcpr is not None else ():
        tag = ch.tag
        if tag == W_GRIDSPAN:
            span = min(max(1, _int_val(ch, 1)), 64)
        elif tag == W_VMERGE:
            vmerge = ch.get(W_VAL, "continue")
        elif tag == W_HMERGE:
            hmerge = ch.get(W_VAL, "continue")
    return span, vmerge, hmerge


def _xml_rows(tbl):
    """``(grid_before, deleted, [(span, vmerge, hmerge, tc), …], tr)`` per ``w:tr``."""
    for tr in iter_rows(tbl):
        yield (*_row_props(tr), [(*_cell_props(tc), tc) for tc in iter_cells(tr)], tr)


def tc_of(grid: Grid, cell: Cell):
    """The ``w:tc`` element where ``cell`` of a grid built from a parsed table starts, or None."""
    if not 0 <= cell.row < len(grid.trs):
        return None
    tr = grid.trs[cell.row]
    if tr is None or not hasattr(tr, "tag"):
        return None
    col = _row_props(tr)[0]
    for tc in iter_cells(tr):
        if col == cell.col:
            return tc
        if col > cell.col:
            return None
        col += _cell_props(tc)[0]
    return None


#: a table cell start, whatever the prefix (``<w:tc>``, ``<w:tc w:…>``, ``<x:tc/>``, ``<tc>``)
_TC_START = re.compile(rb"<(?:[^\s<>/:!?]+:)?tc[\s/>]")


def check_cell_count(data: bytes) -> None:
    """Refuse a main part of more table cells than :data:`~perfeditor.io.limits.MAX_CELLS_FILE`
    before any table is built: tables each within their own limits could otherwise make the
    reader build cells without end. A part of fewer elements (or fewer ``tc``) than the limit
    (every real form, 800 projects included) is passed at C speed, and so is one of too many
    cells spelled as Word spells them; otherwise the cell starts are counted however spelled.
    A part of no more than four bytes per cell allowed is passed without counting at all: every
    cell start (``<tc`` and one more character at the least, however spelled) has four bytes of
    its own, so such a part cannot hold too many."""
    limit = limits.MAX_CELLS_FILE
    if len(data) <= 4 * limit:  # (8 MB at the real limit: 800 projects are 23 MB)
        return
    if data.count(b"<") <= limit or data.count(b"tc") <= limit:  # each cell start has both
        return
    count = data.count(b"<w:tc>") + data.count(b"<w:tc ")
    if count <= limit:
        count = len(_TC_START.findall(data))
    if count > limit:
        raise limits.refuse("Word 文件中表格单元格的数量", count, limit)


def grid_from_rows(rows, text_of) -> Grid:
    """The grid from row tuples (see :func:`_xml_rows`); ``text_of(payload)`` gives a cell's text.

    Only cells that start a visual cell have their text read (continuations are skipped); a
    payload that is a ``str`` is the cell's text already."""
    grid_rows: list[list[Cell | None]] = []
    trs: list = []
    max_text, max_rows, max_span = limits.MAX_CELL_TEXT, limits.MAX_TABLE_ROWS, limits.MAX_SPAN
    above: list[Cell | None] | None = None
    for before, deleted, cells, tr in rows:
        if deleted:
            continue  # a row deleted with tracked changes
        r = len(grid_rows)
        line: list[Cell | None] = [None] * before if before else []
        add = line.append
        col = before
        for span, vmerge, hmerge, payload in cells:
            cell = None
            if vmerge is not None or hmerge is not None:  # (the usual cell is merged with none)
                if vmerge == "continue" and above is not None and col < len(above):
                    top = above[col]
                    if top is not None and top.col == col:
                        cell = top
                        if top.row + top.rowspan == r:
                            top.rowspan += 1
                if hmerge == "continue" and cell is None and line and line[-1] is not None \
                        and line[-1].row == r:
                    cell = line[-1]
                    cell.colspan += span
                    extra = payload if payload.__class__ is str else text_of(payload)
                    if extra:
                        cell.text = f"{cell.text}\n{extra}" if cell.text else extra
            if cell is None:
                cell = Cell(payload if payload.__class__ is str else text_of(payload), r, col, span)
                if len(cell.text) > max_text:
                    raise limits.refuse("Word 表格中一个单元格的文字长度", len(cell.text), max_text)
            if span == 1:
                add(cell)
            else:
                line.extend([cell] * span)
            col += span
        grid_rows.append(line)
        trs.append(tr)
        above = line
        if len(grid_rows) > max_rows or len(line) > max_span:
            limits.check(len(grid_rows), max_rows, "Word 表格的行数")
            limits.check(len(line), max_span, "Word 表格一行的列数")
    width = max((len(line) for line in grid_rows), default=0)
    limits.check(width * len(grid_rows), limits.MAX_GRID_AREA, "Word 表格的大小（行数×列数）")
    for line in grid_rows:
        if len(line) < width:
            line.extend([None] * (width - len(line)))
    return Grid(grid_rows, width, trs)
