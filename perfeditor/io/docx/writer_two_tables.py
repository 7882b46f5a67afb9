"""A form rebuilt in place (see :mod:`writer_changes`; a copy, 复制项目, is rebuilt from its
original's blocks) keeps the original's header block whenever that reads back as the rebuilt one
would, its changed cells given their new texts: a two-table form (its header table — 项目名称,
预算, 绩效目标 … — then its indicator table) its header table, both tables keeping the original
tables' grids; a one-table form the rows above its indicator header (their cells, spans, labels
and look: a layout's own labels are not the file's)."""
from __future__ import annotations

import copy
import logging
from difflib import SequenceMatcher

from lxml import etree

from perfeditor.forms.compose import indicator_key
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.grid import tc_of
from perfeditor.io.docx.reader import read_tracked
from perfeditor.io.docx.text import iter_cells, iter_rows
from perfeditor.io.docx.writer_patch import changed_cells, flat, look_from, plain_cell, set_cell_text
from perfeditor.io.docx.writer_table import head_row
from perfeditor.model import Project

log = logging.getLogger(__name__)


def keep_grids(p: Project, own: list, new: list) -> None:
    """A two-table form rebuilt (``own`` the original blocks, ``new`` the rebuilt ones) is laid
    out as the original: its header table and its indicator table keep the original's
    properties and grids (:func:`_keep_header`, :func:`_regrid`), and between them stand copies
    of the blocks the original has there (none when its tables touch, as LibreOffice writes
    them), not the rebuilt form's joint paragraph."""
    old = [el for el in own if el.tag == x.W_TBL]
    built = [el for el in new if el.tag == x.W_TBL]
    if len(old) < 2 or len(built) < 2:
        return
    new[new.index(built[0]) + 1:new.index(built[-1])] = \
        [copy.deepcopy(el) for el in own[own.index(old[0]) + 1:own.index(old[-1])]]
    _keep_header(p, own, old[0], built[0], new)
    lower = built[-1]
    if all(len(cells) == len(x.grid_widths(old[-1])) for cells in _cells(lower)):
        _regrid(old[-1], lower, [[1] * len(cells) for cells in _cells(lower)])


def _keep_header(p: Project, own: list, orig, head, new: list) -> None:
    """The header table (项目名称, 预算, 绩效目标 …) ``head`` rebuilt in ``new`` is the original's
    own table ``orig``, its grid and cell widths kept: as it was when it says the same (only the
    indicators changed), else with the cells whose values ``p`` changed given their new texts
    (:func:`_header_patched`; ``own``: the form's original blocks) when it then reads back as the
    rebuilt one would. When that cannot be done (a value only the rebuilt table has a cell for, a
    spending-plan column renamed), the rebuilt one takes the original's grid and cell widths when
    each of its rows spans the columns as the original's row does."""
    def texts(tbl) -> list[str]:
        return [x.text_of(tc) for cells in _cells(tbl) for tc in cells]

    if texts(orig) == texts(head):
        new[new.index(head)] = orig
        return
    kept = _header_patched(p, own, orig)
    wanted = _header_read(new) if kept is not None else None
    if wanted is not None and _header_read([kept if el is head else el for el in new]) == wanted:
        new[new.index(head)] = kept  # (it holds all the rebuilt one would: the same values read back)
        return
    spans = _spans(orig)
    if spans == _spans(head) and len(x.grid_widths(orig)) == len(x.grid_widths(head)):
        _regrid(orig, head, spans)


def keep_header_rows(p: Project, own: list, new: list) -> None:
    """A one-table form rebuilt (``own`` the original blocks, ``new`` the rebuilt ones, of the
    same grid) heads its table with the original's rows above the indicator header, the cells
    whose values ``p`` changed given their new texts, when the form then reads back as the rebuilt
    one would (both read down to their first indicator row: below, the rows are the rebuilt's)."""
    old = next((el for el in own if el.tag == x.W_TBL), None)
    built = [el for el in new if el.tag == x.W_TBL]
    if old is None or len(built) != 1 or x.grid_widths(old) != x.grid_widths(built[0]):
        return
    rows, old_rows = list(iter_rows(built[0])), list(iter_rows(old))
    n, m = head_row(rows), head_row(old_rows)
    if not (0 < n < len(rows) and 0 < m < len(old_rows)):
        return
    orig = _excerpt(old, old_rows[:m + 3])
    kept = _header_patched(p, [*own[:own.index(old)], orig], orig)
    title = new[:new.index(built[0])]
    wanted = _header_read([*title, _excerpt(built[0], rows[:n + 3])])
    if kept is None or wanted is None:
        return
    head = list(iter_rows(kept))[:m]
    if _header_read([*title, _excerpt(built[0], head + rows[n:n + 3])]) == wanted:
        for tr in head:
            rows[0].addprevious(tr)
        for tr in rows[:n]:
            built[0].remove(tr)


def _excerpt(tbl, rows: list):
    """A table of ``tbl``'s properties and grid holding copies of ``rows``."""
    out = etree.Element(x.W_TBL, nsmap=tbl.nsmap)
    out.extend(copy.deepcopy(el) for el in tbl if el.tag in (x.W_TBLPR, x.w("tblGrid")))
    out.extend(copy.deepcopy(tr) for tr in rows)
    return out


def _cells(tbl) -> list[list]:
    """The ``w:tc`` of each row of ``tbl``."""
    return [list(iter_cells(tr)) for tr in iter_rows(tbl)]


def _spans(tbl) -> list[list[int]]:
    return [[grid_span(tc) for tc in cells] for cells in _cells(tbl)]


