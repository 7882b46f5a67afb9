"""Where each form of a document sits in the file it was read from: the source map.

Reading a .docx or .xlsx gives the :class:`~perfeditor.model.Document` (content only) and a
:class:`SourceMap` (file coordinates only), see :func:`perfeditor.io.read_document`. Whoever will
save (the window's session, the command line) holds both and passes the map back to
:func:`perfeditor.io.plan_save`; a save over the file the map describes updates the map to the file
as written, so that the next save patches in place again. A document without a map (new, read from
``.perf.json`` or another format) is written as a new file.

Projects are keyed by their ``uid`` (never by position): a project moved keeps its place, a
duplicated or added project (a new uid) has none and is placed as new.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Literal

from perfeditor.model import Document, Indicator, Project


@dataclass
class IndicatorBlock:
    """.xlsx: the rows of a project's indicator block; both formats: its cells merged down.

    A .docx form has one only when it has cells merged down (``merges``), and then no rows."""

    header_row: int = 0
    data_row: int = 0
    end: int = 0
    #: A split form's repeated title / header rows inside the block.
    repeats: list[int] = field(default_factory=list)
    #: The row of each indicator as read (None when unknown).
    rows: list[int] | None = None
    #: Each indicator's text per field of ``cols`` as read or last written, and a digest of the
    #: 一级/二级 grouping (see ``io.xlsx.form_values``).
    read: list[dict[str, str]] | None = None
    shape: str = ""
    #: Field → 1-based column.
    cols: dict[str, int] = field(default_factory=dict)
    #: Cells of a field other than 一级/二级 (指标值确定依据 …) merged down over indicator rows:
    #: (field, first, last) indexes of the indicators as read (or as last written), whose
    #: ``uids`` (session identities) and ``keys`` (:func:`~perfeditor.forms.compose.indicator_key`)
    #: these were (None when nothing is merged). A rebuilt form merges them again (:meth:`merges_over`).
    merges: list[tuple[str, int, int]] = field(default_factory=list)
    uids: list[int] | None = field(default=None, compare=False)  # (not where: who)
    keys: list[str] | None = None

    def merges_over(self, indicators: list[Indicator]) -> list[tuple[str, int, int]]:
        """The recorded merges over ``indicators`` as they are now
        (:func:`~perfeditor.forms.compose.follow_merges`)."""
        if not self.merges:
            return []
        from perfeditor.forms.compose import follow_merges

        return follow_merges(self.merges, self.uids, self.keys, indicators)

    def remember_merges(self, merges: list[tuple[str, int, int]], indicators: list[Indicator]) -> None:
        """``merges`` over ``indicators`` are the form's now (written, or read)."""
        from perfeditor.forms.compose import indicator_key

        self.merges = list(merges)
        self.uids = [i.uid for i in indicators] if merges else None
        self.keys = [indicator_key(i) for i in indicators] if merges else None

    def shift(self, off: int) -> None:
        """Move the block ``off`` rows down (in place: :meth:`FormPlace.shifted_rows` copies)."""
        self.header_row += off
        self.data_row += off
        self.end += off
        self.repeats = [r + off for r in self.repeats]
        if self.rows is not None:
            self.rows = [r + off for r in self.rows]


