"""Forms added, removed and moved in place (:mod:`perfeditor.io.xlsx.inplace`).

On a sheet of stacked forms, a new form is a copy of a neighbouring form's rows (styles, merges,
labels, page break) filled in with the project; a removed form's rows are deleted. In a workbook
of one form per sheet, a new form gets a copy of a neighbouring form's sheet, a removed one's
sheet goes and moved ones' sheets change places: only the workbook's sheet list and names, its
relationships, the content types and the sheet parts added change. Forms moved among themselves change places as
blocks of rows (title to last indicator row): the rows between forms stay where they are, and so
do the page breaks between forms; a break inside a form moves with it. Formulas and defined names
that point into some of the moved rows would point at other cells afterwards: such a move is
refused (:class:`NotPatchable`), so that the clerk is asked first.
"""
from __future__ import annotations

import copy
import itertools
import logging
import re
from pathlib import Path

from lxml import etree

from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.io.xlsx.cells import PARSER, PKG_REL, R_NS
from perfeditor.io.xlsx.form_values import patch_project
from perfeditor.io.xlsx.reader import read_xlsx
from perfeditor.io.xlsx.refparse import parse_area
from perfeditor.io.xlsx.sheetnames import new_sheet_name, quoted
from perfeditor.io.xlsx.sheetxml import (
    _N,
    ROW_AREAS,
    NotPatchable,
    SheetXML,
    area_ref,
    drop_calc_chain,
    formulas,
    merge_area,
    put_merges,
    ranges_on,
    renumber_row,
    shift_below,
    shift_formula,
    to_bytes,
)
from perfeditor.io.xlsx.writer import safe_sheet_name
from perfeditor.model import Document, Project

log = logging.getLogger(__name__)


def read_again(src: Path) -> tuple[Document, SourceMap]:
    """The workbook as it is on disk, and its map: the forms removed since reading are no longer
    in the document."""
    was = SourceMap()
    return read_xlsx(src, was), was


def stand_in(again: tuple[Document, SourceMap], smap: SourceMap) -> Project:
    """The file's first form (``again``: the file read again) under the uid of the removed project
    it is, for a document left with only new forms: they go in front of it, copies of its rows,
    and it is removed, as any removed form (where the forms stood, everything else kept)."""
    before, was = again
    first = next((uid for uid, ref in smap.projects.items() if ref.format == "xlsx" and ref.file_index == 0), None)
    if first is None or not before.projects or smap.projects[first].first_row != was.of(before.projects[0]).first_row:
        raise NotPatchable("the file changed since it was read")
    return before.projects[0].model_copy(update={"uid": first})


def removals(again, originals: list[Project], smap: SourceMap):
    """The original forms no longer in the document: {(sheet, first row): (first, last) rows to
    delete} on sheets that keep other content, and the names of sheets that held only a removed
    form. ``again()``: the file read again (:func:`read_again`)."""
    counts = {smap.projects[p.uid].forms_in_file for p in originals}
    if counts == {len(originals)}:
        return {}, []
    before, was = again()
    if len(before.projects) not in counts:
        raise NotPatchable("the file changed since it was read")
    kept = {(smap.projects[p.uid].sheet, smap.projects[p.uid].first_row) for p in originals}
    on_sheet: dict[str, list] = {}
    for q in before.projects:
        on_sheet.setdefault(was.projects[q.uid].sheet, []).append(was.projects[q.uid])
    dep_sheet = was.department.sheet if was.department is not None else None
    rows: dict = {}
    sheets: list[str] = []
    for sheet, refs in on_sheet.items():
        gone = [r for r in refs if (sheet, r.first_row) not in kept]
        if not gone:
            continue
        if len(gone) == len(refs) and sheet != dep_sheet:
            sheets.append(sheet)
            continue
        stay = [x for x in refs if (sheet, x.first_row) in kept]
        for r in gone:
            later = [x for x in stay if x.first_row > r.first_row]
            earlier = [x for x in stay if x.first_row < r.first_row]
            if later:  # up to the next kept form: the gap rows go with it
                rows[(sheet, r.first_row)] = (r.first_row, later[0].first_row - 1)
            elif earlier:
                rows[(sheet, r.first_row)] = (earlier[-1].last_row + 1, r.last_row)
            else:
                rows[(sheet, r.first_row)] = (r.first_row, r.last_row)
    merged: dict = {}
    for ref, (a, b) in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[1])):
        last = next(reversed(merged), None)
        if last is not None and last[0] == ref[0] and merged[last][1] >= a - 1:
            merged[last] = (merged[last][0], max(b, merged[last][1]))
        else:
            merged[ref] = (a, b)
    return merged, sheets


