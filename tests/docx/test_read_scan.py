"""The raw-XML scan (fast path) reads exactly what the parsed-tree walk reads."""
from __future__ import annotations

import sys
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.grid import build_grid, grid_from_rows, joined_lines
from perfeditor.io.docx.reader import main_part_bytes, parse_document_xml, read_docx
from perfeditor.io.docx.scan import scan_body
from perfeditor.io.docx.text import W_P, paragraph_text
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES

sys.path.insert(0, str(OWN_FIXTURES / "docx"))
from xml_fixtures import _write, blocks_a, blocks_b, p, sdt, tbl, tc, tr  # noqa: E402

ALL = sorted(PUBLIC_FIXTURES.glob("*.docx")) + sorted((OWN_FIXTURES / "docx").glob("*.docx"))


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


MOVED = ('<w:moveFrom w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>旧位置</w:t>'
         '</w:r></w:moveFrom><w:moveTo w:id="4" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
         '<w:t>新位置</w:t></w:r></w:moveTo>')
HIDDEN = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
SHOWN = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r>'
MARK = '<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>'  # a hidden paragraph mark hides no text


@pytest.mark.parametrize("extra", [MOVED, HIDDEN + SHOWN, MARK + HIDDEN + SHOWN])
def test_moved_away_and_hidden_text_is_not_read(tmp_path, extra):
    path = tmp_path / "m.docx"
    _write(path, [f"<w:p><w:r><w:t>正文</w:t></w:r>{extra}</w:p>",
                  tbl(2, tr(tc("绩效目标"), f"<w:tc><w:p>{extra}<w:r><w:t>完成</w:t></w:r></w:p></w:tc>"))])
    scanned = _scan_items(path)
    assert scanned is not None  # the fast path reads these itself
    assert scanned == _tree_items(path)
    want = "新位置" if extra == MOVED else "显示"
    assert scanned[0] == ("p", f"正文{want}")
    assert scanned[1][1][0][1][0] == f"{want}完成"


def test_paragraphs_moved_away_are_left_to_the_tree_walk(tmp_path):
    path = tmp_path / "m.docx"
    moved = ('<w:moveFrom w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z">'
             f'{p("1、旧项目绩效目标表")}</w:moveFrom>')
    _write(path, [p("正文"), moved, p("尾")])
    assert _scan_items(path) is None
    assert _tree_items(path) == [("p", "正文"), ("p", "尾")]


@pytest.mark.parametrize("damage", [
    lambda d: d.replace(b"</w:tc>", b"", 1),                       # unbalanced tags
    lambda d: d.replace(b"</w:t>", b"&bogus;</w:t>", 1),           # an entity never defined
    lambda d: d.replace(b"</w:tr>", b"</w:tr></w:tr>", 1),         # an extra end tag
    lambda d: d.replace(b"<w:body>", b"<w:body><w:p a=1>", 1),     # an unquoted attribute
])
def test_malformed_xml_is_refused_on_the_scan_path(tmp_path, damage):
    from perfeditor.errors import FormReadError
    from perfeditor.io import load_document

    src = tmp_path / "ok.docx"
    _write(src, blocks_a())
    data = main_part_bytes(src)
    assert scan_body(data) is not None
    bad = damage(data)
    assert bad != data
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, bad if info.filename == "word/document.xml" else zin.read(info))
    with pytest.raises(FormReadError, match="损坏"):
        load_document(path)


