"""Text typed into an empty cell is written readable: the empty cells of forms LibreOffice made
from HTML (var_*.docx, seed*.docx) carry a 2-pt size (``w:sz`` 4) on their empty run; the text
takes the look of the nearest cell with text above (else beside) it, else the style's size. An
empty cell whose own size is a text size (Word's) keeps its look."""
from __future__ import annotations

import copy
import io
import shutil
import zipfile

import pytest
from lxml import etree

from perfeditor.io import read_document, save_document
from perfeditor.io.docx.grid import build_grid, tc_of
from perfeditor.io.docx.reader import read_tracked
from perfeditor.io.docx.text import cell_text
from perfeditor.io.docx.writer_patch import look_from, set_cell_text
from tests.conftest import OWN_FIXTURES

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
EMPTY_BELOW = OWN_FIXTURES / "acceptance" / "var_empty_below.docx"  # 其他资金 left empty, its run 2 pt


def _run_look(tc) -> bytes:
    run = next(r for r in tc.iter(f"{W}r") if r.find(f"{W}t") is not None)
    rpr = run.find(f"{W}rPr")
    return b"" if rpr is None else etree.tostring(rpr)


def _size(look: bytes) -> int | None:
    sz = etree.fromstring(look).find(f"{W}sz") if look else None
    return None if sz is None else int(sz.get(f"{W}val"))


def _forms(path):
    """(project, where) of each form of the saved file, read from its tables."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    return read_tracked(list(body))[0]


def _patched(doc):
    pass


def _rebuilt(doc):
    doc.projects[0].indicators.append(copy.deepcopy(doc.projects[0].indicators[-1]))
    doc.projects[0].indicators[-1].level3 = "新增的指标"


def _copied(doc):
    doc.projects.insert(1, doc.projects[0].copy_fresh())


@pytest.mark.parametrize("edit", [_patched, _rebuilt, _copied])
def test_text_typed_into_an_empty_cell_takes_the_look_of_the_cell_above(tmp_path, edit):
    path = tmp_path / "表.docx"
    shutil.copy(EMPTY_BELOW, path)
    doc, smap = read_document(path)
    assert doc.projects[0].budget.other == ""
    doc.projects[0].budget.other = "12.34"
    edit(doc)
    save_document(doc, path, source_map=smap, backup=False)
    filled = [(p, where) for p, where in _forms(path) if p.budget.other == "12.34"]
    assert len(filled) == (2 if edit is _copied else 1)
    for _, where in filled:
        cell, grid = where["budget.other"]
        above, _ = where["name"]  # (项目名称's value: the nearest text above 其他资金's value)
        assert above.row < cell.row and above.col <= cell.col < above.col + above.colspan
        look = _run_look(tc_of(grid, cell))
        assert look == _run_look(tc_of(grid, above))
        assert _size(look) is None or _size(look) >= 16


def test_an_empty_cell_of_a_readable_size_keeps_its_look(tmp_path):
    """A Word-made form's empty cell carries the size its text is to have (10.5 pt here)."""
    path = tmp_path / "表.docx"
    with zipfile.ZipFile(EMPTY_BELOW) as z, zipfile.ZipFile(path, "w") as out:
        for item in z.infolist():
            data = z.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b'<w:sz w:val="4"/><w:szCs w:val="4"/>', b'<w:sz w:val="21"/><w:szCs w:val="21"/>')
            out.writestr(item, data)
    doc, smap = read_document(path)
    doc.projects[0].budget.other = "12.34"
    save_document(doc, path, source_map=smap, backup=False)
    (_, where), = [(p, w) for p, w in _forms(path) if p.budget.other == "12.34"]
    cell, grid = where["budget.other"]
    assert _size(_run_look(tc_of(grid, cell))) == 21


def _table(rows: str):
    return etree.parse(io.BytesIO(f'<w:tbl xmlns:w="{W_NS}">{rows}</w:tbl>'.encode())).getroot()


_TINY = '<w:tc><w:p><w:r><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:r></w:p></w:tc>'
_TEXT = '<w:tc><w:p><w:r><w:rPr><w:b/><w:sz w:val="20"/></w:rPr><w:t>单位</w:t></w:r></w:p></w:tc>'


def test_an_empty_cell_with_no_text_above_takes_the_row_else_the_style_size():
    tbl = _table(f"<w:tr>{_TINY}{_TINY}</w:tr><w:tr>{_TEXT}{_TINY}</w:tr>")
    grid = build_grid(tbl)
    top_right, low_right = grid.rows[0][1], grid.rows[1][1]
    # the low right cell: nothing above has text, its row does
    near = look_from(grid, low_right, tc_of(grid, low_right))
    assert near is tc_of(grid, grid.rows[1][0])
    set_cell_text(tc_of(grid, low_right), "甲", near)
    assert _size(_run_look(tc_of(grid, low_right))) == 20
    # the top right cell: no text above, none beside: its own look without its size
    tc = tc_of(grid, top_right)
    assert look_from(grid, top_right, tc) is None
    set_cell_text(tc, "乙")
    look = etree.fromstring(_run_look(tc))
    assert cell_text(tc) == "乙" and look.find(f"{W}sz") is None and look.find(f"{W}szCs") is None
    assert look.find(f"{W}rFonts").get(f"{W}eastAsia") == "宋体"
