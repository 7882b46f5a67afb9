"""Saving over the workbook a document was read from: only the edited forms change.

The reader recorded where each form's values and indicator rows sit (the source map's
:class:`~perfeditor.io.source.FormPlace`). The sheet XML of each sheet holding an edited form is
patched with lxml: forms moved, added or removed (:mod:`~perfeditor.io.xlsx.form_rows`, or their
sheets), values and indicator rows written (:mod:`~perfeditor.io.xlsx.form_values`); formulas and
names follow rows that moved. Every other zip member is copied unchanged. After a save over the
workbook the source map is brought up to date.
"""
from __future__ import annotations

import functools
import io
import itertools
import zipfile
from pathlib import Path
from typing import Callable

from lxml import etree

from perfeditor.forms import vocabulary as V
from perfeditor.forms.department import digest as department_digest
from perfeditor.io.atomic import atomic_write_bytes, atomic_write_zip
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.io.xlsx.form_rows import (
    add_sheets,
    check_references,
    delete_rows,
    form_end,
    gap_after,
    insert_form,
    insertions,
    is_original,
    move_rows,
    one_form_per_sheet,
    read_again,
    removals,
    remove_sheets,
    reorder_sheets,
    row_map,
    stand_in,
)
from perfeditor.io.xlsx.form_values import (
    header_values,
    indicator_values,
    levels_digest,
    patch_department,
    patch_department_table,
    patch_project,
)
from perfeditor.io.xlsx.reader import read_xlsx
from perfeditor.io.xlsx.sheetnames import rename_sheets, sheet_name_for
from perfeditor.io.xlsx.sheetxml import (
    _N,
    PARSER,
    STYLES,
    NotPatchable,
    SheetXML,
    follow_shifts,
    guard_sheets,
    sheet_paths,
    styles_formats,
    to_bytes,
)
from perfeditor.io.xlsx.writer import safe_sheet_name
from perfeditor.model import Document, Project

__all__ = ["NotPatchable", "can_patch", "prepare"]


def can_patch(doc: Document, path: Path, layout: str, smap: SourceMap | None,
              keep_own: bool = False) -> bool:
    if doc.format != "xlsx" or not doc.path or (layout != doc.layout and not keep_own):
        return False
    if smap is None or smap.format != "xlsx" or not smap.path \
            or Path(smap.path).resolve() != Path(doc.path).resolve():
        return False
    src = Path(doc.path)
    if src.suffix.lower() != ".xlsx" or not src.is_file() or Path(path).suffix.lower() != ".xlsx":
        return False
    for p in doc.projects:
        ref = smap.of(p)
        if ref is None or ref.format != "xlsx":
            continue  # a project added since: placed after its predecessor, see _insertions
        if not ref.sheet or not ref.digest or (p.variant.layout != layout and not keep_own):
            return False
    dep, place = doc.department, smap.department
    if dep is None:
        return True
    return place is not None and place.format == "xlsx" and bool(place.digest) \
        and (dep.form == "narrative" or bool(place.cells) or place.digest == department_digest(dep))


