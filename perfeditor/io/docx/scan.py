"""The body read by scanning the main part's raw XML: the fast path of :func:`read_docx`.

Building an lxml tree and a Python object per element costs several times what python-docx's own
``Document()`` does; a regular expression over the bytes finds the few elements a form needs
(paragraphs, tables, rows, cells, text, merges) in C. A plain cell (merges in its properties,
paragraphs of plain runs) or a row start with its properties is one match, so the Python work
is about one step per cell; anything unusual inside a cell is read token by token (a match per
``w:t``, paragraph, merge mark …). The scan gives the same blocks as
:func:`~perfeditor.io.docx.blocks.body_blocks` and the same texts as :mod:`~perfeditor.io.docx.text`
(content controls transparent, tracked insertions read, deletions and field instructions left out
since they are never ``w:t``, text moved away (``w:moveFrom``) and hidden runs (``w:vanish``)
skipped, text boxes and ruby's guide text skipped). Whenever the file is anything but plain
(another namespace prefix, comments, CDATA, nested tables, property-change records, unbalanced
tags) it returns None and the reader walks the parsed tree instead.
"""
from __future__ import annotations

import functools
import re

from lxml import etree

W_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_NAMES = (rb"gridSpan|vMerge|hMerge|gridBefore|del|tab|br|cr|noBreakHyphen|tbl|tabs|txbxContent|"
          rb"body|tcPrChange|trPrChange|tblGridChange|moveFrom|vanish|rt")


def _inside(end: bytes, *refused: bytes) -> bytes:
    """The body of a property block up to ``</w:END>`` (no nested block of the same name), in
    one regex step per tag; elements named in ``refused`` make it fail.

    Runs of ``[^<]`` (and of ``[^>]`` before a ``>``) are possessive (``*+``) here and in the
    patterns below: what follows them starts with the character they stop at, so giving characters
    back could never make a match, and the engine keeps no state to try (a tenth of the scan's
    regex time). So are the loops over tags (here and in a cell's paragraphs, runs and texts): the
    end tag after each never starts where a loop could give back (7 % of it). Not so before
    ``/>`` (``<w:p …/>``), which stays greedy."""
    stop = b"/w:" + end + b">|w:(?:" + b"|".join(refused) + rb")(?=[\s/>])"
    return rb"[^<]*+(?:<(?!" + stop + rb")[^<]*+)*+"


_PARA_OPEN = rb"<w:p(?:\s[^>]*+)?(?<!/)>(?:<w:pPr>" + _inside(b"pPr", b"pPrChange") + rb"</w:pPr>)?"
_RUN_OPEN = (rb"<w:r(?:\s[^>]*+)?(?<!/)>(?:<w:rPr>" + _inside(b"rPr", b"vanish", b"rPrChange")
             + rb"</w:rPr>|<w:rPr/>)?")  # (LibreOffice writes empty run properties as <w:rPr/>)
_TEXT_EL = rb"<w:t(?:\s[^>]*+)?(?<!/)>"
#: A plain table cell in one match: its properties (merges in the usual order, no hMerge, no
#: property change), then paragraphs of plain runs (properties without w:vanish, then only w:t).
#: The usual cell — one paragraph, at most one run with at most one w:t — gives its text as a
#: group; otherwise the paragraphs are a group split afterwards. Anything else in a cell (tabs,
#: breaks, fields, content controls, tracked changes, bookmarks …) makes the match fail and the
#: cell is read token by token instead.
_PLAIN_CELL = (
    rb"(?P<cell>w:tc>(?:<w:tcPr>(?:<w:cnfStyle[^>]*+>)?(?:<w:tcW[^>]*+>)?"
    rb"""(?:<w:gridSpan\s+w:val="(?P<span>\d{1,9})"\s*/>)?"""
    rb"""(?P<vm><w:vMerge(?:\s+w:val="(?P<vmval>\w*)")?\s*/>)?"""
    + _inside(b"tcPr", b"hMerge", b"tcPrChange", b"gridSpan", b"vMerge") + rb"</w:tcPr>)?"
    rb"(?:(?:<w:p(?:\s[^>]*)?/>|" + _PARA_OPEN
    + rb"(?:" + _RUN_OPEN + rb"(?P<run>)(?:" + _TEXT_EL + rb"(?P<text>[^<]*+)</w:t>)?</w:r>)?</w:p>)"
    rb"|(?P<paras>(?:<w:p(?:\s[^>]*)?/>|" + _PARA_OPEN + rb"(?:" + _RUN_OPEN
    + rb"(?:" + _TEXT_EL + rb"[^<]*+</w:t>)*+</w:r>)*+</w:p>)++))</w:tc>)"
)
#: A row start, with its properties when they are plain (else they are read token by token).
_ROW_START = (rb"(?P<row>w:tr(?=[\s/>])[^>]*+(?:(?<=/)>|>(?:<w:trPr>(?P<trpr>"
              + _inside(b"trPr", b"trPrChange", b"del") + rb")</w:trPr>)?))")


