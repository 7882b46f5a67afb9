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
