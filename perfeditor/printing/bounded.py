"""Print layout in bounded time, whatever the document holds.

Qt lays a cell's text out in time that grows faster than its length, and paints every page of a
table in time proportional to the whole table (each page's ``drawContents`` walks all its rows),
so a cell of 1 MB of text or a form of 20,000 indicator rows would freeze the print preview and
never finish a PDF. Two bounds keep every print linear and quick:

* a cell prints at most :data:`MAX_CELL_CHARS` characters, then says how many more there are
  (the file keeps them all; a real form's longest cell is a few hundred characters);
* a form's indicator rows are laid out in parts of :data:`ROWS_PER_PART` rows, each a section of
  its own starting on a new page with the column headers repeated (a real form has 10–60 rows,
  so only a form far beyond any real one is split).

Within a split form, a merged 一级/二级 cell spans at most :data:`MERGED_RUN_ROWS` rows (its label
is repeated after that: Qt paints every row from the top of a merged cell on each page it
crosses), and the body cells are top-aligned in the HTML (no second layout pass to move the text
of cells cut by a page break, see :func:`~perfeditor.printing.paginate.top_align_split_cells`).
Together these keep a form of 20,000 rows well within 30 s.

Memory is bounded as well: a laid-out section costs about 50 bytes per character of its HTML, so
once the sections of a job hold more than :data:`KEEP_HTML_CHARS` characters, the others are
laid out once to count their pages (the footer says 共 M 页) and again, one at a time, to be
painted (a job of 5,000 forms: about 0.5 GB less, some more time).
"""
from __future__ import annotations

MAX_CELL_CHARS = 10_000
ROWS_PER_PART = 100
MERGED_RUN_ROWS = 20
KEEP_HTML_CHARS = 6_000_000


def clip(text: str) -> str:
    """``text`` cut to :data:`MAX_CELL_CHARS` with a note of what was left out."""
    if len(text) <= MAX_CELL_CHARS:
        return text
    return f"{text[:MAX_CELL_CHARS]}……（此处另有 {len(text) - MAX_CELL_CHARS:,} 字未打印，完整内容请在程序中查看）"


def parts(count: int) -> list[tuple[int, int]]:
    """(start, end) of each part of ``count`` rows."""
    if count <= ROWS_PER_PART:
        return [(0, count)]
    return [(i, min(count, i + ROWS_PER_PART)) for i in range(0, count, ROWS_PER_PART)]