@dataclass
class FormPlace:
    """Where one project's form (or the department part) sits in the file."""

    format: Literal["docx", "xlsx"] = "docx"
    #: A fingerprint of the content as read (``content_fingerprint``): unchanged forms stay untouched.
    digest: str = ""
    #: .docx: indexes of the body-level blocks (tables and paragraphs, ``w:body`` child order after
    #: unwrapping content controls) that make up this form, title paragraph included.
    blocks: list[int] = field(default_factory=list)
    #: Several forms in the same blocks (one table): this form is the ``part``-th of ``parts``.
    part: int = 0
    parts: int = 1
    #: A form split over pages (its indicator rows go on under a repeated title and header), each
    #: part in order: the rows above its first indicator row (.docx: the header its table repeats;
    #: .xlsx: 0, the block's ``repeats`` say where) and its indicators (uids, session identities) as
    #: read or last written, so that a save splits before the same indicator
    #: (:func:`~perfeditor.forms.compose.follow_parts`). Empty when not split or unknown.
    split: list[tuple[int, list[int]]] = field(default_factory=list, compare=False)
    #: .xlsx: the sheet and the 1-based first/last rows of this form (title row included).
    sheet: str = ""
    first_row: int = 0
    last_row: int = 0
    #: .xlsx: field → [row, col] of the cell holding it (``goals:more_rows`` → [r1, r2, col]).
    cells: dict[str, list[int]] = field(default_factory=dict)
    #: .xlsx: the text of each field of ``cells`` as read or last written: a save in place
    #: rewrites only the cells whose value the clerk changed.
    values: dict[str, str] = field(default_factory=dict, compare=False)
    #: .xlsx: the indicator block (the department table's 年度绩效指标; None for the narrative);
    #: .docx: its merged cells only (None when it has none).
    block: IndicatorBlock | None = None
    #: .xlsx: the department table's 年度主要任务 rows, one task a row (fields as ``cols``).
    tasks: IndicatorBlock | None = None
    #: .xlsx: labels that print the amount unit (key → text as printed) and the unit as read.
    unit_texts: dict[str, str] = field(default_factory=dict)
    unit_read: str = ""
    #: .xlsx: the first and last column of a form read without an indicator block (its header
    #: block's table): an indicator block written under it spans them. (0, 0) otherwise.
    cols: tuple[int, int] = (0, 0)
    #: .xlsx: this form's position among the forms of its sheet and of the file, as read.
    form_index: int = -1
    file_index: int = -1
    forms_in_file: int = 0
    #: .xlsx: the form is alone on its sheet, which is named after it (``21.住建局办公楼局部改造工程``):
    #: the sheet name's ordinal style and what follows it ("name", "title", "short"), see
    #: :mod:`perfeditor.io.xlsx.sheetnames`; None otherwise.
    sheet_named: tuple[str, str] | None = None

    def shifted_rows(self, off: int) -> "FormPlace":
        """A copy ``off`` rows further down (.xlsx)."""
        out = copy.deepcopy(self)
        out.first_row += off
        out.last_row += off
        for pos in out.cells.values():
            pos[0] += off
            if len(pos) == 3:  # a span of rows
                pos[1] += off
        for block in (out.block, out.tasks):
            if block is not None:
                block.shift(off)
        return out


@dataclass
class Outside:
    """What the file holds outside its forms and the department part (read by the reader, for
    :func:`perfeditor.io.outside.not_carried`): what a new file built from the templates leaves out."""

    #: The non-empty paragraphs (.docx) or rows (.xlsx, on the sheets holding forms), their text.
    paragraphs: list[str] = field(default_factory=list)
    #: .docx: how many tables are not forms (nor the department table).
    tables: int = 0
    #: .xlsx: the sheets holding something but no form.
    sheets: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.paragraphs and not self.tables and not self.sheets