def delete_rows(xml: SheetXML, first: int, last: int) -> None:
    """Delete rows ``first``..``last`` and move the rows below up; merges and breaks inside go."""
    merges, merge_list = xml.merges()
    for m in merge_list:
        r1, _, r2, _ = merge_area(m)
        if first <= r1 and r2 <= last:
            merges.remove(m)
        elif r1 <= last and r2 >= first:
            raise NotPatchable("a merged range crosses the removed form")
    put_merges(xml, merges, [])
    for r in range(first, last + 1):
        row = xml.rows.pop(r, None)
        if row is not None:
            xml.data.remove(row)
    for brk in xml.root.findall(f"{_N}rowBreaks/{_N}brk"):
        parent = brk.getparent()
        at = int(brk.get("id", "0"))
        if first - 1 <= at <= last - 1:  # the break before the removed form goes with it
            parent.remove(brk)
            _count_breaks(parent)
        elif at == last:  # the break after it now comes before the next form
            brk.set("id", str(first - 1))
    shift_below(xml, merges, last, first - last - 1)


def insertions(projects: list[Project], layout: str, originals: list[Project], smap: SourceMap,
               per_sheet: bool):
    """Projects added since reading, as (predecessor, [new projects], template form), each run
    after the original project before it (new first projects in front of the first): on a stacked
    sheet a copy of a form of that sheet and layout; with one form per sheet (``per_sheet``) on new
    sheets, copies of the nearest form sheet of that layout before them (after them for new first
    projects). Returns (stacked, new sheets, ids of the stacked lists that go in front)."""
    if len(originals) == len(projects):
        return [], [], set()
    added: list[tuple[int, Project | None, list[Project]]] = []  # (originals before, predecessor, run)
    prev: Project | None = None
    seen = 0
    for p in projects:
        if is_original(p, smap):
            prev, seen = p, seen + 1
        elif added and added[-1][1] is prev:
            added[-1][2].append(p)
        else:
            added.append((seen, prev, [p]))
    if per_sheet:
        out = []
        for seen, prev, news in added:
            same = [q for q in (reversed(originals[:seen]) if prev is not None else originals)
                    if q.variant.layout == layout]
            if not same:
                raise NotPatchable("no form of that layout")
            out.append((prev, news, same[0]))
        return [], out, set()
    stacked: list[tuple[Project, list[Project], Project]] = []
    front: set[int] = set()  # ids of the lists of projects that go in front of their form
    for _, prev, news in added:
        if prev is None:  # new first projects: in front of the first form read, copies of it
            stacked.append((originals[0], news, originals[0]))
            front.add(id(news))
            continue
        sheet = smap.projects[prev.uid].sheet
        same = [q for q in originals if smap.projects[q.uid].sheet == sheet and q.variant.layout == layout]
        if not same:
            raise NotPatchable("no form of that layout on the sheet")
        tmpl = prev if prev in same else same[0]
        if tmpl is not prev and tmpl.content_fingerprint() != smap.projects[tmpl.uid].digest:
            raise NotPatchable("template form edited")  # its recorded rows would be stale
        stacked.append((prev, news, tmpl))
    return stacked, [], front


def gap_after(prev: Project, smap: SourceMap) -> int:
    """Blank rows between forms on ``prev``'s sheet (none between forms of one table), as the
    file has them: the form after ``prev`` may be one removed now (its rows go, the gap before the
    next form kept stays), never the gap up to the next form kept across the removed one's rows."""
    at = smap.projects[prev.uid]
    forms = sorted((ref for ref in smap.projects.values() if ref.format == "xlsx" and ref.sheet == at.sheet),
                   key=lambda ref: ref.first_row)
    k = forms.index(at)
    if k + 1 < len(forms):
        return max(0, forms[k + 1].first_row - form_end(at) - 1)
    if k > 0:
        return max(0, at.first_row - form_end(forms[k - 1]) - 1)
    return 1


