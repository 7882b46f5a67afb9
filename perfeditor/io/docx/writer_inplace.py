"""Saving back into the .docx a document was read from: only the form tables change.

* A project whose ``content_fingerprint()`` equals its place's digest (see
  :class:`~perfeditor.io.source.SourceMap`) keeps its XML untouched.
* An edited project whose table keeps its shape (same rows, same 一级/二级 grouping) gets only the
  texts of its changed cells replaced (:mod:`writer_patch`); when nothing else changed, those cells
  are spliced into the original bytes and the rest of the part stays byte-identical.
* Any other edited project's blocks are replaced, at the same place, by a table rebuilt from its
  :class:`~perfeditor.model.FormVariant` (columns, labels as printed, title as row …) that copies the
  original table's properties (borders, width), grid widths, cell borders and the paragraph/run
  properties (fonts) of its first label and value cells and of its title paragraph.
* Projects reordered move their blocks; projects removed have their blocks deleted (found by reading
  the original again, only when a table that looks like a form is claimed by no project); projects
  added become new tables after the last form, styled like the first existing one.
* The department part is rewritten only when its content changed.
* Every zip member but the main document part is copied unchanged; an unchanged document keeps
  even the main part byte-identical.
"""
from __future__ import annotations

import copy
import io
import logging
import re
import zipfile
from pathlib import Path

from lxml import etree

from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.writer_department import ProseLook, build_department_table, narrative_sections
from perfeditor.io.docx.writer_patch import patch_in_bytes, patch_project, splice_cells
from perfeditor.io.docx.writer_table import ProtoRows
from perfeditor.io.docx.writer_template import build_project, separate_tables
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.model import LAYOUTS, Department, Document, Project
from perfeditor.model.dump import dump_department

log = logging.getLogger(__name__)

_FORM_WORDS = ("指标", "绩效目标", "满意度", "效益")
_TITLE = re.compile(r"(绩效目标表|申报表)\s*$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                          remove_blank_text=False, collect_ids=False)


def main_part(zf: zipfile.ZipFile) -> str:
    """The main document part's name, found the way the reader finds it."""
    from perfeditor.io.docx.reader import _main_part

    return _main_part(zf)


def write_in_place(doc: Document, original: bytes, tmp: Path, smap: SourceMap):
    """Write ``doc`` into a copy of ``original`` (the file ``smap`` describes) at ``tmp``.
    Returns a function that, once the file has replaced the original, points ``smap`` at the
    new file."""
    placed: dict = {}
    with zipfile.ZipFile(io.BytesIO(original)) as zin:
        part = main_part(zin)
        xml = zin.read(part)
        fast = patch_in_bytes(doc, xml, zin.getinfo(part).CRC, smap)
        if fast is not None:  # value edits only: the edited tables alone were parsed
            _write_package(zin, part, fast[0], tmp)
            return _refresh_patched(doc, smap, *fast)
        root = etree.fromstring(xml, _PARSER)
        patched: list = []
        if apply_changes(doc, root, smap, placed, patched):
            spliced = splice_cells(xml, root, patched) if patched and patched[-1] is not None \
                else None
            xml = spliced if spliced is not None else etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True)
        _write_package(zin, part, xml, tmp)
    order = {el: k for k, el in enumerate(body_blocks(root))}
    refs = {key: sorted(order[el] for el in els if el in order) for key, els in placed.items()
            if key not in ("unchanged", "digests")}
    unchanged = placed.get("unchanged", set())
    digests = placed.get("digests", {})

    def fingerprint(p: Project) -> str:
        got = digests.get(id(p))
        return got if got is not None else _fingerprint(p)

    def refresh() -> None:
        places: dict[int, FormPlace] = {}
        for p in doc.projects:
            got = refs.get(id(p))
            place = smap.of(p)
            if id(p) in unchanged and place is not None and got == place.blocks:
                places[p.uid] = place  # same blocks, same content: its digest holds
            elif got:
                places[p.uid] = FormPlace(format="docx", blocks=got, digest=fingerprint(p))
            elif place is not None:
                places[p.uid] = place
        from perfeditor.io.docx.reader import number_parts

        number_parts(list(places.values()))
        smap.projects = places  # (projects removed leave the map)
        dep = doc.department
        got = refs.get("department")
        if dep is None:
            smap.department = None
        elif got:
            smap.department = FormPlace(format="docx", blocks=got, digest=_fingerprint(dep))
        smap.scan = None  # the part changed: the next save parses it

    return refresh


