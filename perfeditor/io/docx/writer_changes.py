"""The changes an in-place save makes to the parsed main part of a .docx (see
:mod:`writer`): per project, its blocks kept, its changed cells patched, or its table
rebuilt; projects moved, removed (found by reading the original again) and added (where they
stand in the document, starting a page where the forms do); several forms of one table patched
together or rebuilt as one table; the department part rewritten only when its content changed,
with the fonts of its original headings and paragraphs (a part the file did not have goes before
the first form)."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from itertools import accumulate

from lxml import etree

from perfeditor.forms.compose import compose_department, cut_merges, follow_parts
from perfeditor.forms.department import digest as department_digest
from perfeditor.forms.layouts import written_layout
from perfeditor.forms.vocabulary import norm
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.reader import read_blocks, shared_groups
from perfeditor.io.docx.text import iter_cells, iter_rows
from perfeditor.io.docx.writer_patch import fingerprint, patch_department_table, patch_project, set_paragraph_text
from perfeditor.io.docx.writer_table import ProtoRows, capture_look, keep_marks, para_look, render
from perfeditor.io.docx.writer_template import build_project, narrative_sections, separate_tables
from perfeditor.io.docx.writer_two_tables import grid_span, keep_grids, keep_header_rows, rows_standing
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.model import Department, Document, Project


@dataclass
class Placed:
    """What :func:`apply_changes` made of the forms: for the save plan (what the forms composed
    anew leave out) and for the source map of the file as written."""

    #: per project (``id``) and for "department": the blocks now holding it
    blocks: dict = field(default_factory=dict)
    #: the ids of the projects neither edited nor moved
    unchanged: set = field(default_factory=set)
    #: the fingerprints worked out (by ``id``)
    digests: dict = field(default_factory=dict)
    #: the ids of the projects whose forms were composed anew (rebuilt or added: what their layout
    #: cannot hold is not written), and by ``id`` the cells each merged down (a split form's cut at
    #: its parts) and the parts of each split one (the rows heading each, its indicator rows)
    composed: set = field(default_factory=set)
    merges: dict = field(default_factory=dict)
    split: dict = field(default_factory=dict)
    department_composed: bool = False
    #: the ids of the comments whose anchors went with the rows or forms removed
    comments_gone: set = field(default_factory=set)
    #: by ``id``, the fields of a patched project its layout has no cell for (not written)
    lost: dict = field(default_factory=dict)
    #: the ``w:tc`` whose text was replaced, then None when anything else changed too
    patched: list = field(default_factory=list)


_FORM_WORDS = ("指标", "绩效目标", "满意度", "效益")
_DEPARTMENT_WORDS = ("部门整体", "总体绩效目标", "年度主要任务")
_TITLE = re.compile(r"(绩效目标表|申报表)\s*$")


def _ref_ok(p: Project, n: int, smap: SourceMap) -> bool:
    ref = smap.of(p)
    return ref is not None and ref.format == "docx" and bool(ref.blocks) \
        and all(0 <= i < n for i in ref.blocks)


def _edited(p: Project, smap: SourceMap, digests: dict) -> bool:
    """``p`` changed since it was read (or holds text that cannot be fingerprinted); its
    fingerprint goes into ``digests`` (by ``id``)."""
    now = digests[id(p)] = fingerprint(p)
    ref = smap.of(p)
    return not now or now != (ref.digest if ref is not None else "")


def _rebuild(p: Project, index: int, doc: Document, elems: list, place: FormPlace | None,
             smap: SourceMap, placed: Placed, look: x.Look | None = None) -> list:
    """``p``'s form built like the original form at ``elems`` (its look, widths, cells merged
    down, two tables and split kept; ``place``: where that form was read): ``p``'s own form
    rebuilt, or a copy's (复制项目) written like its original; a new project's (no ``elems``) in
    ``look``. ``placed`` records it."""
    placed.composed.add(id(p))
    look, widths = capture_look(elems) if look is None else (look, None)
    layout = written_layout(p, None, doc.layout)
    merges = smap.merges_of(p, layout)
    plan = _split_plan(p, elems, place) if p.variant.split else None
    if plan is not None:  # a merged cell ends at its part's last row, as in the .xlsx
        merges = cut_merges(merges, plan[2])
    placed.merges[id(p)] = merges
    if look.protos is not None and place is not None:  # (a new project's look is another form's)
        stands, rows = rows_standing(p, elems, place)
        if place.parts > 1 and rows:  # a table of several forms: this one's rows, not the first's
            look.protos = ProtoRows(rows)
        look.protos.stands = stands
    new = build_project(p, index, layout, look, widths, merges)
    if look.protos is not None and place is not None:  # (its title: a form's own, never another's)
        keep_marks(new, elems if place.parts == 1 else [], look.protos)
    if p.variant.two_tables:
        keep_grids(p, elems, new)
    elif place is not None and place.parts == 1:  # (a table of several forms: whose header?)
        keep_header_rows(p, elems, new)
    if p.variant.split:
        new, placed.split[id(p)] = _resplit(p, elems, new, plan)
    return new


def _split_plan(p: Project, own: list, place: FormPlace | None) -> tuple | None:
    """Where the form split over pages (its indicator rows go on in a second table under a
    repeated title and header) at ``own`` is split, as its ``place`` recorded when it was read or
    last written: (the indexes of its tables in ``own``, the parts as read — the rows heading each
    table and how many indicator rows it held —, how many of ``p``'s indicator rows each part holds
    now, :func:`perfeditor.forms.compose.follow_parts`); None when the place cannot tell."""
    tables = [k for k, el in enumerate(own) if el.tag == x.W_TBL]
    parts = place.split if place is not None and place.parts == 1 else []
    if len(tables) < 2 or len(parts) != len(tables):
        return None
    held = [us for _, us in parts]
    sizes = follow_parts([len(us) for us in held], held, [i.uid for i in p.indicators])
    return None if sizes is None else (tables, parts, sizes)


def _resplit(p: Project, own: list, new: list, plan: tuple | None) -> tuple[list, list]:
    """A form split over pages rebuilt as one table ``new``: split again where the original was
    (``plan``: :func:`_split_plan`), with the original's blocks between the parts (the title
    renamed) and the rows heading each later part. Returns the blocks and the parts as written;
    ``new`` and none when the plan cannot tell."""
    built = [el for el in new if el.tag == x.W_TBL]
    if plan is None or len(built) != 1:
        return new, []
    tables, parts, sizes = plan
    n = len(p.indicators)
    table = built[0]
    rows = list(iter_rows(table))
    ind_rows = rows[len(rows) - n:]
    # the title as read: the paragraphs above the first part, or the first part's first row
    first_rows = list(iter_rows(own[tables[0]]))[:1]
    titles = {norm(x.text_of(el)) for el in [*own[:tables[0]], *first_rows]} - {""}
    at = new.index(table)
    pieces: list = [table]
    written = [(len(rows) - n, sizes[0])]
    start = sizes[0]
    for part, size in enumerate(sizes[1:], 1):
        orig = own[tables[part]]
        between = [copy.deepcopy(el) for el in own[tables[part - 1] + 1:tables[part]]]
        for el in between:
            if el.tag == x.W_P and norm(x.text_of(el)) in titles and x.text_of(el) != p.title:
                set_paragraph_text(el, p.title)
        piece = copy.deepcopy(table)  # (as built: its rows are its children)
        piece[:] = [ch for ch in piece if ch.tag != x.W_TR]
        lead = list(iter_rows(orig))[:parts[part][0]]  # its repeated header rows
        piece.extend([*(copy.deepcopy(tr) for tr in lead), *ind_rows[start:start + size]])
        _restart_merges(ind_rows, start)
        written.append((len(lead), size))
        start += size
        pieces += [*between, piece]
    return new[:at] + pieces + new[at + 1:], written


def _restart_merges(rows: list, k: int) -> None:
    """A part's first indicator row ``rows[k]`` (of a table as built: no ``w:gridBefore``) starts
    the cells merged down from the row above it, and a cell that was a continuation (an empty
    一级/二级 cell inside a run of the same label) repeats the label of the cell it continued
    (the nearest cell above not itself a continuation), as printing does."""
    def merge(tc):  # its w:vMerge when a continuation
        got = tc.find(f"{x.W_TCPR}/{x.w('vMerge')}") if tc is not None else None
        return got if got is not None and got.get(x.W_VAL) != "restart" else None

    def at(tr) -> dict:  # grid column → w:tc
        cells = list(iter_cells(tr))
        return dict(zip(accumulate((grid_span(tc) for tc in cells), initial=0), cells, strict=False))

    for col, tc in at(rows[k]).items():
        if merge(tc) is None:
            continue
        merge(tc).set(x.W_VAL, "restart")
        src = next((got for j in range(k - 1, -1, -1) if merge(got := at(rows[j]).get(col)) is None), None)
        if src is not None and not x.text_of(tc).strip():
            for el in [el for el in tc if el.tag != x.W_TCPR]:
                tc.remove(el)
            tc.extend(copy.deepcopy(el) for el in src if el.tag != x.W_TCPR)


def _removed(blocks: list, claimed: set[int], kept_groups: set[tuple], dep_gone: bool):
    """(block groups of projects the original holds but the document no longer has, the blocks
    of its department part when the document no longer has one (``dep_gone``: the clerk deleted
    it)). The original is read again only when a block no form claims looks like a form table
    or names a department part."""
    def loose(words, tables: bool) -> bool:
        return any(i not in claimed and (b.tag == x.W_TBL or not tables) and any(w in x.text_of(b) for w in words)
                   for i, b in enumerate(blocks))
    forms = loose(_FORM_WORDS, True)
    dep = dep_gone and loose(_DEPARTMENT_WORDS, False)
    if not (forms or dep):
        return [], []
    original = SourceMap()
    read_blocks(blocks, original)
    groups = [list(ref.blocks) for ref in original.projects.values() if tuple(ref.blocks) not in kept_groups]
    gone = original.department.blocks if dep and original.department is not None else []
    return groups if forms else [], [i for i in gone if i not in claimed and 0 <= i < len(blocks)]


def _joining_shared(doc: Document, shared: dict, added: list[Project], index: dict) -> set[int]:
    """Added projects that stand among (or right before or after) the forms of one shared table
    go into that table: each group's member list takes them in document order. Returns their ids."""
    joined: set[int] = set()
    new = {id(p) for p in added}
    for members in shared.values():
        ids = {id(m) for m in members}
        first, last = min(index[id(m)] for m in members), max(index[id(m)] for m in members)
        order = list(members)
        k = first - 1  # new projects right before the table's first form (a copy put above it)
        while k >= 1 and id(doc.projects[k - 1]) in new and id(doc.projects[k - 1]) not in joined:
            order.append(doc.projects[k - 1])
            joined.add(id(doc.projects[k - 1]))
            k -= 1
        for p in doc.projects[first:]:  # (index is 1-based: this starts after the first member)
            k = index[id(p)]
            if id(p) in new and (k < last or k == last + 1 or id(doc.projects[k - 2]) in joined | ids):
                order.append(p)
                joined.add(id(p))
            elif k > last:
                break
        members[:] = sorted(order, key=lambda m: index[id(m)])
    return joined


