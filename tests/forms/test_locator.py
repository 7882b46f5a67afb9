"""One locator for every format (forms.find): a sheet is read as a body of paragraphs and tables
(a title-like row without borders is a paragraph, runs of other rows are tables on the sheet's own
rows), so a .docx body and an .xlsx sheet holding the same forms give the same projects."""
from __future__ import annotations

from pathlib import Path

import pytest

from perfeditor.forms.find import BodyForms, sheet_body
from perfeditor.io import read_document
from perfeditor.io.docx.grid import grid_from_rows, joined_lines
from perfeditor.io.xlsx.grid import Grid as SheetGrid
from perfeditor.io.xlsx.reader import read_sheets

ACCEPTANCE = Path(__file__).resolve().parents[1] / "fixtures" / "acceptance"
T1, T2 = "1、道路维护项目绩效目标表", "2、污水处理项目绩效目标表"
HEAD = [["项目名称", "道路维护", "项目编码", "P-1"], ["绩效目标", "完成道路维护", "", ""]]
INDICATORS = ["一级指标", "二级指标", "三级指标", "指标值"]
# the second form has no header block: another form's title over an indicator block starts it
BODY = [T1, [*HEAD, INDICATORS, ["产出指标", "数量指标", "道路长度", "10公里"]],
        T2, [INDICATORS, ["产出指标", "数量指标", "处理量", "1万吨"]]]


def _table(rows):
    return grid_from_rows([(0, False, [(1, None, None, t) for t in row], None) for row in rows], joined_lines)


def _sheet(body, bordered=()):
    text, r = {}, 0
    for block in body:
        for row in [[block]] if isinstance(block, str) else block:
            r += 1
            text.update(((r, c), t) for c, t in enumerate(row, 1) if t)
    return SheetGrid.from_parts("表", text, [], border_of=lambda r, c: (r, c) in bordered)


def _summary(projects):
    return [(p.title, p.name, [i.level3 for i in p.indicators], p.variant.split, p.variant.title_as_row,
             p.variant.rows) for p in projects]


def test_a_body_and_a_sheet_give_the_same_forms():
    body = [b if isinstance(b, str) else _table(b) for b in BODY]
    from_body = [p for _, p in BodyForms(body).run().kept()]
    from_sheet = read_sheets([_sheet(BODY)]).projects
    assert _summary(from_body) == _summary(from_sheet)
    assert [(p.title, len(p.indicators)) for p in from_body] == [(T1, 1), (T2, 1)]


def test_a_bordered_title_row_is_a_row_of_the_forms_table():
    grid = _sheet(BODY, bordered={(1, 1)})
    blocks, firsts = sheet_body(grid, grid.bordered)
    assert [b if isinstance(b, str) else (b.first, len(b)) for b in blocks] == [(0, 6), T2, (7, 9)]
    assert firsts == [0, 6, 7]
    first, second = read_sheets([grid]).projects
    assert first.title == T1 and first.variant.title_as_row and not second.variant.title_as_row


@pytest.mark.parametrize("name", ["seed004_qiannan", "var_title_row", "seed002_leting"])
def test_a_forms_rows_are_every_labelled_row_in_both_formats(name):
    """``variant.rows`` holds every labelled row of the header block, in .docx as in .xlsx (a
    table kept only the national form's optional rows)."""
    docx, _ = read_document(ACCEPTANCE / f"{name}.docx")
    xlsx, _ = read_document(ACCEPTANCE / f"{name}.xlsx")
    assert [p.variant.rows for p in docx.projects] == [p.variant.rows for p in xlsx.projects]
    assert all("name" in p.variant.rows for p in docx.projects)


# a table of something else under a form, in the same table (a sheet without borders is one table):
# its 项目名称 / 预算资金 column heads are no header block, so no form
PURCHASES = [["333 平乡县住房和城乡建设局", "单位：万元"], ["项目名称", "预算资金", "合计"], ["住建局", "", ""]]
HEADER_ONLY = [["项目名称", "桥梁检测", "项目编码", "P-2"], ["主管部门", "住建局", "实施单位", "市政处"],
               ["绩效目标", "完成桥梁检测", "", ""]]


@pytest.mark.parametrize("after, names", [(PURCHASES, ["道路维护"]), (HEADER_ONLY, ["道路维护", "桥梁检测"])])
def test_rows_after_a_form_in_its_table_are_a_form_only_with_a_header_block(after, names):
    """A later form of a table (stacked forms) needs an indicator header or a header block of its
    own (:func:`~perfeditor.forms.find.has_project_labels`), in a body as in a sheet; a header block
    without an indicator block is a form (issue 10)."""
    rows = [*HEAD, INDICATORS, ["产出指标", "数量指标", "道路长度", "10公里"], *after]
    from_body = [p for _, p in BodyForms([T1, _table(rows)]).run().kept()]
    from_sheet = read_sheets([_sheet([T1, rows])]).projects
    assert [p.name for p in from_body] == [p.name for p in from_sheet] == names
    assert _summary(from_body) == _summary(from_sheet)