def _write_package(zin: zipfile.ZipFile, part: str, xml: bytes, tmp) -> None:
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, xml if info.filename == part else zin.read(info))


def _refresh_patched(doc: Document, smap: SourceMap, xml: bytes, digests: dict, blocks: list):
    """After :func:`patch_in_bytes`: the projects keep their blocks and take their new
    fingerprints; the scan's record of the part follows the new part."""
    import zlib

    def refresh() -> None:
        for p in doc.projects:
            place = smap.of(p)
            if place is not None and id(p) in digests:
                place.digest = digests[id(p)]
        if smap.scan is not None:
            smap.scan = dict(smap.scan, crc=zlib.crc32(xml), size=len(xml), blocks=blocks)

    return refresh


# --- looks taken from the original -------------------------------------------------------------

def _text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(x.W_T))


def _first_text_run_rpr(p):
    for r in p.iter(x.W_R):
        if r.find(x.W_T) is not None and (r.find(x.W_T).text or "").strip():
            return r.find(x.W_RPR)
    return None


def _para_look(p) -> tuple:
    if p is None:
        return (None, None)
    return (p.find(x.W_PPR), _first_text_run_rpr(p))


def capture_look(elems: list) -> tuple[x.Look, list[int] | None]:
    """The look of a form's original blocks (its first table, its title paragraph)."""
    look = x.Look(cell_style=None, head_style=None, title_style=None)
    look.extras["mof_title_style"] = None
    title = next((e for e in elems if e.tag == x.W_P and _text_of(e).strip()), None)
    look.title_ppr, look.title_rpr = _para_look(title)
    if look.title_ppr is None and title is not None:
        look.title_ppr = etree.Element(x.W_PPR)
        etree.SubElement(look.title_ppr, x.w("jc")).set(x.W_VAL, "center")
    tbl = next((e for e in elems if e.tag == x.W_TBL), None)
    if tbl is None:
        return look, None
    look.tbl_pr = tbl.find(x.W_TBLPR)
    look.extras["ns_decl"] = x.ns_declarations(tbl)
    look.extras["protos"] = ProtoRows([e for e in elems if e.tag == x.W_TBL])
    widths = []
    grid = tbl.find(x.w("tblGrid"))
    for gc in (grid if grid is not None else []):
        try:
            widths.append(int(gc.get(x.W_W)))
        except (TypeError, ValueError):
            widths = []
            break
    if widths and sum(widths) > 0:
        look.grid_total = sum(widths)
    found: list = []
    for tc in tbl.iter(x.W_TC):
        if look.tc_borders is None:
            pr = tc.find(x.W_TCPR)
            if pr is not None and pr.find(x.w("tcBorders")) is not None:
                look.tc_borders = pr.find(x.w("tcBorders"))
        p = next((p for p in tc.iter(x.W_P) if _text_of(p).strip()), None)
        if p is not None:
            found.append(p)
        if len(found) >= 4:
            break
    if found:
        # 4 first texts: hebei 单位 · 单位：万元 · 项目编码 · code; mof 项目名称 · name · 主管部门 · unit
        look.head_ppr, look.head_rpr = _para_look(found[2] if len(found) > 2 else found[0])
        look.cell_ppr, look.cell_rpr = _para_look(found[3] if len(found) > 3 else found[-1])
    return look, widths or None


# --- the plan --------------------------------------------------------------------------------

def _ref_ok(p: Project, n: int, smap: SourceMap) -> bool:
    ref = smap.of(p)
    return ref is not None and ref.format == "docx" and bool(ref.blocks) \
        and all(0 <= i < n for i in ref.blocks)


