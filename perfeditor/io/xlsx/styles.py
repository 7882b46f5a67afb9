"""Typed cell values of the written forms: which texts are written as formatted numbers, which
need the quote prefix to stay text (the styles themselves: :mod:`perfeditor.io.xlsx.book`)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9][0-9]{0,13})(\.[0-9]{1,6})?\Z")
_GROUPED = re.compile(r"^-?[1-9][0-9]{0,2}(,[0-9]{3}){1,4}(\.[0-9]{1,6})?\Z")
_PERCENT = re.compile(r"^-?(0|[1-9][0-9]{0,5})(\.[0-9]{1,4})?%\Z")
_FORMULA_START = ("=", "+", "-", "@")


def clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text) if text else ""


def number_value(text: str) -> tuple[float | int, str] | None:
    """(number, format) that displays exactly ``text``, or None when it should stay text:
    ``500.00`` → (500, "0.00"), ``25%`` → (0.25, "0%"), ``36.4`` → (36.4, "0.0")."""
    if _PLAIN_NUMBER.match(text):
        if text.startswith("-0") and set(text[1:]) <= {"0", "."}:
            return None
        frac = text.partition(".")[2]
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
