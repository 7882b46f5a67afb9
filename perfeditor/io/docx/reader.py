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
from perfeditor.forms.department import find_department_table
from perfeditor.forms.grid import Grid
from perfeditor.forms.narrative import find_narrative
from perfeditor.forms.recognize import page_note
from perfeditor.forms.vocabulary import looks_like_title, norm, unit_label
from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.grid import build_grid, check_cell_count, grid_from_rows, joined_lines
from perfeditor.io.docx.project import (
    ProjectReader,
    first_header,
    has_project_labels,
)
from perfeditor.io.docx.scan import plain_enough, scan_body, well_formed
from perfeditor.io.docx.text import W_P, paragraph_text
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.model import Department, Document, Project

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


def _scan_record(crc: int, size: int, items: list, spans: list) -> dict | None:
    """What the scan saw of the main part (see :attr:`SourceMap.scan`): its CRC and size, each
    block as a paragraph's text or a table's byte range."""
    if len(spans) != len(items):
        return None
    return {"crc": crc, "size": size,
            "blocks": [(kind, payload if kind == "p" else span)
                       for (kind, payload), span in zip(items, spans, strict=False)]}


def parse_document_xml(path: str | Path, data: bytes | None = None):
    """The ``w:document`` element of ``path`` (entities never resolved, no network)."""
    if data is None:
        data = main_part_bytes(path)
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise FormReadError("Word 文档的正文已损坏，无法读取。") from exc


class _WellFormed:
    """Whether a part is plain enough to scan (:func:`~perfeditor.io.docx.scan.plain_enough`)
    and well-formed (:func:`~perfeditor.io.docx.scan.well_formed`). For a large part both run
    in a thread while the scan runs: libxml2 parses without the GIL and without building a tree
    (no Python callbacks), so on two cores the checks cost no time, and the scan's result is
    kept only if the part proves plain. Small parts are checked in the calling thread."""

    THREAD_ABOVE = 256 * 1024

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._plain: bool | None = None
        self._ok: bool | None = None
        self._error: BaseException | None = None
        self._thread = None
        if len(data) > self.THREAD_ABOVE:
            import threading

            self._thread = threading.Thread(target=self._run, name="docx-well-formed", daemon=True)
            self._thread.start()
        else:
            self._plain = plain_enough(data)

    @property
    def threaded(self) -> bool:
        return self._thread is not None

    def _run(self) -> None:
        try:
            self._plain = plain_enough(self._data)
            if self._plain:
                self._ok = well_formed(self._data)
        except BaseException as exc:  # noqa: BLE001 - MemoryError …: kept and raised in the caller's thread
            self._error = exc

    def plain(self) -> bool:
        """(Waits for the thread.)"""
        if self._thread is not None:
            self._thread.join()
            if self._error is not None:
                raise self._error
        return bool(self._plain)

    def result(self) -> bool:
        if self._thread is None:
            return well_formed(self._data)
        self.plain()
        return bool(self._ok)


def read_docx(path: str | Path, smap: SourceMap | None = None) -> Document:
    """Read every performance target form (and the department part) of a .docx file; where each
    sits goes into ``smap`` when given."""
    was_enabled = gc.isenabled()
    gc.disable()  # many small objects, no cycles worth collecting mid-read: a third faster
    try:
        data, crc = _main_part_and_crc(path)
        check_cell_count(data)  # many tables, each within its limits: refused before any is built
        check = _WellFormed(data)  # libxml2 checks the part on the other core meanwhile
        spans: list = []
        items = failed = None
        try:  # the raw-XML scan (the part's plainness is known before or right after it)
            items = scan_body(data, True if check.threaded else check.plain(), spans)
        except Exception as exc:  # noqa: BLE001 - the fast scan gives up: the parsed tree decides below
            log.info("docx fast scan failed (%s); reading the parsed tree", type(exc).__name__)
            failed = exc
        if not check.plain():
            items = None  # the parsed tree reads it
        elif failed is not None:
            raise failed
        if items is not None:
            if not check.result():
                raise FormReadError("Word 文档的正文已损坏，无法读取。")
            doc = _read_items(items, smap)
            if smap is not None:
                smap.scan = _scan_record(crc, len(data), items, spans)
            return doc
        return read_blocks(body_blocks(parse_document_xml(path, data)), smap)
    finally:
        if was_enabled:
            gc.enable()