def _patched(members: list[Project], own: list, placed: Placed, smap: SourceMap) -> bool:
    """The forms ``members`` keep their blocks ``own``, the changed cells of those edited
    patched; False (nothing recorded) when one cannot be patched: the blocks must be rebuilt
    (cells patched before stay: the rebuilt blocks replace them all)."""
    edited = [m for m in members if _edited(m, smap, placed.digests)]
    cells: list = []
    for m in edited:
        got = patch_project(m, own, smap.of(m), placed.lost)
        if got is None:
            return False
        cells.extend(got)
    for m in members:
        placed.blocks[id(m)] = own
        if m not in edited:
            placed.unchanged.add(id(m))
    placed.patched.extend(cells)
    return True


def _merged(builds: list[list]) -> list:
    """Built forms as one table (the rows of each after the first's) when each is one table of
    the same grid; else the forms one after the other."""
    tables = [b[0] for b in builds if len(b) == 1 and b[0].tag == x.W_TBL]
    if tables and len(tables) == len(builds) and all(x.grid_widths(t) == x.grid_widths(tables[0]) for t in tables):
        tables[0].extend(tr for t in tables[1:] for tr in t.findall(x.w("tr")))
        return tables[:1]
    return [el for b in builds for el in b]


def apply_changes(doc: Document, root, smap: SourceMap, placed: Placed) -> bool:
    """Change the parsed main part ``root`` (of the file ``smap`` describes) to hold ``doc``,
    recording in ``placed`` what became of each form; False when nothing had to change."""
    blocks = body_blocks(root)
    n = len(blocks)
    body = root.find(x.w("body"))
    whole = x.whole_marks(root)
    index = {id(p): k for k, p in enumerate(doc.projects, 1)}
    kept: list[Project] = []
    added: list[Project] = []
    uids: set[int] = set()
    for p in doc.projects:  # (a second project of one uid, a copy that kept it, is a new one)
        (kept if _ref_ok(p, n, smap) and p.uid not in uids else added).append(p)
        uids.add(p.uid)
    claimed = {i for p in kept for i in smap.of(p).blocks}
    dep = doc.department
    dep_src = smap.department if dep is not None else None
    if dep_src is not None and dep_src.format == "docx":
        claimed.update(i for i in dep_src.blocks if 0 <= i < n)
    removed, gone = _removed(blocks, claimed, {tuple(smap.of(p).blocks) for p in kept}, dep is None)

    plans: list[tuple[object, list]] = []
    detach: list = [blocks[i] for i in gone]
    # several forms in one table: the table is patched, or rebuilt as one table of them all
    shared: dict[tuple, list[Project]] = {}
    for group in shared_groups([smap.of(p) for p in kept]):  # type: ignore[misc]
        members = [kept[k] for k in group]
        if len(members) > 1 or smap.of(members[0]).parts > 1:
            shared[tuple(sorted({i for m in members for i in smap.of(m).blocks}))] = members
    joining = _joining_shared(doc, shared, added, index)
    added = [p for p in added if id(p) not in joining]
    in_shared = {id(m) for ms in shared.values() for m in ms}
    for key, members in shared.items():
        own = [blocks[i] for i in key]
        refs = [smap.of(m) for m in members]  # (None: a project joined the table)
        if None not in refs and [r.part for r in refs] == list(range(refs[0].parts)) \
                and _patched(members, own, placed, smap):
            continue  # (all its forms there, in their order; at most their values changed)
        new = _merged([_rebuild(m, index[id(m)], doc, own, smap.of(m), smap, placed) for m in members])
        for m in members:
            placed.blocks[id(m)] = list(new)
        plans.append((x.placeholder(own[0]), new))
        detach.extend(own)
    kept = [p for p in kept if id(p) not in in_shared]
    slots = sorted(kept, key=lambda p: smap.of(p).blocks[0])
    # a page break before a form's title belongs to its place: the form moved there takes it
    breaks = {id(s): _breaks_before(blocks[smap.of(s).blocks[0]]) for s in slots}
    # projects in their slots (file order), each slot taking the next project in document order
    for slot, proj in zip(slots, kept, strict=False):
        own = [blocks[i] for i in smap.of(proj).blocks]
        if slot is proj and _patched([proj], own, placed, smap):
            continue  # in its place: kept as it is, or its changed cells patched
        slot_elems = [blocks[i] for i in smap.of(slot).blocks]
        # moved: its own blocks go to the slot, their changed values patched where they can be
        # (a renumbered title, edited cells), so that a split or two-table form stays as it is
        if _edited(proj, smap, placed.digests) and patch_project(proj, own, smap.of(proj), placed.lost) is None:
            new = _rebuild(proj, index[id(proj)], doc, own, smap.of(proj), smap, placed)
        else:
            new = list(own)
        _break_before(new, breaks[id(slot)])
        placed.blocks[id(proj)] = list(new)
        plans.append((x.placeholder(slot_elems[0]), new))
        detach.extend(slot_elems)
    for group in removed:  # (a table shared with a kept form stays: the shared-table pass rewrote it)
        detach.extend(blocks[i] for i in group if 0 <= i < n and i not in claimed)
        j = group[0] - 1  # and the title paragraphs above it
        while j >= 0 and j not in claimed and blocks[j].tag == x.W_P \
                and _TITLE.search(x.text_of(blocks[j]) or "") and j not in group:
            detach.append(blocks[j])
            j -= 1
    changed = bool(gone or plans or removed)
    if added:  # (taken before the blocks replaced are emptied below: the first form may be one)
        look = capture_look([blocks[i] for i in smap.of(slots[0]).blocks])[0] if slots else x.Look()
        # a copy is written like its original, from a copy of the original's blocks (without
        # their bookmarks and comments: the original keeps them)
        copied = {id(p): ([_unmarked(copy.deepcopy(el)) for el in got[0]], got[1]) for p in added
                  if (got := _origin(p, smap, blocks)) is not None}
    reused = {id(el) for _, new in plans for el in new}
    # lxml takes a subtree out of the document node by node, in a time that grows much faster
    # than its size (a 1,000-row table 25 s, a 5,000-row one many minutes): a block removed is
    # emptied first, and a block moved waits in a holder inside the document, not outside it
    holder = etree.SubElement(body.getparent(), x.w("holder"))
    for el in detach:
        parent = el.getparent()
        if parent is not None:
            if id(el) in reused:
                holder.append(el)
            else:
                el.clear()
                parent.remove(el)
    for anchor, new in plans:
        x.fill(anchor, new)
    holder.getparent().remove(holder)  # (empty by now: every block moved has its place)

    if dep is not None:
        got, composed = place_department(dep, dep_src, body, blocks, slots, smap, placed)
        if got is not None:
            placed.blocks["department"] = got
        placed.department_composed = composed and dep.form == "table"
        changed = changed or composed  # (cells patched: in placed.patched)

    if added:
        paged = _forms_start_pages(doc, placed.blocks)
        for prev, news in _after_predecessors(doc, added, placed.blocks):
            # after the project before them; new first projects before the first form, else (no
            # form was kept) after the department part as it is now, else at the end
            first = None if prev is not None else \
                next((placed.blocks[id(q)][0] for q in doc.projects if placed.blocks.get(id(q))), None)
            after = placed.blocks[id(prev)][-1] if prev is not None else (placed.blocks.get("department") or [None])[-1]
            anchor = x.placeholder(first, after=after, body=body)
            forms: list = []
            for p in news:
                # a new one styled like the existing forms, two tables when they are
                look.split_header = (slots[0] if slots else p).variant.two_tables
                built = _rebuild(p, index[id(p)], doc, *copied.get(id(p), ([], None)), smap, placed,
                                 None if id(p) in copied else look)
                if paged and built:
                    x.start_page(built)
                elif built:  # (where forms run on, a copy's title would be left at a page's foot)
                    x.keep_with_table(built)
                placed.blocks[id(p)] = list(built)
                forms.append(built)
            x.fill(anchor, separate_tables(forms))
        changed = True
    if changed:  # bookmarks and comments whose other end went with what was removed or copied
        x.drop_broken(root, whole)
        placed.comments_gone = {i for kind, i in whole - x.whole_marks(root) if kind == "comment"}
    if changed and placed.patched:
        placed.patched.append(None)  # more than cell texts changed: the part is written whole
    return changed or bool(placed.patched)


