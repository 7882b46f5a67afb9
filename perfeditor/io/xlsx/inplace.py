"""Saving over the workbook a document was read from: only the edited forms change.

The reader recorded, per project, the cell of every value (``variant.extras["cells"]``) and its
indicator block (``extras["block"]``). Here the sheet XML of each sheet holding an edited project
is patched with lxml: values are rewritten in their cells (keeping the cells' styles), indicator
rows are rebuilt from the original rows as templates (horizontal merges repeated, 一级/二级 merged
down), the rows below shift. Every other zip member is copied unchanged; unedited projects keep
their rows as they were.
"""
from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Callable

from lxml import etree

from perfeditor.forms import vocabulary as V
from perfeditor.io.atomic import atomic_write
from perfeditor.io.xlsx.forms import indicator_digest, levels_digest
from perfeditor.io.xlsx.narrative import patch_department
from perfeditor.io.xlsx.quoteprefix import STYLES, guard_sheets
from perfeditor.io.xlsx.refs import follow_shifts
from perfeditor.io.xlsx.sheetxml import (
    _N,
    NotPatchable,
    SheetXML,
    col_letter,
    put_merges,
    set_value,
    sheet_paths,
    shift_other_refs,
    shift_ref_text,
    shift_rows,
    split_ref,
    styles_formats,
)
from perfeditor.model import Document, Project

__all__ = ["NotPatchable", "can_patch", "patch", "prepare"]
_NUMERIC_FIELDS = ("budget.", "plan:")


def can_patch(doc: Document, path: Path, layout: str, keep_own: bool = False) -> bool:
    if doc.format != "xlsx" or not doc.path or (layout != doc.layout and not keep_own):
        return False
    src = Path(doc.path)
    if src.suffix.lower() != ".xlsx" or not src.is_file() or Path(path).suffix.lower() != ".xlsx":
        return False
    for p in doc.projects:
        ref = p.source_ref
        if ref is None or ref.format != "xlsx":
            continue  # a project added since: placed after its predecessor, see _insertions
        if not ref.sheet or not ref.digest or (p.variant.layout != layout and not keep_own) \
                or "block" not in p.variant.extras:
            return False
    dep = doc.department
    if dep is not None and (dep.source is None or dep.source.format != "xlsx"
                            or not dep.source.digest):
        return False
    if dep is not None and dep.form != "narrative" and dep.source.digest != _dep_digest(dep):
        return False  # an edited department table form: the workbook is rebuilt
    return True


def _dep_digest(dep) -> str:
    from perfeditor.io.xlsx.department_table import department_digest

    return department_digest(dep)


def patch(doc: Document, path: Path) -> list[str]:
    """Patch the source workbook of ``doc`` into ``path``; raises :class:`NotPatchable`."""
    return prepare(doc, path)()