def form_end(ref: FormPlace) -> int:
    """The last row of a form proper: its last indicator row (a note row under it, inside its
    recorded block, stays with the sheet), else its recorded last row."""
    rows = ref.block.rows if ref.block is not None else None
    return min(rows[-1], ref.last_row) if rows else ref.last_row


def _break_before(xml: SheetXML, row: int) -> bool:
    return any(brk.get("id") == str(row - 1) for brk in xml.root.findall(f"{_N}rowBreaks/{_N}brk"))


def _put_break(xml: SheetXML, row: int) -> None:
    """A manual page break before ``row`` (the sheet has row breaks already)."""
    breaks = xml.root.find(f"{_N}rowBreaks")
    if breaks is None or _break_before(xml, row):
        return
    later = [b for b in breaks if int(b.get("id", "0")) > row - 1]
    el = etree.Element(f"{_N}brk", id=str(row - 1), max="16383", man="1")
    if later:
        later[0].addprevious(el)
    else:
        breaks.append(el)
    _count_breaks(breaks)


def _count_breaks(breaks) -> None:
    breaks.set("count", str(len(breaks)))
    if breaks.get("manualBreakCount") is not None:
        breaks.set("manualBreakCount", str(len(breaks)))


def insert_form(xml: SheetXML, prev: FormPlace, new: Project, tmpl: FormPlace, fmt_of,
                    report: list[str], gap: int = 1, before: bool = False, down: list = ()) -> int:
    """Copy the rows of the form at ``tmpl`` (styles, merges, labels) to after the form at
    ``prev`` (in front of it when ``before``; ``gap`` blank rows between forms, as on the sheet)
    and fill in ``new``, its cells listed in ``down`` merged down over its indicator rows; where the
    forms of the sheet start on a new page, so does this one. Returns how many rows the sheet gained."""
    t0, t1 = tmpl.first_row, form_end(tmpl)
    n = t1 - t0 + 1
    after = prev.first_row - 1 if before else form_end(prev) + gap
    breaks = xml.root.find(f"{_N}rowBreaks")
    paged = (breaks is not None and len(breaks) > 0) if before \
        else _break_before(xml, tmpl.first_row) or _break_before(xml, prev.first_row)
    clones = [copy.deepcopy(xml.rows[r]) for r in range(t0, t1 + 1) if r in xml.rows]
    merges, merge_list = xml.merges()
    spans = [a for a in map(merge_area, merge_list) if t0 <= a[0] and a[2] <= t1]
    shift_below(xml, merges, after, n + gap)
    off = after + 1 - t0
    anchor = xml.row_before(after + 1)
    for row in clones:
        r = int(row.get("r")) + off
        renumber_row(row, r, strict=True)
        anchor = xml.put_row_after(anchor, row, r)
    if spans:
        put_merges(xml, merges, [area_ref(r1 + off, c1, r2 + off, c2) for r1, c1, r2, c2 in spans])
    shifted = tmpl.shifted_rows(off)
    if shifted.block is not None:
        shifted.block.end = min(shifted.block.end, t1 + off)
    if paged:
        had = _break_before(xml, after + 1)
        if had:  # the next form's break stayed: it moves down with it
            for brk in xml.root.findall(f"{_N}rowBreaks/{_N}brk"):
                if brk.get("id") == str(after):
                    brk.set("id", str(after + n + gap))
        if before:
            _put_break(xml, after + n + gap + 1)
        if had or not before:
            _put_break(xml, after + 1)
    return n + gap + (patch_project(xml, new, shifted, fmt_of, report, list(down)) or 0)


def one_form_per_sheet(places: list[FormPlace]) -> bool:
    """The forms at ``places`` sit on sheets of their own (more than one)."""
    sheets = [ref.sheet for ref in places]
    return len(sheets) > 1 and len(set(sheets)) == len(sheets)


