"""In-place saves of value-only edits: only the texts of the cells whose values changed.

When an edited project keeps its table's shape (same indicator rows, same 一级/二级 grouping, same
variant), each changed value is written into the cell it was read from (its properties, its first
paragraph's and its first text run's kept), and nothing else is touched. Anything else (rows added,
removed or moved, a merged cell whose rows no longer agree, a value read from no single cell)
returns None: the caller rebuilds the table. A patch that does not read back as the project is
undone. :func:`splice_cells` puts the patched cells into the original bytes of the main part, so
that everything else stays byte-identical.
"""
from __future__ import annotations

import copy
import logging
import re

from lxml import etree

from perfeditor.forms import vocabulary as V
from perfeditor.forms.department import digest as department_digest
from perfeditor.forms.department import field_text as department_text
from perfeditor.forms.department import find_department_table, task_value
from perfeditor.forms.layouts import indicator_value, left_out_fields
from perfeditor.forms.recognize import carry_levels, page_note
from perfeditor.forms.vocabulary import norm
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.grid import build_grid, tc_of
from perfeditor.io.docx.reader import read_again, read_tracked
from perfeditor.io.docx.scan import plain_enough
from perfeditor.io.docx.text import cell_text, paragraph_text
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.model import Department, Indicator, Project

log = logging.getLogger(__name__)

#: What a content control whose text is replaced no longer has (see :func:`set_cell_text`).
_NOT_KEPT = frozenset((x.w("showingPlcHdr"), x.w("dataBinding"),
                       "{http://schemas.microsoft.com/office/word/2012/wordml}dataBinding"))
#: Around a paragraph's runs: dropped (proofing marks) or kept in their place (see :func:`_refill`).
_AROUND = frozenset((x.W_PPR, x.w("proofErr"), *x.STARTS, *x.ENDS))
_TC_START = re.compile(rb"<w:tc(?=[\s/>])")
_TC_TAGS = re.compile(rb"<w:tc(?:\s[^>]*)?/?>|</w:tc>")


def flat(p: Project) -> dict:
    """Every value of ``p`` a form cell can hold, keyed as the reader tracks them."""
    out: dict = {k: getattr(p, k) for k in ("title", "name", "code", "unit", "implementer", "kind",
                                            "period", "source", "purpose", "goals", "goals_midterm")}
    out.update((f"budget.{k}", getattr(p.budget, k)) for k in ("total", "fiscal", "other", "superior", "local",
                                                               "midterm_total", "midterm_fiscal", "midterm_other",
                                                               "unit"))
    out.update((f"plan:{label}", v) for label, v in p.spending_plan.items())
    for k, ind in enumerate(p.indicators):
        out.update(((k, f), getattr(ind, f)) for f in ("level1", "level2", "level3", "description", "value",
                                                       "value_midterm", "basis", "note", "weight"))
        out.update(((k, f"grade:{g}"), v) for g, v in (ind.grades or {}).items())
        out[(k, "grades")] = ind.grades is not None
    out["indicators"] = len(p.indicators)
    return out


def fingerprint(part) -> str:
    """``part``'s content fingerprint; "" for text that cannot be fingerprinted (lone surrogates
    typed in): it counts as edited."""
    try:
        return part.content_fingerprint()
    except UnicodeError:
        return ""