def _token(structure: bytes) -> re.Pattern:
    return re.compile(  # one leading "<" lets the engine skip ahead quickly
        rb"<(?:" + _PLAIN_CELL +                                        # a plain cell
        rb"|" + _ROW_START +                                            # a row start
        rb"|w:t(?:\s[^>]*+)?>(?P<t>[^<]*+)</w:t>"                       # text of a w:t
        rb"|w:(?P<s>" + structure + rb")(?=[\s/>])(?P<sa>[^>]*+)>"      # structure
        rb"|w:(?P<o>" + _NAMES + rb")(?=[\s/>])(?P<oa>[^>]*+)>"         # the rest
        rb"|/w:(?P<end>tbl|tabs|txbxContent|body|moveFrom|rt)>)"        # ends that matter
    )


_TOKEN = _token(rb"p|tc")


@functools.cache
def _token_runs() -> re.Pattern:
    """The token pattern that also matches run starts, for a part with hidden text (``w:vanish``):
    compiled when first needed."""
    token = _token(rb"p|tc|r")
    assert token.groupindex == _G
    return token


_T = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_G = _TOKEN.groupindex
#: ``m.lastindex`` of each kind of token (the group closing last), and the groups read.
_CELL, _ROW, _TEXT, _STRUCTURE, _OTHER, _END = (_G[k] for k in ("cell", "row", "t", "sa", "oa",
                                                                 "end"))
_CELL_GROUPS = tuple(_G[k] for k in ("span", "vm", "vmval", "run", "text", "paras"))
_PARA_END = re.compile(rb"</w:p>|<w:p(?:\s[^>]*)?/>")
_RUN_START = re.compile(rb"<w:r[\s>]")
_GRID_BEFORE = re.compile(rb"<w:gridBefore\b([^>]*)>")
_HIDDEN_OFF = frozenset({"0", "false", "off"})
_UNREAD = (b"txbxContent", b"rt")  # text boxes, ruby's guide text (its base is read)
#: Marks read as characters of the text (a w:tab among tab stops is none).
_CHARS = {b"tab": "\t", b"br": "\n", b"cr": "\n", b"noBreakHyphen": "-"}
_VAL = re.compile(rb"""\bw:val\s*=\s*(["'])(.*?)\1""")


def _val(attrs: bytes) -> str | None:
    m = _VAL.search(attrs)
    return m.group(2).decode("utf-8", "replace") if m else None


def _int(attrs: bytes, default: int) -> int:
    try:
        return int(_val(attrs) or default)
    except ValueError:
        return default


def _text(raw: bytes) -> str:
    s = raw.decode("utf-8")
    if "\r" in s:  # line ends as an XML parser normalises them (before references: &#13; stays)
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in s:
        s = _REF.sub(_ref, s)
    return s


_REF = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _ref(m: re.Match) -> str:
    """An XML reference (not HTML's: ``&#128;`` is U+0080, not €)."""
    hexa, dec, name = m.groups()
    if name:
        return _NAMED[name]
    try:
        return chr(int(hexa, 16) if hexa else int(dec))
    except (ValueError, OverflowError):
        return m.group()  # not well-formed: the check refuses the part


_W_DECL = re.compile(rb"""xmlns:w\s*=\s*(["'])([^"']*)\1""")


def plain_enough(data: bytes) -> bool:
    """The part binds ``w`` to WordprocessingML once and has no comments, CDATA or DTD."""
    decls = _W_DECL.findall(data)  # (a literal prefix: the engine finds it at C speed)
    return (len(decls) == 1 and decls[0][1] == W_NS and not _has_markup_decl(data)
            and b"<w:body" in data)


