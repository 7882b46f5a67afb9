"""Moving the years inside a text forward (last year's form copied into this year's).

``2024年12月底前`` → ``2025年12月底前``; ``2024-12-31`` and ``2024.12`` move too; a year other
than last year's budget year (a project begun in 2019) stays when that year is known. Only a year that
reads as a year moves: four digits 1990–2099 followed by 年, or starting a date (``2024-``,
``2024.12``, ``2024/``); a count such as ``2024户`` or an amount ``2024.50万元`` stays.
"""
from __future__ import annotations

import re

_YEAR = re.compile(
    r"(?<![0-9０-９.])((?:19|20)\d{2})"            # four digits, not inside a longer number
    r"(?=\s*年"                                    # 2024年
    r"|[-/](?:0?[1-9]|1[0-2])(?!\d)"               # 2024-12, 2024/12
    r"|\.(?:0?[1-9]|1[0-2])(?![\d万元千亿%]))"      # 2024.12 (not 2024.50万元)
)


def shift_years(text: str, delta: int, only: int | None = None) -> tuple[str, int]:
    """``text`` with every year moved by ``delta`` (with ``only``: just that year, so that
    ``支付2019年项目剩余工程款`` in a 2024 form keeps its 2019), and how many years moved."""
    if not text or not delta:
        return text, 0
    count = 0

    def move(m: re.Match) -> str:
        nonlocal count
        year = int(m.group(1))
        if only is not None and year != only:
            return m.group(1)
        count += 1
        return str(year + delta)

    return _YEAR.sub(move, text), count


def years_in(text: str) -> list[int]:
    """The years a text names (``2024年12月底前`` → [2024])."""
    return [int(m.group(1)) for m in _YEAR.finditer(text or "")]
