"""The raw-XML scan (fast path) reads exactly what the parsed-tree walk reads."""
from __future__ import annotations

import sys
import zipfile

import pytest

from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.grid import build_grid, grid_from_rows, joined_lines
from perfeditor.io.docx.reader import main_part_bytes, parse_document_xml, read_docx
from perfeditor.io.docx.scan import scan_body
from perfeditor.io.docx.text import W_P, paragraph_text
from tests.conftest import OWN_FIXTURES, SHARED_FIXTURES

sys.path.insert(0, str(OWN_FIXTURES / "docx"))
from xml_fixtures import _write, blocks_a, blocks_b, p, sdt, tbl, tc, tr  # noqa: E402

ALL = sorted(SHARED_FIXTURES.glob("*.docx")) + sorted((OWN_FIXTURES / "docx").glob("*.docx"))


def _shape(grid):
    return [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in grid.row_cells(r)]
            for r in range(len(grid))]


def _tree_items(path):
    out = []
    for b in body_blocks(parse_document_xml(path)):
        if b.tag == W_P:
            out.append(("p", paragraph_text(b).strip()))
        else:
            out.append(("t", _shape(build_grid(b))))
    return out


def _scan_items(path):
    items = scan_body(main_part_bytes(path))
    if items is None:
        return None
    return [(k, v if k == "p" else _shape(grid_from_rows(v, joined_lines))) for k, v in items]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_scan_equals_tree_walk(path):
    scanned = _scan_items(path)
    if path.name == "xml_features.docx":
        assert scanned is None  # it holds a nested table: the tree walk reads it
        return
    assert scanned is not None
    tree = _tree_items(path)
    assert scanned == tree


def test_scan_reads_content_controls_tracked_changes_and_fields(tmp_path):
    path = tmp_path / "a.docx"
    _write(path, blocks_a() + [p("")] + [sdt(p("尾注"))])
    assert _scan_items(path) is not None
    assert _scan_items(path) == _tree_items(path)
    assert read_docx(path).projects[0].goals == "完成年度维修任务"


def test_scan_gives_way_on_what_it_does_not_read(tmp_path):
    path = tmp_path / "b.docx"
    _write(path, blocks_b())  # nested table
    assert _scan_items(path) is None
    data = main_part_bytes(path)
    assert scan_body(data.replace(b"<w:body>", b"<w:body><!-- note -->")) is None
    assert scan_body(data.replace(b"</w:body>", b"")) is None  # unbalanced
    changed = tbl(1, tr('<w:tc><w:tcPr><w:tcPrChange w:id="1"><w:tcPr><w:vMerge/></w:tcPr>'
                        '</w:tcPrChange></w:tcPr><w:p/></w:tc>'))
    _write(path, [changed])
    assert _scan_items(path) is None


def test_scan_unescapes_text(tmp_path):
    path = tmp_path / "c.docx"
    _write(path, [p("A&B <C> ≥98%"), tbl(2, tr(tc("x&y"), tc('"q"')))])
    assert _scan_items(path) == _tree_items(path)
    assert _scan_items(path)[0] == ("p", "A&B <C> ≥98%")


def test_text_boxes_are_not_paragraph_text(tmp_path):
    path = tmp_path / "d.docx"
    box = ('<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent>'
           '</w:pict></w:r>')
    _write(path, ["<w:p><w:r><w:t>正文</w:t></w:r>" + box + "</w:p>"])
    assert _scan_items(path) == [("p", "正文")] == _tree_items(path)
