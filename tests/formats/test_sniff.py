"""A file is known by its content, never by its name; what cannot be read says what it is."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.errors import FormReadError
from perfeditor.io import load_document, sniff
from tests.conftest import PUBLIC_FIXTURES
from tests.formats.common import MARKUP, SOFFICE

XLSX = PUBLIC_FIXTURES / "leting_2024.xlsx"
DOCX = PUBLIC_FIXTURES / "qiannan_2022_part.docx"


@pytest.mark.parametrize(("source", "kind"), [
    (XLSX, sniff.XLSX),
    (DOCX, sniff.DOCX),
    (SOFFICE / "public--leting_2024.xls", sniff.XLS),
    (SOFFICE / "public--qiannan_2022_part.doc", sniff.DOC),
    (SOFFICE / "public--qiannan_2022_part.odt", sniff.ODT),
    (SOFFICE / "public--leting_2024.ods", sniff.ODS),
    (SOFFICE / "public--qiannan_2022_part.rtf", sniff.RTF),
    (MARKUP / "public--leting_2024.utf8.xls", sniff.HTML),
    (MARKUP / "public--leting_2024.gbk.xls", sniff.HTML),
    (MARKUP / "public--leting_2024.ss2003.xls", sniff.XML_SPREADSHEET),
    (MARKUP / "public--qiannan_2022_part.w2003.doc", sniff.WORDML),
], ids=lambda v: getattr(v, "name", v))
def test_kind_comes_from_content_whatever_the_name(tmp_path, source, kind):
    for name in ("表.xls", "表.doc", "表.docx", "无扩展名"):
        target = tmp_path / name
        shutil.copy(source, target)
        assert sniff.sniff(target) == kind, name


def test_other_contents_are_named(tmp_path):
    cases = {
        b"%PDF-1.7\n": sniff.PDF, b"\x89PNG\r\n\x1a\n": sniff.PNG, b"\xff\xd8\xff\xe0": sniff.JPEG,
        b"Rar!\x1a\x07": sniff.RAR, "项目名称\t项目编码\n安居工程\t333\n".encode("gbk"): sniff.TEXT,
        "项目名称,项目编码\n".encode(): sniff.TEXT, b"": sniff.EMPTY, b'{"projects": []}': sniff.JSON,
        b"<?xml version='1.0'?><root><a/></root>": sniff.XML,
        b"\x00\x01\x02\x03" * 100: sniff.UNKNOWN,
    }
    for i, (data, kind) in enumerate(cases.items()):
        path = tmp_path / f"f{i}.xls"
        path.write_bytes(data)
        assert sniff.sniff(path) == kind, data[:10]


def test_encrypted_ooxml_is_known_as_encrypted(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "locked.xls"
    with XLSX.open("rb") as fh, path.open("wb") as out:
        OOXMLFile(fh).encrypt("mima123", out)
    assert sniff.sniff(path) == sniff.ENCRYPTED
    with pytest.raises(FormReadError, match="加密"):
        load_document(path)


@pytest.mark.parametrize(("data", "words"), [
    (b"%PDF-1.7\n", ["PDF 文件"]),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ["PNG 图片"]),
    ("项目名称\t项目编码\n".encode(), ["纯文本文件"]),
    (b"<?xml version='1.0'?><root/>", ["XML 文件"]),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048, ["旧版", "OLE"]),
])
def test_what_cannot_be_read_gets_one_line_naming_it(tmp_path, data, words):
    path = tmp_path / "收到的表.xls"
    path.write_bytes(data)
    with pytest.raises(FormReadError) as info:
        load_document(path)
    message = info.value.message
    assert all(w in message for w in words), message
    assert "\n" not in message and "Error" not in message


def test_a_workbook_named_doc_opens_as_the_workbook_and_is_not_saved_over(tmp_path):
    path = tmp_path / "其实是工作簿.doc"
    shutil.copy(XLSX, path)
    doc = load_document(path)
    assert len(doc.projects) == len(load_document(XLSX).projects)
    assert doc.format == ""  # Save asks for a .xlsx name instead of writing over the .doc
