"""Writing a :class:`~perfeditor.model.Document` as .docx: :func:`plan_docx` and :func:`write_docx`.

Saving back into the .docx the document was read from (same format, same layout; its source map
given) changes only its forms. A form whose content fingerprint equals its place's digest keeps its
XML; an edited one whose table keeps its shape has only its changed cells' texts replaced
(:mod:`writer_patch`; spliced into the original bytes when nothing else changed); any other is
rebuilt in place like the original (:mod:`writer_changes`, :mod:`writer_two_tables`, the look of
:mod:`writer_table`), each rebuilt row keeping what the original row it stands for holds besides
its values (row properties, bookmarks, comment anchors, content controls). Forms moved take their
blocks along, removed ones lose them, added ones stand where they stand in the document (a copy
like its original, without its bookmarks and comments); the department part is rewritten only
when edited. A bookmark or comment whose other end went is dropped whole (a comment from the
comments parts too). Every other zip member is copied unchanged; a save that changes nothing
writes the original bytes. That save is worked out in memory first
(:func:`prepare_in_place`, at plan time, so that the plan names the forms composed anew before
anything is written), then the package is written and the source map brought up to date. Anything
else is a new file built from ``resources/templates/base.docx`` (:mod:`writer_template`). Both go
through :func:`perfeditor.io.atomic.atomic_write`.
"""
from __future__ import annotations

import io
import logging
import zipfile
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from perfeditor.errors import FormWriteError
from perfeditor.forms.compose import left_out_report, parts_held
from perfeditor.forms.department import digest as department_digest
from perfeditor.forms.layouts import left_out
from perfeditor.io import file_stamp
from perfeditor.io.atomic import atomic_write, same_file
from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.reader import _main_part, number_parts
from perfeditor.io.docx.writer_changes import Placed, apply_changes
from perfeditor.io.docx.writer_patch import PARSER, fingerprint, patch_in_bytes, splice_cells
from perfeditor.io.docx.writer_template import write_new, write_package
from perfeditor.io.outside import not_carried
from perfeditor.io.source import FormPlace, IndicatorBlock, SourceMap
from perfeditor.model import LAYOUTS, Document, Project

log = logging.getLogger(__name__)


def can_save_in_place(doc: Document, layout: str, smap: SourceMap | None) -> bool:
    """The document came from a .docx that is still as it was read (``smap`` says where its
    forms sit), and keeps its layout."""
    if doc.format != "docx" or not doc.path or layout != doc.layout or smap is None \
            or smap.format != "docx" or not smap.path or not same_file(Path(smap.path), Path(doc.path)):
        return False
    src = Path(doc.path)
    if not src.is_file() or src.suffix.lower() != ".docx" \
            or doc.source_stamp is not None and file_stamp(src) != tuple(doc.source_stamp):
        return False  # (changed on disk since: its block positions no longer hold)
    return any(ref.format == "docx" and ref.blocks for ref in smap.projects.values()) \
        or (doc.department is not None and smap.department is not None and bool(smap.department.blocks))


def write_docx(doc: Document, path: str | Path, layout: str | None = None,
               smap: SourceMap | None = None) -> list[str]:
    """Write ``doc`` to ``path`` in ``layout`` (default: the document's own); return what was left out."""
    report, losses, run = plan_docx(doc, path, layout, smap)
    return report + losses + run()


