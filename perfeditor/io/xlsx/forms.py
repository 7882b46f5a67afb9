"""What an in-place save compares a form by: its indicator and header values as read or written."""
from __future__ import annotations

import hashlib

from perfeditor.forms.layouts import indicator_value
from perfeditor.model import Indicator, Project


def indicator_values(inds: list[Indicator], cols) -> list[dict[str, str]]:
    """Each indicator's text per field of ``cols`` (an in-place save rewrites only the cells
    whose text changed)."""
    return [{f: indicator_value(i, f) for f in cols} for i in inds]


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
