"""Low-level WordprocessingML builders for the .docx writer (plain lxml, no python-docx objects:
its ``Table.cell()`` is quadratic). A table is assembled as text and parsed once (:class:`TableXml`).
A :class:`Look` carries the formatting new elements copy: paragraph style ids for new files, or
the properties of an original table when a form is rewritten in place.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_R, W_T, W_TBL, W_TR, W_TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
W_PPR, W_RPR, W_TCPR, W_TRPR, W_TBLPR = w("pPr"), w("rPr"), w("tcPr"), w("trPr"), w("tblPr")
W_VAL, W_W, W_TYPE = w("val"), w("w"), w("type")

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str | None) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    if not text:
        return ""
    text = _ILLEGAL.sub("", str(text))
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass
class Look:
    """How new paragraphs, cells and tables look."""

    cell_style: str = "FormCell"
    head_style: str = "FormHead"
    title_style: str = "FormTitle"
    #: In-place rewriting: properties copied from the original table (take precedence).
    cell_ppr: object = None
    cell_rpr: object = None
    head_ppr: object = None
    head_rpr: object = None
    title_ppr: object = None
    title_rpr: object = None
    tbl_pr: object = None
    tc_borders: object = None
    grid_total: int = 8958
    #: Each form as two tables (header block, then the indicator block headed by its repeated
    #: header row): new files; in-place rewrites follow the original's shape instead.
    split_header: bool = False
    #: New files: tables stay text (:class:`RawXml`), spliced into the part without parsing.
    as_text: bool = False
    #: In-place rewriting: the original rows to copy (a ``writer_table.ProtoRows``), the namespace
    #: declarations in scope at the original table; the national forms' title style (None: none).
    protos: object = None
    ns_decl: str = ""
    mof_title_style: str | None = "FormTitleMof"
    #: In-place rewriting: the original title's entry fields (TC … for Word's 目录, see
    #: :func:`entry_fields`) and its text: a rebuilt or new form's title carries them, retitled.
    title_fields: object = None
    title_text: str = ""


class RawXml(NamedTuple):
    """A finished block kept as serialised text (no namespace declarations; the part's root
    declares ``w``). Only :func:`block_xml` and ``.tag`` are used on it."""

    tag: str
    xml: str


def block_xml(block) -> str:
    """A body block (an element or :class:`RawXml`) as text without namespace declarations."""
    return block.xml if isinstance(block, RawXml) else _xml(block)


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(W_T))


def add_run(p, text: str, rpr=None) -> None:
    """A run holding ``text`` (a ``w:tab`` for each tab, as :func:`_run_xml` writes it), its
    properties a copy of ``rpr``, at the end of the paragraph ``p``; none for no text. A size of
    the paragraph mark becomes that of ``rpr`` (none when it has none), even with no text: an
    empty cell's mark may be a producer's 2-point spacer, an empty line printed as a thin one and
    text typed after the run in Word that small."""
    if text:
        r = etree.SubElement(p, W_R)
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        r.extend(etree.fromstring(f'<w:r xmlns:w="{W_NS}">{_texts_xml(text)}</w:r>'))
    size_mark(p.find(W_PPR), rpr)


def size_mark(ppr, rpr) -> None:
    """The paragraph mark's size in ``ppr`` (a ``w:pPr``) made that of ``rpr`` (none when it has none)."""
    mark = ppr.find(W_RPR) if ppr is not None else None
    for own in () if mark is None else (*mark.iterchildren(w("sz")), *mark.iterchildren(w("szCs"))):
        size = rpr.find(own.tag) if rpr is not None else None
        if size is None or size.get(W_VAL) is None:
            mark.remove(own)
        else:
            own.set(W_VAL, size.get(W_VAL))


def paragraph(text: str = "", style: str | None = None, *, ppr=None, rpr=None):
    """One ``w:p`` holding ``text`` (a single line) in one run: its properties ``ppr``, else its
    paragraph ``style``."""
    p = etree.Element(W_P, nsmap={"w": W_NS})
    if ppr is not None:
        p.append(copy.deepcopy(ppr))
    elif style:
        etree.SubElement(etree.SubElement(p, W_PPR), w("pStyle")).set(W_VAL, style)
    add_run(p, clean(text), rpr)
    return p


_ENTRY = re.compile(r'^(\s*(?:TC|XE)\s+")((?:[^"\\]|\\.)*)(".*)$', re.S | re.I)
_FLD_SIMPLE, _FLD_CHAR, _INSTR_TEXT = w("fldSimple"), w("fldChar"), w("instrText")