def _fingerprint(part) -> str:
    try:
        return part.content_fingerprint()
    except UnicodeError:  # text that cannot be fingerprinted: counts as edited next time
        return ""


def _edited(p: Project, smap: SourceMap, digests: dict | None = None) -> bool:
    """``p`` changed since it was read; its fingerprint goes into ``digests`` (by ``id``)."""
    try:
        now = p.content_fingerprint()
    except UnicodeError:  # text that cannot even be fingerprinted (lone surrogates) was typed in
        return True
    if digests is not None:
        digests[id(p)] = now
    ref = smap.of(p)
    return now != (ref.digest if ref is not None else "")


def _layout(p: Project, doc: Document) -> str:
    return p.variant.layout if p.variant.layout in LAYOUTS else doc.layout


def _rebuild(p: Project, index: int, doc: Document, elems: list) -> list:
    look, widths = capture_look(elems)
    return build_project(p, index, _layout(p, doc), look, widths)


def _removed_groups(blocks: list, claimed: set[int], kept_groups: set[tuple]) -> list[list[int]]:
    """Block groups of projects the original holds but the document no longer has."""
    suspicious = any(b.tag == x.W_TBL and i not in claimed
                     and any(word in _text_of(b) for word in _FORM_WORDS)
                     for i, b in enumerate(blocks))
    if not suspicious:
        return []
    from perfeditor.io.docx.reader import read_blocks

    original = SourceMap()
    read_blocks(blocks, original)
    return [list(ref.blocks) for ref in original.projects.values()
            if tuple(ref.blocks) not in kept_groups]


_DEPARTMENT_WORDS = ("部门整体", "总体绩效目标", "年度主要任务")


def _removed_department(blocks: list, claimed: set[int]) -> list[int]:
    """The blocks of the department part the original holds when the document no longer has one
    (the clerk deleted it); read again only when some block names a department part."""
    if not any(i not in claimed and any(word in _text_of(b) for word in _DEPARTMENT_WORDS)
               for i, b in enumerate(blocks)):
        return []
    from perfeditor.io.docx.reader import read_blocks

    original = SourceMap()
    read_blocks(blocks, original)
    if original.department is None:
        return []
    return [i for i in original.department.blocks if i not in claimed and 0 <= i < len(blocks)]


def _joining_shared(doc: Document, shared: dict, added: list[Project], index: dict) -> set[int]:
    """Added projects that stand among (or right after) the forms of one shared table go into
    that table: each group's member list takes them in document order. Returns their ids."""
    joined: set[int] = set()
    new = {id(p) for p in added}
    for members in shared.values():
        ids = {id(m) for m in members}
        first, last = index[id(members[0])], max(index[id(m)] for m in members)
        order = list(members)
        for p in doc.projects[first:]:  # (index is 1-based: this starts after the first member)
            k = index[id(p)]
            if id(p) in new and (k < last or k == last + 1 or id(doc.projects[k - 2]) in joined | ids):
                order.append(p)
                joined.add(id(p))
            elif k > last:
                break
        members[:] = sorted(order, key=lambda m: index[id(m)])
    return joined


def _keep_shared(members: list[Project], own: list, placed: dict, unchanged: set, patched: list,
                 digests: dict, smap: SourceMap) -> bool:
    """The forms of one shared table are all there, in their order, and at most their values
    changed: those cells are patched. False when the table must be rebuilt."""
    if any(smap.of(m) is None for m in members) or len(members) != smap.of(members[0]).parts \
            or [smap.of(m).part for m in members] != list(range(len(members))):
        return False  # (a project joined the table, or its forms moved)
    edited = [m for m in members if _edited(m, smap, digests)]
    cells: list = []
    for m in edited:
        got = patch_project(m, own, smap.of(m))
        if got is None:
            return False  # (cells patched before stay: the rebuilt table replaces them all)
        cells.extend(got)
    for m in members:
        placed[id(m)] = own
        if m not in edited:
            unchanged.add(id(m))
    patched.extend(cells)
    return True


