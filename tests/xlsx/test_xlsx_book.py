"""The new-file writer's package (written without openpyxl's object model) as openpyxl and
LibreOffice read it: styles, merges, widths, heights, page setup, print titles, page breaks."""
from __future__ import annotations

import zipfile

import openpyxl

from perfeditor.io import load_document, read_document, save_document
from perfeditor.io.xlsx.book import Book
from perfeditor.model import Document, Indicator, Project


def _project(name: str, title_as_row: bool = False) -> Project:
    p = Project(title=f"{name}绩效目标表", name=name, code="P-1", unit="某局", goals="完成任务")
    p.budget.total, p.budget.fiscal = "500.00", "500.00"
    p.spending_plan = {"3月底": "25%", "6月底": "50%", "10月底": "75%", "12月底": "100%"}
    p.indicators = [Indicator(level1="产出指标", level2="数量指标", level3="道路", value="10公里"),
                    Indicator(level1="产出指标", level2="数量指标", level3="桥梁", value="2座")]
    p.variant.title_as_row = title_as_row
    return p


def test_styles_merges_and_page_setup(tmp_path):
    doc = Document(layout="hebei-project", projects=[_project("道路维护"), _project("桥梁维护", True)])
    doc.projects[0].goals = '=HYPERLINK("http://x","y")'
    path = tmp_path / "new.xlsx"
    save_document(doc, path, backup=False)
    wb = openpyxl.load_workbook(path)
    ws, ws2 = wb.worksheets
    title = ws["A1"]
    assert title.value == "道路维护绩效目标表" and title.font.name == "宋体"
    assert title.font.sz == 16 and title.font.b and not title.border.left.style
    label = next(c for row in ws.iter_rows() for c in row if c.value == "项目编码")
    assert label.font.b and label.border.left.style == "thin" and label.alignment.wrap_text
    total = next(c for row in ws.iter_rows() for c in row if c.value == 500)
    assert total.number_format == "0.00" and total.data_type == "n"
    goal = next(c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x","y")')
    assert goal.data_type == "s" and goal.quotePrefix
    assert any(m.min_row != m.max_row for m in ws.merged_cells.ranges)  # 一级 merged down
    covered = next(m for m in ws.merged_cells.ranges if m.min_row != m.max_row)
    below = ws.cell(covered.max_row, covered.min_col)
    assert below.border.left.style == "thin"  # the covered cells keep the form's borders
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows and ws.column_dimensions["A"].width > 5
    assert all(ws.row_dimensions[r].height >= 20 for r in range(1, ws.max_row + 1)
               if any(c.value for c in ws[r]))
    # the unit line: above a title heading it is unboxed, under a title row inside the form boxed
    assert ws["A2"].value == "某局" and not ws["A2"].border.left.style
    assert ws2["A1"].border.left.style == "thin" and ws2["A2"].border.left.style == "thin"
    again = load_document(path)
    assert again.projects[0].goals == '=HYPERLINK("http://x","y")'
    assert again.projects[0].budget.total == "500.00"
    assert [p.variant.title_as_row for p in again.projects] == [False, True]


def test_stacked_forms_get_page_breaks_and_no_print_titles(tmp_path):
    doc = Document(format="xlsx", layout="hebei-project",
                   projects=[_project("道路维护"), _project("桥梁维护")])
    src = tmp_path / "src.xlsx"
    save_document(doc, src, backup=False)
    stacked, stacked_map = read_document(src)
    stacked.path = None  # a new file in the source's arrangement
    for p in stacked.projects:
        stacked_map.of(p).sheet = "项目"
    out = tmp_path / "stacked.xlsx"
    save_document(stacked, out, backup=False, source_map=stacked_map)
    wb = openpyxl.load_workbook(out)
    (ws,) = wb.worksheets
    assert len(ws.row_breaks.brk) == 1 and not ws.print_title_rows
    assert [p.name for p in load_document(out).projects] == ["道路维护", "桥梁维护"]


def test_the_package_parts(tmp_path):
    book = Book()
    ws = book.sheet("它's <表>")
    ws.put(1, 1, "第一行\n第二行", "para", "left")
    ws.put(2, 1, "12.50", "number", "center", numeric=True)
    ws.put(3, 1, "abc\x01", "value", "left")
    ws.print_rows = (1, 2)
    book.save(tmp_path / "b.xlsx")
    with zipfile.ZipFile(tmp_path / "b.xlsx") as zf:
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml",
                "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} <= set(zf.namelist())
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    ws = wb["它's <表>"]
    assert ws["A1"].value == "第一行\n第二行" and ws["A2"].value == 12.5
    assert ws["A2"].number_format == "0.00" and ws["A3"].value == "abc"
    assert ws.print_title_rows == "$1:$2"