def _instruction(field: list) -> str:
    if field[0].tag == _FLD_SIMPLE:
        return field[0].get(w("instr")) or ""
    return "".join(t.text or "" for r in field for t in r.iter(_INSTR_TEXT))


def entry_fields(p) -> list[list]:
    """The entry fields among paragraph ``p``'s children — TC (a table-of-contents entry, what
    Word's 目录 lists) and XE (an index entry), which show nothing on the page —, each as the list
    of its elements: a ``w:fldSimple``, or the runs from its ``fldChar`` begin to its end."""
    fields: list[list] = []
    cur: list | None = None
    depth = 0
    for ch in p:
        if ch.tag == _FLD_SIMPLE and cur is None:
            fields.append([ch])
        elif ch.tag == W_R:
            kinds = [fc.get(w("fldCharType")) for fc in ch.iter(_FLD_CHAR)]
            if cur is None and "begin" in kinds:
                cur, depth = [], 0
            if cur is not None:
                cur.append(ch)
                depth += kinds.count("begin") - kinds.count("end")
                if depth <= 0:
                    fields.append(cur)
                    cur = None
    return [f for f in fields if _ENTRY.match(_instruction(f))]


def retitled_entry(field: list, old: str, new: str) -> list:
    """A copy of the entry ``field``, whose text is ``new`` when it was the title ``old`` (else
    as it was)."""
    out = [copy.deepcopy(el) for el in field]
    m = _ENTRY.match(_instruction(out))  # (group 2: the text it puts in the 目录)
    if m is None or " ".join(m.group(2).replace('\\"', '"').split()) != " ".join(old.split()):
        return out
    instr = m.group(1) + clean(new).replace('"', "\u201d") + m.group(3)
    if out[0].tag == _FLD_SIMPLE:
        out[0].set(w("instr"), instr)
        return out
    texts = [t for r in out for t in r.iter(_INSTR_TEXT)]
    for k, t in enumerate(texts):
        t.text = instr if k == 0 else ""
        t.set(XML_SPACE, "preserve")
    return out


def joint() -> object:
    """The paragraph between the two tables of one form: Word needs one to keep them apart (and
    a header row repeats only at the top of a table), so it is as small as a paragraph can be —
    1-pt mark, exact 0.1-pt line, no spacing — and the tables look like one form."""
    return etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="2" '
        'w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_NS_DECLS = re.compile(r' xmlns(?::[\w.-]+)?="[^"]*"')


def _xml(el) -> str:
    """``el`` as text without namespace declarations (the table element declares them once)."""
    return _NS_DECLS.sub("", etree.tostring(el, encoding="unicode")) if el is not None else ""


def _run_xml(text: str, rpr_xml: str) -> str:
    return f"<w:r>{rpr_xml}{_texts_xml(text)}</w:r>" if text else ""


def _texts_xml(text: str) -> str:
    parts = []
    for i, part in enumerate(text.split("\t")):
        if i:
            parts.append("<w:tab/>")
        if part:
            space = ' xml:space="preserve"' if part != part.strip() or "  " in part else ""
            if "&" in part or "<" in part or ">" in part:  # (most texts have none: no translation)
                part = part.translate(_ESC)
            parts.append(f"<w:t{space}>{part}</w:t>")
    return "".join(parts)


_BARE = '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:right w:val="nil"/></w:tcBorders>'
_TCPR_OWN = frozenset(w(t) for t in ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcPrChange",
                                      "cellIns", "cellDel", "cellMerge"))


#: Row properties a rebuilt row does not take from its original: its place in the table's grid
#: (see ``edges``), its table style's conditions, tracked changes.
_TRPR_NOT = frozenset(w(t) for t in ("cnfStyle", "gridBefore", "gridAfter", "wBefore", "wAfter", "ins", "del",
                                     "trPrChange"))
_EDGES = (("gridBefore", "wBefore"), ("gridAfter", "wAfter"))

_PROTO_LOOKS: dict[tuple, tuple[str, str, str]] = {}


