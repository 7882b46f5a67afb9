"""The digests an in-place save compares a form's indicator rows by."""
from __future__ import annotations

import hashlib

from perfeditor.model import Indicator


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