def read_blocks(blocks: list, smap: SourceMap | None = None) -> Document:
    """Read the forms of a body given as its blocks (``body_blocks``: ``w:p`` / ``w:tbl``); their
    places go into ``smap`` when given."""
    return _read_items([("p" if b.tag == W_P else "t", b) for b in blocks], smap)


def read_tracked(blocks: list) -> tuple[list[tuple[Project, dict]], list]:
    """The projects of ``blocks`` (parsed ``w:p`` / ``w:tbl``, or a paragraph's text), each with
    where its values were read: field or ``(indicator index, field)`` → ``(Cell, Grid)`` (see
    ``ProjectReader.where``;
    :func:`~perfeditor.io.docx.grid.tc_of` finds the cell's ``w:tc``); and the blocks as read
    (tables as their grids) for :func:`read_again`. For in-place saves."""
    items = [("p", b) if isinstance(b, str) else ("p" if b.tag == W_P else "t", b)
             for b in blocks]
    walk = _Walk(items, track=True)
    walk.run()
    got = [(p, form.where or {}) for form, p in _kept_forms(walk)]
    return got, [(k, walk.grids.get(i, payload)) for i, (k, payload) in enumerate(items)]


def read_again(items: list) -> list[Project]:
    """The projects of blocks :func:`read_tracked` gave, after cell texts in their grids were
    changed (``Cell.text``): read as the file would be, without building the grids again."""
    for _kind, payload in items:
        if isinstance(payload, Grid):
            payload.memo.clear()
            payload._distinct.clear()
    walk = _Walk(items)
    walk.run()
    return [p for _, p in _kept_forms(walk)]


def _kept_forms(walk: "_Walk"):
    """The forms read that are projects (not a lone 绩效目标 block, not an empty table)."""
    for form in walk.forms:
        if form.header is None and not (form.project.name or form.project.code):
            continue  # a lone 绩效目标 table whose indicator block never came
        p = form.finish()
        if not p.indicators and not (p.name or p.code or p.goals):
            continue
        yield form, p


