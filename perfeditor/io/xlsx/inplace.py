"""Saving over the workbook a document was read from: only the edited forms change."""
from __future__ import annotations


class NotPatchable(Exception):
    """The change cannot be made in place; the caller writes a new workbook."""


def can_patch(doc, path, layout) -> bool:
    return False


def patch(doc, path) -> list[str]:
    raise NotPatchable()
