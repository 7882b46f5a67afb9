"""Writing .xlsx: round trips, conversions between layouts, formula-like text, printing."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from xlsx_helpers import comparable

from perfeditor.forms.layouts import declaration
from perfeditor.io import load_document, read_document
from perfeditor.io.xlsx.writer import write_xlsx
from perfeditor.model import Document, Indicator, Project, dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES, needs_soffice

SOURCES = sorted(PUBLIC_FIXTURES.glob("*.xlsx")) + sorted(PUBLIC_FIXTURES.glob("*.docx")) \
    + sorted((OWN_FIXTURES / "xlsx").glob("*.xlsx"))
LAYOUTS = ("hebei-project", "hebei-graded", "mof-project")
#: What each layout has besides the indicator columns.
HOLDS = {
    "hebei-project": {"title", "name", "code", "unit", "purpose", "spending_plan", "goals",
                      "budget.total", "budget.fiscal", "budget.other"},
    "hebei-graded": {"title", "name", "goals"},
    "mof-project": {"title", "name", "unit", "implementer", "kind", "period", "source", "goals",
                    "goals_midterm", "budget.total", "budget.fiscal", "budget.other",
                    "budget.superior", "budget.local", "budget.midterm_total",
                    "budget.midterm_fiscal", "budget.midterm_other"},
}


def _load_if_possible(path: Path):
    """The document of ``path`` and its source map."""
    if path.suffix == ".docx":
        pytest.importorskip("perfeditor.io.docx.reader", reason="the .docx reader is another area")
    return read_document(path)


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: p.name)
def test_round_trip_same_layout(src, tmp_path):
    doc, doc_map = _load_if_possible(src)
    out = tmp_path / "out.xlsx"
    assert write_xlsx(doc, out, smap=doc_map) == []
    again = load_document(out)
    assert comparable(dump_document(again)) == comparable(dump_document(doc))


def _kept(dump: dict, layout: str, cols: set[str]) -> dict:
    """The part of a dump a layout holds."""
    holds = HOLDS[layout]
    out = []
    for p in dump["projects"]:
        q = {k: v for k, v in p.items() if k in holds}
        q["budget"] = {k: v for k, v in p["budget"].items() if f"budget.{k}" in holds and v}
        if layout == "hebei-graded":
            q.pop("title", None)
        q["indicators"] = [{k: v for k, v in i.items() if (k in cols or k == "grades") and v}
                           for i in p["indicators"]]
        if "grade:优" not in cols:
            for i in q["indicators"]:
                i.pop("grades", None)
        plan = p["spending_plan"]
        if layout != "hebei-project" or not plan or not any(plan.values()):
            q.pop("spending_plan", None)
        out.append(q)
    return {"projects": out, "department": dump["department"]}


def _conversions():
    """(source, other layout) pairs; a source's own layout is the round trip's case."""
    import json

    out = []
    for src in SOURCES:
        own = json.loads(Path(f"{src}.dump.json").read_text(encoding="utf-8"))["layout"]
        out += [pytest.param(src, layout, id=f"{src.name}->{layout}")
                for layout in LAYOUTS if layout != own]
    return out


@pytest.mark.parametrize("src,layout", _conversions())
def test_conversion_keeps_every_field_the_target_has(src, layout, tmp_path):
    doc, _ = _load_if_possible(src)
    out = tmp_path / "out.xlsx"
    report = write_xlsx(doc, out, layout=layout)
    again = load_document(out)
    assert again.layout == layout
    cols = set(declaration(layout).allowed)
    want = _kept(comparable(dump_document(doc)), layout, cols)
    got = _kept(comparable(dump_document(again)), layout, cols)
    if layout == "hebei-graded":  # grades written back empty where the source had none
        for p in got["projects"]:
            for i in p["indicators"]:
                if i.get("grades") and not any(i["grades"].values()):
                    i.pop("grades")
        for p in want["projects"]:
            for i in p["indicators"]:
                if i.get("grades") is None:
                    i.pop("grades", None)
    for w, g in zip(want["projects"], got["projects"], strict=False):
        if w.get("title") == "":  # a form without a title gets the layout's own
            g["title"] = ""
    assert got == want
    lost = dump_document(doc)["projects"]
    if any(p["code"] for p in lost) and layout != "hebei-project":
        assert any("项目编码" in line for line in report)


def test_formula_like_text_stays_text(tmp_path):
    doc, doc_map = read_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    doc.format, doc.path = "", None
    text = '=HYPERLINK("http://x","y")'
    doc.projects[0].name = text
    doc.projects[0].indicators[0].value = "+86 10"
    doc.projects[0].indicators[0].level3 = "@人数"
    doc.projects[0].goals = "-1、减少支出"
    out = tmp_path / "f.xlsx"
    write_xlsx(doc, out, smap=doc_map)
    again, again_map = read_document(out)
    p = again.projects[0]
    assert (p.name, p.indicators[0].value, p.indicators[0].level3, p.goals) == \
        (text, "+86 10", "@人数", "-1、减少支出")
    wb = openpyxl.load_workbook(out)
    ws = wb[again_map.of(p).sheet]
    found = [c for row in ws.iter_rows() for c in row if c.value == text]
    assert found and found[0].data_type == "s" and found[0].quotePrefix


def test_amounts_are_numbers_with_formats(tmp_path):
    doc, doc_map = read_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    doc.format, doc.path = "", None
    out = tmp_path / "n.xlsx"
    write_xlsx(doc, out, smap=doc_map)
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    cells = {c.value: c.number_format for row in ws.iter_rows() for c in row
             if isinstance(c.value, (int, float))}
    assert cells.get(130) == "0.00" or cells.get(130.0) == "0.00"
    assert cells.get(0.25) == "0%"


def test_weights_are_numbers_as_typed(tmp_path):
    """权重 in a new workbook: a number cell in a format that shows it as typed (as the in-place
    writer writes it), text when it is not a number; read back as typed."""
    doc, doc_map = read_document(OWN_FIXTURES / "xlsx" / "hebei_variants.xlsx")
    doc.format, doc.path = "", None
    inds = doc.projects[0].indicators
    for ind, weight in zip(inds, ["30", "30.0", "约20", "2.5"], strict=True):
        ind.weight = weight
    out = tmp_path / "w.xlsx"
    write_xlsx(doc, out, smap=doc_map)
    again, again_map = read_document(out)
    assert [i.weight for i in again.projects[0].indicators] == ["30", "30.0", "约20", "2.5"]
    ws = openpyxl.load_workbook(out)[again_map.of(again.projects[0]).sheet]
    head = next(c for row in ws.iter_rows() for c in row if c.value == "权重")
    got = [ws.cell(r, head.column).value for r in range(head.row + 1, ws.max_row + 1)
           if ws.cell(r, head.column).value is not None]
    assert got == [30, 30, "约20", 2.5]


def test_new_file_from_docx_has_department_sheet_and_one_sheet_per_project(tmp_path):
    doc, _ = _load_if_possible(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    out = tmp_path / "d.xlsx"
    write_xlsx(doc, out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "部门整体绩效目标"
    assert len(wb.sheetnames) == 1 + len(doc.projects)
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in wb.sheetnames)
    ws = wb.worksheets[1]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows


def test_sheet_names_are_safe_and_unique():
    from perfeditor.io.xlsx.writer import safe_sheet_name

    taken: set[str] = set()
    a = safe_sheet_name("a/b:c*d?[e]\\" + "长" * 40, taken)
    b = safe_sheet_name("a/b:c*d?[e]\\" + "长" * 40, taken)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert not set(a) & set("[]:*?/\\")
    # as the sheets named after their forms are read and renamed: an apostrophe only inside
    assert safe_sheet_name("'1.O'Neil项目'", taken) == "1.O'Neil项目"


def test_layout_loss_is_reported(tmp_path):
    p = Project(title="1、测试项目绩效目标表", name="测试项目", code="X-1", purpose="用途",
                indicators=[Indicator(level1="产出指标", level2="数量指标", level3="数量",
                                      description="说明", value="≥1次")])
    doc = Document(layout="hebei-project", projects=[p])
    report = write_xlsx(doc, tmp_path / "g.xlsx", layout="hebei-graded")
    assert any("项目编码" in line for line in report)
    assert any("指标值" in line for line in report)


@needs_soffice
def test_written_file_converts_to_pdf(tmp_path):
    doc, doc_map = read_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    doc.format, doc.path = "", None
    doc.projects = doc.projects[:2]
    out = tmp_path / "p.xlsx"
    write_xlsx(doc, out, smap=doc_map)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   capture_output=True, timeout=180)
    pdf = tmp_path / "p.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                              timeout=60).stdout.decode("utf-8", "replace")
        assert "三级指标" in text and "农村住房改造面积" in text


def test_title_inside_the_form_stays_inside(tmp_path):
    doc, doc_map = read_document(OWN_FIXTURES / "xlsx" / "mof2015_national_stacked.xlsx")
    assert doc.projects[0].variant.title_as_row
    doc.format = ""
    write_xlsx(doc, tmp_path / "t.xlsx", smap=doc_map)
    again = load_document(tmp_path / "t.xlsx")
    assert all(p.variant.title_as_row for p in again.projects)
    plain = load_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    assert not plain.projects[0].variant.title_as_row


def test_control_characters_are_dropped(tmp_path):
    p = Project(name="带\x07控制字符", indicators=[Indicator(level1="产出指标", level3="a\x01b")])
    doc = Document(projects=[p])
    out = tmp_path / "c.xlsx"
    write_xlsx(doc, out)
    again = load_document(out)
    assert again.projects[0].name == "带控制字符" and again.projects[0].indicators[0].level3 == "ab"


def test_mixed_layouts_keep_their_own_form(tmp_path):
    graded = load_document(OWN_FIXTURES / "xlsx" / "hebei_graded.xlsx")
    doc, doc_map = read_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    doc.projects = doc.projects[:2] + graded.projects
    doc.format = ""
    out = tmp_path / "mixed.xlsx"
    assert write_xlsx(doc, out, smap=doc_map) == []
    again = load_document(out)
    assert [p.variant.layout for p in again.projects] == ["hebei-project"] * 2 + ["hebei-graded"]
    assert comparable(dump_document(again))["projects"] == comparable(dump_document(doc))["projects"]



def _cell_xml(path, ref: str) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    return re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml, re.S).group(0)


def test_a_value_edit_in_place_rewrites_only_the_changed_cells_and_a_text_cell_stays_text(tmp_path):
    """var_weight.xlsx, one 权重 edited: its cell, formatted ``@`` (text) as every weight cell there,
    is written as text (as Excel stores a number typed into a text cell), not as a number among
    text weights; the form's header cells (title, unit, budget …) are left byte for byte as they
    were (they were all written again, shared strings turned inline, 100 into 100.0)."""
    import re
    import shutil
    import zipfile

    from perfeditor.io import plan_save, read_document
    from perfeditor.io.xlsx.sheetxml import styles_formats

    path = tmp_path / "weight.xlsx"
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures" / "acceptance" / "var_weight.xlsx", path)
    doc, smap = read_document(path)
    p = doc.projects[0]
    place = smap.of(p)
    letter = lambda c: chr(ord("A") + c - 1)  # noqa: E731
    weight = f"{letter(place.block.cols['weight'])}{place.block.rows[0]}"
    header = {f"{letter(c)}{r}": _cell_xml(path, f"{letter(c)}{r}") for r, c in
              (pos for key, pos in place.cells.items() if len(pos) == 2)}
    p.indicators[0].weight = "15"
    plan_save(doc, path, source_map=smap).write()
    cell = _cell_xml(path, weight)
    with zipfile.ZipFile(path) as zf:
        fmt_of = styles_formats(zf)
    style = re.search(r's="(\d+)"', cell).group(1)
    assert fmt_of(style) == "@" and 't="inlineStr"' in cell and "<t>15</t>" in cell
    assert {ref: _cell_xml(path, ref) for ref in header} == header
    assert read_document(path)[0].projects[0].indicators[0].weight == "15"
