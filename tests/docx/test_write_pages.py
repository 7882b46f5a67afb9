"""Save As .docx: one project a page (each form's first block starts a new page)."""
from __future__ import annotations

import zipfile

from lxml import etree

from perfeditor.io import load_document, read_document, save_document
from perfeditor.io.docx.writer_xml import starts_page
from tests.conftest import PUBLIC_FIXTURES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_project_of_a_new_docx_starts_a_page(tmp_path):
    out = tmp_path / "new.docx"
    save_document(load_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx"), out, layout="hebei-project")
    body = list(etree.fromstring(zipfile.ZipFile(out).read("word/document.xml")).find(f"{W}body"))
    doc, places = read_document(out)
    assert len(doc.projects) == 21
    firsts = [body[places.of(p).blocks[0]] for p in doc.projects]
    assert all(starts_page(el) for el in firsts)  # the department part comes before the first


def test_a_form_that_starts_with_its_table_gets_a_page_break_paragraph(tmp_path):
    out = tmp_path / "mof.docx"
    save_document(load_document(PUBLIC_FIXTURES / "qiannan_2022_part.docx"), out, layout="hebei-graded")
    body = list(etree.fromstring(zipfile.ZipFile(out).read("word/document.xml")).find(f"{W}body"))
    doc, places = read_document(out)
    firsts = [body[places.of(p).blocks[0]] for p in doc.projects[1:]]
    assert firsts and all(starts_page(el) for el in firsts)