def prepare(doc: Document, path: Path) -> Callable[[], list[str]]:
    """Work out the patched workbook in memory without writing anything; returns the function
    that writes it to ``path`` (and points the document at the result). Raises
    :class:`NotPatchable` when the change cannot be made in place."""
    src = Path(doc.path)
    data = src.read_bytes()
    edited: dict[str, list[Project]] = {}
    by_sheet: dict[str, list[Project]] = {}
    originals = [p for p in doc.projects if _is_original(p)]
    inserts, sheet_inserts, front = _insertions(doc, originals)
    for p in originals:
        by_sheet.setdefault(p.source_ref.sheet, []).append(p)
        if _is_edited(p):
            edited.setdefault(p.source_ref.sheet, []).append(p)
    for projects in by_sheet.values():
        order = [p.variant.extras.get("form_index") for p in projects]
        if any(k is None for k in order) or order != sorted(set(order)):
            raise NotPatchable("projects duplicated or reordered")
    order = [p.variant.extras.get("file_index", -1) for p in originals]
    if order != sorted(order):
        raise NotPatchable("projects moved")
    if not originals and doc.projects == []:
        raise NotPatchable("every project removed")  # how many the file had is not known here
    removed, sheets_removed = _removals(doc, src, originals)
    for sheet, _ in removed:
        edited.setdefault(sheet, [])
    if (removed or sheets_removed) and any(tmpl is not prev for prev, _, tmpl in inserts):
        raise NotPatchable("projects both added and removed")  # a template below: its rows may move
    for prev, _, _ in inserts:
        edited.setdefault(prev.source_ref.sheet, [])
    report: list[str] = []
    new_members: dict[str, bytes] = {}
    edited_xml: dict[str, tuple[str, SheetXML]] = {}  # member → (sheet, its patched XML)
    shifts: dict[int, int] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sheet_paths(zf)
        fmt_of = styles_formats(zf)
        dep = doc.department
        dep_delta = 0
        if dep is not None and dep.source.digest != _dep_digest(dep):
            member = names.get(dep.source.sheet)
            if member is None or dep.source.sheet in edited:
                raise NotPatchable("department sheet")
            xml = SheetXML(zf.read(member))
            dep_delta = patch_department(xml, dep)
            edited_xml[member] = (dep.source.sheet, xml)
        for sheet, projects in edited.items():
            member = names.get(sheet)
            if member is None:
                raise NotPatchable(f"sheet {sheet}")
            xml = SheetXML(zf.read(member))
            ops = [(p.source_ref.first_row, 0, p, None) for p in projects]
            ops += [(prev.source_ref.first_row - 1 if id(new) in front else form_end(prev), 1, prev,
                     (new, tmpl)) for prev, new, tmpl in inserts if prev.source_ref.sheet == sheet]
            ops += [(rows[0], 0, None, rows) for (at, _), rows in removed.items() if at == sheet]
            for _, _, p, what in sorted(ops, key=lambda o: (o[0], o[1]), reverse=True):
                if p is None:
                    _delete_rows(xml, *what)
                elif what is None:
                    shifts[id(p)] = _patch_project(xml, p, fmt_of, report)
                else:
                    gap = _gap(p, originals)
                    for new in reversed(what[0]):
                        _insert_project(xml, p, new, what[1], fmt_of, report, gap, id(what[0]) in front)
            edited_xml[member] = (sheet, xml)
        dropped: set[str] = set()
        styles = guard_sheets(zf, [xml.root for _, xml in edited_xml.values()])
        if edited_xml:
            new_members, dropped = follow_shifts(zf, names, edited_xml)
        if styles is not None:
            new_members[STYLES] = styles
        if sheet_inserts:
            new_members.update(_add_sheets(zf, names, new_members, sheet_inserts, fmt_of, report))
        if sheets_removed:
            from perfeditor.io.xlsx.newsheet import remove_sheets

            more, gone = remove_sheets(lambda m: new_members[m] if m in new_members else zf.read(m),
                                       set(zf.namelist()), names, sheets_removed)
            new_members.update(more)
            dropped |= gone
        infos = zf.infolist()
        members = {info.filename: new_members.get(info.filename) or zf.read(info) for info in infos
                   if info.filename not in dropped}
    same = Path(path).resolve() == src.resolve()
    structural = bool(inserts or sheet_inserts or removed or sheets_removed)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for info in infos:
                if info.filename in members:
                    out.writestr(info, members[info.filename])
            for name, body in new_members.items():  # parts of sheets added
                if name not in members and name not in dropped:
                    out.writestr(name, body)

    def commit() -> list[str]:
        if not new_members and not dropped:
            if not same:
                atomic_write(Path(path), lambda tmp: tmp.write_bytes(data))
            return report
        atomic_write(Path(path), write)
        if same and structural:
            _reread_refs(doc, Path(path))
        elif same:
            _update_refs(doc, by_sheet, shifts)
            if dep is not None:
                dep.source.last_row += dep_delta
                dep.source.digest = _dep_digest(dep)
        return report
    return commit


