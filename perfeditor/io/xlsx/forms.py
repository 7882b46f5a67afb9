"""What an in-place save compares a form by: its indicator rows' digests, its header values."""
from __future__ import annotations

import hashlib

from perfeditor.model import Indicator, Project


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


def field_text(p: Project, fld: str) -> str | None:
    """The text of ``p``'s header field ``fld`` as a cell holds it (``budget.total``,
    ``plan:3月底`` …); None for a key that is no field (``goals:more_rows`` …)."""
    if fld.startswith("plan:"):
        return p.spending_plan.get(fld[5:], "")
    if fld.startswith("budget."):
        return getattr(p.budget, fld[7:], None)
    return getattr(p, fld, None) if fld in Project.model_fields else None


def header_values(p: Project, cells: dict) -> dict[str, str]:
    """The texts of ``p``'s header fields that have a cell (``cells``: field → its cell)."""
    return {fld: text for fld in cells if (text := field_text(p, fld)) is not None}