def prepare(doc: Document, path: Path, smap: SourceMap) -> tuple[list[str], Callable[[], list[str]]]:
    """Work out the patched workbook in memory without writing anything: (the Chinese lines naming
    what the forms written cannot hold, the function that writes it to ``path``, over the source
    pointing ``smap`` at the result). Raises :class:`NotPatchable` when it cannot be done in place."""
    src = Path(doc.path)  # type: ignore[arg-type]
    data = src.read_bytes()
    edited: dict[str, list[Project]] = {}
    by_sheet: dict[str, list[Project]] = {}
    originals = [p for p in doc.projects if is_original(p, smap)]
    if not originals and doc.projects == []:
        raise NotPatchable("every project removed")  # how many the file had is not known here
    again = functools.cache(lambda: read_again(src))  # the file read again, once, when needed
    # only new forms: they take the place of the file's first form (removed with the others)
    first = None if originals else stand_in(again(), smap)
    pillars = originals or [first]
    per_sheet = one_form_per_sheet([smap.projects[p.uid] for p in originals] if originals
                                   else [ref for ref in smap.projects.values() if ref.format == "xlsx"])
    inserts, sheet_inserts, front = insertions([*doc.projects, *pillars[len(originals):]], doc.layout,
                                               pillars, smap, per_sheet)
    for p in originals:
        by_sheet.setdefault(smap.projects[p.uid].sheet, []).append(p)
        if _is_edited(p, smap):
            edited.setdefault(smap.projects[p.uid].sheet, []).append(p)
    moved: dict[str, list[Project]] = {}  # sheet → its stacked forms, moved among themselves
    for sheet, projects in by_sheet.items():
        order = [smap.projects[p.uid].form_index for p in projects]
        if any(k < 0 for k in order) or len(set(order)) != len(order):
            raise NotPatchable("projects duplicated or reordered")
        if order != sorted(order):
            moved[sheet] = projects
    order = [smap.projects[p.uid].file_index for p in originals]
    sheet_order: list[str] = []  # a workbook of one form per sheet whose forms moved: its sheets
    if order != sorted(order):
        if per_sheet:
            sheet_order = [smap.projects[p.uid].sheet for p in originals]
        elif _runs(originals, smap) != _runs(sorted(originals, key=lambda p: smap.projects[p.uid].file_index),
                                             smap):
            raise NotPatchable("projects moved")  # from one sheet to another
    removed, sheets_removed = removals(again, pillars, smap)
    if first is not None and per_sheet:
        sheets_removed.append(smap.projects[first.uid].sheet)
    for sheet, _ in removed:
        edited.setdefault(sheet, [])
    if (removed or sheets_removed) and any(tmpl is not prev for prev, _, tmpl in inserts):
        raise NotPatchable("projects both added and removed")  # a template below: its rows may move
    for prev, _, _ in inserts:
        edited.setdefault(smap.projects[prev.uid].sheet, [])
    report: list[str] = []
    new_members: dict[str, bytes] = {}
    edited_xml: dict[str, tuple[str, SheetXML]] = {}  # member → (sheet, its patched XML)
    shifts: dict[int, int] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sheet_paths(zf)
        fmt_of = styles_formats(zf)
        dep = doc.department
        dep_src = smap.department
        dep_delta = 0
        dep_sheet = None  # the sheet whose department rows are rewritten (or removed: the part deleted)
        if dep_src is not None and dep_src.format == "xlsx" \
                and (dep is None or dep_src.digest != department_digest(dep)):
            if names.get(dep_src.sheet) is None:
                raise NotPatchable("department sheet")
            dep_sheet = dep_src.sheet
            edited.setdefault(dep_sheet, [])
        # forms moved on a sheet first; the edits then go by where the forms are now (``work``), and
        # so do the rows of forms removed (they lay between the forms moved, where the gaps go along)
        work, moved_xml, mappings = _move_forms(zf, names, moved, smap, dep_src, edited)
        removed = {key: tuple(mappings[key[0]].get(r, r) for r in rows) if key[0] in mappings else rows
                   for key, rows in removed.items()}
        for sheet, projects in edited.items():
            member = names.get(sheet)
            if member is None:
                raise NotPatchable(f"sheet {sheet}")
            xml = moved_xml[sheet] if sheet in moved_xml else SheetXML(zf.read(member))
            ops = [(work.projects[p.uid].first_row, 0, p, None) for p in projects]
            # new forms in front of a form, copies of its rows: inserted before that form's own
            # edits (else the copy took its edited rows), which then go where it has moved down to
            ops += [(work.projects[prev.uid].first_row if id(new) in front
                     else form_end(work.projects[prev.uid]), 1, prev, (new, tmpl))
                    for prev, new, tmpl in inserts if work.projects[prev.uid].sheet == sheet]
            down: dict[int, int] = {}  # id(project) → rows inserted in front of its form
            ops += [(rows[0], 0, None, rows) for (at, _), rows in removed.items() if at == sheet]
            if first is not None and not per_sheet and smap.projects[first.uid].sheet == sheet:
                ops.append((smap.projects[first.uid].first_row, 0, first, "drop"))
            if sheet == dep_sheet:  # in row order with the forms' edits: bottom up, no row is stale
                ops.append((dep_src.first_row, 0, None, "department"))  # type: ignore[union-attr]
            for _, _, p, what in sorted(ops, key=lambda o: (o[0], o[1]), reverse=True):
                if what == "department" and dep is None:  # deleted: its rows go, its sheet when left empty
                    delete_rows(xml, dep_src.first_row, dep_src.last_row)  # type: ignore[union-attr]
                    if sheet not in {smap.projects[q.uid].sheet for q in originals} \
                            and xml.root.find(f".//{_N}c/{_N}v") is None and xml.root.find(f".//{_N}c/{_N}is") is None:
                        sheets_removed.append(sheet)
                elif what == "department":
                    dep_delta = patch_department_table(xml, dep, dep_src, fmt_of, report) \
                        if dep.form == "table" else patch_department(xml, dep, dep_src)
                elif p is None:
                    delete_rows(xml, *what)
                elif what is None or what == "drop":
                    place = work.projects[p.uid]
                    if down.get(id(p)):
                        place = place.shifted_rows(down[id(p)])
                    if what == "drop":  # the stand-in, under the new forms put in front of it
                        delete_rows(xml, place.first_row, place.last_row)
                        continue
                    shifts[id(p)] = patch_project(xml, p, place, fmt_of, report, smap.merges_of(p), own=True)
                else:
                    gap = gap_after(p, work)
                    for new in reversed(what[0]):
                        tmpl = work.projects[what[1].uid]  # (in front: the form itself, moved down
                        if down.get(id(what[1])):  # by the new forms put above it already)
                            tmpl = tmpl.shifted_rows(down[id(what[1])])
                        rows = insert_form(xml, work.projects[p.uid], new, tmpl, fmt_of,
                                           report, gap, id(what[0]) in front, smap.merges_of(new))
                        if id(what[0]) in front:
                            down[id(p)] = down.get(id(p), 0) + rows
            if xml.shifts or sheet in moved_xml \
                    or to_bytes(xml.root) != to_bytes(etree.fromstring(zf.read(member), PARSER)):
                edited_xml[member] = (sheet, xml)  # (else nothing written: the sheet stays as it is)
        dropped: set[str] = set()
        styles = guard_sheets(zf, [xml.root for _, xml in edited_xml.values()])
        if edited_xml:
            new_members, dropped = follow_shifts(zf, names, edited_xml, mappings)
        if styles is not None:
            new_members[STYLES] = styles

        def current(m: str) -> bytes:
            return new_members[m] if m in new_members else zf.read(m)

        if sheet_order:
            more, gone = reorder_sheets(current, set(zf.namelist()), sheet_order)
            new_members.update(more)
            dropped |= gone
        if sheet_inserts:
            new_members.update(add_sheets(zf, current, names, sheet_inserts, fmt_of, report, smap, pillars[0]))
        if sheets_removed:
            more, gone = remove_sheets(current, set(zf.namelist()), names, sheets_removed)
            new_members.update(more)
            dropped |= gone
        renamed = _rename_sheets(current, set(zf.namelist()) | set(new_members), dropped, originals, inserts,
                                 smap)
        new_members.update(renamed)
        infos = zf.infolist()
        members = {info.filename: new_members.get(info.filename) or zf.read(info) for info in infos
                   if info.filename not in dropped}
    same = Path(path).resolve() == src.resolve()
    # a department part that grew or shrank moves the forms below it on its sheet; a split form
    # whose rows were rewritten has its parts elsewhere now
    structural = bool(inserts or sheet_inserts or removed or sheets_removed or sheet_order or moved or renamed
                      or dep_sheet is not None and (dep is None or dep.form == "table")  # (read anew)
                      or dep_delta and any(smap.projects[p.uid].sheet == dep_sheet for p in originals)
                      or any(shifts.get(id(p)) is not None and (smap.projects[p.uid].block.repeats
                                                                 if smap.projects[p.uid].block is not None
                                                                 else shifts[id(p)])
                             for p in originals))  # (a form read without a block: one written now)

    def commit() -> list[str]:
        if not new_members and not dropped:
            if not same:
                atomic_write_bytes(Path(path), data)
            return report
        added = {n: body for n, body in new_members.items() if n not in members and n not in dropped}
        atomic_write_zip(Path(path), infos, members, added)  # (added: the parts of sheets added)
        if same and structural:
            _reread_refs(doc, Path(path), smap)
        elif same:
            _update_refs(doc, by_sheet, shifts, smap)
            if dep is not None and dep_src is not None:
                dep_src.last_row += dep_delta
                dep_src.digest = department_digest(dep)
        return report
    return list(report), commit


