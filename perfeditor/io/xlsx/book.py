"""A new workbook written straight as SpreadsheetML: the fast path of the new-file writer.

openpyxl's object model costs a cell object, a style lookup and a merge check per cell, then a
serialiser pass (seconds for a 200-project document). The forms need little of it: texts and
formatted numbers, a handful of cell styles (宋体, thin borders, wrap text, number formats, the
quote prefix that keeps ``=…`` text as text), merges, column widths, row heights, page breaks,
print titles and the A4 page setup. :class:`Book` collects those per sheet and writes the package
(workbook, styles, shared strings, sheets) in one pass. Which texts are written as formatted numbers
and which need the quote prefix (:func:`number_value`, :func:`needs_text_guard`) is decided here
for the in-place writer too.
"""
from __future__ import annotations

import re
import zipfile
from datetime import datetime, timezone
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

FONT = "宋体"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_NS = "http://schemas.openxmlformats.org/package/2006"
_PKG = f"{_PKG_NS}/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_OD = "http://schemas.openxmlformats.org/officeDocument/2006"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: Number formats Excel knows by id; others get ids from 164 on.
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9,
                    "0.00%": 10, "@": 49}
_BOLD_ROLES = ("title", "titlerow", "label", "head", "side", "heading")
_UNBORDERED = ("title", "unit", "para", "heading")
_CJK = re.compile(r"[\u2e80-\uffff]")


_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9][0-9]{0,13})(\.[0-9]{1,6})?\Z")
_GROUPED = re.compile(r"^-?[1-9][0-9]{0,2}(,[0-9]{3}){1,4}(\.[0-9]{1,6})?\Z")
_PERCENT = re.compile(r"^-?(0|[1-9][0-9]{0,5})(\.[0-9]{1,4})?%\Z")
_FORMULA_START = ("=", "+", "-", "@")


def clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text) if text else ""


def number_value(text: str) -> tuple[float | int, str] | None:
    """(number, format) that displays exactly ``text``, or None when it should stay text:
    ``500.00`` → (500, "0.00"), ``25%`` → (0.25, "0%"), ``36.4`` → (36.4, "0.0")."""
    if _PLAIN_NUMBER.match(text):
        if text.startswith("-0") and set(text[1:]) <= {"0", "."}:
            return None
        frac = text.partition(".")[2]
        if not frac:
            return int(text), "0"
        return float(text), "0." + "0" * len(frac)
    if _GROUPED.match(text):
        plain = text.replace(",", "")
        _, _, frac = plain.partition(".")
        value = float(plain) if frac else int(plain)
        return value, "#,##0" + ("." + "0" * len(frac) if frac else "")
    if _PERCENT.match(text):
        body = text[:-1]
        _, _, frac = body.partition(".")
        value = float(Decimal(body) / 100)  # (the pattern holds a decimal number)
        return value, ("0." + "0" * len(frac) + "%") if frac else "0%"
    return None


def needs_text_guard(text: str) -> bool:
    """User text Excel would take for a formula (``=HYPERLINK(…)``, ``+86…``, ``-``, ``@x``)."""
    return text.startswith(_FORMULA_START)


def text_width(text: str) -> int:
    """Display width in character cells: CJK counts 2."""
    return len(text) + len(_CJK.findall(text))


