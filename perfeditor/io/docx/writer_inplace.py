"""Saving back into the .docx a document was read from: only the forms change.

A form whose content fingerprint equals its place's digest (:class:`~perfeditor.io.source.SourceMap`)
keeps its XML; an edited one whose table keeps its shape has only its changed cells' texts replaced
(:mod:`writer_patch`; spliced into the original bytes when nothing else changed); any other is
rebuilt in place like the original (:mod:`writer_changes`, :mod:`writer_two_tables`, the look of
:mod:`writer_table`). Forms moved take their blocks along, removed ones lose them, added ones stand
where they stand in the document (a copy like its original); the department part is rewritten only
when edited (:mod:`writer_inplace_department`). Every other zip member is copied unchanged.

The save is worked out in memory first (:func:`prepare_in_place`, at plan time, so that the plan
names the forms composed anew before anything is written); then the package is written and the
source map brought up to date.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from perfeditor.forms.compose import parts_held
from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.reader import _main_part, number_parts
from perfeditor.io.docx.writer_changes import Placed, apply_changes
from perfeditor.io.docx.writer_patch import PARSER, fingerprint, patch_in_bytes, splice_cells
from perfeditor.io.docx.writer_template import write_package
from perfeditor.io.source import FormPlace, IndicatorBlock, SourceMap
from perfeditor.model import Document, Project


@dataclass
class Prepared:
    """An in-place save worked out in memory, nothing written yet (:func:`prepare_in_place`):
    ``composed`` the projects whose forms it composes anew (added, copied, rebuilt: what their
    layout cannot hold is not written), ``department`` whether it composes the department table
    form anew; :meth:`write` puts the package at ``tmp``; ``refresh``, once the file has replaced
    the original, points the source map at it."""

    original: bytes
    part: str
    xml: bytes
    refresh: Callable[[], None]
    composed: list[Project] = field(default_factory=list)
    department: bool = False

    def write(self, tmp: Path) -> None:
        with zipfile.ZipFile(io.BytesIO(self.original)) as zin:
            write_package(zin, self.part, self.xml, tmp)


def prepare_in_place(doc: Document, original: bytes, smap: SourceMap) -> Prepared:
    """The new package of ``doc`` saved into ``original`` (the file ``smap`` describes), worked
    out without writing anything: which forms are kept, patched or composed anew is decided here,
    so a save plan can say before writing what the forms composed anew leave out."""
    placed = Placed()
    with zipfile.ZipFile(io.BytesIO(original)) as zin:
        part = _main_part(zin)
        xml = zin.read(part)
        fast = patch_in_bytes(doc, xml, zin.getinfo(part).CRC, smap)
        if fast is not None:  # value edits only: the edited tables alone were parsed
            return Prepared(original, part, fast[0], _refresh_patched(doc, smap, *fast))
        root = etree.fromstring(xml, PARSER)
        if apply_changes(doc, root, smap, placed):
            patched = placed.patched
            spliced = splice_cells(xml, root, patched) if patched and patched[-1] is not None else None
            xml = spliced if spliced is not None else etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True)
    composed = [p for p in doc.projects if id(p) in placed.composed]
    return Prepared(original, part, xml, _refresh(doc, smap, root, placed), composed, placed.department_composed)


def _refresh(doc: Document, smap: SourceMap, root, placed: Placed) -> Callable[[], None]:
    """The function pointing ``smap`` at the part ``root`` as written (``placed``:
    :func:`apply_changes`)."""
    order = {el: k for k, el in enumerate(body_blocks(root))}
    refs = {key: sorted(order[el] for el in els if el in order) for key, els in placed.blocks.items()}
    split, written = placed.split, placed.merges  # (of the forms composed anew)

    def refresh() -> None:
        places: dict[int, FormPlace] = {}
        for p in doc.projects:
            got = refs.get(id(p))
            place = smap.of(p)
            if id(p) in placed.unchanged and place is not None and got == place.blocks:
                places[p.uid] = place  # same blocks, same content: its digest holds
            elif got:  # (a form kept or patched keeps its parts' sizes)
                parts = split[id(p)] if id(p) in split else \
                    [(head, len(us)) for head, us in place.split] if place is not None else []
                places[p.uid] = FormPlace(format="docx", blocks=got, digest=placed.digests.get(id(p)) or fingerprint(p),
                                          split=parts_held(parts, [i.uid for i in p.indicators]))
                merges = written[id(p)] if id(p) in written else smap.merges_of(p)
                if merges:  # the cells merged down as written
                    places[p.uid].block = IndicatorBlock()
                    places[p.uid].block.remember_merges(merges, p.indicators)
            elif place is not None:
                places[p.uid] = place
        number_parts(list(places.values()))
        smap.projects = places  # (projects removed leave the map)
        dep = doc.department
        got = refs.get("department")
        if dep is None:
            smap.department = None
        elif got:
            smap.department = FormPlace(format="docx", blocks=got, digest=fingerprint(dep))
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
