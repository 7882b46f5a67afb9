"""A worksheet's XML, edited in place with lxml (rows, cells, values, references).

Used by :mod:`perfeditor.io.xlsx.inplace`: values are written as inline strings or plain numbers
so that the shared strings do not change, nor the styles but for the quote prefix (:func:`guard_sheets`).
When rows are added or removed, formulas anywhere in the workbook that point at the sheet and the
workbook's defined names (print areas, print titles, named ranges) follow them, as Excel moves them
(:func:`follow_shifts`).
"""
from __future__ import annotations

import copy
import functools
import logging
import re
import zipfile

from lxml import etree
from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import TokenizerError
from openpyxl.utils import get_column_letter as col_letter

from perfeditor.io.xlsx.book import clean, needs_text_guard, number_value
from perfeditor.io.xlsx.cells import NS, PARSER, R_NS, Styles, read_rels
from perfeditor.io.xlsx.numfmt import format_value
from perfeditor.io.xlsx.refparse import column_number

log = logging.getLogger(__name__)


class NotPatchable(Exception):
    """The change cannot be made in place; the caller writes a new workbook."""


_N = f"{{{NS}}}"
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
        self.rows = {}
        r = 0
        for row in self.data.findall(f"{_N}row"):  # a row or cell without a number follows the last
            r = int(row.get("r") or r + 1)
            self.rows[r] = row
            row.set("r", str(r))
            c = 0
            for el in row.findall(f"{_N}c"):
                if el.get("r"):
                    c = split_ref(el.get("r"))[1]
                else:
                    c += 1
                    el.set("r", f"{col_letter(c)}{r}")
        if len(self.rows) != len(self.data):
            raise NotPatchable("rows numbered twice")
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
    el.attrib.pop("t", None)
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


#: Ranges a sheet anchors to its rows (tag, attribute): they move with the rows (the cells whose
#: green "number stored as text" triangle Excel was told to hide, ranges left editable on a
#: protected sheet, an autofilter too).
ROW_AREAS = (("hyperlink", "ref"), ("conditionalFormatting", "sqref"), ("dataValidation", "sqref"),
             ("ignoredError", "sqref"), ("protectedRange", "sqref"), ("autoFilter", "ref"))


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
    for tag, attr in (("dimension", "ref"), *ROW_AREAS, ("selection", "sqref"), ("selection", "activeCell")):
        for el in xml.root.iter(f"{_N}{tag}"):
            if el.get(attr):
                el.set(attr, shift_area(el.get(attr), after, delta))
    for brk in xml.root.findall(f"{_N}rowBreaks/{_N}brk"):
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


Shift = tuple[int, int]  # (after, delta): rows after ``after`` move by ``delta``


def _shift_all(ref: str, shifts: list[Shift]) -> str:
    for after, delta in shifts:
        ref = shift_area(ref, after, delta)
    return ref


def split_sheet(operand: str) -> tuple[str | None, str]:
    """``'预算 表'!$A$1`` → ("预算 表", "$A$1"); ``A1`` → (None, "A1")."""
    if "!" not in operand:
        return None, operand
    sheet, _, ref = operand.rpartition("!")
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, ref


def _tokens(formula: str) -> Tokenizer:
    """openpyxl's tokens of ``formula`` (with or without a leading ``=``); raises ValueError when
    it cannot be parsed (the tokenizer raises its own TokenizerError, or IndexError on a stray
    closing bracket)."""
    try:
        return Tokenizer(formula if formula.startswith("=") else "=" + formula)
    except (TokenizerError, IndexError) as exc:
        raise ValueError(f"formula not understood: {formula!r}") from exc


def map_ranges(formula: str, change) -> str:
    """``formula`` (with or without a leading ``=``) with each range operand replaced by
    ``change(operand)``. Raises ValueError when the formula cannot be parsed."""
    bare = not formula.startswith("=")
    tok = _tokens(formula)
    changed = False
    for item in tok.items:
        if item.type == "OPERAND" and item.subtype == "RANGE":
            new = change(item.value)
            changed = changed or new != item.value
            item.value = new
    if not changed:
        return formula
    out = "=" + "".join(i.value for i in tok.items)
    return out[1:] if bare else out


def _ref_on(operand: str, sheet: str, home: bool) -> str | None:
    """The reference of a range operand that points at ``sheet`` (unqualified ones count when the
    formula sits on ``sheet``, ``home``), else None."""
    target, ref = split_sheet(operand)
    return ref if (home if target is None else target == sheet) else None


