"""Hostile and broken files are refused before any library parses them: exit 2, one Chinese line
on stderr, never a traceback, never a hang, bounded memory."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from perfeditor.errors import FormReadError
from perfeditor.io import load_document
from tests.conftest import PUBLIC_FIXTURES
from tests.formats.common import assert_cli_refuses

DOCX = PUBLIC_FIXTURES / "pingxiang_2020_part.docx"
XLSX = PUBLIC_FIXTURES / "leting_2024.xlsx"

_CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_body(path: Path, document_xml: str | bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES_DOCX)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(FormReadError) as info:
        load_document(path)
    message = info.value.message
    assert all(w in message for w in words), message
    assert "Traceback" not in message
    return message


def test_zip_bomb_is_refused(tmp_path):
    # 64 MB of one byte compresses about 1000:1: the ratio gives it away before inflating.
    bomb = _docx_with_body(tmp_path / "bomb.docx", b"<w:document " + _W.encode() + b">"
                           + b" " * (64 * 2**20) + b"</w:document>")
    assert bomb.stat().st_size < 1024 * 1024
    _refused(bomb, "压缩炸弹")
    assert_cli_refuses(bomb)


def test_declared_size_over_the_cap_is_refused(tmp_path, monkeypatch):
    from perfeditor.io import safety

    path = _docx_with_body(tmp_path / "big.docx", f"<w:document {_W}><w:body/></w:document>")
    monkeypatch.setattr(safety, "MAX_MEMBER_BYTES", 10)
    _refused(path, "过大")


def test_external_entity_is_refused(tmp_path):
    xml = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           f'<w:document {_W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    path = _docx_with_body(tmp_path / "xxe.docx", xml)
    _refused(path, "DOCTYPE")
    assert_cli_refuses(path)


def test_billion_laughs_is_refused(tmp_path):
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE lolz [{ents}]>'
           f'<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    path = _docx_with_body(tmp_path / "lol.docx", xml)
    _refused(path, "DOCTYPE")
    assert_cli_refuses(path)


_XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
_BODY = f'<w:document {_W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'


@pytest.mark.parametrize("how", ["comment with <a", "processing instruction", "64 KB of padding",
                                 "utf-16 without BOM", "main part not named .xml"])
def test_doctype_hidden_from_a_pattern_is_still_refused(tmp_path, how):
    """libxml2 itself reads each part's prolog: no spelling of the prolog passes the check."""
    decl = '<?xml version="1.0" encoding="UTF-8"?>'
    extra = None
    if how == "comment with <a":
        xml = (decl + "<!-- <a href='x'> -->" + _XXE + _BODY).encode()
    elif how == "processing instruction":
        xml = (decl + "<?mso-application progid='Word.Document'?>" + _XXE + _BODY).encode()
    elif how == "64 KB of padding":
        xml = (decl + "<!--" + " " * (64 * 1024 + 10) + "-->" + _XXE + _BODY).encode()
    elif how == "utf-16 without BOM":
        xml = ('<?xml version="1.0" encoding="UTF-16"?>' + _XXE + _BODY).encode("utf-16-le")
    else:
        xml = (decl + f"<w:document {_W}><w:body/></w:document>").encode()
        extra = {"word/main.bin": (decl + _XXE + _BODY).encode()}
    path = _docx_with_body(tmp_path / "hidden.docx", xml, extra)
    _refused(path, "DOCTYPE")


def test_doctype_in_an_xlsx_part_is_refused(tmp_path):
    path = tmp_path / "xxe.xlsx"
    with zipfile.ZipFile(XLSX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY x SYSTEM "http://x/">]>' + data
            dst.writestr(info, data)
    _refused(path, "DOCTYPE")


def test_truncated_zip_is_refused(tmp_path):
    raw = DOCX.read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(raw[: len(raw) // 2])
    _refused(path, "损坏")
    assert_cli_refuses(path)


def test_picture_renamed_xlsx_is_refused(tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    _refused(path, "PNG")
    assert_cli_refuses(path)


def test_encrypted_xlsx_is_refused(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile  # makes a file encrypted the way Excel does

    out = io.BytesIO()
    with XLSX.open("rb") as fh:
        OOXMLFile(fh).encrypt("mima123", out)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(out.getvalue())
    _refused(path, "加密")
    assert_cli_refuses(path)


def test_legacy_ole_file_is_refused_as_old_format(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    _refused(path, "旧版")


def test_macro_suffix_files_are_refused(tmp_path):
    # (a workbook named .doc/.xls is known by its content and opens: tests/formats/test_sniff.py)
    for name, word in (("a.xlsm", "宏"), ("a.docm", "宏")):
        path = tmp_path / name
        path.write_bytes(XLSX.read_bytes())
        _refused(path, word)
        assert_cli_refuses(path)


def test_macro_inside_a_docx_is_refused(tmp_path):
    path = _docx_with_body(tmp_path / "macro.docx", f"<w:document {_W}><w:body/></w:document>",
                           {"word/vbaProject.bin": b"\x00" * 10})
    _refused(path, "宏")


def test_docx_without_any_form_is_refused(tmp_path):
    body = (f"<w:document {_W}><w:body><w:p><w:r><w:t>会议通知：请各科室于周五前报送材料。</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:p><w:r><w:t>电话</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>")
    path = _docx_with_body(tmp_path / "notice.docx", body)
    _refused(path, "没有找到")
    assert_cli_refuses(path)


def test_xlsx_saved_as_docx_opens_as_the_workbook_it_is(tmp_path):
    path = tmp_path / "wrong.docx"
    path.write_bytes(XLSX.read_bytes())
    doc = load_document(path)
    assert doc.projects and doc.format == ""  # never saved back over the .docx as a workbook


def test_huge_merged_range_is_refused_without_exhausting_memory(tmp_path):
    path = tmp_path / "merge.xlsx"
    with zipfile.ZipFile(XLSX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                huge = b'<mergeCell ref="A1:XFD1048576"/>'
                if b"<mergeCells" in data:
                    head, _, rest = data.partition(b"<mergeCells")
                    attrs, _, tail = rest.partition(b">")
                    data = head + b"<mergeCells" + attrs + b">" + huge + tail
                else:
                    data = data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + huge + b"</mergeCells>", 1)
            dst.writestr(info, data)
    assert path.stat().st_size < 200 * 1024
    _refused(path, "合并单元格")
    assert_cli_refuses(path)


def test_empty_file_missing_file_and_folder(tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    _refused(empty, "空")
    _refused(tmp_path / "nope.docx", "找不到")
    _refused(tmp_path, "文件夹")
    assert_cli_refuses(empty)


def test_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("预算", encoding="utf-8")
    _refused(path, "不支持")