def _regrid(orig, tbl, spans: list[list[int]]) -> None:
    """The rebuilt table ``tbl`` takes the original ``orig``'s table properties (its width) and
    grid, each of its rows' cells spanning ``spans`` of the original's columns."""
    widths = x.grid_widths(orig)
    if not widths:
        return
    for tag in (x.W_TBLPR, x.w("tblGrid")):  # (built: it has both, and each cell a tcPr with a tcW)
        if orig.find(tag) is not None:
            tbl.replace(tbl.find(tag), copy.deepcopy(orig.find(tag)))
    for cells, row in zip(_cells(tbl), spans, strict=True):
        at = 0
        for tc, span in zip(cells, row, strict=True):
            pr = tc.find(x.W_TCPR)
            if span == 1 and pr.find(x.w("gridSpan")) is not None:
                pr.remove(pr.find(x.w("gridSpan")))
            pr.find(x.w("tcW")).set(x.W_W, str(sum(widths[at:at + span])))
            at += span


def _header_values(p: Project) -> dict:
    """The values of ``p`` its header table holds (:func:`~writer_patch.flat` without the
    indicators), the title with them: a form whose title is the first row of its header table
    (``title_as_row``) holds it there; a title above the table is a paragraph of both forms
    compared, and no cell of the header table."""
    return {k: v for k, v in flat(p).items() if isinstance(k, str) and k != "indicators"}


def _header_patched(p: Project, own: list, orig):
    """A copy of the original header table ``orig`` of the two-table form at ``own`` with the
    cells whose values ``p`` changed given their new texts (grid, widths, merges and look kept; a
    value with no cell in ``orig`` is left out); None when a changed value's cell is not a plain
    cell of its own (one merged cell for two values now different) or a spending-plan column was
    renamed."""
    try:
        got, _ = read_tracked(own)
    except Exception:  # noqa: BLE001 - the original cannot be read back here: the rebuilt table is used
        log.info("original header table not readable; using the rebuilt one", exc_info=True)
        return None
    if len(got) != 1:
        return None
    old, where = got[0]
    before, after = _header_values(old), _header_values(p)
    # (a value with no cell: kept only if the rebuilt table has none either, see _keep_header)
    wanted = changed_cells(before, after, where, all_held=False) if before.keys() == after.keys() else None
    if wanted is None:
        return None
    kept = copy.deepcopy(orig)
    twins = dict(zip(orig.iter(x.W_TC), kept.iter(x.W_TC), strict=True))
    for cell, (value, grid) in wanted.items():
        tc = tc_of(grid, cell)
        if tc not in twins or not plain_cell(tc, cell):
            return None
        set_cell_text(twins[tc], value, twins.get(look_from(grid, cell, tc)))
    return kept


def _header_read(blocks: list) -> dict | None:
    """The values the form ``blocks`` reads back with (None: not one readable form)."""
    try:
        got, _ = read_tracked(blocks)
    except Exception:  # noqa: BLE001 - not readable: not kept
        return None
    return flat(got[0][0]) if len(got) == 1 else None


def rows_standing(p: Project, elems: list, place) -> tuple[list | None, list]:
    """(per indicator of ``p``, the row of the original form at ``elems`` (read at ``place``) it
    stands for, as (row, True) — indicators matched by their 一级·二级·三级 in order, those
    between two matches in turn —, for one added the row of the indicator above it, as (row,
    False), else None (see ``ProtoRows.stands``); the original form's rows, from the first it was
    read from to the last); (None, []) when the original cannot tell."""
    try:
        got, _ = read_tracked(elems)
    except Exception:  # noqa: BLE001 - the original cannot be read back here: rows by position
        log.info("original form not readable; rows rebuilt by position", exc_info=True)
        return None, []
    if len(got) <= place.part:
        return None, []
    old, where = got[place.part]
    lowest: dict[int, tuple] = {}  # indicator → (its lowest row, its grid)
    spans: dict = {}  # grid (id) → (the grid, its first row read, its last)
    for key, (cell, grid) in where.items():
        if isinstance(key, tuple) and lowest.get(key[0], (-1,))[0] < cell.row:
            lowest[key[0]] = (cell.row, grid)
        _, first, last = spans.get(id(grid), (grid, cell.row, cell.row))
        spans[id(grid)] = (grid, min(first, cell.row), max(last, cell.row))
    trs = [lowest[k][1].trs[lowest[k][0]] if k in lowest else None for k in range(len(old.indicators))]
    trs = [tr if hasattr(tr, "tag") else None for tr in trs]
    out: list = [None] * len(p.indicators)
    keys = SequenceMatcher(None, [indicator_key(i) for i in old.indicators],
                           [indicator_key(i) for i in p.indicators], autojunk=False)
    for _, i1, i2, j1, j2 in keys.get_opcodes():
        for k in range(min(i2 - i1, j2 - j1)):  # (equal, or replaced: in turn)
            out[j1 + k] = (trs[i1 + k], True) if trs[i1 + k] is not None else None
    for k in range(1, len(out)):
        if out[k] is None and out[k - 1] is not None:
            out[k] = (out[k - 1][0], False)
    return out, [tr for grid, a, b in spans.values() for tr in grid.trs[a:b + 1] if hasattr(tr, "tag")]


def grid_span(tc) -> int:
    """How many grid columns the cell ``tc`` spans (its ``w:gridSpan``, 1 without one)."""
    span = tc.find(f"{x.W_TCPR}/{x.w('gridSpan')}")
    val = span.get(x.W_VAL) if span is not None else None
    return int(val) if val and val.isdigit() else 1