def shift_formula(formula: str, sheet: str, shifts: list[Shift], home: bool) -> str:
    """``formula`` with its references to ``sheet`` shifted (see :func:`_ref_on`). Raises
    ValueError when the formula cannot be parsed."""
    def shift(operand: str) -> str:
        ref = _ref_on(operand, sheet, home)
        return operand if ref is None else operand[: len(operand) - len(ref)] + _shift_all(ref, shifts)
    return map_ranges(formula, shift)


def ranges_on(formula: str, sheet: str, home: bool) -> list[str]:
    """The references of ``formula`` that point at ``sheet`` (see :func:`_ref_on`). Raises
    ValueError when the formula cannot be parsed."""
    tok = _tokens(formula)
    refs = (_ref_on(i.value, sheet, home) for i in tok.items if i.type == "OPERAND" and i.subtype == "RANGE")
    return [ref for ref in refs if ref is not None]


def shift_sheet_formulas(root, sheet: str, shifts: list[Shift], home: bool) -> bool:
    """Shift the references of every formula in a worksheet's XML; True when one changed.
    A formula that cannot be parsed is dropped (its cached value stays)."""
    changed = False
    for f in list(root.iter(f"{_N}f")):
        if f.text:
            try:
                new = shift_formula(f.text, sheet, shifts, home)
            except Exception:  # noqa: BLE001 - unparsable: keep the value, drop the formula
                log.info("formula %r not shifted; dropped, its cached value kept", f.text)
                f.getparent().remove(f)
                changed = True
                continue
            if new != f.text:
                f.text = new
                changed = True
        if home and f.get("ref") and (ref := _shift_all(f.get("ref"), shifts)) != f.get("ref"):
            f.set("ref", ref)
            changed = True
    return changed


def shift_workbook(data: bytes, shifts: dict[str, list[Shift]], recalc: bool) -> bytes | None:
    """``xl/workbook.xml`` with its defined names following ``shifts`` (sheet → shifts) and, with
    ``recalc``, formulas recalculated on opening; None when nothing changes."""
    root = etree.fromstring(data, PARSER)
    changed = False
    for dn in root.iter(f"{_N}definedName"):
        if not dn.text:
            continue
        text = dn.text
        for sheet, ops in shifts.items():
            try:
                text = shift_formula(text, sheet, ops, home=False)
            except Exception:  # noqa: BLE001 - a name we cannot parse is left as it was
                log.info("defined name %r not shifted", text)
                continue
        if text != dn.text:
            dn.text = text
            changed = True
    if recalc:
        calc = root.find(f"{_N}calcPr")
        if calc is None:
            calc = etree.Element(f"{_N}calcPr")
            anchor = next((a for t in ("definedNames", "externalReferences", "functionGroups", "sheets")
                           if (a := root.find(f"{_N}{t}")) is not None), None)
            if anchor is None:
                root.append(calc)
            else:
                anchor.addnext(calc)
        if calc.get("fullCalcOnLoad") != "1":
            calc.set("fullCalcOnLoad", "1")
            changed = True
    return to_bytes(root) if changed else None


_ANY_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def follow_shifts(zf, names: dict[str, str], edited: dict[str, tuple[str, object]],
                  moves: dict[str, dict[int, int]]) -> tuple[dict[str, bytes], set[str]]:
    """The members to write after rows moved on edited sheets (``edited``: member → (sheet,
    SheetXML); ``moves``: sheet → old row → new row of the forms moved on it, done first), and the
    members to drop: formulas anywhere, defined names and things anchored to rows follow them; a
    workbook with formulas is recalculated on opening (a stale ``calcChain.xml`` goes: Excel
    rebuilds it)."""
    shifted = {sheet: xml.shifts for sheet, xml in edited.values() if xml.shifts}
    out: dict[str, bytes] = {}
    has_formulas = False
    moved_formulas = False
    for sheet, member in names.items():
        if member in edited:
            root = edited[member][1].root
            changed = True
        else:
            try:
                data = zf.read(member)
            except KeyError:
                continue
            if not _ANY_FORMULA.search(data):
                continue
            has_formulas = True
            if not shifted:
                continue
            root = etree.fromstring(data, PARSER)
            changed = False
        for target, ops in shifted.items():
            if shift_sheet_formulas(root, target, ops, home=target == sheet):
                changed = moved_formulas = True
        if root.find(f".//{_N}f") is not None:
            has_formulas = True
            moved_formulas = moved_formulas or sheet in shifted
        if changed:
            out[member] = to_bytes(root)
    for sheet in {*shifted, *moves}:
        if sheet in names:  # (rows moved first, then the rows below an edit shifted)
            out.update(_shift_anchors(zf, names[sheet], functools.partial(
                _row_now, moves.get(sheet, {}), shifted.get(sheet, []))))
    workbook = shift_workbook(zf.read("xl/workbook.xml"), shifted, recalc=has_formulas)
    if workbook is not None:
        out["xl/workbook.xml"] = workbook
    return out, drop_calc_chain(zf.read, set(zf.namelist()), out) if moved_formulas else set()


