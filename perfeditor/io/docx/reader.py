"""``read_docx``: a .docx file → :class:`~perfeditor.model.Document`.

The body is read once: by scanning the main part's bytes (:mod:`~perfeditor.io.docx.scan`, fast)
or, when the file is not plain enough for that, by walking the parsed tree
(:func:`~perfeditor.io.docx.blocks.body_blocks`); both give the same blocks. Each table's grid is
recognised by its labels: a project form (项目名称 / 项目编码 / 绩效目标 …),
the indicator block of the form before it (a second table, or the continuation of a table split over
pages with a repeated title between), the national department table, or anything else (ignored).
"""
from __future__ import annotations

import gc
import logging
import zipfile
from pathlib import Path

from lxml import etree

from perfeditor.errors import FormReadError
from perfeditor.forms.department import digest as department_digest
from perfeditor.forms.department import find_department_table
from perfeditor.forms.find import BodyForms
from perfeditor.forms.grid import Grid
from perfeditor.forms.narrative import find_narrative
from perfeditor.forms.vocabulary import looks_like_title, unit_label
from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.grid import build_grid, check_cell_count, grid_from_rows, joined_lines
from perfeditor.io.docx.scan import plain_enough, scan_body, well_formed
from perfeditor.io.docx.text import W_P, paragraph_text
from perfeditor.io.source import FormPlace, IndicatorBlock, Outside, SourceMap
from perfeditor.model import Document, Project

log = logging.getLogger(__name__)

PREAMBLE_LIMIT = 4000


def _parser() -> etree.XMLParser:
    # as python-docx parses, and never resolving entities or touching the network
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                           remove_blank_text=True)


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part's name (``word/document.xml`` unless the package says otherwise)."""
    try:
        rels = etree.fromstring(zf.read("_rels/.rels"), _parser())
        for rel in rels:
            if rel.get("Type", "").endswith("/officeDocument"):
                target = rel.get("Target", "").lstrip("/")
                if target in zf.namelist():
                    return target
    except (KeyError, etree.XMLSyntaxError):
        pass
    return "word/document.xml"


def main_part_bytes(path: str | Path) -> bytes:
    """The raw main document part of ``path``."""
    return _main_part_and_crc(path)[0]


def _main_part_and_crc(path: str | Path) -> tuple[bytes, int]:
    try:
        with zipfile.ZipFile(path) as zf:
            name = _main_part(zf)
            return zf.read(name), zf.getinfo(name).CRC
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise FormReadError("文件不是有效的 Word 文档（.docx），无法读取。") from exc


def parse_document_xml(path: str | Path, data: bytes | None = None):
    """The ``w:document`` element of ``path`` (entities never resolved, no network)."""
    if data is None:
        data = main_part_bytes(path)
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise FormReadError("Word 文档的正文已损坏，无法读取。") from exc


def _checked_later(data: bytes):
    """A function telling whether ``data`` is well-formed (:func:`~perfeditor.io.docx.scan.well_formed`).
    A large part is checked in a thread while the forms are read: libxml2 parses without the GIL
    and without building a tree (no Python callbacks), so on two cores it costs no time, and what
    was read is kept only if the part proves well-formed. A small part is checked when asked."""
    if len(data) <= 256 * 1024:
        return lambda: well_formed(data)
    import threading

    got: list = []

    def run() -> None:
        try:
            got.append(well_formed(data))
        except BaseException as exc:  # noqa: BLE001 - MemoryError …: kept and raised in the caller's thread
            got.append(exc)

    thread = threading.Thread(target=run, name="docx-well-formed", daemon=True)
    thread.start()

    def result() -> bool:
        thread.join()
        if isinstance(got[0], BaseException):
            raise got[0]
        return got[0]

    return result


_CORRUPT = "Word 文档的正文已损坏，无法读取。"


