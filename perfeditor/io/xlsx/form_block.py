"""An indicator block written under a form read without one, for an in-place save
(:mod:`perfeditor.io.xlsx.inplace`).

A form whose indicator block has not come yet (a header block only: a clerk's form not filled in,
or a sheet whose indicator table was deleted) is read with no block; its place records the columns
its table spans (:attr:`~perfeditor.io.source.FormPlace.cols`). When indicator rows are added to
it, the indicator header and rows of the project's composed form
(:func:`~perfeditor.forms.compose.compose`) go right under its header block's last row, across
those columns (the composed columns fitted to the sheet's by width), label cells in the style of
the header block's labels, value cells in that of its values; the rows below move down. The header
block and everything else stay as they are.
"""
from __future__ import annotations

from itertools import accumulate

from lxml import etree

from perfeditor.forms.compose import LABEL_ROLES, FormTable, compose
from perfeditor.io.source import FormPlace
from perfeditor.io.xlsx.sheetxml import (
    _N,
    NotPatchable,
    SheetXML,
    area_ref,
    merge_area,
    put_merges,
    set_value,
    shift_below,
    split_ref,
)
from perfeditor.io.xlsx.writer import text_lines
from perfeditor.model import Project

#: Excel's default column width (characters) when the sheet declares none.
_DEFAULT_WIDTH = 8.43


def add_block(xml: SheetXML, p: Project, ref: FormPlace, fmt_of, merges: list) -> int:
    """``p``'s indicator block written under the header block of its form at ``ref`` (read
    without a block); ``merges``: cells of other fields merged down over its indicator rows.
    Returns how many rows the sheet gained."""
    c0, c1 = ref.cols
    if not c0 or c1 < c0:
        raise NotPatchable("no columns for the indicator block")
    table = compose(p, p.variant.layout, merges=merges)
    top = table.header_rows[0]
    cells = [c for c in table.cells if c.row >= top]
    n_rows = table.n_rows - top
    widths = _sheet_widths(xml, c0, c1)
    at = _fit(table, cells, widths)
    after = _last_row(xml, ref)
    label_s, value_s = _styles(xml, ref)
    shift_below(xml, xml.merges()[0], after, n_rows)
    anchor = xml.row_before(after + 1)
    heights = [20.0] * n_rows
    for k in range(n_rows):
        anchor = xml.put_row_after(anchor, etree.Element(f"{_N}row", r=str(after + 1 + k)), after + 1 + k)
    refs = []
    for cell in cells:
        r, a, b = after + 1 + cell.row - top, c0 + at[cell.col], c0 + at[cell.col + cell.cols] - 1
        style = label_s if cell.role in LABEL_ROLES else value_s
        for rr in range(r, r + cell.rows):
            for cc in range(a, b + 1):
                el = xml.cell(rr, cc)
                if style is not None:
                    el.set("s", style)
                else:
                    el.attrib.pop("s", None)
        set_value(xml.cell(r, a), cell.text, fmt_of, cell.field == "weight")  # as form_values writes it
        if cell.rows > 1 or b > a:
            refs.append(area_ref(r, a, r + cell.rows - 1, b))
        lines = text_lines(cell.text, sum(widths[a - c0:b - c0 + 1]) * 0.9 - 1)
        k = r - after - 1
        heights[k] = max(heights[k], (lines * 15.0 + 6) / cell.rows)
    for k, h in enumerate(heights):
        row = xml.rows[after + 1 + k]
        row.set("ht", str(min(h, 409.0)))
        row.set("customHeight", "1")
    put_merges(xml, xml.merges()[0], refs)
    return n_rows


def _sheet_widths(xml: SheetXML, c0: int, c1: int) -> list[float]:
    """The widths (characters) of columns ``c0`` … ``c1`` as the sheet declares them."""
    fmt = xml.root.find(f"{_N}sheetFormatPr")
    default = float(fmt.get("defaultColWidth") or _DEFAULT_WIDTH) if fmt is not None else _DEFAULT_WIDTH
    out = [default] * (c1 - c0 + 1)
    for col in xml.root.iter(f"{_N}col"):
        try:
            lo, hi, w = int(col.get("min")), int(col.get("max")), float(col.get("width") or default)
        except (TypeError, ValueError):
            continue
        for c in range(max(lo, c0), min(hi, c1) + 1):
            out[c - c0] = w
    return out


def _fit(table: FormTable, cells: list, widths: list[float]) -> dict[int, int]:
    """Each column boundary the composed ``cells`` use → a boundary of the sheet's columns
    (0 … ``len(widths)``): the nearest by width, each cell at least one column wide."""
    bounds = sorted({c.col for c in cells} | {c.col + c.cols for c in cells})
    n = len(widths)
    if len(bounds) - 1 > n:
        raise NotPatchable("the form has too few columns for its indicator block")
    total = sum(table.widths) or 1.0
    done, sheet = [0.0, *accumulate(table.widths)], [0.0, *accumulate(widths)]
    pos = [min(range(n + 1), key=lambda j, f=done[b] / total: abs(sheet[j] / sheet[-1] - f)) for b in bounds]
    pos[0], pos[-1] = 0, n
    for i in range(1, len(pos)):  # strictly increasing, within 0 … n
        pos[i] = max(pos[i], pos[i - 1] + 1)
    for i in range(len(pos) - 2, -1, -1):
        pos[i] = min(pos[i], pos[i + 1] - 1)
    return dict(zip(bounds, pos, strict=True))


def _last_row(xml: SheetXML, ref: FormPlace) -> int:
    """The header block's last row: the lowest value cell read, past the cells merged down over it."""
    last = max(pos[1] if len(pos) == 3 else pos[0] for pos in ref.cells.values())
    areas = [merge_area(m) for m in xml.merges()[1]]
    grown = True
    while grown:
        grown = False
        for r1, _, r2, _ in areas:
            if r1 <= last < r2:
                last, grown = r2, True
    return last


def _styles(xml: SheetXML, ref: FormPlace) -> tuple[str | None, str | None]:
    """The style of a label cell of the header block (the one left of 项目名称's / 项目编码's value)
    and of a value cell (绩效目标's, else 项目名称's)."""
    def style(r: int, c: int) -> str | None:
        el = xml.cell(r, c, create=False)
        return None if el is None else el.get("s")

    value_at = next((ref.cells[k] for k in ("goals", "name", "code") if k in ref.cells), None)
    value = style(*value_at[:2]) if value_at is not None else None
    label = value
    for key in ("name", "code"):
        if key in ref.cells and ref.cells[key][1] > ref.cols[0]:
            r, c = ref.cells[key][:2]
            row = xml.rows.get(r)
            left = [el for el in (row.findall(f"{_N}c") if row is not None else [])
                    if el.get("r") and split_ref(el.get("r"))[1] < c and (el.find(f"{_N}v") is not None
                                                           or el.find(f"{_N}is") is not None)]
            if left:
                label = left[-1].get("s")
                break
    return label, value

