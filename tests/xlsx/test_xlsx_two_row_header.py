"""An indicator header over two rows: 绩效指标 heading 一级/二级/三级指标 in the row below, the other
labels (指标值, 指标值设定依据) merged down over both rows. Every column is read, on a sheet as in a
.docx table."""
from __future__ import annotations

import sys

import openpyxl
from openpyxl.worksheet.cell_range import CellRange

from perfeditor.io import load_document, plan_save, read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES

sys.path.insert(0, str(OWN_FIXTURES / "docx"))
from xml_fixtures import _write, p, tbl, tc, tr  # noqa: E402


def _two_row_header(tmp_path):
    """mof2021_per_sheet.xlsx with a 绩效指标 row over 一级/二级/三级指标 (row 13 before)."""
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / "mof2021_per_sheet.xlsx")
    ws = wb.worksheets[0]
    merges = [m.coord for m in ws.merged_cells.ranges]
    for m in merges:
        ws.unmerge_cells(m)
    ws.insert_rows(13)
    for m in map(CellRange, merges):
        if m.min_row >= 13:
            m.shift(0, 1)
        if m.coord != "E14:F14":
            ws.merge_cells(m.coord)
    ws["A13"], ws["D13"], ws["E13"], ws["D14"], ws["E14"] = "绩效指标", ws["D14"].value, ws["E14"].value, None, None
    for coord in ("A13:C13", "D13:D14", "E13:F14"):
        ws.merge_cells(coord)
    wb.save(tmp_path / "two_rows.xlsx")
    return tmp_path / "two_rows.xlsx"


def test_a_sheets_indicator_header_over_two_rows_reads_every_column(tmp_path):
    path = _two_row_header(tmp_path)
    want = dump_document(load_document(OWN_FIXTURES / "xlsx" / "mof2021_per_sheet.xlsx"))
    assert load_document(path).projects[0].variant.indicator_columns == ["level1", "level2", "level3", "value",
                                                                         "basis"]
    assert dump_document(load_document(path)) == want


def test_an_edit_under_a_two_row_header_is_saved(tmp_path):
    path = _two_row_header(tmp_path)
    doc, places = read_document(path)
    doc.projects[0].indicators[1].value = "≥6万平方米"
    want = dump_document(doc)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert dump_document(load_document(path)) == want


def test_a_tables_indicator_header_over_two_rows_reads_every_column(tmp_path):
    rows = [tr(tc("项目名称"), tc("城市排水", span=4)), tr(tc("年度目标"), tc("完成排水", span=4)),
            tr(tc("绩效指标", span=3), tc("指标值", vmerge="restart"), tc("指标值设定依据", vmerge="restart")),
            tr(tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("", vmerge="continue"), tc("", vmerge="continue")),
            tr(tc("产出指标"), tc("数量指标"), tc("疏通管网长度"), tc("≥120公里"), tc("年度计划"))]
    _write(tmp_path / "two_rows.docx", [p("项目支出绩效目标表"), tbl(5, *rows)])
    ind = load_document(tmp_path / "two_rows.docx").projects[0].indicators[0]
    assert (ind.level3, ind.value, ind.basis) == ("疏通管网长度", "≥120公里", "年度计划")