def read_docx(path: str | Path, smap: SourceMap | None = None) -> Document:
    """Read every performance target form (and the department part) of a .docx file; where each
    sits goes into ``smap`` when given."""
    was_enabled = gc.isenabled()
    gc.disable()  # many small objects, no cycles worth collecting mid-read: a third faster
    try:
        data, crc = _main_part_and_crc(path)
        check_cell_count(data)  # many tables, each within its limits: refused before any is built
        doc = items = None
        spans: list | None = [] if smap is not None else None
        if plain_enough(data):  # (a fraction of a millisecond: a search for a few markers)
            well = _checked_later(data)  # libxml2 checks the part on the other core meanwhile
            try:  # the raw-XML scan
                items = scan_body(data, True, spans)
                doc = read_items(items, smap) if items is not None else None
            except Exception as exc:  # noqa: BLE001 - a part not well-formed may read as anything: the check says
                if not well():
                    raise FormReadError(_CORRUPT) from exc
                raise
        if doc is None:  # a part the scan leaves to the parsed tree
            return read_blocks(body_blocks(parse_document_xml(path, data)), smap)
        if not well():
            raise FormReadError(_CORRUPT)
        if smap is not None:  # what the scan saw: each block as a paragraph's text or a table's byte range
            smap.scan = {"crc": crc, "size": len(data), "blocks": [
                (kind, payload if kind == "p" else span) for (kind, payload), span in zip(items, spans, strict=True)]}
        return doc
    finally:
        if was_enabled:
            gc.enable()


def read_blocks(blocks: list, smap: SourceMap | None = None) -> Document:
    """Read the forms of a body given as its blocks (``body_blocks``: ``w:p`` / ``w:tbl``); their
    places go into ``smap`` when given."""
    return read_items([("p" if b.tag == W_P else "t", b) for b in blocks], smap)


def read_tracked(blocks: list) -> tuple[list[tuple[Project, dict]], list]:
    """The projects of ``blocks`` (parsed ``w:p`` / ``w:tbl``, or a paragraph's text), each with
    where its values were read: field or ``(indicator index, field)`` → ``(Cell, Grid)`` (see
    :class:`~perfeditor.forms.find.TableForm`;
    :func:`~perfeditor.io.docx.grid.tc_of` finds the cell's ``w:tc``); and the blocks as read
    (tables as their grids) for :func:`read_again`. For in-place saves."""
    items = [("p", b) if isinstance(b, str) else ("p" if b.tag == W_P else "t", b) for b in blocks]
    found = _find(items, track=True)
    got = [(p, form.where or {}) for form, p in found.kept()]
    return got, [(k, found.grids.get(i, payload)) for i, (k, payload) in enumerate(items)]


def read_again(items: list) -> list[Project]:
    """The projects of blocks :func:`read_tracked` gave, after cell texts in their grids were
    changed (``Cell.text``): read as the file would be, without building the grids again."""
    for _kind, payload in items:
        if isinstance(payload, Grid):
            payload.memo.clear()
            payload._distinct.clear()
    return [p for _, p in _find(items).kept()]


def _find(items: list, track: bool = False) -> BodyForms:
    """The forms of the body blocks ``items`` (kind, payload): each paragraph turned into its
    text, each table into its grid, as the finder reaches it."""
    def blocks():
        for kind, payload in items:
            if kind == "p":
                yield payload if isinstance(payload, str) else paragraph_text(payload).strip()
            elif isinstance(payload, list):  # rows from the scan: emptied once read, their memory
                grid = grid_from_rows(payload, joined_lines)  # goes to the forms read after
                payload.clear()
                yield grid
            elif isinstance(payload, Grid):  # read before (read_again)
                yield payload
            else:
                yield build_grid(payload)

    return BodyForms(blocks(), track, lambda grid: _department_table(grid) is not None).run()


def _department_table(grid: Grid):
    """The national department form a table is (its 部门名称 row among its first three), or None;
    read once per grid (the finder asks, then the reader takes it)."""
    if "department" not in grid.memo:
        grid.memo["department"] = find_department_table(grid, head_rows=3)
    return grid.memo["department"]


def _heading(found: BodyForms, i: int) -> list[int]:
    """The department table's title and unit line (``（单位：万元）``) right above table ``i``."""
    out: list[int] = []
    j = i - 1
    while j in found.texts:  # (paragraphs only: a table or the start ends the search)
        t = found.texts[j]
        if t and (unit_label(t.strip("（）() ")) or looks_like_title(t)):
            out.append(j)
        if t and not unit_label(t.strip("（）() ")):
            break
        j -= 1
    return sorted(out) if any(looks_like_title(found.texts[k]) for k in out) else []