def is_original(p: Project, smap: SourceMap) -> bool:
    ref = smap.of(p)
    return ref is not None and ref.format == "xlsx"


#: Parts of a sheet anchored to its rows that a move would have to carry along.
_ANCHORED = ("tableParts",)  # (pictures and comments move along: sheetxml.follow_shifts)


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


def _moved_area(ref: str, mapping: dict[int, int], what: str) -> str:
    """``ref`` (touching rows moved) where its rows went: a range inside one form moved goes along
    with it; one across forms, or over rows moved and rows not, cannot follow (:class:`NotPatchable`)."""
    a = parse_area(ref)
    inside = [mapping[r] - r for r in range(a[0], a[2] + 1) if r in mapping] if a is not None else []
    if a is None or len(inside) != a[2] - a[0] + 1 or len(set(inside)) != 1:
        raise NotPatchable(f"the sheet has {what} across moved rows")
    r1, c1, r2, c2 = a
    moved = area_ref(r1 + inside[0], c1, r2 + inside[0], c2)
    return moved if ":" in ref else moved.split(":")[0]


def move_rows(xml: SheetXML, mapping: dict[int, int], slots: dict[int, int]) -> None:
    """Give the rows of ``mapping`` their new numbers (cells, merges, row breaks inside forms
    follow; a break before a form's place, ``slots``, stays before the form there); raises
    :class:`NotPatchable` when a merged range crosses a moved block or the sheet has an Excel
    table, or a range (conditional formats …) across forms moved."""
    for tag in _ANCHORED:
        if xml.root.find(f"{_N}{tag}") is not None:
            raise NotPatchable(f"the sheet has {tag}")
    moved = [r for r, nr in mapping.items() if nr != r]
    for tag, attr in ROW_AREAS:  # (a move leaves alone those on rows that stay put)
        for el in xml.root.iter(f"{_N}{tag}"):
            refs = (el.get(attr) or "").split()
            if refs and any(a is None or any(a[0] <= r <= a[2] for r in moved) for a in map(parse_area, refs)):
                el.set(attr, " ".join(_moved_area(ref, mapping, tag) for ref in refs))
    for m in xml.merges()[1]:
        r1, c1, r2, c2 = merge_area(m)
        inside = [r in mapping for r in (r1, r2)]
        if not any(inside):
            continue
        if not all(inside) or mapping[r2] - mapping[r1] != r2 - r1:
            raise NotPatchable("a merged range crosses a moved form")
        m.set("ref", area_ref(mapping[r1], c1, mapping[r2], c2))
    for brk in xml.root.findall(f"{_N}rowBreaks/{_N}brk"):
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


_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
#: Parts of a sheet that live in other package parts (drawings, comments, tables…): a copy
#: would need copies of those parts; the form needs none of them.
_LINKED = ("drawing", "legacyDrawing", "legacyDrawingHF", "picture", "oleObjects", "controls",
           "tableParts")
#: The workbook, its relationships and the content types: what adding or removing a sheet changes.
_PACKAGE = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml")


def _clean_copy(root) -> None:
    """What must not be copied: references to the source sheet's related parts, its selection
    as the active tab."""
    for tag in _LINKED:
        for el in list(root.iter(f"{_N}{tag}")):
            el.getparent().remove(el)
    for el in list(root.iter(f"{_N}hyperlink")):
        if el.get(f"{{{R_NS}}}id"):
            el.getparent().remove(el)
    links = root.find(f"{_N}hyperlinks")
    if links is not None and not len(links):
        root.remove(links)
    for el in root.iter():
        if el.get(f"{{{R_NS}}}id") is not None:
            del el.attrib[f"{{{R_NS}}}id"]
    for view in root.iter(f"{_N}sheetView"):
        view.attrib.pop("tabSelected", None)