def patch_project(p: Project, elems: list, ref: FormPlace | None, lost: dict | None = None) -> list | None:
    """Write ``p``'s changed values into its original blocks ``elems`` (its place ``ref``);
    returns the ``w:tc`` changed, or None (nothing changed) when the table must be rebuilt
    instead. A value the layout has no cell for is not written, as a rebuilt table would not hold
    it either: ``lost`` (by ``id``) gets those fields, for the save plan to name."""
    if ref is None or not ref.digest:
        return None
    try:
        got, items = read_tracked(elems)
    except Exception:  # noqa: BLE001 - the original cannot be read back here: the table is rebuilt instead
        log.info("original table not readable for patching; rebuilding it", exc_info=True)
        return None
    part, parts = ref.part, ref.parts
    if len(got) != parts or part >= parts:
        return None
    old, where = got[part]
    if old.content_fingerprint() != ref.digest or old.variant != p.variant:
        return None  # read differently out of context, or the form's shape was changed
    before, after = flat(old), flat(p)
    if before.keys() != after.keys():
        return None
    where = dict(where)
    out = set(left_out_fields(p, p.variant.layout))
    left = [k for k in after if k not in where and before[k] != after[k] and _field(k) in out]
    after.update((k, before[k]) for k in left)
    like = _spelled_out(before, after, where)  # (``before``: a dict of its own)
    if like is None:
        return None
    titles = []  # the title as paragraphs (repeated above each part of a split form)
    if before["title"] != after["title"] and "title" not in where:
        if any(isinstance(el, str) for el in elems):
            return None  # paragraphs as their text (the byte-level pass): the parsed part patches them
        titles = [el for el in elems if el.tag == x.W_P and norm(paragraph_text(el)) == norm(before["title"])]
        if not titles or "\n" in after["title"]:
            return None
    wanted = changed_cells(before, {**after, "title": before["title"]} if titles else after, where)
    if wanted is None or not wanted and not titles and not left:  # (None: a value the cells cannot take)
        return None
    tcs = {cell: tc_of(grid, cell) for cell, (_, grid) in wanted.items()}
    if not all(plain_cell(tc, cell) for cell, tc in tcs.items()):
        return None
    saved = [(tc, list(tc), cell, cell.text) for cell, tc in tcs.items()] + [(el, list(el), None, "") for el in titles]
    for el in titles:
        set_paragraph_text(el, after["title"])
    for cell, tc in tcs.items():
        text, grid = wanted[cell]
        set_cell_text(tc, text, tc_of(like[cell][1], like[cell][0]) if cell in like else look_from(grid, cell, tc))
        cell.text = cell_text(tc)
    # reading the form again proves the patch, unless every change is one text for another that
    # no reader can take for anything but a value (the common bulk edit: fast)
    inert = not titles and all(cell.text == wanted[cell][0] and _inert(text, cell.text)
                               for _, _, cell, text in saved)
    got = [] if inert else read_again(items)  # (the cells' texts in the grids were updated)
    if not inert and (len(got) != parts or flat(got[part]) != after or got[part].variant != p.variant):
        for el, children, cell, text in saved:  # undone
            el[:] = children
            if cell is not None:
                cell.text = text
        return None
    if left and lost is not None:
        lost[id(p)] = list(dict.fromkeys(_field(k) for k in left))
    # (None: more than cells changed, the part is written whole)
    return list(tcs.values()) + ([None] if titles else [])


def _field(key) -> str:
    """The field (as :func:`~perfeditor.forms.layouts.left_out_fields` names it) of a key of :func:`flat`."""
    if isinstance(key, tuple):  # an indicator's
        return "grades" if key[1].startswith("grade") else key[1]
    return "spending_plan" if key.startswith("plan:") else key


def changed_cells(before: dict, after: dict, where: dict, *, all_held: bool = True) -> dict | None:
    """The cells to write (Cell → (new text, its grid)) for the values of ``after`` that differ
    from ``before`` (both :func:`flat`; ``where``: the reader's Cell and grid of each value);
    None when such a value is no text, or has no cell (unless not ``all_held``: then it is left
    out), or when the values sharing one merged cell no longer agree (the grouping changed)."""
    wanted: dict = {}
    for key, value in after.items():
        found = where.get(key)
        if before[key] == value or found is None and not all_held:
            continue
        if found is None or not isinstance(value, str) \
                or wanted.setdefault(found[0], (value, found[1]))[0] != value:
            return None
    if any(cell in wanted and after.get(key) != wanted[cell][0] for key, (cell, _) in where.items()):
        return None
    return wanted


def _spelled_out(before: dict, after: dict, where: dict) -> dict | None:
    """Each row whose empty 一级/二级 cell reads as the row above's
    (:func:`~perfeditor.forms.recognize.carry_levels`) but would read back other than ``after``
    once patched gets its own text: marked changed in ``before``, that cell put in ``where``
    (both changed here). Returns each such cell → the (Cell, grid) above it that it read as,
    whose look its text takes; None when such a cell is not an empty cell of its own."""
    n, like = after["indicators"], {}
    fields = [f for f in ("level1", "level2") if any((k, f) in where for k in range(n))]
    if all(before[(k, f)] == after[(k, f)] for k in range(n) for f in fields):
        return like  # (no level changed: every row reads as before)
    last, at, shown = None, None, {}
    for k in range(n):
        own = {f: after[(k, f)] if (k, f) in where else "" for f in ("level1", "level2")}
        shown.update((f, where[(k, f)]) for f in fields if (k, f) in where)
        for f in fields:  # (一级 first: 二级 reads as the row above's only while 一级 does)
            read = Indicator(**own)
            if last is not None:
                carry_levels(read, last, "level1" in fields, "level2" in fields)
            if getattr(read, f) == after[(k, f)]:
                if (k, f) not in where:  # (a group renamed: its first row's cell only)
                    before[(k, f)] = after[(k, f)]
                continue
            at = at or _rows_and_columns(where)
            grid, row = at[0].get(k, (None, -1))
            col = at[1].get((id(grid), f), -1)
            cell = grid.rows[row][col] if col >= 0 else None
            if cell is None or cell.row != row or cell.col != col or cell.text:
                return None
            if f in shown:
                like[cell] = shown[f]
            where[(k, f)] = (cell, grid)
            before[(k, f)] = None  # (written)
            own[f] = after[(k, f)]
        last = Indicator(level1=after[(k, "level1")], level2=after[(k, "level2")])
    return like


