"""The body of a .docx as a flat list of blocks (paragraphs and tables).

Content controls (``w:sdt``) and custom XML wrappers are unwrapped, so that a table inside a
content control is a block like any other (python-docx's ``Document.tables`` misses those).
The index of a block in :func:`body_blocks` is what :attr:`~perfeditor.io.source.FormPlace.blocks`
stores; the reader and the writer both go through this function.
"""
from __future__ import annotations

from collections.abc import Iterator

from perfeditor.io.docx.ns import qn

W_P = qn("w:p")
W_TBL = qn("w:tbl")
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}
_SKIP = {qn("w:sdtPr"), qn("w:sdtEndPr"), qn("w:customXmlPr")}


def iter_blocks(parent) -> Iterator:
    """Yield the ``w:p`` and ``w:tbl`` elements under ``parent`` in order, unwrapping wrappers."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == W_P or tag == W_TBL:
            yield child
        elif tag in _WRAPPERS:
            yield from iter_blocks(child)
        elif tag in _SKIP:
            continue


def body_blocks(document_element) -> list:
    """All blocks of the document body (``w:document`` or ``w:body`` element)."""
    body = document_element.find(qn("w:body")) if document_element.tag != qn("w:body") else document_element
    return list(iter_blocks(body)) if body is not None else []