def _rename_sheets(current, members: set[str], dropped: set[str], originals: list[Project], inserts,
                   smap: SourceMap) -> dict[str, bytes]:
    """The changed members when the sheets named after their forms (``21.住建局办公楼局部改造工程``)
    take the names of their forms' titles as they are now (renumbered after projects copied or
    moved, :mod:`~perfeditor.io.xlsx.sheetnames`); formulas and names referring to them follow.
    A sheet that gets another form (a stacked insert) keeps its name."""
    stacked = {smap.projects[prev.uid].sheet for prev, _, _ in inserts}
    wanted: dict[str, str] = {}
    for p in originals:
        ref = smap.projects[p.uid]
        if ref.sheet_named is None or ref.sheet in stacked:
            continue
        name = sheet_name_for(ref.sheet_named, p.title, p.name)
        if name and name != ref.sheet:
            wanted[ref.sheet] = name
    if not wanted:
        return {}
    now = [el.get("name") for el in etree.fromstring(current("xl/workbook.xml"), PARSER).iter(f"{_N}sheet")]
    taken = {n.lower() for n in now if n not in wanted}
    renames = {old: safe_sheet_name(new, taken) for old, new in wanted.items()}
    return rename_sheets(current, members - dropped, renames)


def _runs(projects: list[Project], smap: SourceMap) -> list[str]:
    """The sheets of ``projects`` in their order, each run of one sheet once."""
    return [sheet for sheet, _ in itertools.groupby(smap.projects[p.uid].sheet for p in projects)]


