"""The place of a form found in a sheet (:func:`perfeditor.forms.find.find_forms`) as the source
map records it, and the digests an in-place save compares indicator rows by."""
from __future__ import annotations

import hashlib

from perfeditor.forms.find import TableForm
from perfeditor.io.source import FormPlace, IndicatorBlock
from perfeditor.model import Indicator


def place_of(form: TableForm, sheet: str) -> FormPlace:
    """Where ``form`` and each of its values sit on the sheet named ``sheet`` (1-based rows and
    columns, as the grid read them)."""
    p, head, header = form.project, form.head, form.header
    assert head is not None and header is not None  # (a sheet's forms are found by their header)
    block = IndicatorBlock(header_row=form.header_row, data_row=header.end, end=form.end,
                           repeats=list(form.repeats), rows=list(form.rows),
                           read=[indicator_digest(i) for i in p.indicators],
                           shape=levels_digest(p.indicators), cols={f: c for c, f in header.cols.items()})
    return FormPlace(format="xlsx", sheet=sheet, first_row=form.first_row, last_row=form.last_row,
                     cells={k: list(pos) for k, pos in head.where.items()}, block=block,
                     unit_texts=head.unit_texts, unit_read=p.budget.unit)


def indicator_digest(ind: Indicator) -> str:
    """A short digest of one indicator row's content (an in-place save rewrites only rows whose
    digest changed)."""
    raw = "\x1f".join([ind.level1, ind.level2, ind.level3, ind.description, ind.value,
                        ind.value_midterm, ind.basis, ind.note, ind.weight,
                        *(f"{k}={v}" for k, v in sorted((ind.grades or {}).items()))])
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def levels_digest(inds: list[Indicator]) -> str:
    """A digest of the 一级/二级 grouping of an indicator block."""
    raw = "\x1e".join(f"{i.level1}\x1f{i.level2}" for i in inds)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()
