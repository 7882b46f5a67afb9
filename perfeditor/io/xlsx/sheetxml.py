"""A worksheet's XML, edited in place with lxml (rows, cells, values, references).

Used by :mod:`perfeditor.io.xlsx.inplace`: values are written as inline strings or plain numbers
so that the shared strings do not change, nor the styles but for the quote prefix (:func:`guard_sheets`).
"""
from __future__ import annotations

import copy
import logging
import re
import zipfile

from lxml import etree
from openpyxl.utils import get_column_letter as col_letter

from perfeditor.io.xlsx.book import clean, needs_text_guard, number_value
from perfeditor.io.xlsx.cells import Styles, read_rels
from perfeditor.io.xlsx.numfmt import format_value
from perfeditor.io.xlsx.refparse import column_number

log = logging.getLogger(__name__)


class NotPatchable(Exception):
    """The change cannot be made in place; the caller writes a new workbook."""


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_N = f"{{{NS}}}"
#: huge_tree: a sheet of many projects is a large document, already size-checked by safety.py
PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def split_ref(ref: str) -> tuple[int, int]:
    m = _REF.match(ref.replace("$", ""))
    if not m:
        raise NotPatchable(ref)
    return int(m.group(2)), column_number(m.group(1))


def merge_area(m) -> tuple[int, int, int, int]:
    """(r1, c1, r2, c2) of a ``<mergeCell>``."""
    (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
    return r1, c1, r2, c2


def area_ref(r1: int, c1: int, r2: int, c2: int) -> str:
    return f"{col_letter(c1)}{r1}:{col_letter(c2)}{r2}"


def renumber_row(row, r: int, strict: bool = False) -> None:
    """Number ``row`` and its cells ``r``; a cell without a reference is left so (with ``strict``,
    as for a copied form's cells, it is an error: the save falls back to a rebuild)."""
    row.set("r", str(r))
    for el in row.findall(f"{_N}c"):
        if strict or el.get("r"):
            el.set("r", f"{col_letter(split_ref(el.get('r'))[1])}{r}")


def blank_copy(tmpl, r: int):
    """A copy of the row ``tmpl`` numbered ``r``, its cells emptied (their styles kept)."""
    row = copy.deepcopy(tmpl)
    row.attrib.pop("spans", None)
    renumber_row(row, r, strict=True)
    for el in row.findall(f"{_N}c"):
        for child in list(el):
            el.remove(child)
        el.attrib.pop("t", None)
    return row


def formulas(data: bytes) -> list:
    """The ``<f>`` elements holding a formula in a worksheet's XML."""
    if b"<f" not in data and b":f" not in data:
        return []
    return [f for f in etree.fromstring(data, PARSER).iter(f"{_N}f") if f.text]


def to_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class SheetXML:
    """A worksheet's XML with its rows indexed."""

    def __init__(self, data: bytes):
        self.root = etree.fromstring(data, PARSER)
        self.data = self.root.find(f"{_N}sheetData")
        if self.data is None:
            raise NotPatchable("no sheetData")
        self.rows = {int(r.get("r")): r for r in self.data.findall(f"{_N}row") if r.get("r")}
        if len(self.rows) != len(self.data):
            raise NotPatchable("rows without numbers")
        #: (after, delta) of every shift_below, in order: formulas and names follow them
        self.shifts: list[tuple[int, int]] = []

    def cell(self, r: int, c: int, create: bool = True):
        row = self.rows.get(r)
        if row is None:
            if not create:
                return None
            row = self.put_row_after(self.row_before(r), etree.Element(f"{_N}row", r=str(r)), r)
        ref = f"{col_letter(c)}{r}"
        before = None
        for el in row.findall(f"{_N}c"):
            rc = split_ref(el.get("r"))[1] if el.get("r") else 0
            if rc == c:
                return el
            if rc > c and before is None:
                before = el
        if not create:
            return None
        el = etree.Element(f"{_N}c", r=ref)
        cells = row.findall(f"{_N}c")
        style = cells[-1].get("s") if cells else row.get("s")
        if style:
            el.set("s", style)
        if before is not None:
            before.addprevious(el)
        else:
            row.append(el)
        return el

    def put_row_after(self, anchor, row, r: int):
        """Put ``row`` (numbered ``r``) right after ``anchor`` (first in the sheet when None) and
        index it; returns it, the anchor of the next row."""
        if anchor is None:
            self.data.insert(0, row)
        else:
            anchor.addnext(row)
        self.rows[r] = row
        return row

    def row_before(self, r: int):
        """The last row element above row ``r`` (None when there is none)."""
        return next((self.rows[k] for k in range(r - 1, 0, -1) if k in self.rows), None)

    def merges(self):
        """The sheet's ``<mergeCells>`` element (None when it has none) and its children."""
        merges = self.root.find(f"{_N}mergeCells")
        return merges, ([] if merges is None else list(merges))


def put_merges(xml: "SheetXML", merges, refs: list[str]) -> None:
    """Add the merged ranges ``refs`` to the sheet's ``<mergeCells>`` (``merges``, or None when the
    sheet has none yet), keep its count right, and drop the element when it ends up empty."""
    if refs:
        if merges is None:
            merges = etree.Element(f"{_N}mergeCells")
            xml.data.addnext(merges)
        for ref in refs:
            etree.SubElement(merges, f"{_N}mergeCell", ref=ref)
    if merges is not None:
        if len(merges):
            merges.set("count", str(len(merges)))
        else:
            merges.getparent().remove(merges)


def set_value(el, text: str, fmt_of, numeric: bool) -> None:
    for child in list(el):
        if child.tag in (f"{_N}v", f"{_N}f", f"{_N}is"):
            el.remove(child)
    if "t" in el.attrib:
        del el.attrib["t"]
    text = clean(text)
    if not text:
        return
    fmt = fmt_of(el.get("s")) if numeric else None
    if fmt is not None and fmt != "@":  # (a cell formatted as text keeps a number typed into it as text, as Excel does)
        nv = number_value(text)
        if nv is not None and format_value(nv[0], fmt) == text:
            v = etree.SubElement(el, f"{_N}v")
            v.text = repr(nv[0]) if isinstance(nv[0], float) else str(nv[0])
            return
    el.set("t", "inlineStr")
    is_ = etree.SubElement(el, f"{_N}is")
    t = etree.SubElement(is_, f"{_N}t")
    t.text = text
    if text != text.strip() or "\n" in text:
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def styles_formats(zf: zipfile.ZipFile):
    """style index → number format code, as the reader shows the cell (:class:`~perfeditor.io.xlsx.cells.Styles`)."""
    formats = Styles(zf.read(STYLES) if STYLES in zf.namelist() else None).formats

    def fmt_of(s):
        try:
            return formats[int(s) if s is not None else 0]
        except (ValueError, IndexError):
            return formats[0]
    return fmt_of


def sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part, as the reader finds them."""
    rels = read_rels(zf, "xl/workbook.xml")
    return {sh.get("name"): rels[sh.get(f"{{{R_NS}}}id")][1]
            for sh in etree.fromstring(zf.read("xl/workbook.xml"), PARSER).iter(f"{_N}sheet")
            if sh.get(f"{{{R_NS}}}id") in rels}


_CELL = re.compile(r"(?<![A-Za-z0-9_.])(\$?[A-Za-z]{1,3}\$?)(\d+)(?![A-Za-z0-9_(])")
_ROWS = re.compile(r"^(\$?)(\d+):(\$?)(\d+)$")


def _row(r: int, after: int, delta: int) -> int:
    return max(1, r + delta) if r > after else r


def shift_area(ref: str, after: int, delta: int) -> str:
    """``$A$3:H40`` / ``3:5`` with the rows after ``after`` moved by ``delta``."""
    m = _ROWS.match(ref)
    if m:
        return (f"{m.group(1)}{_row(int(m.group(2)), after, delta)}:"
                f"{m.group(3)}{_row(int(m.group(4)), after, delta)}")
    return _CELL.sub(lambda c: f"{c.group(1)}{_row(int(c.group(2)), after, delta)}", ref)


def shift_below(xml: SheetXML, merges, after: int, delta: int) -> None:
    """Rows after ``after`` move by ``delta``: the sheet's rows, merged ranges (``merges``, the
    ``<mergeCells>`` element or None: moved by the caller), page breaks and other references."""
    xml.shifts.append((after, delta))
    rows = {r: row for r, row in xml.rows.items() if r <= after}
    for r in sorted((r for r in xml.rows if r > after), reverse=delta > 0):
        renumber_row(xml.rows[r], r + delta)
        rows[r + delta] = xml.rows[r]
    xml.rows = rows
    for m in merges if merges is not None else ():
        m.set("ref", shift_area(m.get("ref"), after, delta))
    for tag, attr in (("dimension", "ref"), ("hyperlink", "ref"), ("conditionalFormatting", "sqref"),
                      ("dataValidation", "sqref"), ("selection", "sqref"), ("selection", "activeCell")):
        for el in xml.root.iter(f"{_N}{tag}"):
            if el.get(attr):
                el.set(attr, shift_area(el.get(attr), after, delta))
    for brk in xml.root.iter(f"{_N}brk"):
        if brk.getparent() is not None and brk.getparent().tag == f"{_N}rowBreaks":
            r = int(brk.get("id", "0"))
            if r > after:
                brk.set("id", str(r + delta))


STYLES = "xl/styles.xml"


def _text(c) -> str:
    node = c.find(f"{_N}is")
    return "" if node is None else "".join(t.text or "" for t in node.iter(f"{_N}t"))


def guard_sheets(zf, roots) -> bytes | None:
    """Give formula-looking inline text in the worksheet trees ``roots`` a copy of its style with
    ``quotePrefix`` set (as the new-file writer's styles have it): without it, re-editing a cell
    holding ``=HYPERLINK(…)`` or ``-5%`` in Excel can turn it into a formula. The new
    ``xl/styles.xml`` bytes, or None when nothing changed (or the workbook has no styles)."""
    cells = [c for root in roots for c in root.iter(f"{_N}c")
             if c.get("t") == "inlineStr" and needs_text_guard(_text(c))]
    if not cells or STYLES not in zf.namelist():
        return None
    try:
        styles = etree.fromstring(zf.read(STYLES), PARSER)
    except etree.XMLSyntaxError:
        log.warning("styles of the workbook cannot be read; quote prefix not set")
        return None
    xfs = styles.find(f"{_N}cellXfs")
    if xfs is None:
        return None
    items = xfs.findall(f"{_N}xf")
    made: dict[int, int] = {}  # style → its twin with the prefix
    for c in cells:
        s = c.get("s", "0")
        if not s.isdigit() or int(s) >= len(items):
            continue
        s = int(s)
        if items[s].get("quotePrefix") not in ("1", "true") and s not in made:
            twin = copy.deepcopy(items[s])
            twin.set("quotePrefix", "1")
            xfs.append(twin)
            items.append(twin)
            made[s] = len(items) - 1
        c.set("s", str(made.get(s, s)))
    if not made:
        return None
    xfs.set("count", str(len(items)))
    return to_bytes(styles)
