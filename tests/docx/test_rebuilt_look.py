"""A form rebuilt in place takes its look from the original rows, but never the 2-point size of
an empty cell's spacer paragraph (LibreOffice writes one under every merged cell): labels written
into such a cell used to print as a thin line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from perfeditor import editing
from perfeditor.io import plan_save, read_document
from perfeditor.io.docx.reader import main_part_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _tiny_texts(path: Path) -> list[str]:
    """Texts set in runs smaller than 6 pt."""
    out = []
    for run in re.findall(r"<w:r>.*?</w:r>", main_part_bytes(path).decode("utf-8")):
        size = re.search(r'<w:sz w:val="(\d+)"/>', run)
        text = re.search(r"<w:t[^>]*>([^<]+)</w:t>", run)
        if size and text and int(size.group(1)) < 12:
            out.append(text.group(1))
    return out


def test_rebuilt_forms_never_print_labels_in_a_spacer_size(tmp_path):
    path = tmp_path / "multi.docx"
    shutil.copy(FIXTURES / "docx" / "multi_hebei_project.docx", path)
    assert _tiny_texts(path) == []
    doc, places = read_document(path)
    editing.move_project(doc, 0, 1)  # the shared table is rebuilt
    plan = plan_save(doc, path, source_map=places)
    plan.write()
    assert _tiny_texts(path) == []


def _narrow_text_cells(path: Path) -> list[str]:
    """Texts of cells narrower than 7 mm (400 twips): a letter a line."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.reader import parse_document_xml

    out = []
    for tc in parse_document_xml(path).iter(x.W_TC):
        tcw = tc.find(f"{x.W_TCPR}/{x.w('tcW')}")
        text = x.text_of(tc).strip()
        if text and tcw is not None and tcw.get(x.W_TYPE, "dxa") == "dxa" and int(tcw.get(x.W_W, "0")) < 400:
            out.append(text)
    return out


def test_a_rebuilt_two_table_form_keeps_readable_columns(tmp_path):
    """LibreOffice's tables carry a sliver column under merged cells, and the indicator table has
    a grid of its own: a form rebuilt after a row was added printed 12月底 and 指标值确定依据 a
    letter a line (the original's grid was reused for columns it does not match)."""
    from perfeditor.io.docx.text import W_TBL

    path = tmp_path / "two.docx"
    shutil.copy(FIXTURES / "acceptance" / "var_two_tables.docx", path)
    doc, places = read_document(path)
    p = doc.projects[0]
    row = p.indicators[0].copy_fresh()
    row.level3 = "新增指标"
    p.indicators.insert(1, row)
    plan = plan_save(doc, path, source_map=places)
    plan.write()
    again, _ = read_document(path)
    assert again.projects[0].variant.two_tables
    assert [i.level3 for i in again.projects[0].indicators] == [i.level3 for i in p.indicators]
    assert _narrow_text_cells(path) == []
    assert sum(1 for el in parse_body(path) if el.tag == W_TBL) == 2 * len(doc.projects)


def parse_body(path: Path) -> list:
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml

    return body_blocks(parse_document_xml(path))


def test_a_rebuilt_two_table_forms_unedited_header_table_stays_as_it_was(tmp_path):
    """Only the indicators changed: the header table (项目名称, 预算, 绩效目标 …) keeps its own grid
    and cell widths (issue 10: [2235,1364,1287,1797,1298,2029,195] became the layout's own widths,
    the whole table looking different after a row was added to the indicator table)."""
    from lxml import etree

    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import W_TBL

    path = tmp_path / "two.docx"
    shutil.copy(FIXTURES / "acceptance" / "var_two_tables.docx", path)
    before = [el for el in parse_body(path) if el.tag == W_TBL]
    doc, places = read_document(path)
    p = doc.projects[0]
    row = p.indicators[1].copy_fresh()
    row.level3 = "新增指标"
    p.indicators.insert(2, row)
    plan = plan_save(doc, path, source_map=places)
    plan.write()
    after = [el for el in parse_body(path) if el.tag == W_TBL]
    assert etree.tostring(after[0]) == etree.tostring(before[0])  # grid, widths, cells: as they were
    assert [g.get(x.W_W) for g in after[0].iter(x.w("gridCol"))] == ["2235", "1364", "1287", "1797", "1298", "2029", "195"]
    again, _ = read_document(path)
    assert [i.level3 for i in again.projects[0].indicators] == [i.level3 for i in p.indicators]
    assert again.projects[0].variant.two_tables


def test_an_edited_header_table_takes_the_originals_widths_where_its_rows_span_alike():
    """The header table edited (its text differs) and rebuilt with the rows spanning the columns
    as the original's do: the original's grid and cell widths are put back."""
    import copy

    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import W_TBL
    from perfeditor.io.docx.writer_changes import _keep_header

    own = [el for el in parse_body(FIXTURES / "acceptance" / "var_two_tables.docx") if el.tag == W_TBL][:2]
    built = [copy.deepcopy(el) for el in own]
    head = built[0]
    next(head.iter(x.w("t"))).text = "改过的单位名称"
    for gc in head.iter(x.w("gridCol")):
        gc.set(x.W_W, "1000")
    for tcw in head.iter(x.w("tcW")):
        tcw.set(x.W_W, "1000")
    _keep_header(own[0], head, built)
    assert built[0] is head
    widths = lambda tbl, tag: [el.get(x.W_W) for el in tbl.iter(x.w(tag))]  # noqa: E731
    assert widths(head, "gridCol") == widths(own[0], "gridCol")
    assert widths(head, "tcW") == widths(own[0], "tcW")