def _rows_and_columns(where: dict) -> tuple[dict, dict]:
    """(indicator index → its grid and row, (id of grid, 一级/二级) → their column) of the
    cells ``where`` says the values were read from (a row's cell starting lowest is in its row)."""
    rows: dict = {}
    cols: dict = {}
    for key, (cell, grid) in where.items():
        if isinstance(key, tuple):
            k, f = key
            if rows.get(k, (None, -1))[1] < cell.row:
                rows[k] = (grid, cell.row)
            if f in ("level1", "level2"):
                cols[id(grid), f] = cell.col
    return rows, cols


def _inert(before: str, after: str) -> bool:
    """Replacing the cell text ``before`` by ``after`` cannot change how the form reads: neither
    is empty (a row's emptiness decides whether it is an indicator), and neither reads as a
    label, a title, a unit line or a page note."""
    return not any(not t.strip() or V.header_label(t) is not None or V.indicator_label(t) or V.group_field(t)
                   or V.unit_label(t) or V.looks_like_title(t) or V.department_label(t) or page_note(t)
                   for t in (before, after))


def set_paragraph_text(p, text: str) -> None:
    """Replace the text of the paragraph ``p`` keeping its ``w:pPr``, its range marks, its first
    text run's ``w:rPr`` and its entry fields (TC: a title's line in Word's 目录, whose text says
    the new title when it said the old one)."""
    fields = [x.retitled_entry(f, x.text_of(p), text) for f in x.entry_fields(p)]
    _refill(p, x.clean(text), _first_rpr(p))
    for field in fields:
        p.extend(field)


def _refill(p, line: str, rpr) -> None:
    """The paragraph ``p`` holding only ``line`` in one run (of a copy of ``rpr``), its ``w:pPr``
    and its range marks kept (:func:`~writer_xml.marks_in`: bookmarks and comment anchors, an
    orphan of which Word refuses), the starts before the run, the ends after it; a content
    control holding all its runs (as Word puts a plain-text one at the cursor) kept around the
    run (:func:`_unbound`)."""
    ppr = p.find(x.W_PPR)
    marks = x.marks_in(p)
    kids = [ch for ch in p if ch.tag not in _AROUND]
    sdt = kids[0] if len(kids) == 1 and kids[0].tag == x.w("sdt") else None
    content = sdt.find(x.w("sdtContent")) if sdt is not None else None
    if content is not None and any(ch.tag not in _AROUND and ch.tag != x.W_R for ch in content):
        content = None
    p[:] = [] if ppr is None else [ppr]
    p.extend(m for m in marks if m.tag in x.STARTS)
    if content is not None:
        content[:] = []
        p.append(_unbound(sdt))
        x.add_run(content, line, rpr)
        x.size_mark(ppr, rpr)
    else:
        x.add_run(p, line, rpr)
    p.extend(m for m in marks if m.tag not in x.STARTS)


def _unbound(sdt):
    """The content control ``sdt``, whose text is replaced, no longer showing its placeholder nor
    bound to the file's custom XML (Word would show the bound value, the old one, instead)."""
    for mark in [m for m in sdt.iterfind(f"{x.w('sdtPr')}/*") if m.tag in _NOT_KEPT]:
        mark.getparent().remove(mark)
    return sdt


def plain_cell(tc, cell) -> bool:
    """``tc`` is a cell of paragraphs only (no nested table or custom XML; a content control
    filling it holds paragraphs only: :func:`_paragraphs_box`) holding the text of the reader's
    ``cell`` (a cell merged with hMerge has that of several)."""
    return tc is not None and tc.tag == x.W_TC and _paragraphs_box(tc) is not None and cell_text(tc) == cell.text


