"""Word 2003 XML documents (WordprocessingML 2003, ``<w:wordDocument>``), read by the .docx reader.

The 2003 vocabulary is the 2006 one (``w:p``, ``w:tbl``, ``w:tc``, ``w:gridSpan`` …) in another
namespace, with a few names spelled differently (``w:vmerge``, ``w:hmerge``, ``w:hlink``) and
tracked changes as ``aml:annotation``. The parsed tree is renamed in place to the 2006
vocabulary and its body's paragraphs and tables, wherever the 2003 section wrappers
(``wx:sect``, ``wx:sub-section``, ``wx:pBdrGroup``) put them, are handed to the .docx reader's
block reader, so recognition is the .docx reader's own.
"""
from __future__ import annotations

from perfeditor.model import Document

W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
AML = "http://schemas.microsoft.com/aml/2001/core"
W2006 = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RENAMED = {"vmerge": "vMerge", "hmerge": "hMerge", "hlink": "hyperlink"}
_W = "{%s}" % W2006


def is_wordml(root) -> bool:
    return root.tag == "{%s}wordDocument" % W2003


def read_wordml(root) -> Document:
    from perfeditor.io.docx.reader import read_blocks

    _to_2006(root)
    body = root.find(_W + "body")
    return read_blocks(list(_blocks(body)) if body is not None else [])


def _to_2006(root) -> None:
    w2003 = "{%s}" % W2003
    n = len(w2003)
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag.startswith(w2003):
            local = tag[n:]
            el.tag = _W + _RENAMED.get(local, local)
        elif tag == "{%s}annotation" % AML:
            kind = el.get(w2003 + "type", "")
            el.tag = _W + ("ins" if kind == "Word.Insertion" else "del" if kind == "Word.Deletion"
                           else "commentRangeStart")  # comments and bookmarks: nothing to read
        elif tag == "{%s}content" % AML:
            el.tag = _W + "ins"  # the annotation's body: read where the annotation is read
        for name in [a for a in el.attrib if a.startswith(w2003)]:
            el.set(_W + name[n:], el.attrib.pop(name))


_NOT_BODY = frozenset(_W + t for t in ("pict", "sectPr", "txbxContent", "del", "commentRangeStart"))


def _blocks(parent):
    """The body's ``w:p`` and ``w:tbl`` in order, through any wrapper but a table or a picture."""
    for child in parent:
        tag = child.tag
        if tag == _W + "p" or tag == _W + "tbl":
            yield child
        elif isinstance(tag, str) and tag not in _NOT_BODY:
            yield from _blocks(child)
