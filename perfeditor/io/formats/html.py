"""HTML tables saved as ``.xls`` / ``.doc`` (web systems, Excel's and Word's "save as web page").

The page becomes one grid, top to bottom: each paragraph outside a table one row, each table its
rows with ``rowspan``/``colspan`` as merged ranges. A cell's text is what a browser shows (hidden
rows and cells left out). A table that holds other tables is a page layout, read as the page.
Without a declared encoding UTF-8 is tried, then GB18030 (what Chinese Windows calls "ANSI").
"""
from __future__ import annotations

import itertools
import logging
import re
from pathlib import Path

from lxml import etree

from perfeditor.errors import FormReadError
from perfeditor.io.formats.grids import Budget, SheetBuilder, TablePlacer, tidy
from perfeditor.model import Document

log = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_WORDISH = re.compile(rb"Word\.Document|urn:schemas-microsoft-com:office:word|content=\"?Microsoft Word", re.IGNORECASE)
_GBK = {"gbk", "gb2312", "gb_2312-80", "gb-2312", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn",
        "x-euc-cn", "csgb2312", "chinese", "iso-ir-58", "gb18030"}
_WS = re.compile(r"[ \t\r\n\f]+")
_ODD_SPACE = re.compile(r"[\t\r\n\f\v\u00a0]|  ")
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_CSS_RULE = re.compile(r"\.([A-Za-z_][\w\-]*)\s*\{([^}]*)\}")
_BORDER = re.compile(r"border(?:-left|-top)?\s*:\s*([^;]+)", re.IGNORECASE)
_BLOCKS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                     "center", "blockquote", "pre", "address", "section", "article", "header", "footer",
                     "form", "fieldset", "hr", "caption", "tr", "thead", "tbody", "tfoot"))
_SKIP = frozenset(("script", "style", "head", "title", "noscript", "template", "object", "iframe", "select"))
#: HTML's own limit for colspan; a rowspan never reaches past its table's last row.
MAX_COLSPAN = 1000
#: Mark a paragraph boundary and a ``<br>`` while a text is assembled (made line breaks later).
_BREAK, _BR = "\x00", "\x01"


def decode_html(data: bytes) -> str:
    """The page's text, in the encoding it declares or, failing that, the one that fits."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, "replace")
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _CHARSET.search(head)
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in _GBK:
        declared = "gb18030"
    for enc in dict.fromkeys([declared, "utf-8", "gb18030"] if declared else ["utf-8", "gb18030"]):
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    log.info("HTML in no encoding tried; read as GB18030 with replacements")
    return data.decode("gb18030", "replace")


def read_html(path: str | Path, smap=None) -> Document:
    """The forms of an HTML page: a Word page (saved by Word, or named ``.doc``) through the .docx
    reader's blocks, any other through the grid."""
    path = Path(path)
    data = path.read_bytes()
    page = _read_page(data, path.stem)
    if _WORDISH.search(data[:8192]) or path.suffix.lower() in (".doc", ".dot", ".wps"):
        from perfeditor.io.docx.reader import read_items

        return read_items(page.blocks, smap)
    from perfeditor.io.xlsx.reader import read_sheets

    return read_sheets([page.sheet.grid()], smap)


def _read_page(data: bytes, title: str) -> "_Page":
    from lxml import html

    if _ENTITY.search(data):
        raise FormReadError("文件中含有不安全的实体声明（ENTITY），为安全起见拒绝打开。")
    text = decode_html(data)
    parser = html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise FormReadError("网页格式的表格已损坏，无法读取。") from exc
    if root is None:
        raise FormReadError("文件中没有找到预算绩效目标表。")
    page = _Page(SheetBuilder(title, Budget()), _bordered_classes(root))
    body = root.find("body")
    page.walk(body if body is not None else root)
    page.flush()
    return page


def _bordered_classes(root) -> set[str]:
    """CSS classes whose rules draw a border (Excel's export styles cells by class)."""
    out: set[str] = set()
    for style in root.iter("style"):
        for name, rule in _CSS_RULE.findall(style.text or ""):
            if any(v.strip().lower() not in ("none", "0", "") for v in _BORDER.findall(rule)):
                out.add(name)
    return out


def _tag(el) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _hidden(el) -> bool:
    style = el.get("style")
    return bool(style and _HIDDEN.search(style)) or el.get("hidden") is not None


def _span(value: str | None, limit: int) -> int:
    try:
        n = int(str(value).strip().split(".")[0]) if value is not None else 1
    except ValueError:
        return 1
    return min(max(n, 0), limit)