def _merged(builds: list[list]) -> list:
    """Built forms as one table (the rows of each after the first's) when each is one table of
    the same grid; else the forms one after the other."""
    tables = [b[0] for b in builds if len(b) == 1 and b[0].tag == x.W_TBL]
    if len(tables) == len(builds) and tables:
        grids = [[g.get(x.w("w")) for g in t.iter(x.w("gridCol"))] for t in tables]
        if all(g == grids[0] for g in grids):
            first = tables[0]
            for t in tables[1:]:
                for tr in t.findall(x.w("tr")):
                    first.append(tr)
            return [first]
    return [el for b in builds for el in b]


def apply_changes(doc: Document, root, smap: SourceMap, placed: dict | None = None,
                  patched: list | None = None) -> bool:
    """Change the parsed main part ``root`` (of the file ``smap`` describes) to hold ``doc``;
    False when nothing had to change.
    ``placed`` receives, per project (``id``) and for "department", the blocks now holding it,
    under "unchanged" the ids of projects neither edited nor moved, under "digests" the
    fingerprints worked out (by ``id``);
    ``patched`` the ``w:tc`` whose text was replaced, then None when anything else changed too."""
    placed = {} if placed is None else placed
    patched = [] if patched is None else patched
    unchanged: set[int] = placed.setdefault("unchanged", set())  # projects left as they were
    digests: dict[int, str] = placed.setdefault("digests", {})  # fingerprints worked out
    blocks = body_blocks(root)
    n = len(blocks)
    body = root.find(x.w("body"))
    index = {id(p): k for k, p in enumerate(doc.projects, 1)}
    kept = [p for p in doc.projects if _ref_ok(p, n, smap)]
    added = [p for p in doc.projects if not _ref_ok(p, n, smap)]
    slots = sorted(kept, key=lambda p: smap.of(p).blocks[0])
    claimed = {i for p in kept for i in smap.of(p).blocks}
    dep = doc.department
    dep_src = smap.department if dep is not None else None
    if dep_src is not None and dep_src.format == "docx":
        claimed.update(i for i in dep_src.blocks if 0 <= i < n)
    removed = _removed_groups(blocks, claimed, {tuple(smap.of(p).blocks) for p in kept})
    gone = _removed_department(blocks, claimed) if dep is None else []
    changed = bool(gone)

    plans: list[tuple[object, list]] = []
    detach: list = [blocks[i] for i in gone]
    # several forms in one table: the table is patched, or rebuilt as one table of them all
    from perfeditor.io.docx.reader import shared_groups

    shared: dict[tuple, list[Project]] = {}
    for group in shared_groups([smap.of(p) for p in kept]):  # type: ignore[misc]
        members = [kept[k] for k in group]
        if len(members) > 1 or smap.of(members[0]).parts > 1:
            shared[tuple(sorted({i for m in members for i in smap.of(m).blocks}))] = members
    joining = _joining_shared(doc, shared, added, index)
    if joining:
        added = [p for p in added if id(p) not in joining]
    in_shared = {id(m) for ms in shared.values() for m in ms}
    for key, members in shared.items():
        own = [blocks[i] for i in key]
        if _keep_shared(members, own, placed, unchanged, patched, digests, smap):
            continue
        new = _merged([_rebuild(m, index[id(m)], doc, own) for m in members])
        for m in members:
            placed[id(m)] = list(new)
        anchor = etree.Element(x.w("bookmarkEnd"))  # placeholder, removed below
        own[0].addprevious(anchor)
        plans.append((anchor, new))
        detach.extend(own)
    if shared:
        kept = [p for p in kept if id(p) not in in_shared]
        slots = [p for p in slots if id(p) not in in_shared]
    # projects in their slots (file order), each slot taking the next project in document order
    for slot, proj in zip(slots, kept, strict=False):
        edited = _edited(proj, smap, digests)
        if slot is proj and not edited:
            placed[id(proj)] = [blocks[i] for i in smap.of(proj).blocks]
            unchanged.add(id(proj))
            continue
        if slot is proj:
            own = [blocks[i] for i in smap.of(proj).blocks]
            cells = patch_project(proj, own, smap.of(proj))
            if cells is not None:
                placed[id(proj)] = own
                patched.extend(cells)
                continue
        slot_elems = [blocks[i] for i in smap.of(slot).blocks]
        own = [blocks[i] for i in smap.of(proj).blocks]
        new = _rebuild(proj, index[id(proj)], doc, own) if edited else own
        placed[id(proj)] = list(new)
        anchor = etree.Element(x.w("bookmarkEnd"))  # placeholder, removed below
        slot_elems[0].addprevious(anchor)
        plans.append((anchor, new))
        detach.extend(slot_elems)
    for group in removed:
        detach.extend(blocks[i] for i in group if 0 <= i < n and i not in claimed)  # (a table shared
        # with a kept form stays: the shared-table pass above rewrote it)
        first = group[0]
        j = first - 1
        while j >= 0 and j not in claimed and blocks[j].tag == x.W_P \
                and _TITLE.search(_text_of(blocks[j]) or "") and j not in group:
            detach.append(blocks[j])
            j -= 1
    if plans or removed:
        changed = True
    for el in detach:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    for anchor, new in plans:
        for el in new:
            anchor.addprevious(el)
        _separate_around(anchor, new)
        anchor.getparent().remove(anchor)

    if dep is not None and _department_changed(dep, blocks, dep_src):
        placed["department"] = _rewrite_department(dep, blocks, dep_src)
        changed = True
    elif dep is not None and (dep_src is None or not dep_src.blocks) and _has_content(dep):
        placed["department"] = _insert_department(body, dep, slots, blocks, smap)
        changed = True
    elif dep is not None and dep_src is not None:
        placed["department"] = [blocks[i] for i in dep_src.blocks if 0 <= i < n]

    if added:
        look, _ = capture_look([blocks[i] for i in smap.of(slots[0]).blocks]) if slots \
            else (x.Look(split_header=True), None)
        if slots:  # styled like the existing forms: two tables when they are
            look.split_header = slots[0].variant.two_tables
        paged = _forms_start_pages(doc, placed)
        for prev, news in _after_predecessors(doc, added, placed):
            new: list = []
            for p in news:
                built = build_project(p, index[id(p)], _layout(p, doc), look)
                if paged and built:
                    if built[0].tag == x.W_P:
                        x.set_page_break_before(built[0])
                    else:
                        built.insert(0, x.page_break_paragraph())
                placed[id(p)] = list(built)
                new += built
            new = separate_tables(new)
            if prev is not None:
                _insert_after(body, placed[id(prev)][-1], new)
                continue
            first = next((placed[id(q)][0] for q in doc.projects if placed.get(id(q)) and id(q) not in
                          {id(n) for n in news}), None)
            if first is None:
                _insert_after(body, _last_form_element(root, slots, dep_src, blocks, plans, smap), new)
            else:  # new first projects: before the first form
                _insert_after(body, None, new, before=first)
        changed = True
    if changed and patched:
        patched.append(None)  # more than cell texts changed: the part is written whole
    return changed or bool(patched)


