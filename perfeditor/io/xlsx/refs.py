"""Cell references that follow rows added or removed on a sheet, as Excel moves them.

When an in-place save adds or removes rows on a sheet (rows after ``after`` move by ``delta``),
formulas anywhere in the workbook that point at that sheet, and the workbook's defined names
(print areas, print titles, named ranges), are rewritten so that they point at the same cells.
"""
from __future__ import annotations

import logging
import re

from lxml import etree
from openpyxl.formula import Tokenizer

from perfeditor.io.xlsx.sheetxml import _N, PARSER, shift_area, to_bytes

log = logging.getLogger(__name__)

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


def map_ranges(formula: str, change) -> str:
    """``formula`` (with or without a leading ``=``) with each range operand replaced by
    ``change(operand)``. Raises ValueError when the formula cannot be parsed."""
    bare = not formula.startswith("=")
    tok = Tokenizer("=" + formula if bare else formula)
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
    """The references of ``formula`` that point at ``sheet`` (see :func:`_ref_on`)."""
    found: list[str] = []

    def note(operand: str) -> str:
        ref = _ref_on(operand, sheet, home)
        if ref is not None:
            found.append(ref)
        return operand
    map_ranges(formula, note)
    return found


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
            after = [root.find(f"{_N}{t}") for t in ("definedNames", "externalReferences",
                                                        "functionGroups", "sheets")]
            anchor = next((a for a in after if a is not None), None)
            if anchor is None:
                root.append(calc)
            else:
                anchor.addnext(calc)
        if calc.get("fullCalcOnLoad") != "1":
            calc.set("fullCalcOnLoad", "1")
            changed = True
    return to_bytes(root) if changed else None


_ANY_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def follow_shifts(zf, names: dict[str, str], edited: dict[str, tuple[str, object]]) -> tuple[
        dict[str, bytes], set[str]]:
    """The members to write after rows moved on edited sheets (``edited``: member → (sheet,
    SheetXML)), and the members to drop: formulas anywhere and defined names follow the rows; a
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
    workbook = shift_workbook(zf.read("xl/workbook.xml"), shifted, recalc=has_formulas)
    if workbook is not None:
        out["xl/workbook.xml"] = workbook
    return out, drop_calc_chain(zf.read, set(zf.namelist()), out) if moved_formulas else set()


def drop_calc_chain(read, members: set[str], out: dict[str, bytes]) -> set[str]:
    """``xl/calcChain.xml`` goes (Excel rebuilds it) with its relationship and content type (in
    ``out``, read from there or with ``read``); returns the members to drop."""
    if "xl/calcChain.xml" not in members:
        return set()
    for member, pattern in (("xl/_rels/workbook.xml.rels", rb'<Relationship[^>]*Target="[^"]*calcChain\.xml"[^>]*/>'),
                            ("[Content_Types].xml", rb'<Override[^>]*PartName="/xl/calcChain\.xml"[^>]*/>')):
        out[member] = re.sub(pattern, b"", out[member] if member in out else read(member))
    return {"xl/calcChain.xml"}