def plan_docx(doc: Document, path: str | Path, layout: str | None = None,
              smap: SourceMap | None = None):
    """(report, losses, run): what ``layout`` cannot hold (saving in place: of the forms composed
    anew only, the others kept or patched keep what they hold), what of the original file this save
    cannot keep (worked out before anything is written: the caller asks the clerk), and the
    function that writes the file. ``smap``: where the forms sit in the file ``doc`` was read
    from; a save over that file updates it (in place) to the file as written."""
    path = Path(path)
    target = layout or doc.layout
    if target not in LAYOUTS:
        raise FormWriteError(f"不认识的表格格式“{target}”；可选：hebei-project、hebei-graded、mof-project。")
    in_place = can_save_in_place(doc, target, smap)
    prepared = None
    losses: list[str] = []
    if in_place:  # worked out now: the plan names the forms composed anew before anything is written
        try:
            with _in_chinese(path, "preparing the save of", passing=_DAMAGED):
                prepared = prepare_in_place(doc, Path(doc.path).read_bytes(), smap)  # type: ignore[arg-type]
        except _DAMAGED:  # a damaged part of the original: the file is built anew
            log.warning("in-place save of %s met a damaged part; to be written anew", path, exc_info=True)
            losses.append("原文件中有已损坏的部分，无法只改动修改过的表格，需要按官方版式重新生成文件；"
                          "表格以外的段落、其他表格、页眉页脚和图片将不会保留。")
    report = left_out_report(doc, target, prepared.composed, prepared.department) if prepared is not None \
        else left_out_report(doc, target)
    for p in doc.projects if prepared is not None else []:  # (patched: what their cells cannot take)
        if id(p) in prepared.lost and not any(p is q for q in prepared.composed):
            report += left_out([p], p.variant.layout, [prepared.lost[id(p)]])
    if not in_place and doc.format == "docx" and doc.path and same_file(Path(doc.path), path):
        why = "改用了其他版式" if target != doc.layout else "文件在打开后已被修改"
        losses.append(f"无法只改动原文档中修改过的表格（{why}），需要按官方模板重新生成整个文档；"
                      "表格以外的段落、其他表格、页眉页脚和图片将不会保留。")
    elif not in_place:  # a new file from the template: what of the original it does not carry
        losses += not_carried(doc, smap)

    def run() -> list[str]:
        note: list[str] = []
        with _in_chinese(path, "writing"):
            if prepared is not None:
                try:
                    atomic_write(path, prepared.write)
                    if same_file(Path(doc.path), path):  # type: ignore[arg-type]
                        prepared.refresh()  # the file now has the new structure: point the map at it
                    return []
                except _DAMAGED:  # a damaged member of the original, met while copying it
                    log.warning("in-place save of %s met a damaged part; written anew", path, exc_info=True)
                    note = ["原文件中有已损坏的部分，已按官方版式重新生成文件（表外的其他内容未保留）。"]
            atomic_write(path, lambda tmp: write_new(doc, tmp, target, smap))
            if smap is not None and smap.path and same_file(Path(smap.path), path):
                smap.forget_places()  # the file was rebuilt: its recorded places are gone
            return note
    return report, losses, run


_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError)


@contextmanager
def _in_chinese(path: Path, doing: str, passing: tuple = ()):
    """A writer's failure (other than a :class:`FormWriteError` or one of ``passing``) as one
    Chinese line for the clerk, the original untouched; the log keeps why."""
    try:
        yield
    except (FormWriteError, *passing):
        raise
    except MemoryError:
        raise FormWriteError(f"内容过大，未能保存“{path.name}”；原文件未被改动。") from None
    except Exception as exc:  # noqa: BLE001 - a writer bug: one Chinese line for the clerk, the log keeps why
        log.exception("%s %s failed", doing, path)
        raise FormWriteError(f"保存“{path.name}”时程序出错，未能保存；原文件未被改动。") from exc


@dataclass
class Prepared:
    """An in-place save worked out in memory, nothing written yet (:func:`prepare_in_place`):
    ``composed`` the projects whose forms it composes anew (added, copied, rebuilt: what their
    layout cannot hold is not written), ``department`` whether it composes the department table
    form anew, ``lost`` (by ``id``) the fields of forms patched that their layout has no cell
    for; :meth:`write` puts the package at ``tmp``; ``refresh``, once the file has replaced the
    original, points the source map at it."""

    original: bytes
    part: str
    xml: bytes
    refresh: Callable[[], None]
    composed: list[Project] = field(default_factory=list)
    department: bool = False
    lost: dict = field(default_factory=dict)
    #: Other members changed (the comments parts, without the comments whose anchors went).
    others: dict = field(default_factory=dict)

    def write(self, tmp: Path) -> None:
        with zipfile.ZipFile(io.BytesIO(self.original)) as zin:
            if not self.others and zin.read(self.part) == self.xml:  # nothing changed: the file as it was
                tmp.write_bytes(self.original)
            else:
                write_package(zin, {**self.others, self.part: self.xml}, tmp)