def _after_predecessors(doc: Document, added: list[Project], placed: dict):
    """The added projects in runs, each after the project before it in the document (one that
    was placed): [(predecessor or None, [projects])]. Projects before every placed one go after
    the last form, as before."""
    runs: list = []
    prev = None
    wanted = {id(p) for p in added}
    for p in doc.projects:
        if id(p) not in wanted:
            if id(p) in placed and placed[id(p)]:
                prev = p
            continue
        if runs and runs[-1][0] is prev:
            runs[-1][1].append(p)
        else:
            runs.append((prev, [p]))
    return runs


def _forms_start_pages(doc: Document, placed: dict) -> bool:
    """Every form of the file after the first starts on a new page (so new forms do too)."""
    firsts = [placed[id(p)][0] for p in doc.projects if placed.get(id(p))]
    firsts = list(dict.fromkeys(firsts))[1:]
    return bool(firsts) and all(x.starts_page(el) for el in firsts)


def _separate_around(anchor, new: list) -> None:
    if not new:
        return
    prev = new[0].getprevious()
    if prev is not None and prev.tag == x.W_TBL and new[0].tag == x.W_TBL:
        new[0].addprevious(x.paragraph(""))
    nxt = anchor.getnext()
    if new[-1].tag == x.W_TBL and (nxt is None or nxt.tag in (x.W_TBL, x.w("sectPr"))):
        anchor.addprevious(x.paragraph(""))