def text_lines(text: str, chars: float) -> int:
    """How many lines ``text`` takes in a cell ``chars`` characters wide."""
    return sum(max(1, -(-text_width(part) // max(chars, 4))) for part in text.split("\n"))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _esc(text).replace('"', "&quot;").replace("\n", "&#10;")


def _num(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


class Sheet:
    """One worksheet's content, filled by the form writers."""

    def __init__(self, book: "Book", title: str):
        self.book = book
        self.title = title
        self.rows: dict[int, dict[int, str]] = {}  # row → col → the <c> element's XML
        self.merges: list[tuple[int, int, int, int]] = []
        self.widths: dict[int, float] = {}
        self.heights: dict[int, float] = {}
        self.breaks: list[int] = []  # a page break after each of these rows
        self.print_rows: tuple[int, int] | None = None
        self.landscape = False

    def put(self, r: int, c: int, text: str, role: str, align: str,
            numeric: bool = False) -> None:
        """``text`` at (r, c): a formatted number where it reads back identically, else text
        (never a formula: text Excel would take for one gets the quote prefix)."""
        ref = f"{get_column_letter(c)}{r}"
        text = clean(text)
        nv = number_value(text) if numeric and text else None
        if nv is not None:
            xml = f'<c r="{ref}" s="{self.book.style(role, align, nv[1])}"><v>{_num(nv[0])}</v></c>'
        elif not text:
            xml = f'<c r="{ref}" s="{self.book.style(role, align)}"/>'
        else:
            s = self.book.style(role, align, "@", True) if needs_text_guard(text) else self.book.style(role, align)
            xml = f'<c r="{ref}" s="{s}" t="s"><v>{self.book.string(text)}</v></c>'
        self.rows.setdefault(r, {})[c] = xml

    def xml(self, selected: bool) -> str:
        rows = sorted(set(self.rows) | set(self.heights))
        max_col = max([max((c for cells in self.rows.values() for c in cells), default=1), *self.widths,
                       *(m[3] for m in self.merges)])
        last_row = max([1, *rows, *(m[2] for m in self.merges)])
        out = [_DECL, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_R}">', '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
               f'<dimension ref="A1:{get_column_letter(max_col)}{last_row}"/>',
               '<sheetViews><sheetView%s workbookViewId="0"/></sheetViews>' % (' tabSelected="1"' if selected else ""),
               '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>']
        if self.widths:
            out += ["<cols>", *(f'<col min="{c}" max="{c}" width="{_num(w)}" customWidth="1"/>'
                                for c, w in sorted(self.widths.items())), "</cols>"]
        out.append("<sheetData>")
        for r in rows:
            h = self.heights.get(r)
            ht = f' ht="{_num(h)}" customHeight="1"' if h is not None else ""
            cells = self.rows.get(r)
            out.append(f'<row r="{r}"{ht}>{"".join(cells[c] for c in sorted(cells))}</row>' if cells
                       else f'<row r="{r}"{ht}/>')
        out.append("</sheetData>")
        if self.merges:
            out += [f'<mergeCells count="{len(self.merges)}">',
                    *(f'<mergeCell ref="{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"/>'
                      for r1, c1, r2, c2 in self.merges), "</mergeCells>"]
        out += ['<printOptions horizontalCentered="1"/>',
                '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.5" footer="0.5"/>',
                '<pageSetup orientation="%s" paperSize="9" fitToWidth="1" fitToHeight="0"/>'
                % ("landscape" if self.landscape else "portrait")]
        if self.breaks:
            n = len(self.breaks)
            out += [f'<rowBreaks count="{n}" manualBreakCount="{n}">',
                    *(f'<brk id="{b}" max="16383" man="1"/>' for b in self.breaks), "</rowBreaks>"]
        out.append("</worksheet>")
        return "".join(out)


class Book:
    """Sheets, their shared strings and cell styles; :meth:`save` writes the .xlsx package."""

    def __init__(self):
        self.sheets: list[Sheet] = []
        self._strings: dict[str, int] = {}
        self._styles: dict[tuple, int] = {}
        self._xfs: list[tuple[int, int, int, str, bool]] = []  # numFmt, font, border, align, quote
        self._fonts: dict[tuple[int, bool], int] = {(11, False): 1, (16, True): 2}
        self._formats: dict[str, int] = {}

    def sheet(self, title: str) -> Sheet:
        ws = Sheet(self, title)
        self.sheets.append(ws)
        return ws

    def string(self, text: str) -> int:
        return self._strings.setdefault(text, len(self._strings))

    def style(self, role: str, align: str, number_format: str = "General",
              quote: bool = False) -> int:
        """The cell style (index into cellXfs) of a role: 宋体 (16 pt bold for titles, bold for
        labels and headings, else 11 pt), thin borders except on titles, unit lines and
        paragraphs, wrapped text centred vertically, ``align`` horizontally."""
        key = (role, align, number_format, quote)
        s = self._styles.get(key)
        if s is None:
            size = 16 if role in ("title", "titlerow") else 11
            font = self._fonts.setdefault((size, role in _BOLD_ROLES), len(self._fonts) + 1)
            fmt = _BUILTIN_FORMATS.get(number_format)
            if fmt is None:
                fmt = self._formats.setdefault(number_format, 164 + len(self._formats))
            border = 0 if role in _UNBORDERED else 1
            horizontal = align if align in ("left", "center", "right") else "left"
            self._xfs.append((fmt, font, border, horizontal, quote))
            s = self._styles[key] = len(self._xfs)  # xf 0 is the default style
        return s

    def _styles_xml(self) -> str:
        out = [_DECL, f'<styleSheet xmlns="{_MAIN}">']
        if self._formats:
            out += [f'<numFmts count="{len(self._formats)}">',
                    *(f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>' for code, i in self._formats.items()),
                    "</numFmts>"]
        fonts = sorted(self._fonts.items(), key=lambda kv: kv[1])
        out += [f'<fonts count="{len(fonts) + 1}">',
                '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
                *(f'<font>{"<b/>" if bold else ""}<sz val="{size}"/><name val="{FONT}"/></font>'
                  for (size, bold), _ in fonts), "</fonts>"]
        thin = '<%s style="thin"><color rgb="FF000000"/></%s>'
        out += ['<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>',
                '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
                "<border>" + "".join(thin % (s, s) for s in ("left", "right", "top", "bottom"))
                + "<diagonal/></border></borders>",
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
                f'<cellXfs count="{len(self._xfs) + 1}">',
                '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        prefix = ' quotePrefix="1"'
        out += [f'<xf numFmtId="{fmt}" fontId="{font}" fillId="0" borderId="{border}" '
                f'xfId="0"{prefix if quote else ""} applyNumberFormat="1" '
                f'applyFont="1" applyBorder="1" applyAlignment="1">'
                f'<alignment horizontal="{horizontal}" vertical="center" wrapText="1"/></xf>'
                for fmt, font, border, horizontal, quote in self._xfs]
        out.append('</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
                   "</cellStyles></styleSheet>")
        return "".join(out)

    def _strings_xml(self) -> str:
        n = len(self._strings)
        out = [_DECL, f'<sst xmlns="{_MAIN}" count="{n}" uniqueCount="{n}">']
        for text in self._strings:
            space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
            out.append(f"<si><t{space}>{_esc(text)}</t></si>")
        out.append("</sst>")
        return "".join(out)

    def _workbook_xml(self) -> str:
        out = [_DECL, f'<workbook xmlns="{_MAIN}" xmlns:r="{_R}">',
               '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>',
               *(f'<sheet name="{_attr(ws.title)}" sheetId="{i}" r:id="rId{i}"/>'
                 for i, ws in enumerate(self.sheets, start=1)), "</sheets>"]
        titled = [(i, _esc("'" + ws.title.replace("'", "''") + "'"), *ws.print_rows)
                  for i, ws in enumerate(self.sheets) if ws.print_rows]
        if titled:
            out += ["<definedNames>", *(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                                        f"{quoted}!${a}:${b}</definedName>" for i, quoted, a, b in titled),
                    "</definedNames>"]
        out.append('<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
        return "".join(out)

    def save(self, target) -> None:
        """Write the package to ``target`` (a path or a binary file)."""
        n = len(self.sheets)
        office = "application/vnd.openxmlformats-officedocument."
        parts = [("/xl/workbook.xml", office + "spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", office + "spreadsheetml.styles+xml"),
                 ("/xl/sharedStrings.xml", office + "spreadsheetml.sharedStrings+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", office + "extended-properties+xml")]
        parts += [(f"/xl/worksheets/sheet{i}.xml", office + "spreadsheetml.worksheet+xml") for i in range(1, n + 1)]
        types = [_DECL, f'<Types xmlns="{_CT}">', '<Default Extension="rels" '
                 'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
                 '<Default Extension="xml" ContentType="application/xml"/>',
                 *(f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in parts), "</Types>"]
        rel = '<Relationship Id="%s" Type="%s/relationships/%s" Target="%s"/>'
        root_rels = [_DECL, f'<Relationships xmlns="{_PKG}">', rel % ("rId1", _OD, "officeDocument", "xl/workbook.xml"),
                     rel % ("rId2", _PKG_NS, "metadata/core-properties", "docProps/core.xml"),
                     rel % ("rId3", _OD, "extended-properties", "docProps/app.xml"), "</Relationships>"]
        wb_rels = [_DECL, f'<Relationships xmlns="{_PKG}">',
                   *(rel % (f"rId{i}", _OD, "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, n + 1)),
                   rel % (f"rId{n + 1}", _OD, "styles", "styles.xml"),
                   rel % (f"rId{n + 2}", _OD, "sharedStrings", "sharedStrings.xml"), "</Relationships>"]
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        core = (_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
                '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                "<dc:creator>perfeditor</dc:creator>"
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
                "</cp:coreProperties>")
        app = (_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
               'extended-properties"><Application>perfeditor</Application></Properties>')
        sheets = {f"xl/worksheets/sheet{i}.xml": ws.xml(i == 1)  # (strings and styles first)
                  for i, ws in enumerate(self.sheets, start=1)}
        members = {"[Content_Types].xml": "".join(types), "_rels/.rels": "".join(root_rels), "docProps/core.xml": core,
                   "docProps/app.xml": app, "xl/workbook.xml": self._workbook_xml(),
                   "xl/_rels/workbook.xml.rels": "".join(wb_rels), "xl/styles.xml": self._styles_xml(),
                   "xl/sharedStrings.xml": self._strings_xml(), **sheets}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as zf:
            for name, xml in members.items():
                zf.writestr(name, xml)
