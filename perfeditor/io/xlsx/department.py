"""The department part on a sheet, read by the form layer: the national table form
(:func:`perfeditor.forms.department.find_department_table` over the sheet's grid) and the narrative,
one paragraph a row (:func:`perfeditor.forms.narrative.find_narrative` over the rows' texts).
"""
from __future__ import annotations

from perfeditor.forms import department as table_form
from perfeditor.forms import narrative
from perfeditor.forms.vocabulary import department_label
from perfeditor.io.xlsx.grid import Grid
from perfeditor.model import Department


def department_digest(dep: Department) -> str:
    """``source.digest`` of the department part in an .xlsx: its content, and for the table
    form the amount unit its 预算申请（万元） header names (left out of the content fingerprint)."""
    digest = dep.content_fingerprint()
    return f"{digest}:{dep.budget.unit}" if dep.form == "table" else digest


def find_department_table(grid: Grid) -> tuple[Department, int, int] | None:
    """The table form on ``grid`` with its first and last rows, or None when the sheet does not
    hold one."""
    if not any("名称" in t and department_label(t) == "name" for t in grid.text.values()):
        return None  # most sheets: no 部门名称 label anywhere
    found = table_form.find_department_table(grid)
    return None if found is None else (found.department, found.first, found.last)


def find_narrative(grid: Grid, used: set[int]) -> tuple[Department, int, int] | None:
    """The narrative on ``grid`` (rows in ``used`` belong to forms) with its first and last row:
    the first is the row after the part heading (where an in-place save rewrites from)."""
    rows: list[int] = []
    texts: list[str | None] = []
    for r in sorted(set(grid.row_cols) | used):
        row = grid.row_texts(r) if r not in used else None
        if row != []:  # an empty row is no paragraph and ends nothing
            rows.append(r)
            texts.append(row[0] if row is not None and len(row) == 1 else None)
    found = narrative.find_narrative(texts)
    if found is None:
        return None
    dep, picked = found
    body = [rows[i] for i in picked if not narrative.is_part_heading(texts[i] or "")]
    return (dep, body[0], rows[picked[-1]]) if body else None
