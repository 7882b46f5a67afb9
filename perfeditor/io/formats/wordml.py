"""Word 2003 XML documents (WordprocessingML 2003, ``<w:wordDocument>``), read by the .docx reader.

The 2003 vocabulary is the 2006 one in another namespace, with a few names spelled differently
and tracked changes as ``aml:annotation``: renamed to 2006, the body's paragraphs and tables (out of
the 2003 section wrappers) go to the .docx reader's block reader.
"""
from __future__ import annotations

from perfeditor.model import Document

W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
AML = "http://schemas.microsoft.com/aml/2001/core"
W2006 = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RENAMED = {"vmerge": "vMerge", "hmerge": "hMerge", "hlink": "hyperlink"}
_W = "{%s}" % W2006
#: The root's tag (after :func:`in_2006_namespace`).
DOCUMENT = _W + "wordDocument"


def in_2006_namespace(data: bytes) -> bytes:
    """The bytes with the 2003 namespace replaced by the 2006 one (faster than renaming each element)."""
    return data.replace(W2003.encode("ascii"), W2006.encode("ascii"))


def read_wordml(root, smap=None) -> Document:
    """Read a ``w:wordDocument`` parsed from :func:`in_2006_namespace`'s bytes."""
    from perfeditor.io.docx.reader import read_blocks

    _rename(root)
    body = root.find(_W + "body")
    return read_blocks(list(_blocks(body)) if body is not None else [], smap)


def _rename(root) -> None:
    """The few names 2003 spells differently, and its tracked changes."""
    for el in root.iter(*(_W + name for name in _RENAMED), "{%s}annotation" % AML, "{%s}content" % AML):
        tag = el.tag
        if tag == "{%s}annotation" % AML:
            kind = el.get(_W + "type", "")
            el.tag = _W + ("ins" if kind == "Word.Insertion" else "del" if kind == "Word.Deletion"
                           else "commentRangeStart")  # comments and bookmarks: nothing to read
        elif tag == "{%s}content" % AML:
            el.tag = _W + "ins"  # the annotation's body: read where the annotation is read
        else:
            el.tag = _W + _RENAMED[tag[len(_W):]]


_NOT_BODY = frozenset(_W + t for t in ("pict", "sectPr", "txbxContent", "del", "commentRangeStart"))


def _blocks(parent):
    """The body's ``w:p`` and ``w:tbl`` in order, through any wrapper but a table or a picture."""
    for child in parent:
        tag = child.tag
        if tag == _W + "p" or tag == _W + "tbl":
            yield child
        elif isinstance(tag, str) and tag not in _NOT_BODY:
            yield from _blocks(child)
