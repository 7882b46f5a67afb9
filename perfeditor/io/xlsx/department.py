"""The department-wide narrative (部门整体绩效目标) on a sheet, one paragraph per row.

The grammar (section headings, item headings, where the narrative ends) is shared with the .docx
reader: :mod:`perfeditor.io.narrative`. Here: which rows of a sheet are the narrative — from its
part heading (or the first 总体绩效目标 heading) down to the next part, a form's title, another
section of the disclosure, a table row (several cells), or a row that belongs to a form.
"""
from __future__ import annotations

from perfeditor.io.narrative import (
    ends_narrative,
    is_item_heading,
    is_part_start,
    norm,
    read_narrative,
    section_of,
)
from perfeditor.io.xlsx.grid import Grid
from perfeditor.model import Department

__all__ = ["find_narrative", "is_item_heading", "parse_department", "section_of"]


def parse_department(paragraphs: list[str]) -> Department | None:
    """A :class:`Department` from paragraphs in order, or None when they hold no narrative."""
    dep = read_narrative(paragraphs)
    return dep if (dep.overall or dep.items or dep.measures) else None


def _paragraph(grid: Grid, r: int) -> str | None:
    """The row's text when it is one paragraph (one cell); None for a table row."""
    texts = grid.row_texts(r)
    return texts[0] if len(texts) == 1 else None


def find_narrative(grid: Grid, used: set[int]) -> tuple[Department, int, int] | None:
    """The narrative on ``grid`` (rows in ``used`` belong to forms) with its first and last
    row: the first is the row after the part heading (where an in-place save rewrites from)."""
    rows = [r for r in sorted(grid.row_cols) if r not in used and grid.row_texts(r)]
    start = None
    for i, r in enumerate(rows):
        t = _paragraph(grid, r)
        if t is not None and (is_part_start(t) or section_of(t) == "overall"):
            start = i
            break
    if start is None:
        return None
    picked: list[int] = []
    prev = rows[start] - 1
    for r in rows[start:]:
        t = _paragraph(grid, r)
        if any(x in used for x in range(prev + 1, r)) or t is None:
            break  # a form or a table
        if picked and ends_narrative(t):
            break
        picked.append(r)
        prev = r
    texts = [_paragraph(grid, r) or "" for r in picked]
    dep = parse_department(texts)
    if dep is None and any(is_part_start(t) for t in texts):
        dep = read_narrative(texts)  # an empty 第一部分 (a new form) is still the department part
    if dep is None:
        return None
    body = [r for r, t in zip(picked, texts, strict=False) if not (is_part_start(t) or norm(t) == "第一部分")]
    if not body:
        return None
    return dep, body[0], picked[-1]
