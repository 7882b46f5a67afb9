"""Excel 97-2003 workbooks (BIFF8 ``.xls``, and WPS ``.et`` saved in that format) through xlrd.

Each worksheet becomes the grid the .xlsx reader recognises forms on (numbers shown as Excel
displays them). xlrd reads merged ranges only with ``formatting_info``; their area is checked
against the .xlsx cap before any grid is built.
"""
from __future__ import annotations

import logging
from pathlib import Path

from perfeditor.errors import FormReadError
from perfeditor.io.formats.grids import Budget, SheetBuilder
from perfeditor.io.xlsx.grid import Grid, clean_text
from perfeditor.io.xlsx.numfmt import shown

log = logging.getLogger(__name__)


def read_xls_grids(path: str | Path) -> list[Grid]:
    """One grid per worksheet of an Excel 97 workbook, in workbook order."""
    import io

    import xlrd

    said = io.StringIO()  # xlrd's warnings about odd records: to our log, not the clerk's console
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, ragged_rows=True,
                                  logfile=said)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise FormReadError("文件已加密（设置了打开密码），无法读取；"
                                "请在 Excel 或 WPS 中取消密码后另存再打开。") from None
        raise
    try:
        budget = Budget()
        grids = []
        for index in range(book.nsheets):  # hidden ones too, as the .xlsx reader does
            sheet = book.sheet_by_index(index)
            grids.append(_grid(book, sheet, budget))
            book.unload_sheet(index)
        return grids
    finally:
        book.release_resources()
        if said.getvalue().strip():
            log.info("xlrd: %s", said.getvalue().strip())


def _grid(book, sheet, budget: Budget) -> Grid:
    import xlrd

    out = SheetBuilder(sheet.name, budget)
    before = budget.merged
    for r0, r1, c0, c1 in sheet.merged_cells:  # half-open, 0-based: refused before any cell is read
        if r1 > r0 and c1 > c0:
            budget.merge((r1 - r0) * (c1 - c0))
    budget.merged = before  # counted again as the cells are put
    spans = {(r0, c0): (r1 - r0, c1 - c0) for r0, r1, c0, c1 in sheet.merged_cells
             if r1 > r0 and c1 > c0}
    xfs, formats = book.xf_list, book.format_map
    bordered = [bool(xf.border.left_line_style or xf.border.top_line_style) for xf in xfs]
    fmt_of = [formats[xf.format_key].format_str if xf.format_key in formats else "General" for xf in xfs]
    datemode = book.datemode
    for r in range(sheet.nrows):
        types = sheet.row_types(r)
        values = sheet.row_values(r)
        for c, kind in enumerate(types):
            span = spans.get((r, c))
            if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) and span is None:
                continue
            xf = sheet.cell_xf_index(r, c)
            value = values[c]
            if kind == xlrd.XL_CELL_TEXT:
                text = clean_text(value)
            elif kind == xlrd.XL_CELL_NUMBER:
                text = shown(value, fmt_of[xf])
            elif kind == xlrd.XL_CELL_DATE:
                text = _date_text(value, datemode, fmt_of[xf])
            elif kind == xlrd.XL_CELL_BOOLEAN:
                text = "TRUE" if value else "FALSE"
            elif kind == xlrd.XL_CELL_ERROR:
                text = xlrd.error_text_from_code.get(value, "#VALUE!")
            else:
                text = ""
            rows, cols = span or (1, 1)
            out.put(r + 1, c + 1, text, rows, cols, bordered[xf] if xf < len(bordered) else False)
    for (r, c), (rows, cols) in spans.items():  # merged ranges whose anchor has no record
        if r >= sheet.nrows or c >= len(sheet.row_types(r)):
            out.put(r + 1, c + 1, "", rows, cols)
    return out.grid()


def _date_text(value: float, datemode: int, fmt: str) -> str:
    import xlrd

    try:
        when = xlrd.xldate.xldate_as_datetime(value, datemode)
    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
        return "#VALUE!"
    return shown(when.time() if 0 < value < 1 else when, fmt)  # a time of day, as openpyxl gives it