def test_plain_cells_read_in_one_match_equal_the_tree_walk(tmp_path):
    """Cells the scan takes in one match (and their near misses, read token by token) give the
    tree walk's texts and merges."""
    from perfeditor.io.docx import scan

    pr = '<w:pPr><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr>'
    rpr = '<w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr>'
    cells = [
        '<w:tc><w:tcPr><w:tcW w:w="900" w:type="dxa"/><w:gridSpan w:val="2"/>'
        '<w:vAlign w:val="center"/></w:tcPr><w:p w:rsidR="00A1">' + pr
        + f'<w:r>{rpr}<w:t xml:space="preserve"> 项目 &amp; 名称 </w:t></w:r></w:p></w:tc>',
        '<w:tc><w:tcPr><w:tcW w:w="900" w:type="dxa"/></w:tcPr><w:p/></w:tc>',
        f'<w:tc><w:p>{pr}<w:r>{rpr}<w:t>甲</w:t><w:t>乙</w:t></w:r><w:r><w:t>丙</w:t></w:r></w:p>'
        '<w:p/><w:p><w:r><w:t/></w:r></w:p><w:p><w:r><w:t>第四段&#13;续</w:t></w:r></w:p></w:tc>',
        '<w:tc><w:p><w:r><w:t>&#128;&#x41;&quot;&apos;\r\n行</w:t></w:r></w:p></w:tc>',
        "<w:tc><w:tcPr><w:vMerge w:val='restart'/><w:gridSpan w:val='1'/></w:tcPr>"
        "<w:p><w:r><w:t>旧序</w:t></w:r></w:p></w:tc>",  # unusual order: token by token
        '<w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
        '<w:r><w:t>制表</w:t><w:tab/><w:t>位</w:t></w:r></w:p></w:tc>',
        '<w:tc><w:p><w:r><w:rPr><w:b/></w:rPr></w:r></w:p></w:tc>',
    ]
    lower = [
        '<w:tc><w:tcPr><w:cnfStyle w:val="000"/><w:tcW w:w="900" w:type="dxa"/>'
        '<w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc>',
        '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>下</w:t></w:r></w:p></w:tc>',
        '<w:tc><w:p><w:r><w:t>一</w:t><w:br/><w:t>二</w:t></w:r></w:p></w:tc>',
        '<w:tc><w:p><w:r><w:t>末</w:t></w:r></w:p></w:tc>',
        '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>',
        '<w:tc><w:p/></w:tc>',
        '<w:tc><w:p/></w:tc>',
    ]
    third = [tc("x"), tc("y"), tc("z"), tc("w"), tc("v"), tc("u")]
    rows = ("<w:tr>" + "".join(cells) + "</w:tr>"
            + '<w:tr><w:trPr><w:trHeight w:val="400"/></w:trPr>' + "".join(lower) + "</w:tr>"
            + '<w:tr><w:tblPrEx><w:tblW w:w="0" w:type="auto"/></w:tblPrEx><w:trPr>'
            '<w:gridBefore w:val="2"/></w:trPr>' + "".join(third) + "</w:tr>"
            + '<w:tr><w:trPr><w:del w:id="9" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:trPr>'
            + "".join(tc("删") for _ in range(8)) + "</w:tr>")
    path = tmp_path / "plain.docx"
    _write(path, [p("表"), tbl(8, rows)])
    data = main_part_bytes(path)
    kinds = [m.lastindex for m in scan._TOKEN.finditer(data)]
    assert kinds.count(scan._CELL) >= 10  # most of these are single matches …
    assert kinds.count(scan._STRUCTURE) > 1  # … the others are read token by token
    scanned = _scan_items(path)
    assert scanned is not None
    assert scanned == _tree_items(path)
    first = scanned[1][1][0]
    assert first[0] == ("项目 & 名称", 0, 0, 2, 2)  # merged down into the next row
    assert first[2][0] == "甲乙丙\n\n\n第四段\r续"  # &#13; is kept, a raw line end is not


def test_cells_with_empty_run_properties_are_single_matches(tmp_path):
    """LibreOffice writes empty run properties as ``<w:rPr/>``: such a cell is still one match
    (a table of 5,000 forms written so was read token by token, twice as slowly), same texts."""
    from perfeditor.io.docx import scan

    cell = ('<w:tc><w:tcPr><w:tcW w:w="1771" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            '<w:p><w:pPr><w:jc w:val="left"/><w:rPr/></w:pPr><w:r><w:rPr/><w:t>{}</w:t></w:r></w:p></w:tc>')
    rows = "".join("<w:tr>" + cell.format(f"项目{i}") + cell.format(f"值{i}") + "</w:tr>" for i in range(5))
    path = tmp_path / "lo.docx"
    _write(path, [p("表"), tbl(2, rows)])
    kinds = [m.lastindex for m in scan._TOKEN.finditer(main_part_bytes(path))]
    assert kinds.count(scan._CELL) == 10  # every cell one match
    scanned = _scan_items(path)
    assert scanned == _tree_items(path)
    assert scanned[1][1][4][1] == ("值4", 4, 1, 1, 1)


def test_a_large_malformed_part_is_refused(tmp_path):
    """Large parts are checked in a thread while the scan runs: the refusal still comes."""
    from perfeditor.errors import FormReadError
    from perfeditor.io import load_document

    filler = [p("说明" * 400) for _ in range(120)]  # well over the thread threshold
    src = tmp_path / "big.docx"
    _write(src, filler + blocks_a())
    data = main_part_bytes(src)
    assert len(data) > 256 * 1024 and scan_body(data) is not None
    assert load_document(src).projects  # the sound file reads
    bad = data.replace(b"</w:tr>", b"</w:tr></w:tr>", 1)
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, bad if info.filename == "word/document.xml" else zin.read(info))
    with pytest.raises(FormReadError, match="损坏"):
        load_document(path)


