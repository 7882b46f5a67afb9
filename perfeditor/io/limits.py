"""What the readers will do for one file, whatever the file declares. No Qt.

The limits apply to what a parser would build, not to how the input spells it. Real forms stay far
below every figure (the largest sample: 3,000 rows, a few thousand merged-over cells).
"""
from __future__ import annotations

from perfeditor.errors import FormReadError

#: merged-over cells one worksheet may declare, and the whole workbook
MAX_MERGED_CELLS_SHEET = 250_000
MAX_MERGED_CELLS_FILE = 500_000
#: cells (``<c>`` elements / ``w:tc``) in one file
MAX_CELLS_FILE = 2_000_000
#: rows a grid (a worksheet, a Word table) may span, and rows × columns of its used area
MAX_GRID_ROWS = 200_000
MAX_GRID_AREA = 4_000_000
#: grid columns of one Word table row (Word itself allows 63)
MAX_SPAN = 1_000
#: rows of one Word table
MAX_TABLE_ROWS = 200_000
#: characters of text in one cell (Excel's own limit is 32,767)
MAX_CELL_TEXT = 1_000_000
#: sheets of a workbook
MAX_SHEETS = 5_000

_AGAIN = "请让发送方检查后重新保存再发送。"


def refuse(what: str, count: int | str, limit: int) -> FormReadError:
    """The error for ``what`` (a Chinese noun phrase) exceeding ``limit``."""
    shown = f"{count:,}" if isinstance(count, int) else count
    return FormReadError(f"{what}（{shown}）超过了程序的上限（{limit:,}），文件可能已损坏或是恶意构造的；{_AGAIN}")


def check(value: int, limit: int, what: str) -> None:
    """Raise :func:`refuse` when ``value`` exceeds ``limit``."""
    if value > limit:
        raise refuse(what, value, limit)