def _last_form_element(root, slots: list[Project], dep_src: FormPlace | None, blocks: list,
                       plans: list, smap: SourceMap):
    """The last block, in the document as it is now, that belongs to a form (or the department)."""
    ids = {blocks[i] for p in slots for i in smap.of(p).blocks}
    if dep_src is not None:
        ids.update(blocks[i] for i in dep_src.blocks if 0 <= i < len(blocks))
    for _, new in plans:
        ids.update(new)
    last = None
    for el in body_blocks(root):
        if el in ids:
            last = el
    return last


def _insert_after(body, last, new: list, before=None) -> None:
    """Put ``new`` after block ``last`` (None: at the end of the body), or in front of ``before``."""
    if before is not None:
        anchor = etree.Element(x.w("bookmarkEnd"))
        before.addprevious(anchor)
    elif last is None:
        sect = body.find(x.w("sectPr"))
        anchor = etree.Element(x.w("bookmarkEnd"))
        if sect is not None:
            sect.addprevious(anchor)
        else:
            body.append(anchor)
    else:
        anchor = etree.Element(x.w("bookmarkEnd"))
        last.addnext(anchor)
    for el in new:
        anchor.addprevious(el)
    _separate_around(anchor, new)
    anchor.getparent().remove(anchor)


# --- the department part ---------------------------------------------------------------------

def _department_changed(dep: Department, blocks: list, src: FormPlace | None) -> bool:
    if src is None or src.format != "docx" or not src.blocks:
        return False  # nowhere to put it back; a new department part is not inserted in place
    if src.digest:
        return _fingerprint(dep) != src.digest or not src.digest
    # no digest from the reader: compare with the original text read again (cheap: paragraphs)
    try:
        elems = [blocks[i] for i in src.blocks]
        if dep.form == "table":
            from perfeditor.io.docx.department import read_department_table
            from perfeditor.io.docx.grid import build_grid

            tbl = next(e for e in elems if e.tag == x.W_TBL)
            old = read_department_table(build_grid(tbl))
        else:
            from perfeditor.io.docx.department import read_narrative
            from perfeditor.io.docx.text import paragraph_text

            old = read_narrative([paragraph_text(e).strip() for e in elems if e.tag == x.W_P])
        return dump_department(old) != dump_department(dep)
    except Exception:  # noqa: BLE001 - the reader cannot tell: rewrite (the content is the clerk's)
        log.info("department part not comparable; rewriting it", exc_info=True)
        return True


def _rewrite_department(dep: Department, blocks: list, dep_src: FormPlace) -> list:
    """Rewrite the department part in place; return the blocks now holding it."""
    elems = [blocks[i] for i in dep_src.blocks if 0 <= i < len(blocks)]
    if dep.form == "table":
        tbl = next((e for e in elems if e.tag == x.W_TBL), None)
        if tbl is None:
            return elems
        look, _ = capture_look(elems)
        new_tbl = build_department_table(dep, look)[-1]
        tbl.addprevious(new_tbl)
        tbl.getparent().remove(tbl)
        return [new_tbl if e is tbl else e for e in elems]
    paras = [e for e in elems if e.tag == x.W_P]
    texts = [_text_of(p).strip() for p in paras]
    start = next((k for k, t in enumerate(texts) if "总体绩效目标" in t and len(t) <= 20), 0)
    heads = [k for k, t in enumerate(texts) if re.search(r"(总体|分项)绩效目标|工作保障措施", t)
             and len(t) <= 20]
    heading = paras[heads[0]] if heads else None
    body = next((paras[k] for k in range(start + 1, len(paras)) if k not in heads and texts[k]), None)
    item = None
    if len(heads) > 1 and heads[1] + 1 < len(paras):
        item = paras[heads[1] + 1]
    look = ProseLook(heading=_copy_pair(heading), item=_copy_pair(item if item is not None else body),
                     body=_copy_pair(body))
    new = narrative_sections(dep, look)
    old = paras[start:]
    if not old:
        return elems
    for el in new:
        old[0].addprevious(el)
    for el in old:
        if el.getparent() is not None:
            el.getparent().remove(el)
    return paras[:start] + new