def test_a_large_part_that_is_not_plain_is_read_from_the_tree(tmp_path, monkeypatch):
    """Large parts are scanned while the thread finds out whether they are plain: a comment
    (which could hide tags from the scan) sends the read to the parsed tree all the same."""
    from perfeditor.io.docx import reader

    filler = [p("说明" * 400) for _ in range(120)]
    path = tmp_path / "commented.docx"
    _write(path, filler + blocks_a())
    data = main_part_bytes(path)
    note = "<!-- <w:p><w:r><w:t>注释</w:t></w:r></w:p> -->".encode("utf-8")
    commented = data.replace(b"<w:body>", b"<w:body>" + note)
    with zipfile.ZipFile(tmp_path / "c2.docx", "w") as zout, zipfile.ZipFile(path) as zin:
        for info in zin.infolist():
            zout.writestr(info, commented if info.filename == "word/document.xml"
                          else zin.read(info))
    walked: list = []
    real = reader.read_blocks
    monkeypatch.setattr(reader, "read_blocks", lambda blocks, smap=None: walked.append(1) or real(blocks, smap))
    doc = read_docx(tmp_path / "c2.docx")
    assert walked == [1]
    assert "注释" not in doc.preamble
    from perfeditor.model import dump_document

    assert dump_document(doc) == dump_document(read_docx(path))


def test_the_plainness_checks_find_what_the_plain_searches_find():
    """``plain_enough``'s quicker search for ``<!`` gives what ``b"<!" in data`` gives, wherever
    and however often it occurs."""
    from perfeditor.io.docx import scan

    w = b'xmlns:w="' + scan.W_NS + b'"'
    cases = [b"", b"!", b"<!", b"!<!", b"a!b<c!", b"<w:t>!!</w:t>" * 100 + b"<!-- x -->",
             b"<w:t>!!</w:t>" * 100, b"!" * 70 + b"<" + b"!" * 3, b"<" + b"!" * 70,
             b"<w:document " + w + b" xmlns:wp='x' xmlns:w14=\"y\"><w:body/>",
             b"xmlns:w = 'a' xmlns:w='b'", b"xmlns:w=\"xmlns:w='a'\"", b"xmlns:wxmlns:w='c'",
             b"xmlns:w=\"unclosed xmlns:w='d'", "<w:t>注意！</w:t>".encode()]
    for data in cases:
        assert scan._has_markup_decl(data) == (b"<!" in data), data
        assert scan.plain_enough(data) == (
            [d[1] for d in scan._W_DECL.findall(data)] == [scan.W_NS] and b"<!" not in data
            and b"<w:body" in data), data


@given(st.lists(st.sampled_from([b"<", b"!", b"xmlns:w", b"xmlns:wp", b"=", b" ", b"'", b'"', b"a",
                                 b"<w:body", "！".encode()]), max_size=80))
def test_the_plainness_checks_agree_on_any_bytes(pieces):
    from perfeditor.io.docx import scan

    data = b"".join(pieces)
    assert scan._has_markup_decl(data) == (b"<!" in data)
    decls = scan._W_DECL.findall(data)
    assert scan.plain_enough(data) == (len(decls) == 1 and decls[0][1] == scan.W_NS
                                       and b"<!" not in data and b"<w:body" in data)


