"""Cell styles of the written forms (宋体, thin borders, wrap text) and typed cell values.

Styles are made once per workbook on a prototype cell and copied as style arrays: assigning Font /
Border objects cell by cell costs a hash lookup each time, which a 3,000-row file feels.
"""
from __future__ import annotations

import copy
import re
from decimal import Decimal, InvalidOperation

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side

FONT = "宋体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9][0-9]{0,13})(\.[0-9]{1,6})?\Z")
_GROUPED = re.compile(r"^-?[1-9][0-9]{0,2}(,[0-9]{3}){1,4}(\.[0-9]{1,6})?\Z")
_PERCENT = re.compile(r"^-?(0|[1-9][0-9]{0,5})(\.[0-9]{1,4})?%\Z")
_FORMULA_START = ("=", "+", "-", "@")


class StyleBook:
    """Style arrays for (role, align, number format), built on first use."""

    def __init__(self, ws):
        self._ws = ws
        self._cache: dict[tuple, object] = {}

    def style(self, role: str, align: str, number_format: str = "General", quote=False):
        k = (role, align, number_format, quote)
        arr = self._cache.get(k)
        if arr is None:
            cell = self._ws.cell(row=1, column=1)
            saved = copy.copy(cell._style)
            bold = role in ("title", "titlerow", "label", "head", "side", "heading")
            size = 16 if role in ("title", "titlerow") else 11
            cell.font = Font(name=FONT, size=size, bold=bold)
            cell.alignment = Alignment(
                horizontal=align if align in ("left", "center", "right") else "left",
                vertical="center", wrap_text=True)
            if role not in ("title", "unit", "para", "heading"):
                cell.border = BORDER
            cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            arr = copy.copy(cell._style)
            cell._style = saved
            self._cache[k] = arr
        return copy.copy(arr)


def clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text) if text else ""


def number_value(text: str) -> tuple[float | int, str] | None:
    """(number, format) that displays exactly ``text``, or None when it should stay text:
    ``500.00`` → (500, "0.00"), ``25%`` → (0.25, "0%"), ``36.4`` → (36.4, "0.0")."""
    if _PLAIN_NUMBER.match(text):
        if text in ("-0",) or text.startswith("-0") and set(text[1:]) <= {"0", "."}:
            return None
        intpart, _, frac = text.partition(".")
        if not frac:
            return int(text), "0"
        return float(text), "0." + "0" * len(frac)
    if _GROUPED.match(text):
        plain = text.replace(",", "")
        _, _, frac = plain.partition(".")
        value = float(plain) if frac else int(plain)
        return value, "#,##0" + ("." + "0" * len(frac) if frac else "")
    if _PERCENT.match(text):
        body = text[:-1]
        _, _, frac = body.partition(".")
        try:
            value = float(Decimal(body) / 100)
        except InvalidOperation:
            return None
        return value, ("0." + "0" * len(frac) + "%") if frac else "0%"
    return None


def needs_text_guard(text: str) -> bool:
    """User text Excel would take for a formula (``=HYPERLINK(…)``, ``+86…``, ``-``, ``@x``)."""
    return text.startswith(_FORMULA_START)


def put(ws, styles: StyleBook, row: int, col: int, text: str, role: str, align: str,
        numeric: bool = False) -> None:
    """Write ``text`` at (row, col): as a formatted number where it reads back identically,
    else as text (never as a formula)."""
    cell = ws.cell(row=row, column=col)
    text = clean(text)
    if numeric and text:
        nv = number_value(text)
        if nv is not None:
            cell.value = nv[0]
            cell._style = styles.style(role, align, nv[1])
            return
    if text and needs_text_guard(text):
        cell.value = text
        cell.data_type = "s"
        cell._style = styles.style(role, align, "@", quote=True)
        return
    cell.value = text if text else None
    cell._style = styles.style(role, align)