def _origin(p: Project, smap: SourceMap, blocks: list) -> tuple[list, FormPlace] | None:
    """The original blocks and the place of the form the new project ``p`` was copied from (a
    copy of a copy: its origin's, followed; a copy that kept its origin's uid: that one's), None
    for a project that is no copy."""
    q, seen = p, 0
    while q is not None and seen <= 50:
        if _ref_ok(q, len(blocks), smap):
            return [blocks[i] for i in smap.of(q).blocks], smap.of(q)
        q, seen = smap.copies.get(q.uid), seen + 1
    return None


def _unmarked(el):
    """``el`` (a copy) without its bookmarks and comment anchors, and without the ids of its
    content controls (the original's: an id is optional, and the ids of a document's controls are unique)."""
    for m in [*x.marks_in(el), *el.findall(f".//{x.w('sdtPr')}/{x.w('id')}")]:
        m.getparent().remove(m)
    return el


def _breaks_before(el) -> bool:
    return el.tag == x.W_P and el.find(f"{x.W_PPR}/{x.w('pageBreakBefore')}") is not None


def _break_before(blocks: list, wanted: bool) -> None:
    """The form ``blocks`` start with a page break before its title, or not (``wanted``)."""
    if wanted:
        x.start_page(blocks)
    elif _breaks_before(blocks[0]):
        ppr = blocks[0].find(x.W_PPR)
        ppr.remove(ppr.find(x.w("pageBreakBefore")))