def _paragraphs_box(tc):
    """The element holding the paragraphs of the cell ``tc``: the cell, or the content of the
    content control (``w:sdt``, as Word's form templates have them) that alone fills it; None
    when it holds anything else."""
    kids = [ch for ch in tc if ch.tag != x.W_TCPR]
    box = tc
    if len(kids) == 1 and kids[0].tag == x.w("sdt"):
        box = kids[0].find(x.w("sdtContent"))
        kids = list(box) if box is not None else []
    return box if kids and all(ch.tag == x.W_P for ch in kids) else None


def _first_rpr(tc):
    """The ``w:rPr`` of the cell's first text run (else its first run, else its paragraph mark)."""
    runs = list(tc.iter(x.W_R))
    run = next((r for r in runs if r.find(x.W_T) is not None), runs[0] if runs else None)
    if run is not None:
        return run.find(x.W_RPR)
    ppr = tc.find(f"{x.W_P}/{x.W_PPR}")
    return ppr.find(x.W_RPR) if ppr is not None else None


#: Below 8 pt (``w:sz`` in half-points) an empty cell's size is no text size: the empty cells of
#: forms LibreOffice made from HTML (finance systems' exports) carry a 2-pt spacer (``w:sz`` 4);
#: forms print at 小五 (9 pt) or more, and a form set smaller has texts that small beside its
#: empty cells, whose look an empty cell's text takes (:func:`look_from`).
_READABLE = 16


def _unreadable(rpr) -> bool:
    size = rpr.find(x.w("sz")) if rpr is not None else None
    val = size.get(x.W_VAL, "") if size is not None else ""
    return val.isdigit() and int(val) < _READABLE


def look_from(grid, cell, tc):
    """The ``w:tc`` whose run look text written into the empty ``cell`` (``tc``) of ``grid``
    takes when its own size is unreadable: the nearest cell with text above it in its column,
    else in its row; None (its own look, see :func:`set_cell_text`) when none has text, or when
    ``cell`` had text or a readable size."""
    if cell.text or not _unreadable(_first_rpr(tc)):
        return None
    row = grid.rows[cell.row]
    above = (grid.rows[r][cell.col] for r in range(cell.row - 1, -1, -1))
    beside = (row[c] for c in sorted(range(len(row)), key=lambda c: abs(c - cell.col)))
    near = next((c for c in (*above, *beside) if c is not None and c.text), None)
    return tc_of(grid, near) if near is not None else None


def set_cell_text(tc, text: str, like=None) -> None:
    """Replace the text of ``tc`` (one paragraph per line) keeping its ``w:tcPr``, its first
    paragraph (element and ``w:pPr``) and the first text run's ``w:rPr`` (that of the cell
    ``like`` when given; of a cell without text, without its size when unreadable)."""
    box = _paragraphs_box(tc)
    if box is not tc:  # a content control's
        _unbound(box.getparent())
    paras = box.findall(x.W_P)
    ppr = paras[0].find(x.W_PPR)
    rpr = _first_rpr(tc if like is None else like)
    if like is None and _unreadable(rpr) and not cell_text(tc):
        rpr = copy.deepcopy(rpr)
        for size in (*rpr.findall(x.w("sz")), *rpr.findall(x.w("szCs"))):
            rpr.remove(size)
    marks = [m for extra in paras[1:] for m in x.marks_in(extra)]  # (kept, in the last paragraph)
    for extra in paras[1:]:
        box.remove(extra)
    for k, line in enumerate(x.clean(text).split("\n")):
        p = etree.SubElement(box, x.W_P) if k else paras[0]
        if k and ppr is not None:
            p.append(copy.deepcopy(ppr))
        _refill(p, line, rpr)
    p.extend(marks)