def _removals(doc: Document, src: Path, originals: list[Project]):
    """The original forms no longer in ``doc``: {(sheet, first row): (first, last) rows to delete} on
    sheets that keep other content, and the names of sheets that held only a removed form."""
    counts = {p.variant.extras.get("forms_in_file") for p in originals}
    if counts == {len(originals)}:
        return {}, []
    from perfeditor.io.xlsx.reader import read_xlsx

    before = read_xlsx(src)
    if len(before.projects) not in counts:
        raise NotPatchable("the file changed since it was read")
    kept = {(p.source_ref.sheet, p.source_ref.first_row) for p in originals}
    on_sheet: dict[str, list] = {}
    for q in before.projects:
        on_sheet.setdefault(q.source_ref.sheet, []).append(q.source_ref)
    dep_sheet = before.department.source.sheet if before.department is not None and \
        before.department.source is not None else None
    rows: dict = {}
    sheets: list[str] = []
    for sheet, refs in on_sheet.items():
        gone = [r for r in refs if (sheet, r.first_row) not in kept]
        if not gone:
            continue
        if len(gone) == len(refs) and sheet != dep_sheet:
            sheets.append(sheet)
            continue
        for r in gone:
            k = refs.index(r)
            later = [x for x in refs[k + 1:] if (sheet, x.first_row) in kept]
            earlier = [x for x in refs[:k] if (sheet, x.first_row) in kept]
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