def _after_predecessors(doc: Document, added: list[Project], placed: dict):
    """The added projects in runs, each after the project before it in the document (one that
    was placed): [(predecessor or None, [projects])], None for the projects before every placed one."""
    runs: list = []
    prev = None
    wanted = {id(p) for p in added}
    for p in doc.projects:
        if id(p) not in wanted:
            prev = p if placed.get(id(p)) else prev
        elif runs and runs[-1][0] is prev:
            runs[-1][1].append(p)
        else:
            runs.append((prev, [p]))
    return runs


def _forms_start_pages(doc: Document, placed: dict) -> bool:
    """Every form of the file after the first starts on a new page (so new forms do too)."""
    firsts = list(dict.fromkeys(placed[id(p)][0] for p in doc.projects if placed.get(id(p))))[1:]
    return bool(firsts) and all(x.starts_page(el) for el in firsts)


# --- the department part ---------------------------------------------------------------------

def place_department(dep: Department, src: FormPlace | None, body, blocks: list, slots: list[Project],
                     smap: SourceMap, placed: Placed) -> tuple[list | None, bool]:
    """The department part ``dep`` in the part of body ``body`` and blocks ``blocks`` (``src``:
    where the file has it): rewritten when edited since read or last written (a part with no
    digest, whose text could not be fingerprinted, counts as edited); put before the first form
    (of ``slots``) when the file has none and it holds anything; else kept. Returns the blocks
    now holding it (None: none) and whether it was composed anew."""
    if src is not None and src.format == "docx" and src.blocks \
            and (not src.digest or department_digest(dep) != src.digest):
        elems = [blocks[i] for i in src.blocks if 0 <= i < len(blocks)]
        tbl = next((e for e in elems if e.tag == x.W_TBL), None) if dep.form == "table" else None
        cells = patch_department_table(tbl, dep, src.digest) if tbl is not None else None
        if cells is not None:  # values only: written into their cells
            placed.patched.extend(cells)
            return elems, False
        return rewrite_department(dep, blocks, src), True
    if (src is None or not src.blocks) and (dep.overall.strip() or dep.items or dep.measures.strip()
                                            or dep.tasks or dep.indicators or dep.name.strip()):
        return insert_department(body, dep, slots, blocks, smap), True
    return ([blocks[i] for i in src.blocks if 0 <= i < len(blocks)] if src is not None else None), False


