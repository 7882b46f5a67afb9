"""Bring a model's own list of rows in line with the document, one Qt row signal at a time.

A model keeps its rows as a snapshot (a list of the document's objects). When a change set names
its list, :func:`sync_rows` steps the snapshot to the new list with ``beginRemoveRows`` /
``beginMoveRows`` / ``beginInsertRows`` (napari's ``_base_item_model``), so views keep their
current cell, selection and editors on the same objects — never a model reset. Rows are
matched by ``key`` (identity by default), so a row moved stays the same row for the view.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex


def sync_rows(model: QAbstractItemModel, parent: QModelIndex, rows: list, new: list,
              key: Callable[[Any], Any] = id, offset: int = 0,
              after_step: Callable[[], None] | None = None) -> bool:
    """Mutate ``rows`` (the model's snapshot, shown at view rows ``offset``…) into ``new``.
    Returns whether anything changed."""
    if len(rows) == len(new) and all(key(a) == key(b) for a, b in zip(rows, new, strict=False)):
        return False
    step = after_step or (lambda: None)
    wanted = {key(x) for x in new}
    i = len(rows) - 1
    while i >= 0:  # removals, last run first
        if key(rows[i]) in wanted:
            i -= 1
            continue
        j = i
        while j > 0 and key(rows[j - 1]) not in wanted:
            j -= 1
        model.beginRemoveRows(parent, offset + j, offset + i)
        del rows[j:i + 1]
        step()
        model.endRemoveRows()
        i = j - 1
    have = {key(x) for x in rows}
    common = [x for x in new if key(x) in have]
    for i in range(len(common)):  # moves: the rows kept, into their new order
        if key(rows[i]) == key(common[i]):
            continue
        j = next(n for n in range(i + 1, len(rows)) if key(rows[n]) == key(common[i]))
        k = 1
        while j + k < len(rows) and i + k < len(common) and key(rows[j + k]) == key(common[i + k]):
            k += 1
        model.beginMoveRows(parent, offset + j, offset + j + k - 1, parent, offset + i)
        block = rows[j:j + k]
        del rows[j:j + k]
        rows[i:i] = block
        step()
        model.endMoveRows()
    i = 0
    while i < len(new):  # insertions
        if i < len(rows) and key(rows[i]) == key(new[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(new) and key(new[j + 1]) not in have:
            j += 1
        model.beginInsertRows(parent, offset + i, offset + j)
        rows[i:i] = new[i:j + 1]
        step()
        model.endInsertRows()
        i = j + 1
    return True