def _move_forms(zf, names: dict[str, str], moved: dict[str, list[Project]], smap: SourceMap,
                dep_src: FormPlace | None, edited: dict[str, list[Project]]):
    """The sheets of ``moved`` (sheet → its forms in their new order) with the forms' rows in
    that order (:func:`~perfeditor.io.xlsx.form_rows.move_rows`), and a map of where every form is now:
    (that map, {sheet: its XML}, {sheet: old row → new row}). Raises :class:`NotPatchable` when a
    move cannot be made."""
    if not moved:
        return smap, {}, {}
    work = SourceMap(smap.path, smap.format, dict(smap.projects), smap.department, smap.scan)
    out: dict[str, SheetXML] = {}
    mappings: dict[str, dict[int, int]] = {}
    for sheet, projects in moved.items():
        member = names.get(sheet)
        if member is None:
            raise NotPatchable(f"sheet {sheet}")
        in_file = sorted(projects, key=lambda p: smap.projects[p.uid].first_row)
        spans = [(smap.projects[p.uid].first_row, form_end(smap.projects[p.uid])) for p in in_file]
        if any(a[1] >= b[0] for a, b in zip(spans, spans[1:], strict=False)):
            raise NotPatchable("forms overlap")
        if dep_src is not None and dep_src.sheet == sheet and dep_src.first_row <= spans[-1][1] \
                and dep_src.last_row >= spans[0][0]:
            raise NotPatchable("department sheet")  # the department part between the forms moved
        mapping, slots = row_map(spans, [in_file.index(p) for p in projects])
        mappings[sheet] = mapping
        rows = [r for r, to in mapping.items() if to != r]  # (the forms that keep their places, left alone)
        check_references(zf, names, sheet, min(rows), max(rows))
        xml = SheetXML(zf.read(member))
        move_rows(xml, mapping, slots)
        for p in projects:
            ref = smap.projects[p.uid]
            work.projects[p.uid] = ref.shifted_rows(mapping[ref.first_row] - ref.first_row)
        out[sheet] = xml
        edited.setdefault(sheet, [])
    return work, out, mappings


