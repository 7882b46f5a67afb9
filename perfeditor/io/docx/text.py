"""Text of paragraphs and table cells as Word shows it, read straight from the XML.

Tracked insertions (``w:ins``) are read, tracked deletions (``w:del``) skipped; field instructions
(``w:instrText`` between a ``begin`` and ``separate`` ``w:fldChar``) are skipped and field results
kept, so a hidden TC field in a heading adds nothing; content controls are unwrapped. Text moved
away (``w:moveFrom``), hidden runs (``w:vanish``), text boxes and drawings are not part of the
paragraph's text; of ruby text (``w:ruby``, 拼音指南) only the base is.
"""
from __future__ import annotations

from perfeditor.io.docx.ns import qn

W_P, W_TBL, W_TR, W_TC, W_R, W_T = (qn(f"w:{t}") for t in ("p", "tbl", "tr", "tc", "r", "t"))
W_TAB, W_BR, W_CR, W_NBH = (qn(f"w:{t}") for t in ("tab", "br", "cr", "noBreakHyphen"))
W_FLDCHAR, W_FLDCHARTYPE, W_RPR, W_VANISH, W_VAL, W_RUBY, W_RUBYBASE = (
    qn(f"w:{t}") for t in ("fldChar", "fldCharType", "rPr", "vanish", "val", "ruby", "rubyBase"))

#: Elements whose children are read as if they stood in their place.
_TRANSPARENT = frozenset(qn(t) for t in (
    "w:ins", "w:hyperlink", "w:smartTag", "w:customXml", "w:sdt", "w:sdtContent", "w:fldSimple",
    "w:moveTo", "w:dir", "w:bdo",
))
#: Marks in a run read as characters of the text.
_CHARS = {W_TAB: "\t", W_BR: "\n", W_CR: "\n", W_NBH: "-"}
BLOCKS = frozenset((W_P, W_TBL))
#: Block-level wrappers inside a cell.
_BLOCK_WRAPPERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:ins"))


def paragraph_text(p) -> str:
    """The visible text of one ``w:p`` (no trimming)."""
    out: list[str] = []
    fields: list[bool] = []  # one entry per open field: True while in its instruction part
    _walk_inline(p, out, fields)
    return "".join(out)


def _walk_inline(el, out: list[str], fields: list[bool]) -> None:
    for ch in el:
        tag = ch.tag
        if tag == W_R:
            _run(ch, out, fields)
        elif tag in _TRANSPARENT:
            _walk_inline(ch, out, fields)
        # w:pPr, w:del, w:moveFrom, bookmarks, comments, proofing marks: nothing to read


def _run(r, out: list[str], fields: list[bool]) -> None:
    for ch in r:
        tag = ch.tag
        if tag == W_RPR:
            v = ch.find(W_VANISH)
            if v is not None and (v.get(W_VAL) or "1").lower() not in ("0", "false", "off"):
                return  # hidden text (w:vanish) is not the form's text
        elif tag == W_T:
            if ch.text and not (fields and any(fields)):
                out.append(ch.text)
        elif tag == W_FLDCHAR:
            kind = ch.get(W_FLDCHARTYPE)
            if kind == "begin":
                fields.append(True)
            elif kind == "separate":
                if fields:
                    fields[-1] = False
            elif kind == "end":
                if fields:
                    fields.pop()
        elif tag in _CHARS and not (fields and any(fields)):
            out.append(_CHARS[tag])
        elif tag == W_RUBY:  # ruby (拼音指南): the base text, never the guide text (w:rt) above it
            for base in ch.iterchildren(W_RUBYBASE):
                _walk_inline(base, out, fields)
        # w:instrText, w:delText, drawings, text boxes: not text


def unwrapped(parent, wanted: frozenset, wrappers: frozenset):
    """The children of ``parent`` tagged one of ``wanted``, ``wrappers`` around them unwrapped."""
    for ch in parent:
        tag = ch.tag
        if tag in wanted:
            yield ch
        elif tag in wrappers:
            yield from unwrapped(ch, wanted, wrappers)


def cell_text(tc) -> str:
    """A cell's text: its paragraphs joined with ``\\n`` (a table inside, row by row: its cells' texts
    apart), white space dropped at both ends."""
    lines: list[str] = []
    for blk in unwrapped(tc, BLOCKS, _BLOCK_WRAPPERS):
        if blk.tag == W_P:
            lines.append(paragraph_text(blk))
        else:
            for tr in iter_rows(blk):
                cells = [text for text in map(cell_text, iter_cells(tr)) if text]
                if cells:
                    lines.append("\t".join(cells))
    return "\n".join(lines).strip()


_ROW_WRAPPERS = frozenset(qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml"))
_TRS, _TCS = frozenset((W_TR,)), frozenset((W_TC,))


def iter_rows(tbl):
    """The ``w:tr`` of a table, content controls around rows unwrapped."""
    return unwrapped(tbl, _TRS, _ROW_WRAPPERS)


def iter_cells(tr):
    """The ``w:tc`` of a row, content controls around cells unwrapped."""
    return unwrapped(tr, _TCS, _ROW_WRAPPERS)
