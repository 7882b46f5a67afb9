"""One reader for the department part (forms.department, forms.narrative): the same national
department form, with label variants (spaces, colons, brackets, 其中, line breaks), merged cells
that do not match their headers and an extra 备注 column, read the same from a .docx table and
from an .xlsx sheet placed elsewhere on the sheet; the narrative ends at the disclosure's next
section in both."""
from __future__ import annotations

import sys

import openpyxl
import pytest

from perfeditor.forms.department import find_department_table
from perfeditor.forms.narrative import find_narrative
from perfeditor.io import read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES

sys.path.insert(0, str(OWN_FIXTURES / "docx"))
from xml_fixtures import _write, p, tbl, tc, tr  # noqa: E402

TITLE = "部门整体支出绩效目标申报表"
WIDTH = 8
# Each row: the cells starting in it, left to right (text, colspan, rowspan); columns covered by a
# cell merged down from above are skipped.
ROWS = [
    [("部门（单位）名称：", 1, 1), ("某县 住房和城乡建设局", 7, 1)],
    [("年度\n主要 任务", 1, 5), ("任务 名称", 1, 2), ("主要内容", 2, 2), ("预算申请（元）", 3, 1), ("备注", 1, 2)],
    [("总 额", 1, 1), ("其中：财政拨款", 1, 1), ("其他资金", 1, 1)],
    [("保障性住房", 1, 1), ("公租房维修管理", 2, 1), ("120", 1, 1), ("100", 1, 1), ("20", 1, 1), ("按季度拨付", 1, 1)],
    [("市政设施", 1, 1), ("道路路灯维护", 2, 1), ("80", 1, 1), ("80", 1, 1), ("", 1, 1), ("", 1, 1)],
    [("金额 合计：", 3, 1), ("200", 1, 1), ("180", 1, 1), ("20", 1, 1), ("", 1, 1)],
    [("年度总体目标：", 1, 1), ("完成年度城乡建设任务。", 7, 1)],
    [("年度绩效指标", 1, 5), ("一级 指标", 1, 1), ("二级指标", 1, 1), ("三级指标", 2, 1), ("指标值", 2, 1), ("备注", 1, 1)],
    [("产出指标", 1, 2), ("数量指标", 1, 1), ("维修公租房套数", 2, 1), ("≥200套", 2, 1), ("", 1, 1)],
    [("质量指标", 1, 1), ("路灯亮灯率", 2, 1), ("≥98%", 2, 1), ("抽检", 1, 1)],
    [("满意度指标", 1, 1), ("服务对象满意度指标", 1, 1), ("群众满意度", 2, 1), ("≥90%", 2, 1), ("", 1, 1)],
    # 三级 and 指标值 not merged as their headers are: a value is the cell starting under its header
    [("效益指标", 1, 1), ("社会效益指标", 1, 1), ("居住条件改善", 1, 1), ("", 1, 1), ("明显改善", 2, 1), ("", 1, 1)],
]


def _placed():
    """(row, col, text, colspan, rowspan) of every cell starting somewhere, and the covered
    positions (row, col) → the cell above (its colspan) they continue."""
    out, below = [], {}
    for r, cells in enumerate(ROWS):
        c, queue = 0, list(cells)
        while c < WIDTH:
            if (r, c) in below:
                c += below[(r, c)]
                continue
            text, cs, rs = queue.pop(0)
            out.append((r, c, text, cs, rs))
            for k in range(r + 1, r + rs):
                below[(k, c)] = cs
            c += cs
    return out, below


def _docx(path) -> None:
    placed, below = _placed()
    rows = []
    for r in range(len(ROWS)):
        cells = {c: tc(*t.split("\n"), span=cs, vmerge="restart" if rs > 1 else None)
                 for rr, c, t, cs, rs in placed if rr == r}
        cells.update({c: tc(span=cs, vmerge="continue") for (rr, c), cs in below.items() if rr == r})
        rows.append(tr(*(cells[c] for c in sorted(cells))))
    _write(path, [p(TITLE), p("（单位：元）"), tbl(WIDTH, *rows), p("1、某项目绩效目标表")])