def splice_cells(data: bytes, root, cells: list, whole: bool = True) -> bytes | None:
    """``data`` (the original main part) with each of ``cells`` (``w:tc`` of the parsed ``root``,
    changed since) replaced by its new XML; None when the bytes cannot be matched to the tree.

    The k-th ``<w:tc`` start tag in the bytes is the k-th ``w:tc`` of the tree (no comments,
    CDATA or processing instructions can hide one; ``<`` never stands in attribute values).
    ``whole=False``: ``data`` is a piece of a part :func:`spliceable` said yes to."""
    if not cells or whole and not spliceable(data):
        return None
    targets = set(cells)
    tcs = list(root.iter(x.W_TC))
    wanted = [(k, tc) for k, tc in enumerate(tcs) if tc in targets]
    starts = [m.start() for m in _TC_START.finditer(data)]
    if len(wanted) != len(targets) or len(starts) != len(tcs):
        return None
    declared = {p: uri for p, uri in root.nsmap.items() if p}
    edits: list[tuple[int, int, bytes]] = []
    for k, tc in wanted:
        start = starts[k]
        end = _cell_end(data, start)
        if end is None or edits and start < edits[-1][1] or b"xmlns" in data[start:data.index(b">", start)]:
            return None  # (a cell declaring namespaces of its own)
        edits.append((start, end, _cell_xml(tc, declared)))
    return _replaced(data, edits)