class TableXml:
    """One ``w:tbl`` assembled as text and parsed once (lxml calls per element are the cost)."""

    def __init__(self, widths: list[int], look: Look):
        self.look = look
        self.widths = widths
        self.raw = look.as_text and not look.ns_decl
        decl = "" if self.raw else f' xmlns:w="{W_NS}"{look.ns_decl}'
        self.parts: list[str] = [f"<w:tbl{decl}>", self._tbl_pr(), "<w:tblGrid>",
                                 *(f'<w:gridCol w:w="{wd}"/>' for wd in widths), "</w:tblGrid>"]
        self._ppr: dict = {}
        self._rpr = {True: _xml(look.head_rpr), False: _xml(look.cell_rpr)}
        self._borders = _xml(look.tc_borders)

    def _tbl_pr(self, open_bottom: bool = False) -> str:
        widths = self.widths
        if self.look.tbl_pr is not None:
            pr = copy.deepcopy(self.look.tbl_pr)
            tw = pr.find(w("tblW"))
            if tw is not None and tw.get(W_TYPE) == "dxa":
                tw.set(W_W, str(sum(widths)))
            return _xml(pr)
        border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
        sides = "".join(f"<w:{side} {border}/>" if not (open_bottom and side == "bottom")
                        else f'<w:{side} w:val="nil"/>'
                        for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        return (f'<w:tblPr><w:tblStyle w:val="FormTable"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
                f'<w:jc w:val="center"/><w:tblBorders>{sides}</w:tblBorders>'
                f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000"/></w:tblPr>')

    def _para_pr(self, head: bool, align: str | None) -> str:
        if (head, align) not in self._ppr:
            el = self.look.head_ppr if head else self.look.cell_ppr
            style = self.look.head_style if head else self.look.cell_style
            inner = (f'<w:pStyle w:val="{style}"/>' if style else "") + (f'<w:jc w:val="{align}"/>' if align else "")
            self._ppr[head, align] = _xml(el) if el is not None else f"<w:pPr>{inner}</w:pPr>" if inner else ""
        return self._ppr[head, align]

    def row(self, *, header: bool = False, cant_split: bool = False, proto=None, edges=(0, 0)) -> None:
        """Open a row (``cant_split``: not broken across pages; ``header``: repeated on each
        page); ``proto`` (an original ``w:tr``) gives its properties (height, alignment, the
        original's own say on splitting and repeating …), its table property exceptions and, when
        ``edges`` (the grid columns before and after its cells) says so, its ``w:gridBefore`` /
        ``w:gridAfter`` and their widths."""
        got = proto.find(W_TRPR) if proto is not None else None
        own = [ch for ch in (got if got is not None else ()) if ch.tag not in _TRPR_NOT]
        tags = {ch.tag for ch in own}
        pr = ("<w:cantSplit/>" if cant_split and w("cantSplit") not in tags else "") \
            + ("<w:tblHeader/>" if header and w("tblHeader") not in tags else "") + "".join(map(_xml, own)) \
            + "".join(_xml(got.find(w(t))) for k, pair in enumerate(_EDGES) if edges[k] for t in pair)
        ex = _xml(proto.find(w("tblPrEx"))) if proto is not None else ""
        self.parts.append(f"<w:tr>{ex}<w:trPr>{pr}</w:trPr>" if pr else f"<w:tr>{ex}")

    def _proto(self, tc, head: bool) -> tuple[str, str, str]:
        """(tcPr extras ending in a ``w:vAlign``, pPr, rPr) copied from an original cell; when the
        cell has no text to take the look from (its empty run or paragraph mark may be a
        producer's 2-point spacer: LibreOffice's under a merged cell), the rPr is the form's own
        cell look (``head``: its header cells'), and the pPr's paragraph mark takes its size. Cached by
        what the cell's look is made of (its tcPr, first pPr and text run's rPr, serialised in C):
        the cells of a form look alike, and working a look out in Python is the save's main cost."""
        pr = tc.find(W_TCPR)
        p = tc.find(W_P)
        ppr_el = p.find(W_PPR) if p is not None else None
        run = next((r for r in p.iter(W_R) if r.find(W_T) is not None), p.find(W_R)) if p is not None else None
        rpr_el = run.find(W_RPR) if run is not None else None
        texts = run is not None and run.find(W_T) is not None
        own = "" if texts else self._rpr[head]
        key = (*(b"" if el is None else etree.tostring(el) for el in (pr, ppr_el, rpr_el)), texts, own)
        got = _PROTO_LOOKS.get(key)
        if got is None:
            if len(_PROTO_LOOKS) > 4096:
                _PROTO_LOOKS.clear()
            rest = "".join(_xml(ch) for ch in (pr if pr is not None else ()) if ch.tag not in _TCPR_OWN)
            if pr is None or pr.find(w("vAlign")) is None:
                rest += '<w:vAlign w:val="center"/>'
            if not texts and ppr_el is not None:
                ppr_el = copy.deepcopy(ppr_el)
                size_mark(ppr_el, self.look.head_rpr if head else self.look.cell_rpr)
            got = _PROTO_LOOKS[key] = (rest, _xml(ppr_el), _xml(rpr_el) if texts else own)
        return got

    def cell(self, text: str, width: int, *, span: int = 1, vmerge: str | None = None,
             head: bool = False, align: str | None = None, proto=None, bare: bool = False) -> None:
        """One cell; ``bare`` leaves out its top, left and right borders (the unit line)."""
        merge = '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge == "continue" else ""
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        if proto is not None:
            tail, ppr, rpr = self._proto(proto, head)
        else:
            ppr = self._para_pr(head, align)
            rpr = self._rpr[head]
            tail = f'{_BARE if bare else self._borders}<w:vAlign w:val="center"/>'
        text = clean(text) if (text and vmerge != "continue") else ""
        paras = "".join(f"<w:p>{ppr}{_run_xml(line, rpr)}</w:p>" for line in text.split("\n")) if "\n" in text \
            else f"<w:p>{ppr}{_run_xml(text, rpr)}</w:p>"  # (one line: the common case, kept cheap)
        self.parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{merge}'
                          f'{tail}</w:tcPr>{paras}</w:tc>')

    def element(self, open_bottom: bool = False):
        """The table; ``open_bottom``: the upper table of a form's two, without a bottom line (the
        lower table's top edge draws it, and that edge is also drawn above the header row repeated
        on the next pages)."""
        if open_bottom and self.look.tbl_pr is None:
            self.parts[1] = self._tbl_pr(open_bottom=True)
        if self.raw:  # the text lxml would write for the parsed table (empty paragraphs closed)
            return RawXml(W_TBL, "".join(self.parts).replace("<w:p></w:p>", "<w:p/>") + "</w:tbl>")
        tbl = etree.fromstring("".join(self.parts) + "</w:tbl>")
        etree.cleanup_namespaces(tbl)
        return tbl


def grid_widths(tbl) -> list[int]:
    """The widths of the grid columns of the table ``tbl`` ([] when it has no grid or a width is
    not a number)."""
    grid = tbl.find(w("tblGrid"))
    try:
        return [int(gc.get(W_W)) for gc in (grid if grid is not None else ())]
    except (TypeError, ValueError):
        return []


def scale(weights: list[float], total: int) -> list[int]:
    """Integer widths proportional to ``weights`` summing to ``total``."""
    s = sum(weights) or 1
    out = [max(200, int(total * x / s)) for x in weights]
    out[-1] += total - sum(out)
    return out


def _set_ppr(p, tag: str, after: tuple[str, ...]) -> None:
    """``p``'s ``w:pPr`` holds the empty element ``tag``, in its schema place: after the first of
    ``after`` it has (those that come before ``tag`` in the schema, nearest first)."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    if ppr.find(w(tag)) is None:
        anchor = next((f for f in (ppr.find(w(t)) for t in after) if f is not None), None)
        ppr.insert(0 if anchor is None else ppr.index(anchor) + 1, etree.Element(w(tag)))


def start_page(blocks: list) -> None:
    """A form's ``blocks`` begin a new page: its title paragraph gets ``w:pageBreakBefore``, a
    table an empty page-break paragraph."""
    if blocks[0].tag != W_P:
        blocks.insert(0, etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:r><w:br w:type="page"/></w:r></w:p>'))
        return
    _set_ppr(blocks[0], "pageBreakBefore", ("keepLines", "keepNext", "pStyle"))


def keep_with_table(blocks: list) -> None:
    """The paragraphs above a form's first table (its title, its 单位 line) keep with the table
    (``w:keepNext``): a title never stands alone at the foot of a page."""
    for el in blocks:
        if el.tag != W_P:
            break
        _set_ppr(el, "keepNext", ("pStyle",))


def fill(anchor, new: list) -> None:
    """Put the blocks ``new`` where the placeholder ``anchor`` stands (an empty paragraph keeps a
    table from joining a table next to it) and take the placeholder out."""
    for el in new:
        anchor.addprevious(el)
    if new:
        prev = new[0].getprevious()
        if prev is not None and prev.tag == W_TBL and new[0].tag == W_TBL:
            new[0].addprevious(paragraph(""))
        nxt = anchor.getnext()
        if new[-1].tag == W_TBL and (nxt is None or nxt.tag in (W_TBL, w("sectPr"))):
            anchor.addprevious(paragraph(""))
    anchor.getparent().remove(anchor)


def placeholder(before=None, *, after=None, body=None):
    """A placeholder for blocks (see :func:`fill`): in front of ``before``, after ``after``, else at
    the end of ``body`` (before its ``w:sectPr``)."""
    anchor = etree.Element(w("bookmarkEnd"))
    if before is not None:
        before.addprevious(anchor)
    elif after is not None:
        after.addnext(anchor)
    elif (sect := body.find(w("sectPr"))) is not None:
        sect.addprevious(anchor)
    else:
        body.append(anchor)
    return anchor


def starts_page(el) -> bool:
    """Block ``el`` begins a new page: a paragraph with ``w:pageBreakBefore``, or right after a
    page break or a section break (in the paragraph before it)."""
    def breaks(el) -> bool:
        return any(br.get(w("type")) == "page" for br in el.iter(w("br")))

    if el.tag == W_P and el.find(f"{W_PPR}/{w('pageBreakBefore')}") is not None:
        return True
    prev = el.getprevious()
    while prev is not None and prev.tag == W_P:
        if prev.find(f"{W_PPR}/{w('sectPr')}") is not None:
            return True
        if "".join(prev.itertext()).strip():  # a paragraph with text: its last run may end the page
            runs = list(prev.iter(W_R))
            return bool(runs) and breaks(runs[-1])
        if breaks(prev):
            return True
        prev = prev.getprevious()
    return False


# --- bookmarks and comment anchors ----------------------------------------------------------------

#: The marks starting a range (the others end one, or stand for a comment: its reference).
STARTS = {w("bookmarkStart"): "bookmark", w("commentRangeStart"): "comment"}
ENDS = {w("bookmarkEnd"): "bookmark", w("commentRangeEnd"): "comment"}
_REFERENCE = w("commentReference")


def marks_in(el) -> list:
    """The range marks inside ``el`` (``w:bookmarkStart`` / ``End``, ``w:commentRangeStart`` /
    ``End``, and each run holding a ``w:commentReference``), in document order."""
    return [m.getparent() if m.tag == _REFERENCE else m
            for m in el.iter(*STARTS, *ENDS, _REFERENCE) if m.tag != _REFERENCE or m.getparent().tag == W_R]


def _ends(root) -> dict:
    """(kind, id) → the marks of each bookmark and comment in ``root``, by role ("start", "end",
    "ref"; "early": an end before its start, as a form moved above it leaves one)."""
    out: dict = {}
    for m in root.iter(*STARTS, *ENDS, _REFERENCE):
        kind, role = (STARTS[m.tag], "start") if m.tag in STARTS else \
            (ENDS[m.tag], "end") if m.tag in ENDS else ("comment", "ref")
        roles = out.setdefault((kind, m.get(w("id"))), {})
        roles.setdefault("early" if role == "end" and "start" not in roles else role, []).append(m)
    return out


def _whole(roles: dict, kind: str) -> bool:
    """A bookmark has one start and one end; a comment its reference, and both ends of its range
    or neither."""
    if kind == "bookmark":
        return len(roles.get("start", ())) == len(roles.get("end", ())) == 1
    return len(roles.get("ref", ())) == 1 and len(roles.get("start", ())) == len(roles.get("end", ())) <= 1


def whole_marks(root) -> set:
    """The bookmarks and comments of ``root`` whose marks are whole (see :func:`drop_broken`)."""
    return {key for key, roles in _ends(root).items() if _whole(roles, key[0])}


def drop_broken(root, whole: set) -> None:
    """Take out the marks of each bookmark and comment of ``whole`` (those that were whole
    before the part changed) that is no longer whole — its other end was removed with the rows
    or forms that held it, or copied with them, or moved before it: an end without its start,
    a comment range without its reference. A comment keeps its reference (and so its text) when only its range
    broke."""
    for key, roles in _ends(root).items():
        if key not in whole or _whole(roles, key[0]):
            continue
        keep = roles.get("ref", [])[:1] if key[0] == "comment" else []
        for m in (m for ms in roles.values() for m in ms if m not in keep):
            parent = m.getparent()
            parent.remove(m)
            if m.tag == _REFERENCE and all(ch.tag == W_RPR for ch in parent):  # (its run held only it)
                parent.getparent().remove(parent)

