"""Cell references and ranges read the way Excel reads them, before any limit is applied.

``$A$1:$XFD$1048576``, ``a1:xfd1048576``, `` A1 : XFD1048576 ``, ``'表 1'!A1:B2``, ``A:XFD``
(whole columns), ``1:5`` (whole rows), reversed corners and rows of any length all give the same
(first row, first column, last row, last column). Nothing here is clamped to Excel's sheet size:
the caller compares the real figures with its limits. No openpyxl, no Qt.
"""
from __future__ import annotations

import re

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384

_PART = re.compile(r"^([A-Z]*)(\d*)$")
_SPACE = re.compile(r"\s+")

Area = tuple[int, int, int, int]


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _corner(text: str) -> tuple[int | None, int | None] | None:
    """``$A$1`` → (row 1, column 1); ``A`` → (None, 1); ``7`` → (7, None); None if not a corner."""
    m = _PART.match(text.replace("$", "").upper())
    if m is None or not (m.group(1) or m.group(2)):
        return None
    letters, digits = m.groups()
    return (int(digits) if digits else None), (column_number(letters) if letters else None)


def parse_area(ref: str) -> Area | None:
    """(r0, c0, r1, c1), 1-based and ordered, of a cell or a range; None when ``ref`` is none."""
    text = _SPACE.sub("", (ref or "").rpartition("!")[2]).strip("'\"")  # without its sheet
    if not text:
        return None
    first, sep, last = text.partition(":")
    a = _corner(first)
    b = _corner(last) if sep else a
    if a is None or b is None:
        return None
    (ra, ca), (rb, cb) = a, b
    if (ra is None) != (rb is None) or (ca is None) != (cb is None):
        return None  # ``A1:B`` mixes a cell with a column
    if ra is None:  # whole columns
        ra, rb = 1, EXCEL_ROWS
    if ca is None:  # whole rows
        ca, cb = 1, EXCEL_COLUMNS
    if ra == 0 or rb == 0 or ca == 0 or cb == 0:
        return None
    return min(ra, rb), min(ca, cb), max(ra, rb), max(ca, cb)


def area_cells(area: Area) -> int:
    r0, c0, r1, c1 = area
    return (r1 - r0 + 1) * (c1 - c0 + 1)


def parse_cell(ref: str) -> tuple[int, int] | None:
    """(row, column) of a single cell reference (``B7``, ``$b$7``); None otherwise."""
    area = parse_area(ref)
    if area is None or area[0] != area[2] or area[1] != area[3] or ":" in ref:
        return None
    return area[0], area[1]
