"""Excel 97 (.xls through xlrd), HTML tables (Excel's and Word's), Excel 2003 XML and Word 2003
XML are read by the program itself: each fixture, made by a second producer from a .docx/.xlsx fixture, dumps exactly
as its original does — every layout, split tables, two-table forms, several forms on a sheet."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.io import read_document
from perfeditor.io.formats.html import _read_page, decode_html
from tests.formats.common import MARKUP, SOFFICE, assert_same_dump, dumped, original_of

NATIVE = sorted(SOFFICE.glob("*.xls")) + sorted(MARKUP.glob("*"))


def test_every_kind_and_layout_is_covered():
    names = [p.name for p in NATIVE]
    for kind in (".utf8.xls", ".gbk.xls", ".ss2003.xls", ".w2003.doc", ".word.doc"):
        assert any(n.endswith(kind) for n in names), kind
    assert sum(1 for p in SOFFICE.glob("*.xls")) >= 15
    layouts = {dumped(original_of(p))["layout"] for p in NATIVE[:: max(1, len(NATIVE) // 20)]}
    assert layouts == {"hebei-project", "hebei-graded", "mof-project"}


@pytest.mark.parametrize("path", NATIVE, ids=lambda p: p.name)
def test_dumps_equal_to_the_original(path):
    assert_same_dump(path)


def test_number_formats_shown_as_the_cell_shows_them():
    """0.00, 0%, #,##0.00 and dates come out as Excel displays them, not as stored."""
    for name in ("public--leting_2024.xls", "xlsx--department_table.xls", "xlsx--mof2021_per_sheet.xls"):
        got = dumped(SOFFICE / name)
        assert got == dumped(original_of(SOFFICE / name))
    leting = dumped(SOFFICE / "public--leting_2024.xls")
    values = [i["value"] for p in leting["projects"] for i in p["indicators"]]
    assert any(v.endswith("%") for v in values)


def test_xml_spreadsheet_named_xml_and_wordml_named_xml(tmp_path):
    for source in (MARKUP / "public--leting_2024.ss2003.xls", MARKUP / "public--qiannan_2022_part.w2003.doc"):
        target = tmp_path / f"{source.name.split('.')[0]}.xml"
        shutil.copy(source, target)
        assert dumped(target) == dumped(original_of(source))


def test_gbk_page_without_any_declaration_is_sniffed(tmp_path):
    source = (MARKUP / "public--leting_2024.gbk.xls").read_bytes()
    bare = source.replace(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', b"")
    assert bare != source
    path = tmp_path / "无声明.xls"
    path.write_bytes(bare)
    assert dumped(path) == dumped(MARKUP / "public--leting_2024.utf8.xls")


def test_declared_gb2312_is_read_as_gb18030():
    text = "项目名称：𠀀𡃁工程（中国电子技术标准化研究院）"  # beyond GB2312 and GBK
    page = f'<meta charset="gb2312"><p>{text}</p>'.encode("gb18030")
    assert text in decode_html(page)


def _grid(body: str):
    """The page as one grid: paragraphs one row each, tables below one another."""
    return _read_page(f"<html><body>{body}</body></html>".encode(), "表").sheet.grid()


def test_rowspan_colspan_follow_html_table_model():
    g = _grid("<table><tr><td rowspan=2>一级</td><td colspan=2>二级</td></tr>"
              "<tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td rowspan=9>到底</td></tr></table>")
    assert g.at(1, 1) == "一级" and g.at(2, 1) == "一级" and g.at(1, 3) == "二级"
    assert g.own(2, 2) == "甲" and g.own(2, 3) == "乙" and g.own(3, 1) == "丙"
    assert (3, 2) not in g.span and g.own(3, 2) == "到底"  # a rowspan never reaches past the last row
    assert g.max_row == 3


def test_cell_text_as_a_browser_shows_it():
    g = _grid("<p>  1、某项目\n  绩效目标表 </p><table><tr><td>第一行<br>第二行</td>"
              "<td><p>段一</p><p>段二</p></td><td>  多个   空格&nbsp;</td><td style='display:none'>隐藏</td>"
              "<td>后</td></tr></table>")
    assert g.own(1, 1) == "1、某项目 绩效目标表"
    assert [g.own(2, c) for c in range(1, 5)] == ["第一行\n第二行", "段一\n段二", "多个 空格", "后"]


def test_a_table_inside_a_form_cell_is_read_as_lines():
    g = _grid("<table><tr><td>项目名称</td><td>甲</td><td>项目编码</td><td>1</td></tr>"
              "<tr><td>年度目标</td><td colspan=3><p>目标1</p><table><tr><td>目标2：</td><td>疏通</td></tr>"
              "</table></td></tr></table>")
    assert g.own(1, 1) == "项目名称" and g.own(2, 2) == "目标1\n目标2： 疏通"


def test_a_layout_table_around_the_form_is_read_through(tmp_path):
    inner = (MARKUP / "public--leting_2024.utf8.xls").read_text(encoding="utf-8")
    start, end = inner.index("<body"), inner.index("</body>")
    body = inner[inner.index(">", start) + 1:end]
    wrapped = inner[:start] + "<body><table><tr><td>导航</td><td>" + body + "</td></tr></table></body></html>"
    path = tmp_path / "套表.xls"
    path.write_text(wrapped, encoding="utf-8")
    got = dumped(path)
    assert got["projects"] == dumped(MARKUP / "public--leting_2024.utf8.xls")["projects"]


def test_read_from_another_format_is_never_written_back(tmp_path):
    from perfeditor.errors import FormWriteError
    from perfeditor.io import save_document
    from perfeditor.io.formats import save_suffix

    for source, suffix in ((SOFFICE / "public--leting_2024.xls", ".xlsx"),
                           (MARKUP / "public--qiannan_2022_part.w2003.doc", ".docx")):
        path = tmp_path / source.name
        shutil.copy(source, path)
        before = path.read_bytes()
        doc, doc_map = read_document(path)
        assert doc.format == "" and doc.path == str(path.resolve())
        assert save_suffix(doc_map) == suffix
        with pytest.raises(FormWriteError):
            save_document(doc, path, source_map=doc_map)
        assert path.read_bytes() == before
        out = tmp_path / f"转换{suffix}"
        save_document(doc, out, source_map=doc_map)
        assert dumped(out)["projects"] == dumped(path)["projects"]