def rewrite_department(dep: Department, blocks: list, dep_src: FormPlace) -> list:
    """Rewrite the department part in place; return the blocks now holding it."""
    elems = [blocks[i] for i in dep_src.blocks if 0 <= i < len(blocks)]
    if dep.form == "table":
        tbl = next((e for e in elems if e.tag == x.W_TBL), None)
        if tbl is None:
            return elems
        look, _ = capture_look(elems)
        new_tbl = render(compose_department(dep), look)[-1]
        keep_marks([new_tbl], [tbl], look.protos)
        tbl.getparent().replace(tbl, new_tbl)
        return [new_tbl if e is tbl else e for e in elems]
    paras = [e for e in elems if e.tag == x.W_P]
    texts = [x.text_of(p).strip() for p in paras]
    start = next((k for k, t in enumerate(texts) if "总体绩效目标" in t and len(t) <= 20), 0)
    heads = [k for k, t in enumerate(texts) if re.search(r"(总体|分项)绩效目标|工作保障措施", t)
             and len(t) <= 20]
    heading = paras[heads[0]] if heads else None
    body = next((paras[k] for k in range(start + 1, len(paras)) if k not in heads and texts[k]), None)
    item = paras[heads[1] + 1] if len(heads) > 1 and heads[1] + 1 < len(paras) else body
    new = narrative_sections(dep, {kind: tuple(copy.deepcopy(el) for el in para_look(p))
                                   for kind, p in (("section", heading), ("item", item), ("body", body))})
    old = paras[start:]
    if not old:
        return elems
    for el in new:
        old[0].addprevious(el)
    for el in old:
        if el.getparent() is not None:
            el.getparent().remove(el)
    return paras[:start] + new