_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_VML_ROW = re.compile(rb"(<(?:[\w.-]+:)?Row>\s*)(\d+)(\s*</(?:[\w.-]+:)?Row>)")  # (x:Row, or any prefix)
_VML_ANCHOR = re.compile(rb"(<(?:[\w.-]+:)?Anchor>)([^<]*)(</(?:[\w.-]+:)?Anchor>)")


def _row_now(mapping: dict[int, int], shifts: list[Shift], r: int) -> int:
    """Where row ``r`` is after the forms' rows moved (``mapping``) and then shifted (``shifts``)."""
    return int(_shift_all(f"A{mapping.get(r, r)}", shifts)[1:])


def _shift_anchors(zf, member: str, row_of) -> dict[str, bytes]:
    """The parts anchoring things to the rows of the sheet ``member`` (comments 批注 and their
    VML shapes, threaded comments, pictures and charts of its drawing) with the anchors on the
    rows moved (``row_of``: a row's new number): a comment stays on its cell, a seal's picture
    under its form."""
    def row0(n: int) -> int:  # a 0-based row, as drawings and VML count
        return row_of(n + 1) - 1

    out: dict[str, bytes] = {}
    for kind, part in read_rels(zf, member).values():
        kind = kind.rsplit("/", 1)[-1]
        if part not in zf.namelist() or kind not in ("comments", "threadedComment", "vmlDrawing", "drawing"):
            continue
        data = zf.read(part)
        if kind == "vmlDrawing":  # (VML need not be well-formed XML: its numbers are changed in place)
            new = _VML_ROW.sub(lambda m: m[1] + str(row0(int(m[2]))).encode() + m[3], data)
            new = _VML_ANCHOR.sub(lambda m: m[1] + _vml_anchor(m[2], row0) + m[3], new)
        else:
            try:
                root = etree.fromstring(data, PARSER)
            except etree.XMLSyntaxError:
                log.warning("anchors of %s not read; they stay where they are", part)
                continue
            for el in root.iter():
                if kind == "drawing" and el.tag == f"{_XDR}row" and el.text and el.text.strip().isdigit():
                    el.text = str(row0(int(el.text)))
                elif kind != "drawing" and el.get("ref"):
                    el.set("ref", _CELL.sub(lambda c: f"{c[1]}{row_of(int(c[2]))}", el.get("ref")))
            new = to_bytes(root)
        if new != data:
            out[part] = new
    return out


def _vml_anchor(text: bytes, row0) -> bytes:
    """``LeftColumn, LeftOffset, TopRow, TopOffset, RightColumn, RightOffset, BottomRow,
    BottomOffset`` with the two rows moved."""
    parts = text.decode("ascii", "replace").split(",")
    if len(parts) != 8 or not all(p.strip().isdigit() for p in parts):
        return text
    for k in (2, 6):
        parts[k] = f" {row0(int(parts[k]))}"
    return ",".join(parts).encode("ascii")


def drop_calc_chain(read, members: set[str], out: dict[str, bytes]) -> set[str]:
    """``xl/calcChain.xml`` goes (Excel rebuilds it) with its relationship and content type (in
    ``out``, read from there or with ``read``); returns the members to drop."""
    if "xl/calcChain.xml" not in members:
        return set()
    for member, pattern in (("xl/_rels/workbook.xml.rels", rb'<Relationship[^>]*Target="[^"]*calcChain\.xml"[^>]*/>'),
                            ("[Content_Types].xml", rb'<Override[^>]*PartName="/xl/calcChain\.xml"[^>]*/>')):
        out[member] = re.sub(pattern, b"", out[member] if member in out else read(member))
    return {"xl/calcChain.xml"}