def test_scan_reads_cells_of_empty_paragraphs_with_attributes_and_markup_characters(tmp_path):
    """Empty paragraphs as Word writes them (``<w:p w:rsidR="…"/>``), an attribute holding ``/``
    or ``>``, text holding ``>``: the scan reads what the parsed tree reads (the token pattern's
    runs before ``/>`` must give characters back; the others need not)."""
    path = tmp_path / "attrs.docx"
    empty = '<w:p w:rsidR="00A1" w:rsidRDefault="00B2"/>'
    odd = '<w:p w:rsidR="a/b"><w:pPr><w:jc w:val="a&gt;b"/></w:pPr><w:r w:rsidR="x/"><w:t>1 &gt; 0</w:t></w:r></w:p>'
    rows = [tr(tc(empty), tc(empty, p("甲")), tc(odd)), tr(tc(p("乙"), empty), tc(empty, empty), tc(p("丙")))]
    _write(path, [p("标题"), tbl(3, *rows), empty])
    items = _scan_items(path)
    assert items is not None and items == _tree_items(path)
    assert items[1][1][0][1][0] == "甲" and items[1][1][0][2][0] == "1 > 0"
    from perfeditor.io.docx import scan

    steps = [m for m in scan._TOKEN.finditer(main_part_bytes(path)) if m.lastindex == scan._CELL]
    assert len(steps) == 6  # each cell read in one step (the quick way), none token by token


RUBY = ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/><w:hps w:val="10"/>'
        '<w:hpsRaise w:val="18"/><w:hpsBaseText w:val="21"/><w:lid w:val="zh-CN"/></w:rubyPr>'
        '<w:rt><w:r><w:rPr><w:sz w:val="10"/></w:rPr><w:t>pin</w:t></w:r></w:rt>'
        '<w:rubyBase><w:r><w:t>汉</w:t></w:r></w:rubyBase></w:ruby></w:r>')


HIDDEN_RUBY = RUBY.replace("<w:r><w:ruby>", "<w:r><w:rPr><w:vanish/></w:rPr><w:ruby>", 1)


@pytest.mark.parametrize(("ruby", "want"), [(RUBY, "目标汉1"), (RUBY + HIDDEN, "目标汉1"),
                                            (HIDDEN_RUBY, "目标1")])
def test_ruby_text_reads_its_base_never_its_guide(tmp_path, ruby, want):
    """A run with ruby (拼音指南) between 目标 and 1 reads 目标汉1 on both paths, in a paragraph
    and in a cell (the tree path's quick table walk included); a hidden ruby run reads nothing."""
    path = tmp_path / "ruby.docx"
    para = f"<w:p><w:r><w:t>目标</w:t></w:r>{ruby}<w:r><w:t>1</w:t></w:r></w:p>"
    _write(path, [para, tbl(2, tr(tc("绩效目标"), f"<w:tc>{para}</w:tc>"))])
    assert _tree_items(path)[0] == ("p", want)
    assert _tree_items(path)[1][1][0][1][0] == want
    scanned = _scan_items(path)
    if ruby == RUBY:
        assert scanned is not None  # the fast path reads ruby itself (in a part with hidden runs: the tree)
    assert scanned is None or scanned == _tree_items(path)


def test_a_paragraph_between_cells_is_left_to_the_tree_walk(tmp_path):
    """A paragraph standing in a row after a cell the scan read in one match (well-formed XML,
    though Word never writes it) failed the read (the cell's text is no list); the tree walk reads
    it as the cell's."""
    path = tmp_path / "stray.docx"
    _write(path, [p("表"), tbl(2, "<w:tr>" + tc("甲") + p("乙") + tc("丙") + "</w:tr>")])
    assert _scan_items(path) is None
    assert _tree_items(path)[1] == ("t", [[("甲\n乙", 0, 0, 1, 1), ("丙", 0, 1, 1, 1)]])
    assert read_docx(path).preamble == "表"


def test_read_items_hands_each_tables_rows_to_its_grid():
    """The scan's rows of a table are emptied once its grid is built (their memory is reused for
    the forms read after), and what is read is what a reading of untouched rows gives."""
    from perfeditor.io.docx.reader import read_items
    from perfeditor.model.dump import dump_document

    path = OWN_FIXTURES / "docx" / "multi_hebei_project.docx"
    items = scan_body(main_part_bytes(path))
    assert items is not None and any(k == "t" and rows for k, rows in items)
    doc = read_items(items)
    assert doc.projects and all(rows == [] for k, rows in items if k == "t")
    assert dump_document(doc) == dump_document(read_docx(path))
