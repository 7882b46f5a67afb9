"""Forms moved among themselves on a sheet of stacked forms: their rows change places in place.

Each form's rows (title to last indicator row) go, as a block, to where the document now puts
the form; the rows between forms and the rows above the first and below the last stay where
they are, and so do the page breaks between forms (a break before the second form stands before
whichever form comes second now); a break inside a form moves with it. Formulas and defined
names that point into the moved rows would point at other cells afterwards: such a move is
refused (:class:`NotPatchable`), so that the clerk is asked first; references that cover every
moved row (a print area) or none stay as they are.
"""
from __future__ import annotations

from lxml import etree

from perfeditor.io.xlsx.refparse import parse_area
from perfeditor.io.xlsx.refs import ranges_on
from perfeditor.io.xlsx.sheetxml import _N, PARSER, NotPatchable, SheetXML, area_ref, formulas, merge_area, renumber_row

#: Parts of a sheet anchored to its rows that a move would have to carry along.
_ANCHORED = ("drawing", "legacyDrawing", "tableParts", "hyperlinks", "conditionalFormatting",
             "dataValidations")


def row_map(spans: list[tuple[int, int]], order: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Old row → new row when the forms at ``spans`` ((first, last) rows, in file order) are put
    in ``order`` (indexes into ``spans``); the gaps between forms keep their places. Also: the
    first row of each form's place in the file → the first row of the form that takes it."""
    out: dict[int, int] = {}
    slots: dict[int, int] = {}
    cursor = spans[0][0]
    for k, idx in enumerate(order):
        first, last = spans[idx]
        slots[spans[k][0]] = cursor
        for r in range(first, last + 1):
            out[r] = cursor + r - first
        cursor += last - first + 1
        if k + 1 < len(spans):
            gap = range(spans[k][1] + 1, spans[k + 1][0])
            for r in gap:
                out[r] = cursor + r - gap.start
            cursor += len(gap)
    return out, slots


def _rows_of(formula: str, sheet: str, home: bool) -> list[tuple[int, int]]:
    """The row ranges of ``formula``'s references to ``sheet`` (unqualified ones count when the
    formula sits on ``sheet``, ``home``)."""
    out = []
    for ref in ranges_on(formula, sheet, home):
        area = parse_area(ref)
        if area is None:
            raise ValueError(ref)  # a name or a reference not understood: cannot tell
        out.append((area[0], area[2]))
    return out


def check_references(zf, names: dict[str, str], sheet: str, lo: int, hi: int) -> None:
    """Raise :class:`NotPatchable` when a formula anywhere in the workbook, or a defined name,
    points at some but not all of the rows ``lo``..``hi`` of ``sheet``."""
    def bad(rows: list[tuple[int, int]]) -> bool:
        return any(r0 <= hi and r1 >= lo and not (r0 <= lo and r1 >= hi) for r0, r1 in rows)

    texts = []  # (formula, it sits on ``sheet``, what it is)
    for name, member in names.items():
        if member in zf.namelist():
            texts += [(f.text, name == sheet, "a formula") for f in formulas(zf.read(member))]
    names_el = etree.fromstring(zf.read("xl/workbook.xml"), PARSER).iter(f"{_N}definedName")
    texts += [(dn.text, False, "a defined name") for dn in names_el if dn.text and sheet in dn.text]
    for text, home, what in texts:
        try:
            if bad(_rows_of(text, sheet, home)):
                raise NotPatchable(f"{what} points into moved forms")
        except ValueError:
            raise NotPatchable(f"{what} not understood") from None


def move_rows(xml: SheetXML, mapping: dict[int, int], slots: dict[int, int]) -> None:
    """Give the rows of ``mapping`` their new numbers (cells, merges, row breaks inside forms
    follow; a break before a form's place, ``slots``, stays before the form there); raises
    :class:`NotPatchable` when a merged range crosses a moved block or the sheet anchors
    something (pictures, comments, tables, conditional formats …) to its rows."""
    for tag in _ANCHORED:
        if xml.root.find(f"{_N}{tag}") is not None:
            raise NotPatchable(f"the sheet has {tag}")
    for m in xml.merges()[1]:
        r1, c1, r2, c2 = merge_area(m)
        inside = [r in mapping for r in (r1, r2)]
        if not any(inside):
            continue
        if not all(inside) or mapping[r2] - mapping[r1] != r2 - r1:
            raise NotPatchable("a merged range crosses a moved form")
        m.set("ref", area_ref(mapping[r1], c1, mapping[r2], c2))
    for brk in xml.root.iter(f"{_N}brk"):
        parent = brk.getparent()
        if parent is not None and parent.tag == f"{_N}rowBreaks":
            after = int(brk.get("id", "0")) + 1  # the break stands before this row
            if after in slots:
                brk.set("id", str(slots[after] - 1))
            elif after in mapping:
                brk.set("id", str(mapping[after] - 1))
    breaks = xml.root.find(f"{_N}rowBreaks")
    if breaks is not None:  # in row order again
        for brk in sorted(breaks, key=lambda b: int(b.get("id", "0"))):
            breaks.append(brk)
    rows = {}
    for r, row in xml.rows.items():
        nr = mapping.get(r, r)
        if nr != r:
            renumber_row(row, nr)
        rows[nr] = row
    for r in sorted(rows):
        xml.data.append(rows[r])  # (rows in order again)
    xml.rows = rows
