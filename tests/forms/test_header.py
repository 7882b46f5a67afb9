"""One header-block reader for every format: the same labels read from a .docx table's grid and
from an .xlsx sheet's grid (forms.header over forms.grid), with the same places."""
from __future__ import annotations

from perfeditor.forms.header import read_header
from perfeditor.io.docx.grid import grid_from_rows, joined_lines
from perfeditor.io.xlsx.grid import Grid as SheetGrid
from perfeditor.model import Project
from perfeditor.model.dump import dump_project

_ROWS = [
    (["1、城建管理经费绩效目标表"], {0: 4}),
    (["单位：万元", "", "", ""], {}),
    (["项目名称", "城建管理", "项目编码", "P001"], {}),
    (["预算数", "100", "其他资金", ""], {}),  # an empty value cell
    (["绩效目标", ""], {1: 3}),  # goals still empty, the indicator header below
    (["一级指标", "二级指标", "三级指标", "指标值"], {}),
]


def _docx_grid():
    rows = []
    for texts, spans in _ROWS:
        rows.append((0, False, [(spans.get(c, 1), None, None, t) for c, t in enumerate(texts)], None))
    return grid_from_rows(rows, joined_lines)


def _sheet_grid():
    text, merges, col = {}, [], 0
    for r, (texts, spans) in enumerate(_ROWS, 1):
        col = 1
        for t in texts:
            span = spans.get(col - 1, 1)
            if t:
                text[(r, col)] = t
            if span > 1:
                merges.append((r, col, r, col + span - 1))
            col += span
    return SheetGrid.from_parts("表", text, merges)


def test_the_same_header_block_is_read_from_a_table_and_a_sheet():
    d, x = Project(), Project()
    hd = read_header(_docx_grid(), 0, 5, d)
    hx = read_header(_sheet_grid(), 1, 6, x)
    assert dump_project(d) == dump_project(x)
    assert (d.title, d.name, d.code, d.budget.total, d.budget.other, d.goals) == \
        ("1、城建管理经费绩效目标表", "城建管理", "P001", "100", "", "")
    assert d.budget.unit == "万元"
    assert hd.labels == hx.labels
    assert {k: [v + 1 for v in pos] for k, pos in hd.where.items()} == hx.where


def test_an_empty_value_cell_beside_its_label_is_its_place():
    head = read_header(_docx_grid(), 0, 5, Project())
    assert head.where["budget.other"] == [3, 3] and "budget.other" not in head.empty
    assert head.where["goals"] == [4, 1] and "goals" not in head.empty  # not the header row below
