"""Reading amounts (万元/元) and percentages from the text a form shows.

The model always keeps the text as typed; these helpers parse it *alongside*, as ``Decimal``,
never as float.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_AMOUNT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    text = _SPACES.sub("", text or "")
    # Full-width digits and signs typed with a Chinese input method.
    return text.translate(str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%"))


def parse_amount(text: str) -> Decimal | None:
    """``"500.00"`` → ``Decimal("500.00")``; ``"1,234.5"`` → 1234.5; ``"21.4."`` or ``""`` → None.

    A trailing unit (``万元``, ``元``, ``万``) is accepted and dropped; the caller knows which unit
    the form's column is in.
    """
    t = _clean(text)
    for unit in ("万元", "元", "万"):
        if t.endswith(unit):
            t = t[: -len(unit)]
            break
    if not t or not _AMOUNT.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        return None


def parse_percent(text: str) -> Decimal | None:
    """``"25%"``, ``"25.00"``, ``"25"`` → ``Decimal(25)``; anything else → None."""
    t = _clean(text)
    if t.endswith("%"):
        t = t[:-1]
    if not t or not _AMOUNT.match(t):
        return None
    return Decimal(t.replace(",", ""))