class _Page:
    def __init__(self, sheet: SheetBuilder, bordered: set[str]) -> None:
        self.sheet = sheet
        self.bordered = bordered
        self.parts: list[str] = []
        self.row = 1
        #: the page as the .docx reader's scanned blocks (:func:`~perfeditor.io.docx.scan.scan_body`)
        self.blocks: list[tuple[str, object]] = []

    def flush(self) -> None:
        text = tidy(_joined(self.parts))
        self.parts.clear()
        if text:
            self.blocks.append(("p", text))
            for line in text.split("\n"):  # a paragraph's lines are rows, as in a sheet
                if line:
                    self.sheet.put(self.row, 1, line)
                    self.row += 1

    def walk(self, el) -> None:
        """Outside tables a ``<br>`` ends a paragraph too."""
        _walk(el, self.parts, self.table, self.flush, self.flush)

    def table(self, table) -> None:
        self.flush()  # (the paragraph before it)
        if _is_layout(table):
            self.walk(table)  # a layout table around the form: read its content as the page's
            return
        rows = [tr for tr in table.iter("tr") if not _hidden(tr) and next(tr.iterancestors("table")) is table]
        for caption in table.iterchildren("caption"):
            self.walk(caption)
            self.flush()
        place = TablePlacer(self.sheet, self.row)
        table_border = _span(table.get("border"), 10) > 0
        borders: dict[tuple, bool] = {}  # (style, class) → bordered: a page repeats a few styles
        n = len(rows)
        for i, tr in enumerate(rows):
            place.next_row()
            left = n - i
            for td in tr:
                if _tag(td) not in ("td", "th"):
                    continue
                style = td.get("style")
                if style is not None and _HIDDEN.search(style):
                    continue
                rs, cs = td.get("rowspan"), td.get("colspan")
                rows_down = (1 if rs is None else _span(rs, left)) or left  # rowspan=0 reaches the table's end
                cols = 1 if cs is None else max(1, _span(cs, MAX_COLSPAN))
                key = (style, td.get("class"))
                border = borders.get(key)
                if border is None:
                    border = borders[key] = table_border or self._border(*key)
                place.put(cell_text(td), rows_down, cols, border)
        self.row += place.last + 2  # a blank row after a table, as between forms on a sheet
        self.blocks.append(("t", _word_rows(place.cells)))

    def _border(self, style: str | None, classes: str | None) -> bool:
        if style and any(v.strip().lower() not in ("none", "0") for v in _BORDER.findall(style)):
            return True
        return any(c in self.bordered for c in (classes or "").split())


#: A table holding other tables in at most this many cells of its own is a page layout.
LAYOUT_CELLS = 4


def _is_layout(table) -> bool:
    """A table around other tables with only a few cells of its own (navigation, a frame)."""
    if next(table.iterdescendants("table"), None) is None:
        return False
    own = (td for td in table.iterdescendants("td", "th") if next(td.iterancestors("table")) is table)
    return next(itertools.islice(own, LAYOUT_CELLS, None), None) is None


def cell_text(td) -> str:
    """A table cell's text as a browser shows it (a table inside as lines)."""
    n = len(td)
    if n == 0:  # plain text, the common case: no markup inside
        text = td.text
        if not text:
            return ""
        if _ODD_SPACE.search(text) is None:
            return text.strip()
    elif n == 1:  # one plain paragraph (Word's cells)
        p = td[0]
        if p.tag == "p" and len(p) == 0 and not (td.text or "").strip() and not (p.tail or "").strip():
            text = p.text
            if not text:
                return ""
            if _ODD_SPACE.search(text) is None and p.get("style") is None:
                return text.strip()
    parts: list[str] = []

    def table(child) -> None:  # a table inside a cell: its rows as lines, cells apart
        rows = (tr for tr in child.iter("tr") if next(tr.iterancestors("table")) is child)
        lines = ("\t".join(t for t in (cell_text(td) for td in tr if _tag(td) in ("td", "th")) if t) for tr in rows)
        parts.extend((_BREAK, _BREAK.join(lines), _BREAK))

    _walk(td, parts, table, lambda: parts.append(_BREAK), lambda: parts.append(_BR))
    return tidy(_joined(parts))


def _walk(el, parts: list[str], table, block_edge, br) -> None:
    """``el``'s text and its children's into ``parts``, hidden ones left out: ``table`` called
    for a table, ``block_edge`` before and after a block element, ``br`` for a ``<br>``."""
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = _tag(child)
        if tag is None or tag in _SKIP or _hidden(child):
            pass
        elif tag == "table":
            table(child)
        elif tag == "br":
            br()
        elif tag in _BLOCKS:
            block_edge()
            _walk(child, parts, table, block_edge, br)
            block_edge()
        else:
            _walk(child, parts, table, block_edge, br)
        if child.tail:
            parts.append(child.tail)


def _joined(parts: list[str]) -> str:
    """Source white space collapsed as HTML does; ``<br>`` kept; paragraph marks made one break."""
    text = "".join(p if p in (_BR, _BREAK) else _WS.sub(" ", p) for p in parts)
    if _BREAK in text:
        text = re.sub(r"[ \u00a0]*\x00[\x00 \u00a0]*", "\n", text.strip(_BREAK + " "))
    return text.replace(_BR, "\n")


def _word_rows(cells: list[tuple[int, int, int, int, str]]) -> list:
    """A scanned Word table's rows of placed cells: a colspan a span (at most Word's 64), a rowspan
    a vertical merge restarted and continued."""
    rows: dict[int, list[tuple[int, int, str, str | None]]] = {}
    for r, c, down, across, text in cells:
        rows.setdefault(r, []).append((c, across, text, "restart" if down > 1 else None))
        for below in range(r + 1, r + down):
            rows.setdefault(below, []).append((c, across, "", "continue"))
    out = []
    for r in sorted(rows):
        line: list = []
        col = 0
        for c, across, text, merge in sorted(rows[r], key=lambda x: x[0]):
            if c > col:  # a gap (never in HTML's own model): an empty cell keeps the positions
                line.append([min(c - col, 64), None, None, ""])
            line.append([min(across, 64), merge, None, text])
            col = c + across
        out.append([0, False, line, None])
    return out