def _direct(east: str, size: int, *, bold: bool = False, center: bool = False,
            indent: bool = False) -> tuple:
    """Paragraph/run properties written out (the opened file lacks the template's styles)."""
    ppr = ('<w:ind w:firstLine="560"/>' if indent else "") + ('<w:jc w:val="center"/>' if center else "")
    rpr = f'<w:rFonts w:eastAsia="{east}"/>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return tuple(etree.fromstring(f'<w:{tag} xmlns:w="{x.W_NS}">{inner}</w:{tag}>')
                 for tag, inner in (("pPr", ppr), ("rPr", rpr)))


def insert_department(body, dep: Department, slots: list[Project], blocks: list,
                       smap: SourceMap) -> list:
    """A department part the file did not have goes before its first form."""
    if dep.form == "table":
        look = x.Look(cell_style=None, head_style=None, title_style=None)
        look.cell_ppr, look.cell_rpr = _direct("宋体", 18)
        look.head_ppr, look.head_rpr = _direct("宋体", 18, center=True)
        new = render(compose_department(dep), look)[-1:]
        title = _direct("宋体", 32, bold=True, center=True)
        new.insert(0, x.paragraph("部门整体支出绩效目标申报表", ppr=title[0], rpr=title[1]))
    else:
        ppr, rpr = _direct("黑体", 32, center=True)
        new = [x.paragraph(t, ppr=ppr, rpr=rpr) for t in ("第一部分", "部门整体绩效目标")]
        new += narrative_sections(dep, {"section": _direct("黑体", 28, indent=True),
                                        "item": _direct("楷体_GB2312", 28, bold=True, indent=True),
                                        "body": _direct("仿宋_GB2312", 28, indent=True)})
    first = min((smap.of(p).blocks[0] for p in slots if smap.of(p).blocks[0] < len(blocks)), default=None)
    before = blocks[first] if first is not None and blocks[first].getparent() is not None else None
    x.fill(x.placeholder(before, body=body), new)
    return new