def _has_content(dep: Department) -> bool:
    return bool(dep.overall.strip() or dep.items or dep.measures.strip() or dep.tasks
                or dep.indicators or dep.name.strip())


def _direct(east: str, size: int, *, bold: bool = False, center: bool = False,
            indent: bool = False) -> tuple:
    """Paragraph/run properties written out (the opened file lacks the template's styles)."""
    ppr = etree.Element(x.W_PPR, nsmap={"w": x.W_NS})
    if indent:
        etree.SubElement(ppr, x.w("ind")).set(x.w("firstLine"), "560")
    if center:
        etree.SubElement(ppr, x.w("jc")).set(x.W_VAL, "center")
    rpr = etree.Element(x.W_RPR, nsmap={"w": x.W_NS})
    fonts = etree.SubElement(rpr, x.w("rFonts"))
    fonts.set(x.w("eastAsia"), east)
    if bold:
        etree.SubElement(rpr, x.w("b"))
    etree.SubElement(rpr, x.w("sz")).set(x.W_VAL, str(size))
    etree.SubElement(rpr, x.w("szCs")).set(x.W_VAL, str(size))
    return ppr, rpr


def _insert_department(body, dep: Department, slots: list[Project], blocks: list,
                       smap: SourceMap) -> list:
    """A department part the file did not have goes before its first form."""
    if dep.form == "table":
        look = x.Look(cell_style=None, head_style=None, title_style=None)
        look.cell_ppr, look.cell_rpr = _direct("宋体", 18)
        look.head_ppr, look.head_rpr = _direct("宋体", 18, center=True)
        new = build_department_table(dep, look)[-1:]
        title = _direct("宋体", 32, bold=True, center=True)
        new.insert(0, x.paragraph("部门整体支出绩效目标申报表", ppr=title[0], rpr=title[1]))
    else:
        part = _direct("黑体", 32, center=True)
        new = [x.paragraph("第一部分", ppr=part[0], rpr=part[1]),
               x.paragraph("部门整体绩效目标", ppr=part[0], rpr=part[1])]
        new += narrative_sections(dep, ProseLook(
            heading=_direct("黑体", 28, indent=True), item=_direct("楷体_GB2312", 28, bold=True, indent=True),
            body=_direct("仿宋_GB2312", 28, indent=True)))
    first = min((p for p in slots if smap.of(p).blocks[0] < len(blocks)),
                key=lambda p: smap.of(p).blocks[0], default=None)
    anchor = etree.Element(x.w("bookmarkEnd"))
    if first is not None and blocks[smap.of(first).blocks[0]].getparent() is not None:
        blocks[smap.of(first).blocks[0]].addprevious(anchor)
    else:
        sect = body.find(x.w("sectPr"))
        if sect is not None:
            sect.addprevious(anchor)
        else:
            body.append(anchor)
    for el in new:
        anchor.addprevious(el)
    _separate_around(anchor, new)
    anchor.getparent().remove(anchor)
    return new


def _copy_pair(p) -> tuple:
    ppr, rpr = _para_look(p)
    return (copy.deepcopy(ppr) if ppr is not None else None,
            copy.deepcopy(rpr) if rpr is not None else None)