def _replaced(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``data`` with each (begin, end, new bytes) of ``edits`` (in order, apart) put in."""
    pieces: list[bytes] = []
    pos = 0
    for begin, end, new in edits:
        pieces += [data[pos:begin], new]
        pos = end
    return b"".join([*pieces, data[pos:]])


def spliceable(data: bytes) -> bool:
    """A main part whose ``<w:tc`` start tags are exactly its cells (see :func:`splice_cells`)."""
    return plain_enough(data) and data.find(b"<?", 1) == -1


def _cell_end(data: bytes, start: int) -> int | None:
    """The end of the ``w:tc`` element starting at ``start`` (nested cells skipped)."""
    depth = 0
    for m in _TC_TAGS.finditer(data, start):
        tag = m.group()
        if tag == b"</w:tc>":
            depth -= 1
        elif not tag.endswith(b"/>"):
            depth += 1
        if depth == 0:
            return m.end()
    return None


_DECL = re.compile(rb' xmlns:([\w.-]+)="([^"]*)"')


def _cell_xml(tc, declared: dict) -> bytes:
    """``tc`` serialised without the namespace declarations the document element has already."""
    raw = etree.tostring(tc, encoding="UTF-8", xml_declaration=False, with_tail=False)
    return _DECL.sub(lambda m: b"" if declared.get(m.group(1).decode()) == m.group(2).decode() else m.group(0), raw)


# --- value edits without parsing the whole part --------------------------------------------------

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                         remove_blank_text=False, collect_ids=False)


def patch_in_bytes(doc, xml: bytes, crc: int, smap: SourceMap, lost: dict) -> tuple[bytes, dict, list] | None:
    """``xml`` (the main part ``doc`` was read from, its zip CRC ``crc``; ``smap`` the places)
    with ``doc``'s value edits patched in, parsing only the edited projects' tables; or None
    when anything but cell texts must change (projects added, removed or moved, the department
    part edited, a table whose shape changed …) or the reader did not scan this very part: then
    the caller rebuilds. Returns the new part, the projects' fingerprints (by ``id``) and the
    scan's blocks as they are in the new part; ``lost``: see :func:`patch_project`."""
    info = smap.scan
    if info is None or info["crc"] != crc or info["size"] != len(xml):
        return None
    places = [smap.of(p) for p in doc.projects]
    if len(smap.projects) != len(doc.projects) or any(
            ref is None or ref.format != "docx" or not ref.blocks or not ref.digest for ref in places):
        return None  # projects added or removed
    order = [(ref.blocks[0], ref.part) for ref in places]  # type: ignore[union-attr]
    if order != sorted(order) or len(set(order)) != len(order):
        return None  # projects moved (an edited form's part is checked by its digest: patch_project)
    dep, src = doc.department, smap.department
    if (dep is None) != (src is None) \
            or dep is not None and not (src.blocks and src.digest and department_digest(dep) == src.digest):
        return None  # the department part added, removed or edited
    digests = {id(p): fingerprint(p) for p in doc.projects}
    if not all(digests.values()):
        return None
    edited = [p for p in doc.projects if digests[id(p)] != smap.projects[p.uid].digest]
    if len({tuple(smap.projects[p.uid].blocks) for p in edited}) != len(edited):
        return None  # two edited forms in one table: the parsed tree takes them one by one
    if not edited:
        return xml, digests, info["blocks"]
    start, end = xml.find(b"<w:document"), xml.find(b"<w:body>")
    if start < 0 or end < start or not spliceable(xml):
        return None
    head, tail = xml[start:end + 8], b"</w:body></w:document>"
    blocks = info["blocks"]
    edits: list[tuple[int, int, bytes]] = []
    for p in edited:
        parts: list = []
        tables: list = []
        ref = smap.projects[p.uid]
        for i in ref.blocks:
            kind, where = blocks[i]
            if kind == "p":
                parts.append(where)
                continue
            begin, stop = where
            try:
                root = etree.fromstring(head + xml[begin:stop] + tail, PARSER)
            except etree.XMLSyntaxError:
                return None  # (a prefix declared on an element around the table)
            body = root.find(x.w("body"))
            if body is None or len(body) != 1 or body[0].tag != x.W_TBL:
                return None
            parts.append(body[0])
            tables.append((begin, stop, root))
        cells = patch_project(p, parts, ref, lost)
        if cells is None:
            return None
        for begin, stop, root in tables:
            mine = [tc for tc in cells if tc.getroottree().getroot() is root]
            new = splice_cells(xml[begin:stop], root, mine, whole=False) if mine else xml[begin:stop]
            if new is None:
                return None
            edits.append((begin, stop, new))
    edits.sort()
    return _replaced(xml, edits), digests, _shifted(blocks, edits)


def _shifted(blocks: list, edits: list) -> list:
    """The blocks' byte ranges after ``edits`` (begin, end, new bytes) replaced table bytes."""
    out = []
    k = shift = 0
    for kind, where in blocks:
        if kind == "t":
            begin, stop = where
            while k < len(edits) and edits[k][1] <= begin:
                shift += len(edits[k][2]) - (edits[k][1] - edits[k][0])
                k += 1
            grow = len(edits[k][2]) - (stop - begin) if k < len(edits) and edits[k][0] == begin else 0
            where = (begin + shift, stop + shift + grow)
        out.append((kind, where))
    return out



def patch_department_table(tbl, dep: Department, digest: str) -> list | None:
    """Write the changed values of the national department table ``dep`` into the cells of its
    table ``tbl`` they were read from, when only values changed (the same tasks and 年度绩效指标
    rows, the same 一级/二级 grouping, 年度总体目标 in one cell): the ``w:tc`` changed; None, with
    nothing changed, when the table must be rebuilt. A patch that does not read back as ``dep``
    is undone."""
    grid = build_grid(tbl)
    table = find_department_table(grid, head_rows=3)
    if table is None or not digest or department_digest(table.department) != digest:
        return None
    old, where = table.department, table.where
    if [(i.level1, i.level2) for i in old.indicators] != [(i.level1, i.level2) for i in dep.indicators] \
            or len(old.tasks) != len(dep.tasks):
        return None
    wanted: list[tuple[int, int, str]] = []  # (row, col, text)
    for fld, pos in where.items():
        if fld == "unit_in:budget":
            before, text = table.unit_texts[fld], V.with_unit(table.unit_texts[fld], dep.budget.unit)
        else:
            before, text = department_text(old, fld), department_text(dep, fld)
        if before != text and before is not None:
            if fld == "overall" and "overall:more_rows" in where:
                return None  # (its text spread over rows)
            wanted.append((pos[0], pos[1], text or ""))
    for run, before, after, value in ((table.tasks, old.tasks, dep.tasks, task_value),
                                      (table.indicators, old.indicators, dep.indicators, indicator_value)):
        if run is None or len(run.rows) != len(after):
            if after:
                return None
            continue
        wanted += [(r, c, value(b, f)) for r, a, b in zip(run.rows, before, after, strict=True)
                   for f, c in run.cols.items() if f not in ("level1", "level2") and value(a, f) != value(b, f)]
    cells = []
    for r, c, text in wanted:
        cell = grid.rows[r][c] if 0 <= r < len(grid.rows) and 0 <= c < len(grid.rows[r]) else None
        tc = tc_of(grid, cell) if cell is not None and (cell.row, cell.col) == (r, c) else None
        if not plain_cell(tc, cell):
            return None
        cells.append((tc, cell, text))
    saved = [(tc, list(tc)) for tc, _, _ in cells]
    for tc, cell, text in cells:
        set_cell_text(tc, text, look_from(grid, cell, tc))
    again = find_department_table(build_grid(tbl), head_rows=3)
    if again is None or department_digest(again.department) != department_digest(dep):
        for tc, children in saved:  # undone
            tc[:] = children
        return None
    return [tc for tc, _, _ in cells]