def read_items(items: list, smap: SourceMap | None = None) -> Document:
    """Read the forms of a body given as :func:`~perfeditor.io.docx.scan.scan_body` gives it (or
    with parsed blocks for payloads: see :func:`read_blocks`); a table's rows are emptied once read."""
    found = _find(items)
    doc = Document()
    places: list[FormPlace] = []
    used: set[int] = set()
    for form, p in found.kept():
        used.update(form.blocks)
        doc.projects.append(p)
        if smap is not None:
            places.append(_place(form, p))
    number_parts(places)
    dep_table, dep_blocks = None, []
    if found.others:  # the first department table
        i, grid = found.others[0]
        dep_table, dep_blocks = _department_table(grid).department, [*_heading(found, i), i]
        used.update(dep_blocks)
    texts = found.texts  # block index → paragraph text
    narrative = find_narrative([texts[i] if i in texts and i not in used else None for i in range(len(items))])
    if narrative is not None:
        doc.department, dep_blocks = narrative
        used.update(dep_blocks)
    else:
        doc.department = dep_table
    if doc.projects:
        doc.layout = doc.projects[0].variant.layout
    if smap is not None:
        smap.format = "docx"
        for p, place in zip(doc.projects, places, strict=True):
            place.digest = p.content_fingerprint()
            smap.projects[p.uid] = place
        dep = doc.department
        if dep is not None:
            smap.department = FormPlace(format="docx", blocks=list(dep_blocks),
                                        digest=department_digest(dep))
        smap.outside = _outside(found, len(items), used)
    doc.preamble = _preamble(found, len(items))
    return doc


def _place(form, p: Project) -> FormPlace:
    """Where the form ``p`` was read from sits (``form``: the finder's)."""
    place = FormPlace(format="docx", blocks=sorted(set(form.blocks)))
    if len(form.tables) > 1:  # split over pages (rare: the composing module is imported only then)
        from perfeditor.forms.compose import parts_held

        place.split = parts_held([(row, n) for _, row, n in form.tables], [i.uid for i in p.indicators])
    if form.merges:  # cells merged down (指标值确定依据 …): a rebuilt form merges them again
        place.block = IndicatorBlock()
        place.block.remember_merges(form.merges, p.indicators)
    return place


def shared_groups(places: list[FormPlace]) -> list[list[int]]:
    """Forms whose blocks overlap (several forms in one table), as lists of indexes into
    ``places``, in document order; a form alone in its blocks is a group of one."""
    groups: list[list[int]] = []
    owner: dict[int, int] = {}
    for n, place in enumerate(places):
        blocks = place.blocks if place is not None else []
        hit = sorted({owner[i] for i in blocks if i in owner})
        if not hit:
            k = len(groups)
            groups.append([n])
        else:
            k = hit[0]
            for other in hit[1:]:  # (a form joining two groups: they become one)
                groups[k].extend(groups[other])
                for q in groups[other]:
                    owner.update((i, k) for i in places[q].blocks)
                groups[other] = []
            groups[k].append(n)
        owner.update((i, k) for i in blocks)
    return [g for g in groups if g]


def number_parts(places: list[FormPlace]) -> None:
    """Forms sharing blocks (several forms in one table): each learns its place."""
    for group in shared_groups(places):
        for k, n in enumerate(group):
            places[n].part, places[n].parts = k, len(group)


def _outside(walk: BodyForms, n: int, used: set[int]) -> Outside:
    """The paragraphs (non-empty) and tables outside the forms and the department part."""
    out = Outside()
    for i in range(n):
        if i not in used and i not in walk.texts:
            out.tables += 1
        elif i not in used and walk.texts[i]:
            out.paragraphs.append(walk.texts[i])
    return out


def _preamble(walk: BodyForms, n: int) -> str:
    out: list[str] = []
    size = 0
    for i in range(n):
        t = walk.texts.get(i)
        if t:
            out.append(t)
            size += len(t) + 1
            if size >= PREAMBLE_LIMIT:
                break
    return "\n".join(out)[:PREAMBLE_LIMIT]
