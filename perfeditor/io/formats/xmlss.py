"""Excel 2003 XML Spreadsheets (``<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">``).

Budget systems export these under ``.xls`` or ``.xml``. Each ``Worksheet`` becomes a grid; numbers
are shown through their style's ``NumberFormat`` (the named ones as Excel spells them out).
"""
from __future__ import annotations

import datetime as _dt
import logging

from perfeditor.errors import FormReadError
from perfeditor.io.formats.grids import Budget, SheetBuilder
from perfeditor.io.xlsx.grid import Grid, clean_text
from perfeditor.io.xlsx.numfmt import shown

log = logging.getLogger(__name__)

SS = "urn:schemas-microsoft-com:office:spreadsheet"
_Q = "{%s}" % SS
WORKBOOK = _Q + "Workbook"
#: Excel's names for its built-in formats in this file type.
NAMED_FORMATS = {
    "general": "General", "general number": "General", "fixed": "0.00", "standard": "#,##0.00",
    "percent": "0.00%", "scientific": "0.00E+00", "currency": "¥#,##0.00", "euro currency": "€#,##0.00",
    "short date": "yyyy/m/d", "medium date": "dd-mmm-yy", "long date": "yyyy年m月d日",
    "general date": "yyyy/m/d h:mm", "short time": "h:mm", "medium time": "h:mm AM/PM",
    "long time": "h:mm:ss", "yes/no": "General", "true/false": "General", "on/off": "General",
}


def read_xmlss_grids(root) -> list[Grid]:
    """One grid per worksheet of the parsed ``Workbook`` element."""
    styles = _styles(root)
    budget = Budget()
    grids = []
    for ws in root.iterchildren(_Q + "Worksheet"):  # hidden ones too, as the .xlsx reader does
        sheet = SheetBuilder(ws.get(_Q + "Name") or f"Sheet{len(grids) + 1}", budget)
        for table in ws.iterchildren(_Q + "Table"):
            _table(table, sheet, styles)
        grids.append(sheet.grid())
    return grids


def _int(value: str | None, what: str) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise FormReadError(f"Excel 2003 XML 表格中的{what}不是有效的数字，文件可能已损坏。") from None


def _table(table, sheet: SheetBuilder, styles: dict[str, tuple[str, bool]]) -> None:
    row_no = 0
    for row in table.iterchildren(_Q + "Row"):
        index = row.get(_Q + "Index")
        row_no = _int(index, "行号") if index is not None else row_no + 1
        col = 0
        for cell in row.iterchildren(_Q + "Cell"):
            index = cell.get(_Q + "Index")
            col = _int(index, "列号") if index is not None else col + 1
            across = _int(cell.get(_Q + "MergeAcross") or "0", "合并范围")
            down = _int(cell.get(_Q + "MergeDown") or "0", "合并范围")
            if across < 0 or down < 0:
                raise FormReadError("Excel 2003 XML 表格中的合并范围无效，文件可能已损坏。")
            fmt, border = styles.get(cell.get(_Q + "StyleID") or "", ("General", False))
            sheet.put(row_no, col, _text(cell, fmt), down + 1, across + 1, border)
            col += across
        row_no += _int(row.get(_Q + "Span") or "0", "行数")


def _text(cell, fmt: str) -> str:
    data = cell.find(_Q + "Data")
    if data is None:
        data = cell.find("{http://www.w3.org/TR/REC-html40}Data")
    if data is None:
        return ""
    kind = data.get(_Q + "Type", "String")
    raw = "".join(data.itertext())
    if kind == "Number":
        try:
            value = float(raw)
        except ValueError:
            return clean_text(raw)
        return shown(value, fmt)
    if kind == "DateTime":
        try:
            when = _dt.datetime.fromisoformat(raw.strip()[:19])
        except ValueError:
            return clean_text(raw)
        return shown(when.time() if when.date() == _dt.date(1899, 12, 31) else when, fmt)  # (a time of day)
    if kind == "Boolean":
        return "TRUE" if raw.strip() in ("1", "true", "TRUE") else "FALSE"
    return clean_text(raw)


def _styles(root) -> dict[str, tuple[str, bool]]:
    """Style id → (number format code, whether it draws a left or top border); ``ss:Parent``
    followed."""
    raw: dict[str, tuple[str | None, bool | None, str | None]] = {}
    container = root.find(_Q + "Styles")
    for style in container.iterchildren(_Q + "Style") if container is not None else ():
        sid = style.get(_Q + "ID") or ""
        nf = style.find(_Q + "NumberFormat")
        fmt = None
        if nf is not None:
            code = nf.get(_Q + "Format") or "General"
            fmt = NAMED_FORMATS.get(code.strip().lower(), code)
        borders = style.find(_Q + "Borders")
        border = None
        if borders is not None:
            border = any(b.get(_Q + "Position") in ("Left", "Top") and b.get(_Q + "LineStyle", "") != "None"
                         for b in borders.iterchildren(_Q + "Border"))
        raw[sid] = (fmt, border, style.get(_Q + "Parent"))
    out: dict[str, tuple[str, bool]] = {}
    for sid in raw:
        fmt = border = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur in raw and cur not in seen and (fmt is None or border is None):
            seen.add(cur)
            f, b, parent = raw[cur]
            fmt = f if fmt is None else fmt
            border = b if border is None else border
            cur = parent
        out[sid] = (fmt or "General", bool(border))
    return out


def parse_xml(data: bytes):
    """The parsed root of an XML file's bytes (no network); a DOCTYPE or ENTITY declaration before
    the root element is refused, as in .docx/.xlsx parts."""
    import re

    from lxml import etree

    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.S)
    root = re.search(rb"<[A-Za-z_]", body)
    prolog = body[: root.start()] if root else body
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", prolog, re.IGNORECASE):
        raise FormReadError("文件中含有不安全的 XML 声明（DOCTYPE/ENTITY），为安全起见拒绝打开。")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        log.info("XML does not parse: %s", exc)
        raise FormReadError("XML 文件已损坏或不完整，无法读取。") from None
