"""The body of a .docx as a flat list of blocks (paragraphs and tables).

Content controls (``w:sdt``) and custom XML wrappers are unwrapped, so that a table inside a
content control is a block like any other (python-docx's ``Document.tables`` misses those).
The index of a block in :func:`body_blocks` is what :attr:`~perfeditor.io.source.FormPlace.blocks`
stores; the reader and the writer both go through this function.
"""
from __future__ import annotations

from perfeditor.io.docx.ns import qn
from perfeditor.io.docx.text import BLOCKS, unwrapped

_WRAPPERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:smartTag"))


def body_blocks(document_element) -> list:
    """All blocks of the document body (``w:document`` or ``w:body`` element)."""
    body = document_element.find(qn("w:body")) if document_element.tag != qn("w:body") else document_element
    return list(unwrapped(body, BLOCKS, _WRAPPERS)) if body is not None else []