def add_sheets(zf, read, names: dict[str, str], additions: list[tuple[Project | None, list[Project], Project]],
               fmt_of, report: list[str], smap: SourceMap, first: Project) -> dict[str, bytes]:
    """New and changed members for ``additions`` ((predecessor, [new projects], template)):
    each new project on a copy of its template's sheet as read (its recorded cells are those of
    that sheet), named after its title as the template's sheet is; ``read(member)`` gives a
    member's current bytes. A predecessor None puts the new sheets in front of ``first``'s."""
    members = set(zf.namelist())
    wb, rels, types = (etree.fromstring(read(m), PARSER) for m in _PACKAGE)
    sheets = wb.find(f"{_N}sheets")
    by_name = {s.get("name"): s for s in sheets}
    old_order = [s.get("name") for s in sheets]
    taken = {n.lower() for n in old_order}
    rel_ids = {r.get("Id") for r in rels}
    numbers = [int(m.group(1)) for m in (re.match(r"xl/worksheets/sheet(\d+)\.xml$", n)
                                          for n in members) if m]
    next_number = max(numbers, default=0) + 1
    next_id = max((int(s.get("sheetId", "0")) for s in sheets), default=0) + 1
    out: dict[str, bytes] = {}
    copied_names: list[tuple[str, str, list]] = []  # (template sheet, new sheet, its row shifts)
    for prev, news, tmpl in additions:
        front = prev is None
        anchor = by_name[smap.projects[(first if front else prev).uid].sheet]
        place = smap.projects[tmpl.uid]
        for new in news:
            xml = SheetXML(zf.read(names[place.sheet]))
            _clean_copy(xml.root)
            placed = new.model_copy(deep=True)
            placed.variant = tmpl.variant.model_copy(deep=True)
            patch_project(xml, placed, copy.deepcopy(place), fmt_of, report, smap.merges_of(new))
            while f"xl/worksheets/sheet{next_number}.xml" in members | out.keys():
                next_number += 1
            part = f"worksheets/sheet{next_number}.xml"
            out[f"xl/{part}"] = to_bytes(xml.root)
            rid = next(f"rIdPe{k}" for k in itertools.count(1) if f"rIdPe{k}" not in rel_ids)
            rel_ids.add(rid)
            etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=_SHEET_REL,
                             Target=part)
            etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName=f"/xl/{part}",
                             ContentType=_SHEET_CT)
            name = safe_sheet_name(new_sheet_name(new, place), taken)
            el = etree.Element(f"{_N}sheet", name=name, sheetId=str(next_id))
            el.set(f"{{{R_NS}}}id", rid)
            if front:  # the first new sheet goes in front of the first form's, the others after it
                anchor.addprevious(el)
                front = False
            else:
                anchor.addnext(el)
            anchor = el
            next_id += 1
            next_number += 1
            copied_names.append((place.sheet, name, xml.shifts))
    _renumber(wb, old_order, [s.get("name") for s in sheets], copied_names)
    return out | {m: to_bytes(root) for m, root in zip(_PACKAGE, (wb, rels, types), strict=True)}


def _renumber(wb, old_order: list[str], new_order: list[str], copied) -> None:
    """Local sheet indexes follow the new sheet order; the template's local names (print area,
    print titles) are copied for each new sheet."""
    names_el = wb.find(f"{_N}definedNames")
    _renumber_sheet_ids(wb, names_el, old_order, new_order)
    originals = list(names_el) if names_el is not None else []
    for tmpl_sheet, new_sheet, shifts in copied:
        for dn in originals:
            local = dn.get("localSheetId")
            if local is None or new_order[int(local)] != tmpl_sheet or not dn.text:
                continue
            try:
                text = shift_formula(dn.text, tmpl_sheet, shifts, home=False)
            except Exception:  # noqa: BLE001 - a defined name we cannot follow is not copied
                log.info("defined name %r not copied", dn.text)
                continue
            text = text.replace(quoted(tmpl_sheet) + "!", quoted(new_sheet) + "!")
            text = re.sub(rf"(?<![\w']){re.escape(tmpl_sheet)}!", quoted(new_sheet) + "!", text)
            twin = copy.deepcopy(dn)
            twin.text = text
            twin.set("localSheetId", str(new_order.index(new_sheet)))
            names_el.append(twin)


