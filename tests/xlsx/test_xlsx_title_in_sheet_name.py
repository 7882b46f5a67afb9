"""A form alone on its sheet with no title row, the sheet named with its title: the title (and a
graded form's name, which only its title gives) is the sheet's name."""
from __future__ import annotations

import openpyxl
import pytest

from perfeditor.io import load_document, plan_save, read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES


def _titled_by_sheet(tmp_path, name: str, sheet: str | None = None):
    """The fixture without its title row's text, its first sheet named ``sheet`` (the title)."""
    wb = openpyxl.load_workbook(OWN_FIXTURES / "xlsx" / name)
    ws = wb.worksheets[0]
    title, ws["A1"] = ws["A1"].value, None
    ws.title = sheet or title
    wb.save(tmp_path / name)
    return tmp_path / name, title


@pytest.mark.parametrize(("fixture", "sheet", "name"), [("hebei_graded.xlsx", None, "保障性住房维修"),
                                                        ("mof2021_per_sheet.xlsx", "1、旧区改造绩效目标表", "老旧小区改造1")])
def test_the_title_is_the_sheets_name(fixture, sheet, name, tmp_path):
    path, title = _titled_by_sheet(tmp_path, fixture, sheet)
    p = load_document(path).projects[0]
    assert (p.title, p.name) == (sheet or title, name)


@pytest.mark.parametrize("sheet", ["Sheet1", "绩效目标表", "项目支出绩效目标表"])
def test_a_sheet_not_named_with_a_forms_title_gives_none(sheet, tmp_path):
    """(绩效目标表 names what every sheet holds, no project.)"""
    path, _ = _titled_by_sheet(tmp_path, "hebei_graded.xlsx", sheet)
    p = load_document(path).projects[0]
    assert (p.title, p.name) == ("", "")


def test_a_save_keeps_the_sheet_and_says_nothing_of_a_name_row(tmp_path):
    path, title = _titled_by_sheet(tmp_path, "hebei_graded.xlsx")
    doc, places = read_document(path)
    doc.projects[0].indicators[0].level3 = "改过的指标"
    want = dump_document(doc)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == [] and plan.write() == []
    assert dump_document(load_document(path)) == want
    assert openpyxl.load_workbook(path).sheetnames == [title]