def prepare_in_place(doc: Document, original: bytes, smap: SourceMap) -> Prepared:
    """The new package of ``doc`` saved into ``original`` (the file ``smap`` describes), worked
    out without writing anything: which forms are kept, patched or composed anew is decided here,
    so a save plan can say before writing what the forms composed anew leave out."""
    placed = Placed()
    with zipfile.ZipFile(io.BytesIO(original)) as zin:
        part = _main_part(zin)
        xml = zin.read(part)
        fast = patch_in_bytes(doc, xml, zin.getinfo(part).CRC, smap, placed.lost)
        if fast is not None:  # value edits only: the edited tables alone were parsed
            return Prepared(original, part, fast[0], _refresh_patched(doc, smap, *fast), lost=placed.lost)
        placed.lost.clear()  # (the parsed part patches again)
        root = etree.fromstring(xml, PARSER)
        if apply_changes(doc, root, smap, placed):  # (cells spliced into the bytes when only they changed)
            spliced = splice_cells(xml, root, placed.patched) if None not in placed.patched else None
            xml = spliced or etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        others = without_comments(zin, placed.comments_gone)
    composed = [p for p in doc.projects if id(p) in placed.composed]
    return Prepared(original, part, xml, _refresh(doc, smap, root, placed), composed, placed.department_composed,
                    placed.lost, others)


#: The parts holding a document's comments, in the order their entries refer to one another: a
#: comment's paragraphs (``paraId``), then its durable id (``durableId``).
_COMMENT_PARTS = ("word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml",
                  "word/commentsExtensible.xml")


def without_comments(zin, gone: set) -> dict[str, bytes]:
    """The comments parts of the package ``zin`` without the comments of ids ``gone`` (their
    anchors removed with their rows or forms: a comment anchored nowhere is a broken file), by
    member name; none when nothing is gone."""
    names = set(zin.namelist()) if gone else set()
    out: dict[str, bytes] = {}
    ids: set = set()  # the paragraph and durable ids of the comments gone
    for name in (n for n in _COMMENT_PARTS if n in names):
        try:
            root = etree.fromstring(zin.read(name), PARSER)
        except etree.XMLSyntaxError:  # (a damaged part: left as it is)
            continue
        for entry in list(root):
            own = {etree.QName(k).localname: v for k, v in entry.attrib.items()}
            if name == _COMMENT_PARTS[0] and own.get("id") in gone or own.get("paraId") in ids \
                    or own.get("durableId") in ids:
                ids.update(v for el in entry.iter() for k, v in el.attrib.items()
                           if etree.QName(k).localname in ("paraId", "durableId"))
                root.remove(entry)
                out[name] = b""
        if name in out:
            out[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


def _refresh(doc: Document, smap: SourceMap, root, placed: Placed) -> Callable[[], None]:
    """The function pointing ``smap`` at the part ``root`` as written (``placed``:
    :func:`apply_changes`)."""
    order = {el: k for k, el in enumerate(body_blocks(root))}
    refs = {key: sorted(order[el] for el in els if el in order) for key, els in placed.blocks.items()}

    def refresh() -> None:
        places: dict[int, FormPlace] = {}
        for p in doc.projects:
            got = refs.get(id(p))
            place = smap.of(p)
            if id(p) in placed.unchanged and place is not None and got == place.blocks:
                places[p.uid] = place  # same blocks, same content: its digest holds
            elif got:  # (a form kept or patched keeps its parts' sizes)
                parts = placed.split[id(p)] if id(p) in placed.split else \
                    [(head, len(us)) for head, us in place.split] if place is not None else []
                places[p.uid] = FormPlace(format="docx", blocks=got, digest=placed.digests.get(id(p)) or fingerprint(p),
                                          split=parts_held(parts, [i.uid for i in p.indicators]))
                merges = placed.merges[id(p)] if id(p) in placed.merges else smap.merges_of(p)
                if merges:  # the cells merged down as written
                    places[p.uid].block = IndicatorBlock()
                    places[p.uid].block.remember_merges(merges, p.indicators)
            elif place is not None:
                places[p.uid] = place
        number_parts(list(places.values()))
        smap.projects = places  # (projects removed leave the map)
        dep, got = doc.department, refs.get("department")
        if dep is None:
            smap.department = None
        elif got:
            smap.department = FormPlace(format="docx", blocks=got, digest=department_digest(dep))
        smap.scan = None  # the part changed: the next save parses it

    return refresh


def _refresh_patched(doc: Document, smap: SourceMap, xml: bytes, digests: dict, blocks: list):
    """After :func:`patch_in_bytes`: the projects keep their blocks and take their new
    fingerprints; the scan's record of the part follows the new part."""
    def refresh() -> None:
        for p in doc.projects:
            place = smap.of(p)
            if place is not None and id(p) in digests:
                place.digest = digests[id(p)]
        if smap.scan is not None:
            smap.scan = dict(smap.scan, crc=zlib.crc32(xml), size=len(xml), blocks=blocks)

    return refresh