def _is_edited(p: Project, smap: SourceMap) -> bool:
    """Content changed, or the amount unit (单位：万元 → 元), which the fingerprint leaves out."""
    ref = smap.projects[p.uid]
    return p.content_fingerprint() != ref.digest or p.budget.unit != (ref.unit_read or p.budget.unit)


def _reread_refs(doc: Document, path: Path, smap: SourceMap) -> None:
    """After projects were added in place, take every position from the file as saved."""
    fresh = SourceMap(str(Path(path).resolve()), "xlsx")
    saved = read_xlsx(path, fresh)
    if len(saved.projects) != len(doc.projects):
        smap.forget_places()
        return
    new = fresh.rekeyed(saved, doc)
    for p, q in zip(doc.projects, saved.projects, strict=False):
        if p.variant.layout != q.variant.layout or not p.variant.labels:
            p.variant = q.variant
        elif not p.variant.indicator_columns and q.variant.indicator_columns:  # a block written under
            v = p.variant  # a form read without one: its columns are the file's now
            v.indicator_columns, v.indicator_side_label = list(q.variant.indicator_columns), \
                q.variant.indicator_side_label
            v.labels.update((k, t) for k, t in q.variant.labels.items() if k.startswith("col:") or k == "side")
        new.projects[p.uid].digest = p.content_fingerprint()
        block = new.projects[p.uid].block
        if block is not None and block.merges and len(p.indicators) == len(q.indicators):
            block.remember_merges(block.merges, p.indicators)  # the document's indicators, not the copy's
        place = new.projects[p.uid]
        if place.split and len(p.indicators) == len(q.indicators):  # (the same: the parts' indicators)
            own = {a.uid: b.uid for a, b in zip(q.indicators, p.indicators, strict=True)}
            place.split = [(head, [own[u] for u in us]) for head, us in place.split]
    if doc.department is not None and new.department is not None:
        new.department.digest = department_digest(doc.department)
    smap.replace_with(new)


def _update_refs(doc: Document, by_sheet, shifts, smap: SourceMap) -> None:
    for projects in by_sheet.values():
        offset = 0
        for p in projects:
            ref = smap.projects[p.uid]
            if offset:
                ref = smap.projects[p.uid] = ref.shifted_rows(offset)
            block = ref.block  # (None: a form without an indicator block, still without one)
            if block is not None and id(p) in shifts:
                if block.rows is None or len(block.rows) != len(p.indicators) \
                        or block.shape != levels_digest(p.indicators):
                    # rewritten: the block is one run of indicator rows now
                    block.repeats = []
                    block.rows = list(range(block.data_row, block.data_row + len(p.indicators)))
                block.read = indicator_values(p.indicators, block.cols)
                block.shape = levels_digest(p.indicators)
                block.remember_merges(smap.merges_of(p), p.indicators)  # as written
            delta = shifts.get(id(p), 0)
            if delta and block is not None:
                ref.last_row += delta
                block.end += delta
            offset += delta
            ref.digest = p.content_fingerprint()
            ref.values = header_values(p, ref.cells)
            ref.unit_read = p.budget.unit
            ref.unit_texts = {key: V.with_unit(printed, p.budget.unit) for key, printed in ref.unit_texts.items()}
    originals = {p.uid for ps in by_sheet.values() for p in ps}
    for uid in [u for u in smap.projects if u not in originals]:
        del smap.projects[uid]  # (projects removed from the file)
