"""The cell grid and the text of cells, built from the XML."""
from __future__ import annotations

import sys

import pytest
from lxml import etree

from perfeditor.io.docx.grid import build_grid
from perfeditor.io.docx.text import cell_text, paragraph_text
from tests.conftest import OWN_FIXTURES

sys.path.insert(0, str(OWN_FIXTURES / "docx"))
from xml_fixtures import W, dele, ins, p, run, sdt, tbl, tc, tr  # noqa: E402


def el(xml: str):
    return etree.fromstring(f'<w:wrap xmlns:w="{W}">{xml}</w:wrap>')[0]


def texts(grid, r):
    return [c.text for c in grid.row_cells(r)]


def test_gridspan_and_restart_merge():
    g = build_grid(el(tbl(3, tr(tc("A", vmerge="restart"), tc("B", span=2)),
                          tr(tc(vmerge="continue"), tc("C"), tc("D")))))
    assert g.width == 3
    a = g.rows[0][0]
    assert g.rows[1][0] is a and a.rowspan == 2
    assert g.rows[0][1] is g.rows[0][2] and g.rows[0][1].colspan == 2
    assert texts(g, 1) == ["A", "C", "D"]
    assert [c.row for c in g.row_cells(1)] == [0, 1, 1]


def test_grid_before_and_after_keep_columns():
    g = build_grid(el(tbl(4, tr(tc("x"), tc("y"), tc("z"), tc("w")),
                          tr(tc("b1"), tc("b2"), before=2),
                          tr(tc("a1"), after=3))))
    assert g.rows[1][0] is None and g.rows[1][1] is None
    assert g.rows[1][2].text == "b1" and g.rows[1][2].col == 2
    assert g.rows[2][0].text == "a1" and g.rows[2][1] is None


def test_irregular_vertical_merges_never_raise():
    # continuation in the first row, and under the middle of a wider cell
    xml = tbl(4, tr(tc("top", vmerge="continue"), tc("wide", span=3)),
              tr(tc("left"), tc("x"), tc(vmerge="continue", span=2)))
    g = build_grid(el(xml))
    assert texts(g, 0) == ["top", "wide"]
    assert texts(g, 1) == ["left", "x", ""]
    assert g.rows[1][2] is not g.rows[0][2]


def test_python_docx_raises_on_the_same_table():
    """The reason for our own grid (python-docx #1458)."""
    import docx
    from docx.table import Table

    xml = tbl(3, tr(tc("a"), tc("wide", span=2)), tr(tc("b"), tc("c"), tc(vmerge="continue")))
    element = docx.oxml.parse_xml(f'<w:wrap xmlns:w="{W}">{xml}</w:wrap>')[0]
    with pytest.raises(ValueError):
        for row in Table(element, None).rows:
            _ = [c.text for c in row.cells]
    g = build_grid(el(xml))
    assert texts(g, 1) == ["b", "c", ""]


def test_cells_and_rows_inside_content_controls():
    g = build_grid(el(tbl(3, tr(tc("a"), sdt(tc("b")), tc("c")),
                          sdt(tr(tc("d"), tc("e"), tc("f"))))))
    assert texts(g, 0) == ["a", "b", "c"]
    assert texts(g, 1) == ["d", "e", "f"]


def test_tracked_changes():
    g = build_grid(el(tbl(2, tr(tc(p("≥9", ins("8%"))), tc(p(dele("旧"), "新"))))))
    assert texts(g, 0) == ["≥98%", "新"]


def test_deleted_row_is_skipped():
    deleted = ('<w:tr><w:trPr><w:del w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:trPr>'
               + tc("gone") + "</w:tr>")
    g = build_grid(el(tbl(1, tr(tc("kept")), deleted, tr(tc("too")))))
    assert [texts(g, r) for r in range(len(g))] == [["kept"], ["too"]]


def test_legacy_hmerge():
    hm = '<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>'
    first = '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>' + p("AB") + "</w:tc>"
    g = build_grid(el(tbl(3, "<w:tr>" + first + hm + tc("C") + "</w:tr>")))
    assert texts(g, 0) == ["AB", "C"]
    assert g.rows[0][0] is g.rows[0][1]


def test_cell_paragraphs_joined_and_trimmed():
    cell = el(tc(p("  第一段"), p(""), p("第二段  ")))
    assert cell_text(cell) == "第一段\n\n第二段"


def test_nested_table_text_is_read():
    inner = tbl(2, tr(tc("甲"), tc("乙")))
    cell = el(tc(p("上"), inner))
    assert cell_text(cell) == "上\n甲\t乙"


def test_field_instructions_are_not_text():
    para = el("<w:p>" + run("一、总体绩效目标") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText> TC "总体绩效目标" \\f A \\l 1 </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    assert paragraph_text(para) == "一、总体绩效目标"


def test_field_results_are_text():
    para = el('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("7")
              + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
              '<w:fldSimple w:instr=" NUMPAGES ">' + run("9") + "</w:fldSimple></w:p>")
    assert paragraph_text(para) == "79"


def test_breaks_tabs_and_hyperlinks():
    para = el('<w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:tab/><w:t>c</w:t></w:r>'
              '<w:hyperlink>' + run("d") + "</w:hyperlink></w:p>")
    assert paragraph_text(para) == "a\nb\tcd"


def _all_tables(path):
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml
    from perfeditor.io.docx.text import W_TBL

    return [b for b in body_blocks(parse_document_xml(path)) if b.tag == W_TBL]


def test_fast_pass_equals_the_full_walk():
    """The one-pass reading of a table gives the same grid as the element-by-element walk."""
    from perfeditor.io.docx.grid import _fast_rows, _xml_rows, grid_from_rows
    from tests.conftest import PUBLIC_FIXTURES

    paths = sorted(PUBLIC_FIXTURES.glob("*.docx")) + sorted((OWN_FIXTURES / "docx").glob("*.docx"))
    fast_used = 0
    for path in paths:
        for t in _all_tables(path):
            slow = grid_from_rows(_xml_rows(t), cell_text)
            rows = _fast_rows(t)
            if rows is None:
                continue
            fast_used += 1
            fast = build_grid(t)
            assert [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in fast.row_cells(r)]
                    for r in range(len(fast))] == \
                   [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in slow.row_cells(r)]
                    for r in range(len(slow))], path.name
    assert fast_used > 20


def test_nested_table_takes_the_full_walk():
    from perfeditor.io.docx.grid import _fast_rows

    inner = tbl(2, tr(tc("甲"), tc("乙")))
    outer = el(tbl(2, tr(tc(p("上"), inner), tc("b"))))
    assert _fast_rows(outer) is None
    assert texts(build_grid(outer), 0) == ["上\n甲\t乙", "b"]
