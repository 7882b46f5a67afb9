"""The body of a .docx as a flat list of blocks (paragraphs and tables).

Content controls (``w:sdt``) and custom XML wrappers are unwrapped, so that a table inside a
content control is a block like any other (python-docx's ``Document.tables`` misses those); so is
a layout table of one cell holding a table (a form wrapped whole, as templates and web exports
do): its cell's blocks are the body's. The index of a block in :func:`body_blocks` is what
:attr:`~perfeditor.io.source.FormPlace.blocks` stores; the reader and the writer both go through
this function.
"""
from __future__ import annotations

from itertools import islice

from perfeditor.io.docx.ns import qn
from perfeditor.io.docx.text import BLOCKS, W_TBL, iter_cells, iter_rows, unwrapped

_WRAPPERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:smartTag"))


def body_blocks(document_element) -> list:
    """All blocks of the document body (``w:document`` or ``w:body`` element)."""
    body = document_element.find(qn("w:body")) if document_element.tag != qn("w:body") else document_element
    return list(_blocks(body)) if body is not None else []


def _blocks(parent):
    for el in unwrapped(parent, BLOCKS, _WRAPPERS):
        cell = _layout_cell(el) if el.tag == W_TBL else None
        if cell is None:
            yield el
        else:
            yield from _blocks(cell)


def _layout_cell(tbl):
    """The one cell of a 1×1 table holding a table (a layout table), else None."""
    rows = list(islice(iter_rows(tbl), 2))
    cells = list(islice(iter_cells(rows[0]), 2)) if len(rows) == 1 else []
    if len(cells) == 1 and any(b.tag == W_TBL for b in unwrapped(cells[0], BLOCKS, _WRAPPERS)):
        return cells[0]
    return None
