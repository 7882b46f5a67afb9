"""Projects added to a workbook with one form per sheet: each gets a new sheet, a copy of a
neighbouring form's sheet (its styles, merges, widths, print setup) filled in with the project.

Only ``xl/workbook.xml`` (the sheet list, defined names copied for the new sheet, local sheet
indexes renumbered), its relationships, ``[Content_Types].xml`` and the new sheet parts change;
every other member stays byte-identical.
"""
from __future__ import annotations

import copy
import itertools
import logging
import re

from lxml import etree

from perfeditor.io.source import SourceMap
from perfeditor.io.xlsx.form_values import patch_project
from perfeditor.io.xlsx.refs import drop_calc_chain, shift_formula
from perfeditor.io.xlsx.sheetnames import new_sheet_name, quoted
from perfeditor.io.xlsx.sheetxml import _N, PARSER, PKG_REL, R_NS, NotPatchable, SheetXML, formulas, to_bytes
from perfeditor.io.xlsx.writer import safe_sheet_name
from perfeditor.model import Project

log = logging.getLogger(__name__)

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
    sheet_ids = [int(s.get("sheetId", "0")) for s in sheets]
    numbers = [int(m.group(1)) for m in (re.match(r"xl/worksheets/sheet(\d+)\.xml$", n)
                                          for n in members) if m]
    next_number, next_id = max(numbers, default=0) + 1, max(sheet_ids, default=0) + 1
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
    moving = set(order)
    elements = {el.get("name"): el for el in sheet_list}
    slots = [k for k, name in enumerate(old_order) if name in moving]
    new_order = list(old_order)
    for k, name in zip(slots, order, strict=True):
        new_order[k] = name
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