class _Walk:
    def __init__(self, items: list, track: bool = False) -> None:
        self.items = items
        self.track = track
        self.texts: dict[int, str] = {}
        self.grids: dict[int, Grid] = {}
        self.forms: list[ProjectReader] = []
        self.current: ProjectReader | None = None
        self.since: list[int] = []  # paragraph indexes since the last table
        self.used: set[int] = set()
        self.dept_table: Department | None = None
        self.dept_blocks: list[int] = []

    def is_para(self, i: int) -> bool:
        return self.items[i][0] == "p"

    def text(self, i: int) -> str:
        t = self.texts.get(i)
        if t is None:
            payload = self.items[i][1]
            t = payload if isinstance(payload, str) else paragraph_text(payload).strip()
            self.texts[i] = t
        return t

    def grid(self, i: int) -> Grid:
        payload = self.items[i][1]
        if isinstance(payload, list):  # rows from the scan
            return grid_from_rows(payload, joined_lines)
        if isinstance(payload, Grid):  # read before (read_again)
            return payload
        grid = build_grid(payload)
        if self.track:
            self.grids[i] = grid
        return grid

    def run(self) -> None:
        for i in range(len(self.items)):
            if self.is_para(i):
                self.since.append(i)
                t = self.text(i)
                if t and self.current is not None and not self._is_repeat(t):
                    self.current = None  # text between: the form is over
                continue
            self.table(i, self.grid(i))
            self.since = []

    def _is_repeat(self, t: str) -> bool:
        cur = self.current
        return cur is not None and (looks_like_title(t) or "续" in t and len(t) <= 10
                                    or norm(t) == norm(cur.project.title) or page_note(t))

    def _title(self) -> tuple[str, list[int]]:
        """The title paragraph right above the table (blank paragraphs skipped)."""
        for i in reversed(self.since):
            t = self.text(i)
            if not t:
                continue
            if looks_like_title(t):
                return t, [i]
            break
        return "", []

    def _heading(self) -> list[int]:
        """The department table's title and unit line (``（单位：万元）``) right above it."""
        found: list[int] = []
        for i in reversed(self.since):
            t = self.text(i)
            if not t:
                continue
            if unit_label(t.strip("（）() ")):
                found.append(i)
                continue
            if looks_like_title(t):
                found.append(i)
            break
        return sorted(found) if any(looks_like_title(self.text(i)) for i in found) else []

    def table(self, i: int, grid: Grid) -> None:
        if len(grid) == 0:
            return
        dept = find_department_table(grid, head_rows=3)
        if dept is not None:
            if self.dept_table is None:
                self.dept_table = dept.department
                self.dept_blocks = [*self._heading(), i]
                self.used.update(self.dept_blocks)
            self.current = None
            return
        header = first_header(grid)
        starts = has_project_labels(grid, header)
        cur = self.current
        between = list(self.since)
        if not starts and cur is not None and (header is not None or self._headerless_continuation(
                grid, cur)):
            if cur.header is None:
                cur.project.variant.two_tables = True
            else:
                cur.project.variant.split = True
            cur.blocks.extend(between + [i])
            r = cur.read_grid(grid, header.row if header is not None else 0)
            self._rest(i, grid, r)
            return
        if not starts and header is None:
            self.current = None
            return  # not a performance form
        self._new_form(i, grid, 0 if starts else header.row)  # type: ignore[union-attr]

    def _new_form(self, i: int, grid: Grid, start: int, title: str | None = None) -> None:
        """The forms of table ``i`` from row ``start`` on: one after the other (stacked forms,
        thousands in one table), in a loop rather than by recursion."""
        while True:
            if title is None:
                title, tblocks = self._title()
            else:
                tblocks = []
            reader = ProjectReader(title, track=self.track)
            reader.blocks.extend(tblocks + [i])
            r = reader.read_grid(grid, start)
            if tblocks and reader.project.variant.title_as_row:  # a heading above, not the form's
                reader.blocks = [b for b in reader.blocks if b not in tblocks]
            self.forms.append(reader)
            self.current = reader
            if not start < r < len(grid):
                return
            start, title = r, ""

    def _rest(self, i: int, grid: Grid, r: int) -> None:
        """A second form in the same table (stacked forms) starts at row ``r``."""
        if r < len(grid):
            self._new_form(i, grid, r, title="")

    def _headerless_continuation(self, grid: Grid, cur: ProjectReader) -> bool:
        if cur.header is None or grid.width != cur.width:
            return False
        return not any(self.text(j) and not self._is_repeat(self.text(j)) for j in self.since)


def _read_items(items: list, smap: SourceMap | None = None) -> Document:
    walk = _Walk(items)
    walk.run()
    doc = Document()
    places: list[FormPlace] = []
    for form, p in _kept_forms(walk):
        place = FormPlace(format="docx", blocks=sorted(set(form.blocks)))
        walk.used.update(place.blocks)
        doc.projects.append(p)
        places.append(place)
    number_parts(places)
    narrative = _narrative(walk)
    dep_blocks = walk.dept_blocks
    if narrative is not None:
        doc.department, dep_blocks = narrative
    else:
        doc.department = walk.dept_table
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
                                        digest=dep.content_fingerprint())
    doc.preamble = _preamble(walk)
    return doc


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


def _narrative(walk: _Walk) -> tuple[Department, list[int]] | None:
    found = find_narrative([walk.text(i) if walk.is_para(i) and i not in walk.used else None
                            for i in range(len(walk.items))])
    if found is not None:
        walk.used.update(found[1])
    return found


def _preamble(walk: _Walk) -> str:
    out: list[str] = []
    size = 0
    for i in range(len(walk.items)):
        if not walk.is_para(i):
            continue
        t = walk.text(i)
        if not t:
            continue
        out.append(t)
        size += len(t) + 1
        if size >= PREAMBLE_LIMIT:
            break
    return "\n".join(out)[:PREAMBLE_LIMIT]
