"""Column widths of the printed indicator block: the official forms' proportions, balanced by
content.

The base proportions are the grid widths of the official files (``spec/forms.md``, the seeds):
the short merged columns (一级/二级, the 优/良/中/差 standards, 权重) keep them; the text columns
(三级指标, 指标值, 描述, 依据, 说明 …) share their combined width by content: a column whose texts are
short gets just the room to print them on one line, the columns of long texts split the rest by
the official proportions, so long texts are not squeezed into many lines next to a half-empty
column. No Qt here.
"""
from __future__ import annotations

import unicodedata

from perfeditor.forms.layouts import SIDE_WIDTH, declaration
from perfeditor.model.document import LAYOUTS, Indicator

#: Columns whose width follows their content; the others keep the official width.
FLEXIBLE = frozenset({"level3", "description", "value", "value_midterm", "basis", "note"})
#: Width of the printed table in half-em units of the table text (10 pt: 1.76 mm): A4 with the
#: official margins is 162 mm wide in portrait, 249 mm in landscape.
TABLE_UNITS = {False: 92.0, True: 141.0}
#: Room a cell's padding and borders take, in the same units.
CELL_PADDING = 3.0


def text_width(text: str) -> int:
    """Printed width in half-em units: CJK, full-width and ambiguous-width characters (≥, ％, “ print
    full-width in Chinese fonts) count 2, others 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text or "")


def _base(layout: str, column: str) -> float:
    """The official width (twips) of ``column`` in ``layout`` (:mod:`perfeditor.forms.layouts`)."""
    return declaration(layout if layout in LAYOUTS else "hebei-project").width(column)


def _need(column: str, indicators: list[Indicator], header: str) -> float:
    """Room a column asks for to print most of its texts on one line: the 80th percentile of
    their printed widths (empty cells count), and room for its header: on one line up to four
    characters (三级指标), else on two lines."""
    lengths = sorted(text_width(getattr(ind, column, "") or "") for ind in indicators)
    typical = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0
    head = text_width(header)
    return max(typical, head if head <= 8 else max(8, (head + 1) // 2), 4) + CELL_PADDING


def _water_fill(needs: list[float], bases: list[float], room: float) -> list[float]:
    """Share ``room``: a column that needs less than its fair share (by official proportion)
    gets just what it needs; the long ones split the rest by official proportion."""
    widths = [0.0] * len(needs)
    left = list(range(len(needs)))
    remaining = room
    while left:
        base_sum = sum(bases[i] for i in left)
        short = [i for i in left if needs[i] <= remaining * bases[i] / base_sum]
        if not short:
            for i in left:
                widths[i] = remaining * bases[i] / base_sum
            return widths
        for i in short:
            widths[i] = needs[i]
            remaining -= needs[i]
        left = [i for i in left if i not in short]
    if remaining > 0:  # every text fits: the spare room goes by official proportion
        base_sum = sum(bases)
        widths = [w + remaining * b / base_sum for w, b in zip(widths, bases, strict=False)]
    return widths


def balanced_widths(layout: str, columns: list[str], indicators: list[Indicator] | None = None,
                    headers: dict[str, str] | None = None, side: bool = False,
                    landscape: bool = False) -> tuple[float, list[float]]:
    """Percent widths of the side column (0 without one) and of each column, summing to 100."""
    raw = [_base(layout, c) for c in columns]
    side_raw = SIDE_WIDTH if side else 0
    total = sum(raw) + side_raw
    flex = [i for i, c in enumerate(columns) if c in FLEXIBLE]
    if indicators and len(flex) > 1:
        headers = headers or {}
        units = TABLE_UNITS[landscape] / total  # half-em units per official twip
        room = sum(raw[i] for i in flex) * units
        needs = [_need(columns[i], indicators, headers.get(columns[i], "")) for i in flex]
        shares = _water_fill(needs, [raw[i] for i in flex], room)
        for i, w in zip(flex, shares, strict=False):
            raw[i] = w / units
    return side_raw * 100 / total, [w * 100 / total for w in raw]