def _xlsx(path, top: int = 3, left: int = 2) -> None:
    """The form from row ``top``, column ``left`` on (an extra column before it), its title above."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.cell(top - 2, left, TITLE)
    ws.merge_cells(start_row=top - 2, start_column=left, end_row=top - 2, end_column=left + WIDTH - 1)
    placed, _ = _placed()
    for r, c, text, cs, rs in placed:
        if text:
            ws.cell(top + r, left + c, text)
        if cs > 1 or rs > 1:
            ws.merge_cells(start_row=top + r, start_column=left + c, end_row=top + r + rs - 1,
                           end_column=left + c + cs - 1)
    wb.save(path)


@pytest.fixture
def read_both(tmp_path):
    _docx(tmp_path / "dep.docx")
    _xlsx(tmp_path / "dep.xlsx")
    return read_document(tmp_path / "dep.docx"), read_document(tmp_path / "dep.xlsx")


def test_the_same_department_form_is_read_from_a_table_and_a_sheet(read_both):
    (docx, docx_map), (xlsx, xlsx_map) = read_both
    assert dump_document(docx)["department"] == dump_document(xlsx)["department"]
    dep = docx.department
    assert dep.form == "table" and dep.name == "某县 住房和城乡建设局"
    assert [t.model_dump() for t in dep.tasks] == [
        {"name": "保障性住房", "content": "公租房维修管理", "total": "120", "fiscal": "100", "other": "20"},
        {"name": "市政设施", "content": "道路路灯维护", "total": "80", "fiscal": "80", "other": ""}]
    assert (dep.budget.total, dep.budget.fiscal, dep.budget.other) == ("200", "180", "20")
    assert dep.budget.unit == xlsx.department.budget.unit == "元"
    assert dep.overall == "完成年度城乡建设任务。"
    assert [(i.level1, i.level2, i.level3, i.value, i.note) for i in dep.indicators] == [
        ("产出指标", "数量指标", "维修公租房套数", "≥200套", ""),
        ("产出指标", "质量指标", "路灯亮灯率", "≥98%", "抽检"),  # the extra column is kept, not dropped
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", ""),
        ("效益指标", "社会效益指标", "居住条件改善", "明显改善", "")]
    # where it sits: the title paragraph, the unit line and the table; the sheet's rows from the title
    assert docx_map.department.blocks == [0, 1, 2]
    assert (xlsx_map.department.first_row, xlsx_map.department.last_row) == (1, 3 + len(ROWS) - 1)
    assert [p.title for p in docx.projects] == []


def test_a_sheet_reads_the_form_wherever_it_sits(tmp_path):
    _xlsx(tmp_path / "far.xlsx", top=12, left=5)
    _xlsx(tmp_path / "near.xlsx", top=3, left=1)
    far, near = read_document(tmp_path / "far.xlsx"), read_document(tmp_path / "near.xlsx")
    assert dump_document(far[0]) == dump_document(near[0])
    assert (far[1].department.first_row, far[1].department.last_row) == (10, 12 + len(ROWS) - 1)


def test_a_table_is_the_form_only_when_it_starts_with_it():
    from perfeditor.io.docx.grid import grid_from_rows, joined_lines

    rows = [(0, False, [(1, None, None, t) for t in texts], None) for texts in
            (["项目名称", "某项目", ""], ["一级指标", "三级指标", "指标值"], ["产出指标", "套数", "10"],
             ["部门名称", "某县住建局", ""], ["年度总体目标", "完成任务", ""])]
    grid = grid_from_rows(rows, joined_lines)
    assert find_department_table(grid, head_rows=3) is None  # a .docx table is the form or not
    found = find_department_table(grid)  # a sheet holds it anywhere
    assert (found.department.name, found.department.overall, found.first, found.last) == \
        ("某县住建局", "完成任务", 3, 4)


def test_the_narrative_ends_at_the_next_section_of_the_disclosure():
    texts = ["第一部分", "部门整体绩效目标", "一、总体绩效目标", "完成年度任务。", None, "三、工作保障措施", "x"]
    dep, picked = find_narrative(texts)
    assert picked == [0, 1, 2, 3] and dep.overall == "完成年度任务。"
    texts = ["部门整体绩效目标", "一、总体绩效目标", "完成年度任务。", "三、工作保障措施", "加强管理。",
             "六、政府采购预算情况", "无。"]
    dep, picked = find_narrative(texts)
    assert dep.measures == "加强管理。" and picked == [0, 1, 2, 3, 4]
    assert find_narrative(["一、总体绩效目标", ""]) is None  # a lone heading is no narrative
    assert find_narrative(["第一部分", "部门整体绩效目标"])[1] == [0, 1]  # an empty part still is


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_a_narrative_file_stops_before_the_disclosure_section(tmp_path, suffix):
    paras = ["第一部分 部门整体绩效目标", "一、总体绩效目标", "完成年度任务。", "三、工作保障措施", "加强管理。",
             "六、政府采购预算情况", "本部门无政府采购预算。"]
    path = tmp_path / f"n.{suffix}"
    if suffix == "docx":
        _write(path, [p(t) for t in paras])
    else:
        wb = openpyxl.Workbook()
        for r, t in enumerate(paras, 1):
            wb.active.cell(r, 1, t)
        wb.save(path)
    doc, _ = read_document(path)
    assert doc.department.overall == "完成年度任务。" and doc.department.measures == "加强管理。"