def reorder_sheets(read, members: set[str], order: list[str]) -> tuple[dict[str, bytes], set[str]]:
    """Changed members and members to drop when the sheets named in ``order`` (each holding one
    form) take their places in the workbook in that order: the sheet list of ``xl/workbook.xml``
    (the places of these sheets stay theirs, every other sheet keeps its own), local defined names
    and the active tab renumbered. Sheet parts are not touched."""
    wb = etree.fromstring(read("xl/workbook.xml"), PARSER)
    sheet_list = wb.find(f"{_N}sheets")
    old_order = [el.get("name") for el in sheet_list]
    elements = {el.get("name"): el for el in sheet_list}
    taking = iter(order)  # each place of a sheet of ``order`` goes to the next of them
    new_order = [next(taking) if name in order else name for name in old_order]
    sheet_list[:] = [elements[name] for name in new_order]
    _renumber_sheet_ids(wb, wb.find(f"{_N}definedNames"), old_order, new_order)
    out = {"xl/workbook.xml": to_bytes(wb)}
    return out, drop_calc_chain(read, members, out)  # it names sheets by position


def _renumber_sheet_ids(wb, names_el, old_order: list[str], new_order: list[str]) -> None:
    """Sheets reordered or removed: the defined names' ``localSheetId`` and the workbook view's
    active/first tab (sheet positions) follow their sheets; a tab whose sheet went becomes the first."""
    index = {name: i for i, name in enumerate(new_order)}
    for dn in list(names_el) if names_el is not None else []:
        local = dn.get("localSheetId")
        if local is not None and local.isdigit() and int(local) < len(old_order):
            dn.set("localSheetId", str(index[old_order[int(local)]]))
    for view in wb.iter(f"{_N}workbookView"):
        for attr in ("activeTab", "firstSheet"):
            v = view.get(attr)
            if v is not None and v.isdigit():
                k = int(v)
                name = old_order[k] if k < len(old_order) else None
                view.set(attr, str(index.get(name, 0)))


def remove_sheets(read, members: set[str], names: dict[str, str],
                  sheets: list[str]) -> tuple[dict[str, bytes], set[str]]:
    """Changed members and members to drop when ``sheets`` (each holding only a removed form) go:
    their entries in the workbook, its relationships and the content types; local defined names
    are renumbered. Raises NotPatchable when another sheet's formula or a defined name points
    at one of them (it would turn into #REF!)."""
    wb, rels, types = (etree.fromstring(read(m), PARSER) for m in _PACKAGE)
    sheet_list = wb.find(f"{_N}sheets")
    old_order = [s.get("name") for s in sheet_list]
    gone = set(sheets)
    if len(gone) >= len(old_order):
        raise NotPatchable("every sheet removed")
    prefixes = [q for name in gone for q in (quoted(name) + "!", name + "!")]
    for name, member in names.items():
        if name in gone or member not in members:
            continue
        for f in formulas(read(member)):
            if any(q in f.text for q in prefixes):
                raise NotPatchable(f"sheet {name} refers to a removed sheet")
    names_el = wb.find(f"{_N}definedNames")
    for dn in list(names_el) if names_el is not None else []:
        local = dn.get("localSheetId")
        text = dn.text or ""
        if local is not None and local.isdigit() and int(local) < len(old_order) \
                and old_order[int(local)] in gone:
            names_el.remove(dn)
        elif any(q in text for q in prefixes):
            raise NotPatchable("a defined name refers to a removed sheet")
    if names_el is not None and not len(names_el):
        wb.remove(names_el)
    dropped: set[str] = set()
    rel_targets = {r.get("Id"): r for r in rels}
    for el in list(sheet_list):
        if el.get("name") not in gone:
            continue
        sheet_list.remove(el)
        rel = rel_targets.get(el.get(f"{{{R_NS}}}id"))
        if rel is not None:
            rels.remove(rel)
        member = names[el.get("name")]
        dropped.add(member)
        head, _, tail = member.rpartition("/")
        dropped.add(f"{head}/_rels/{tail}.rels")
        for over in list(types):
            if over.get("PartName") == "/" + member:
                types.remove(over)
    _renumber_sheet_ids(wb, names_el, old_order, [s.get("name") for s in sheet_list])
    out = {m: to_bytes(root) for m, root in zip(_PACKAGE, (wb, rels, types), strict=True)}
    dropped |= drop_calc_chain(read, members, out)  # it names sheets by index
    return out, dropped & members