def _delete_rows(xml: SheetXML, first: int, last: int) -> None:
    """Delete rows ``first``..``last`` and move the rows below up; merges and breaks inside go."""
    n = last - first + 1
    merges = xml.root.find(f"{_N}mergeCells")
    for m in list(merges) if merges is not None else []:
        (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
        if first <= r1 and r2 <= last:
            merges.remove(m)
        elif r1 <= last and r2 >= first:
            raise NotPatchable("a merged range crosses the removed form")
        elif r1 > last:
            m.set("ref", f"{col_letter(c1)}{r1 - n}:{col_letter(c2)}{r2 - n}")
    put_merges(xml, merges, [])
    for r in range(first, last + 1):
        row = xml.rows.pop(r, None)
        if row is not None:
            xml.data.remove(row)
    for brk in list(xml.root.iter(f"{_N}brk")):
        parent = brk.getparent()
        at = int(brk.get("id", "0"))
        if parent.tag != f"{_N}rowBreaks":
            continue
        if first - 1 <= at <= last - 1:  # the break before the removed form goes with it
            parent.remove(brk)
            parent.set("count", str(len(parent)))
            if parent.get("manualBreakCount") is not None:
                parent.set("manualBreakCount", str(len(parent)))
        elif at == last:  # the break after it now comes before the next form
            brk.set("id", str(first - 1))
    shift_rows(xml, last, -n)
    shift_other_refs(xml.root, last, -n)


def _is_edited(p: Project) -> bool:
    """Content changed, or the amount unit (单位：万元 → 元), which the fingerprint leaves out."""
    return p.content_fingerprint() != p.source_ref.digest or \
        p.budget.unit != p.variant.extras.get("unit_read", p.budget.unit)


def _is_original(p: Project) -> bool:
    return p.source_ref is not None and p.source_ref.format == "xlsx"


def _insertions(doc: Document, originals: list[Project]):
    """Projects added since reading, as (predecessor, [new projects], template form): on a
    stacked sheet they go after the original project before them (new first projects in front of
    the first), as a copy of a form of the same sheet and layout; in a workbook of one form per
    sheet, each on a new sheet after the predecessor's, a copy of the nearest form sheet of that
    layout. Returns (stacked, new sheets, ids of the stacked lists that go in front)."""
    if len(originals) == len(doc.projects):
        return [], [], set()
    per_sheet: dict[str, list[Project]] = {}
    for p in originals:
        per_sheet.setdefault(p.source_ref.sheet, []).append(p)
    if len(per_sheet) > 1 and all(len(v) == 1 for v in per_sheet.values()):
        return [], _sheet_insertions(doc), set()
    out: list[tuple[Project, list[Project], Project]] = []
    front: set[int] = set()  # ids of the lists of projects that go in front of their form
    prev: Project | None = None
    for p in doc.projects:
        if _is_original(p):
            prev = p
            continue
        if prev is None:  # new first projects: in front of the first form read, copies of it
            if not originals:
                raise NotPatchable("every project new")
            if out:
                out[-1][1].append(p)
            else:
                out.append((originals[0], [p], originals[0]))
                front.add(id(out[-1][1]))
            continue
        if out and out[-1][0] is prev:
            out[-1][1].append(p)
            continue
        layout = doc.layout
        same = [q for q in per_sheet[prev.source_ref.sheet] if q.variant.layout == layout]
        if not same:
            raise NotPatchable("no form of that layout on the sheet")
        tmpl = prev if prev in same else same[0]
        if tmpl is not prev and tmpl.content_fingerprint() != tmpl.source_ref.digest:
            raise NotPatchable("template form edited")  # its recorded rows would be stale
        out.append((prev, [p], tmpl))
    return out, [], front


def _gap(prev: Project, originals: list[Project]) -> int:
    """Blank rows between forms on ``prev``'s sheet (none between forms of one table)."""
    forms = sorted((q for q in originals if q.source_ref.sheet == prev.source_ref.sheet),
                   key=lambda q: q.source_ref.first_row)
    k = forms.index(prev)
    if k + 1 < len(forms):
        return max(0, forms[k + 1].source_ref.first_row - form_end(prev) - 1)
    if k > 0:
        return max(0, prev.source_ref.first_row - form_end(forms[k - 1]) - 1)
    return 1


def _sheet_insertions(doc: Document):
    out: list[tuple[Project, list[Project], Project]] = []
    prev: Project | None = None
    seen: list[Project] = []
    for p in doc.projects:
        if _is_original(p):
            prev = p
            seen.append(p)
            continue
        if prev is None:
            raise NotPatchable("a new first project")
        if out and out[-1][0] is prev:
            out[-1][1].append(p)
            continue
        same = [q for q in reversed(seen) if q.variant.layout == doc.layout]
        if not same:
            raise NotPatchable("no form of that layout")
        out.append((prev, [p], same[0]))
    return out


def _add_sheets(zf, names, new_members, additions, fmt_of, report) -> dict[str, bytes]:
    """New sheets for projects added to a workbook of one form per sheet (see newsheet.py)."""
    from perfeditor.io.xlsx.newsheet import add_sheets
    from perfeditor.io.xlsx.writer import safe_sheet_name

    def fill(xml: SheetXML, new: Project, tmpl: Project) -> None:
        placed = new.model_copy(deep=True)
        placed.variant = tmpl.variant.model_copy(
            update={"extras": copy.deepcopy(tmpl.variant.extras)})
        _patch_project(xml, placed, fmt_of, report)

    return add_sheets(lambda m: new_members[m] if m in new_members else zf.read(m), zf.read,
                      set(zf.namelist()), names, additions, fill, safe_sheet_name)


def form_end(p: Project) -> int:
    """The last row of ``p``'s form proper: its last indicator row (a note row under it, inside
    its recorded block, stays with the sheet), else its recorded last row."""
    rows = p.variant.extras.get("block", {}).get("rows")
    return min(rows[-1], p.source_ref.last_row) if rows else p.source_ref.last_row


def _break_before(xml: SheetXML, row: int) -> bool:
    return any(brk.getparent().tag == f"{_N}rowBreaks" and brk.get("id") == str(row - 1)
               for brk in xml.root.iter(f"{_N}brk"))


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
    breaks.set("count", str(len(breaks)))
    if breaks.get("manualBreakCount") is not None:
        breaks.set("manualBreakCount", str(len(breaks)))


def _insert_project(xml: SheetXML, prev: Project, new: Project, tmpl: Project, fmt_of,
                    report: list[str], gap: int = 1, before: bool = False) -> None:
    """Copy ``tmpl``'s rows (styles, merges, labels) to after ``prev`` (``gap`` blank rows
    between forms, as on the sheet) and fill in ``new``; where the forms of the sheet start on
    a new page, so does this one."""
    t0, t1 = tmpl.source_ref.first_row, form_end(tmpl)
    n = t1 - t0 + 1
    after = prev.source_ref.first_row - 1 if before else form_end(prev) + gap
    paged = _break_before(xml, tmpl.source_ref.first_row) or _break_before(xml, prev.source_ref.first_row)
    if before:  # (``prev`` is the form the new one goes in front of)
        paged = xml.root.find(f"{_N}rowBreaks") is not None and len(xml.root.find(f"{_N}rowBreaks")) > 0
    clones = [copy.deepcopy(xml.rows[r]) for r in range(t0, t1 + 1) if r in xml.rows]
    merges = xml.root.find(f"{_N}mergeCells")
    spans = []
    for m in list(merges) if merges is not None else []:
        (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
        if t0 <= r1 and r2 <= t1:
            spans.append((r1, c1, r2, c2))
    shift_rows(xml, after, n + gap)
    if merges is not None:
        for m in merges:
            m.set("ref", shift_ref_text(m.get("ref"), after, n + gap))
    shift_other_refs(xml.root, after, n + gap)
    off = after + 1 - t0
    anchor = next((xml.rows[r] for r in range(after, 0, -1) if r in xml.rows), None)
    for row in clones:
        r = int(row.get("r")) + off
        row.set("r", str(r))
        for el in row.findall(f"{_N}c"):
            _, c = split_ref(el.get("r"))
            el.set("r", f"{col_letter(c)}{r}")
        if anchor is None:
            xml.data.insert(0, row)
        else:
            anchor.addnext(row)
        anchor = row
        xml.rows[r] = row
    if spans:
        put_merges(xml, merges, [f"{col_letter(c1)}{r1 + off}:{col_letter(c2)}{r2 + off}"
                                 for r1, c1, r2, c2 in spans])
    extras = copy.deepcopy(tmpl.variant.extras)
    for pos in extras.get("cells", {}).values():
        pos[0] += off
        if len(pos) == 3:
            pos[1] += off
    extras["block"]["end"] = min(extras["block"]["end"], t1)
    for k in ("header_row", "data_row", "end"):
        extras["block"][k] += off
    extras["block"]["repeats"] = [x + off for x in extras["block"].get("repeats", [])]
    if extras["block"].get("rows") is not None:
        extras["block"]["rows"] = [x + off for x in extras["block"]["rows"]]
    if paged:
        had = _break_before(xml, after + 1)
        if had:  # the next form's break stayed: it moves down with it
            for brk in xml.root.iter(f"{_N}brk"):
                if brk.get("id") == str(after):
                    brk.set("id", str(after + n + gap))
        if before:
            _put_break(xml, after + n + gap + 1)
        if had or not before:
            _put_break(xml, after + 1)
    placed = new.model_copy(deep=True)
    placed.variant = tmpl.variant.model_copy(update={"extras": extras})
    _patch_project(xml, placed, fmt_of, report)


def _reread_refs(doc: Document, path: Path) -> None:
    """After projects were added in place, take every position from the file as saved."""
    from perfeditor.io.xlsx.reader import read_xlsx

    saved = read_xlsx(path)
    if len(saved.projects) != len(doc.projects):
        for p in doc.projects:
            if p.source_ref is not None:
                p.source_ref.digest = ""
        return
    for p, q in zip(doc.projects, saved.projects, strict=False):
        p.source_ref = q.source_ref
        p.variant.extras = q.variant.extras
        if p.variant.layout != q.variant.layout or not p.variant.labels:
            p.variant = q.variant
        p.source_ref.digest = p.content_fingerprint()
    if doc.department is not None and saved.department is not None:
        doc.department.source = saved.department.source
        doc.department.source.digest = _dep_digest(doc.department)


def _update_refs(doc: Document, by_sheet, shifts) -> None:
    for projects in by_sheet.values():
        offset = 0
        for p in projects:
            ref = p.source_ref
            extras = p.variant.extras
            if offset:
                ref.first_row += offset
                ref.last_row += offset
                for pos in extras.get("cells", {}).values():
                    pos[0] += offset
                    if len(pos) == 3:  # a span of rows
                        pos[1] += offset
                block = extras["block"]
                for k in ("header_row", "data_row", "end"):
                    block[k] += offset
                block["repeats"] = [x + offset for x in block.get("repeats", [])]
            block = extras["block"]
            if offset and block.get("rows") is not None:
                block["rows"] = [r + offset for r in block["rows"]]
            if id(p) in shifts:
                if block.get("rows") is None or len(block["rows"]) != len(p.indicators) \
                        or block.get("shape") != levels_digest(p.indicators):
                    # rewritten: the block is one run of indicator rows now
                    block["repeats"] = []
                    block["rows"] = list(range(block["data_row"], block["data_row"] + len(p.indicators)))
                block["read"] = [indicator_digest(i) for i in p.indicators]
                block["shape"] = levels_digest(p.indicators)
            delta = shifts.get(id(p), 0)
            if delta:
                ref.last_row += delta
                extras["block"]["end"] += delta
            offset += delta
            ref.digest = p.content_fingerprint()
            extras["unit_read"] = p.budget.unit
            texts = extras.get("unit_texts", {})
            for key, printed in texts.items():
                texts[key] = V.with_unit(printed, p.budget.unit)


def _field_text(p: Project, fld: str) -> str | None:
    if fld.startswith("plan:"):
        return p.spending_plan.get(fld[5:], "")
    if fld.startswith("budget."):
        return getattr(p.budget, fld[7:], None)
    return getattr(p, fld, None) if fld in Project.model_fields else None


def _patch_project(xml: SheetXML, p: Project, fmt_of, report: list[str]) -> int:
    extras = p.variant.extras
    cells = extras.get("cells", {})
    for key, printed in extras.get("unit_texts", {}).items():
        text = V.with_unit(printed, p.budget.unit)
        if key in cells and text != printed:
            set_value(xml.cell(*cells[key]), text, fmt_of, False)
    for fld, pos in cells.items():
        if fld.startswith(("unit_label", "unit_in:")):
            continue
        if fld.endswith(":more_rows"):  # goals spread over rows: all now go in the first
            for rr in range(pos[0], pos[1] + 1):
                el = xml.cell(rr, pos[2], create=False)
                if el is not None:
                    set_value(el, "", fmt_of, False)
            continue
        r, c = pos
        text = _field_text(p, fld)
        if text is None:
            continue
        set_value(xml.cell(r, c), text, fmt_of, fld.startswith(_NUMERIC_FIELDS))
    for month, value in p.spending_plan.items():
        if f"plan:{month}" not in cells and value:
            report.append(f"项目“{p.name}”：表中没有“{month}”的资金支出计划，未写入。")
    for fld in ("code", "name", "unit", "implementer", "kind", "period", "source", "purpose",
                "goals", "goals_midterm"):
        if getattr(p, fld) and fld not in cells:
            report.append(f"项目“{p.name}”：原表中没有“{fld}”一栏，该内容未写入。")
    return _patch_indicators(xml, p, fmt_of, report)


def _patch_in_rows(xml: SheetXML, p: Project, block: dict, fmt_of) -> bool:
    """Indicators edited but still one to a recorded row with the same 一级/二级 grouping: only
    the cells of changed rows are rewritten (a split form keeps its repeated rows). False when
    the rows must be rebuilt."""
    rows, read = block.get("rows"), block.get("read")
    inds = p.indicators
    if rows is None or read is None or len(rows) != len(inds) or len(read) != len(inds):
        return False
    cols: dict[str, int] = block["cols"]
    now = [indicator_digest(i) for i in inds]
    if block.get("shape") != levels_digest(inds):
        return False
    for r, ind, before, after in zip(rows, inds, read, now, strict=True):
        if before == after:
            continue
        for f, c in cols.items():
            if f in ("level1", "level2"):
                continue
            value = (ind.grades or {}).get(f[6:], "") if f.startswith("grade:") else getattr(ind, f, "")
            set_value(xml.cell(r, c), value, fmt_of, f == "weight")
    return True


def _patch_indicators(xml: SheetXML, p: Project, fmt_of, report: list[str]) -> int:
    block = p.variant.extras["block"]
    if _patch_in_rows(xml, p, block, fmt_of):
        return 0
    cols: dict[str, int] = block["cols"]
    data, end = block["data_row"], block["end"]
    if block.get("rows"):  # rows after the last indicator (a note inside the block) stay as they are
        end = min(end, block["rows"][-1])
    old_rows = [xml.rows[r] for r in range(data, end + 1) if r in xml.rows]
    repeats = set(block.get("repeats", ()))  # a split form's repeated title / header rows
    header = block["header_row"]
    templates = ([row for row in old_rows if int(row.get("r")) not in repeats] or old_rows
                 or ([xml.rows[header]] if header in xml.rows else []))
    if not templates:
        raise NotPatchable("no template row")
    merges = xml.root.find(f"{_N}mergeCells")
    merge_list = [] if merges is None else list(merges)
    tmpl_hmerges: dict[int, list[tuple[int, int]]] = {}  # template row → [(c1, c2)]
    for m in merge_list:
        (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
        if r1 == r2 and data <= r1 <= end and c2 > c1:
            tmpl_hmerges.setdefault(r1, []).append((c1, c2))
    n_old, inds = end - data + 1, p.indicators
    n_new = len(inds)
    delta = n_new - n_old
    # remove the old indicator rows and merges inside the block
    for row in old_rows:
        xml.data.remove(row)
        del xml.rows[int(row.get("r"))]
    kept = []
    for m in merge_list:
        (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
        if data <= r1 and r2 <= end:
            merges.remove(m)
            continue
        kept.append((m, r1, c1, r2, c2))
    # shift everything below the block
    if delta:
        shift_rows(xml, end, delta)
        for m, r1, c1, r2, c2 in kept:
            if r1 > end:
                r1 += delta
            if r2 >= end:
                r2 = max(r2 + delta, r1)
            m.set("ref", f"{col_letter(c1)}{r1}:{col_letter(c2)}{r2}")
        shift_other_refs(xml.root, end, delta)
    # new rows from templates
    anchor = None
    for r in range(data - 1, 0, -1):
        if r in xml.rows:
            anchor = xml.rows[r]
            break
    new_merges: list[str] = []
    for i, ind in enumerate(inds):
        tmpl = templates[min(i, len(templates) - 1)]
        r = data + i
        row = copy.deepcopy(tmpl)
        row.set("r", str(r))
        if "spans" in row.attrib:
            del row.attrib["spans"]
        for el in row.findall(f"{_N}c"):
            rr, cc = split_ref(el.get("r"))
            el.set("r", f"{col_letter(cc)}{r}")
            for child in list(el):
                el.remove(child)
            if "t" in el.attrib:
                del el.attrib["t"]
        values = {f: (ind.grades or {}).get(f[6:], "") if f.startswith("grade:") else getattr(ind, f, "")
                  for f in cols}
        for f in ("level1", "level2"):
            if f in cols and i > 0 and _same_run(inds, i, f):
                values[f] = ""
        if anchor is None:
            xml.data.insert(0, row)
        else:
            anchor.addnext(row)
        anchor = row
        xml.rows[r] = row
        for f, c in cols.items():
            set_value(xml.cell(r, c), values[f], fmt_of, f == "weight")
        tmpl_r = int(tmpl.get("r")) if tmpl in old_rows else None
        for c1, c2 in tmpl_hmerges.get(tmpl_r, []):
            new_merges.append(f"{col_letter(c1)}{r}:{col_letter(c2)}{r}")
    for f in ("level1", "level2"):
        if f not in cols:
            continue
        i = 0
        while i < n_new:
            j = i
            while j + 1 < n_new and _same_run(inds, j + 1, f):
                j += 1
            if j > i:
                c = cols[f]
                new_merges.append(f"{col_letter(c)}{data + i}:{col_letter(c)}{data + j}")
            i = j + 1
    put_merges(xml, merges, new_merges)
    return delta


def _same_run(inds, i: int, f: str) -> bool:
    a, b = inds[i - 1], inds[i]
    if not getattr(b, f) or getattr(a, f) != getattr(b, f):
        return False
    return f == "level1" or a.level1 == b.level1