def _has_markup_decl(data: bytes) -> bool:
    """``b"<!" in data`` (a comment, CDATA, a DTD), found faster: ``!`` is rare in a part (never
    inside a UTF-8 multi-byte character), and found at ``memchr`` speed, where searching for
    ``<!`` steps through every ``<``."""
    find = data.find
    i = find(b"!")
    seen = 0
    while i >= 0:
        if i and data[i - 1] == 0x3C:  # "<"
            return True
        seen += 1
        if seen > 64:  # many "!" in the text: the plain search is as quick
            return find(b"<!", i) >= 0
        i = find(b"!", i + 1)
    return False


class _NoTree:
    """A parser target without callbacks: libxml2 checks the part, no tree is built."""

    def close(self) -> None:
        return None


def well_formed(data: bytes) -> bool:
    """``data`` is well-formed XML (balanced tags, known entities). The scan reads only what it
    needs and would read a damaged part; this check costs a third of building the tree."""
    parser = etree.XMLParser(target=_NoTree(), resolve_entities=False, no_network=True,
                             huge_tree=True, collect_ids=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return False
    return True


def scan_body(data: bytes, plain: bool | None = None,
              spans: list | None = None) -> list[tuple[str, object]] | None:
    """``[("p", text), ("t", rows), …]`` in body-block order, or None (use the tree walk).

    ``rows`` are :func:`~perfeditor.io.docx.grid.grid_from_rows` rows: ``[grid_before, deleted,
    [[span, vmerge, hmerge, lines], …], None]`` with ``lines`` a list of text-piece lists, or
    the cell's text itself (a plain one-paragraph cell). ``plain``: :func:`plain_enough` of
    ``data`` when the caller knows it. ``spans`` receives, per item, the byte range of a table
    (``<w:tbl`` … ``</w:tbl>``) or None for a paragraph.
    """
    if not (plain_enough(data) if plain is None else plain):
        return None
    vanish = b"<w:vanish" in data
    if vanish and (b"<w:rPrChange" in data or b"<w:ruby" in data):
        return None  # (an old run format may say hidden, a hidden run may hold ruby: the tree walk tells)
    try:
        return _scan(data, spans, vanish)
    except (UnicodeDecodeError, ValueError):
        return None


def _scan(data: bytes, spans: list | None, vanish: bool) -> list[tuple[str, object]] | None:
    """A paragraph runs from its ``<w:p>`` to the next block, cell or row start: ``w:t`` only
    occurs inside paragraphs, so no ``</w:p>`` is needed (fewer matches, faster). A plain cell
    (see ``_PLAIN_CELL``) and a row start with its properties are one match each."""
    items: list[tuple[str, object]] = []
    in_body = done = False
    txbx = 0           # open w:txbxContent or w:rt (text boxes, ruby's guide text: not read)
    in_tabs = False
    rows: list | None = None        # the open table's (tables are not nested here)
    row: list | None = None
    cell: list | None = None
    cur: list[str] | None = None    # pieces of the current paragraph (body or cell)
    unescape = _text
    moved = 0          # open w:moveFrom (text moved away with tracked changes: not read)
    in_run = hidden = False
    tbl_start = 0
    token = _token_runs() if vanish else _TOKEN
    split_paras, texts, run_start = _PARA_END.split, _T.findall, _RUN_START.search
    cell_groups = _CELL_GROUPS
    CELL = _CELL  # noqa: N806 - a local: looked up once per token
    plain_texts = b"&" not in data and b"\r" not in data  # (memchr: no text needs unescaping)
    add_cell = None  # row[2].append of the current row
    for m in token.finditer(data):
        kind = m.lastindex
        if kind == CELL:
            if txbx or not in_body:
                continue
            if moved or row is None:
                return None
            span, vm, vmval, run, text, body = m.group(*cell_groups)
            if body is None:  # one paragraph, at most one run and one w:t: the text itself
                if not text:
                    lines = ""
                elif plain_texts or not (b"&" in text or b"\r" in text):
                    lines = text.decode().strip()
                else:
                    lines = unescape(text).strip()
                cur = None  # (no text stands between cells)
                in_run = run is not None  # as after the cell's last run
            else:
                chunks = split_paras(body)
                lines = []
                for chunk in chunks[:-1]:
                    lines.append([unescape(t) for t in texts(chunk) if t])
                cur = lines[-1]
                in_run = run_start(chunks[-2]) is not None
            hidden = False
            if span is None and vm is None:
                cell = [1, None, None, lines]
            else:
                cell = [min(max(1, int(span)), 64) if span else 1,
                        (vmval.decode() or "continue") if vmval else ("continue" if vm else None),
                        None, lines]
            add_cell(cell)
            continue
        if kind == _TEXT:
            if cur is not None and not txbx and not moved and not hidden:
                text = m.group(_TEXT)
                if text:
                    cur.append(unescape(text))
            continue
        if kind == _ROW:
            if not in_body or txbx:
                continue
            in_run = hidden = False
            if moved or rows is None:
                return None
            row = [0, False, [], None]
            rows.append(row)
            add_cell = row[2].append
            cell = cur = None
            pr = m.group(_ROW + 1)
            if pr and b"<w:gridBefore" in pr:
                row[0] = min(max(0, _int(_GRID_BEFORE.search(pr).group(1), 0)), 64)
            continue
        if not in_body:
            if kind == _OTHER and m.group(_OTHER - 1) == b"body":
                in_body = True
            continue
        if kind == _END:
            name = m.group(_END)
            if name == b"tbl":
                if txbx:
                    continue
                if rows is None:
                    return None
                items.append(("t", rows))
                if spans is not None:
                    spans.append((tbl_start, m.end()))
                rows = row = cell = cur = None
            elif name in _UNREAD:
                txbx -= 1
            elif name == b"moveFrom":
                moved -= 1
            elif name == b"tabs":
                in_tabs = False
            else:  # body
                done = True
                break
            continue
        if txbx:
            if kind == _OTHER and m.group(_OTHER - 1) in _UNREAD and not m.group(_OTHER).endswith(b"/"):
                txbx += 1
            continue
        if kind == _STRUCTURE:
            name = m.group(_STRUCTURE - 1)
            if name == b"r":
                in_run = True
                hidden = False
                continue
            in_run = hidden = False
            if moved:
                return None  # whole paragraphs or rows moved away: the tree walk skips them
            if name == b"p":
                if rows is None:
                    cur = []
                    items.append(("p", cur))
                    if spans is not None:
                        spans.append(None)
                else:  # (a paragraph after a cell read in one match stands outside any cell)
                    if cell is None or isinstance(cell[3], str):
                        return None
                    cur = []
                    cell[3].append(cur)
            else:  # tc
                if row is None:
                    return None
                cell = [1, None, None, []]
                row[2].append(cell)
                cur = None
            continue
        name, attrs = m.group(_OTHER - 1, _OTHER)
        char = _CHARS.get(name)
        if char is not None:
            if cur is not None and not moved and not hidden and not (in_tabs and name == b"tab"):
                cur.append(char)
        elif name == b"gridSpan":
            if cell is not None:
                cell[0] = min(max(1, _int(attrs, 1)), 64)
        elif name == b"vMerge":
            if cell is not None:
                cell[1] = _val(attrs) or "continue"
        elif name == b"moveFrom":
            if not attrs.endswith(b"/"):
                moved += 1
        elif name == b"vanish":
            if in_run and (_val(attrs) or "1").lower() not in _HIDDEN_OFF:
                hidden = True  # a hidden run (w:vanish in the paragraph mark's rPr hides no text)
        elif name == b"tbl":
            if moved or rows is not None:
                return None  # a nested table: the tree walk reads it
            tbl_start = m.start()
            rows = []
            row = cell = cur = None
        elif name == b"gridBefore":
            if row is not None and cell is None:
                row[0] = min(max(0, _int(attrs, 0)), 64)
        elif name == b"del":
            if row is not None and cell is None and attrs.endswith(b"/"):
                row[1] = True  # w:trPr/w:del: the row was deleted with tracked changes
        elif name == b"hMerge":
            if cell is not None:
                cell[2] = _val(attrs) or "continue"
        elif name == b"tabs":
            in_tabs = not attrs.endswith(b"/")
        elif name in _UNREAD:
            if not attrs.endswith(b"/"):
                txbx += 1
        elif name == b"body":
            return None
        else:  # property change records may hold old merges
            return None
    if not done or rows is not None or txbx or moved:
        return None
    return [(k, "".join(v).strip()) if k == "p" else (k, v) for k, v in items]