@dataclass
class SourceMap:
    """The places of a document's forms in the file at ``path``."""

    path: str = ""
    #: The reader that read the file ("docx" / "xlsx"), also for a file of another format (whose
    #: places are those of the grids or blocks it was read as: such a document, of format "", is
    #: never written back in place).
    format: Literal["docx", "xlsx", ""] = ""
    #: Project uid → its place.
    projects: dict[int, FormPlace] = field(default_factory=dict)
    department: FormPlace | None = None
    #: .docx: what the fast scan saw of the main part (crc, size, the blocks' paragraph texts and
    #: table byte ranges), so that an in-place save of value edits parses only the tables it changes.
    scan: dict | None = None
    #: A project duplicated since reading (its uid) → the project it was copied from
    #: (:meth:`note_copy`): placed as new, it merges cells as its origin does (:meth:`merges_of`).
    copies: dict[int, Project] = field(default_factory=dict, compare=False)
    #: What the file holds besides its forms and the department part (None: not known).
    outside: Outside | None = None
    #: Project uid → the cells merged down its form held before the saves since reading, newest
    #: first, as (runs, the uids of the indicators they were over) (:meth:`remember_earlier`): an
    #: undo past a save that brings back rows those runs covered brings the runs back too.
    earlier: dict[int, list[tuple[list[tuple[str, int, int]], list[int]]]] = \
        field(default_factory=dict, compare=False)

    def of(self, p: Project) -> FormPlace | None:
        return self.projects.get(p.uid)

    def note_copy(self, copy: Project, origin: Project) -> None:
        """``copy`` (a new project, placed as new) was duplicated from ``origin``."""
        self.copies[copy.uid] = origin

    def merges_of(self, p: Project, layout: str | None = None, _depth: int = 0) -> list[tuple[str, int, int]]:
        """The cells ``p``'s form merged down over indicator rows in the file (指标值确定依据 …),
        followed through the edits (:meth:`IndicatorBlock.merges_over`): what a rebuilt form, a
        print or a PDF of it merges again when written or printed in ``layout`` (None: its own).
        Its own layout (its variant's) merges them again, in every writer (in place or a new
        file, .docx or .xlsx) and in print; another layout, with other rows and columns, none.
        The one rule for a project placed as new, in every format: a copy (:meth:`note_copy`)
        takes the merges of the project it was copied from, followed to its indicators by
        :func:`~perfeditor.forms.compose.indicator_key` (none where they do not match); any
        other new project has none."""
        if layout is not None and layout != p.variant.layout:
            return []
        ref = self.of(p)
        if ref is not None:
            runs = ref.block.merges_over(p.indicators) if ref.block is not None else []
            return self._with_earlier(p, runs)
        origin = self.copies.get(p.uid)
        if origin is None or origin is p or _depth > 50:
            return []
        runs = self.merges_of(origin, _depth=_depth + 1)  # (a copy of a copy: its origin's, followed)
        if not runs:
            return []
        from perfeditor.forms.compose import follow_merges, indicator_key

        return follow_merges(runs, None, [indicator_key(i) for i in origin.indicators], p.indicators)

    def _with_earlier(self, p: Project, runs: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """``runs`` (the form's as last written, followed) and, where they leave a field's rows
        unmerged, the runs of earlier saves followed by the indicators' identities only: the
        delete of a run's first row saved, then undone, merges that row with its run again."""
        from perfeditor.forms.compose import follow_merges

        out = list(runs)
        for merges, uids in self.earlier.get(p.uid, ()):
            for f, a, b in follow_merges(merges, uids, None, p.indicators):
                if not any(g == f and a <= d and c <= b for g, c, d in out):
                    out.append((f, a, b))
        return sorted(out, key=lambda m: (m[1], m[0])) if len(out) > len(runs) else runs

    def remember_earlier(self, before: dict[int, tuple[list[tuple[str, int, int]], list[int]]]) -> None:
        """After a save over this map's file: ``before`` (project uid → the runs its form held
        before, and their indicators' uids) become the newest earlier records of those projects
        still in the map (a few saves back)."""
        for uid, record in before.items():
            if uid in self.projects and record[0]:
                self.earlier[uid] = [record, *self.earlier.get(uid, [])][:_EARLIER_SAVES]
        for uid in [u for u in self.earlier if u not in self.projects]:
            del self.earlier[uid]

    def merges_record(self) -> dict[int, tuple[list[tuple[str, int, int]], list[int]]]:
        """Project uid → the runs merged down its form (as read or last written) and the uids of
        the indicators they are over, for :meth:`remember_earlier`."""
        return {uid: (list(place.block.merges), list(place.block.uids))
                for uid, place in self.projects.items()
                if place.block is not None and place.block.merges and place.block.uids}

    def read_uids(self) -> set[int]:
        """The uids of the projects read from the file."""
        return set(self.projects)

    def is_empty(self) -> bool:
        return not self.projects and self.department is None

    def replace_with(self, other: "SourceMap") -> None:
        """Take ``other``'s content (the holder keeps its object)."""
        self.path, self.format = other.path, other.format
        self.projects, self.department, self.scan = other.projects, other.department, other.scan
        self.outside = other.outside

    def forget_places(self) -> None:
        """The file no longer has the recorded layout (rebuilt): later saves build anew."""
        self.projects.clear()
        self.department = None
        self.scan = None
        self.outside = None  # (a rebuilt file holds only the forms)

    def rekeyed(self, old: Document, new: Document) -> "SourceMap":
        """This map (read with ``old``'s projects) for ``new``'s projects, matched by position."""
        projects = {b.uid: self.projects[a.uid] for a, b in zip(old.projects, new.projects, strict=False)
                    if a.uid in self.projects}
        return SourceMap(self.path, self.format, projects, self.department, self.scan, outside=self.outside)


#: How many saves back :attr:`SourceMap.earlier` remembers a form's merged cells.
_EARLIER_SAVES = 20

