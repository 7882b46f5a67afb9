"""Every change to a document, as a function that makes it and returns a :class:`ChangeSet`.

Nothing here knows about Qt or undo: the window's undo commands call these functions (and the
inverse ones to undo), and its views update from the change sets. Row lists are named by kind:
``"indicators"`` (of a Project, or of the Department's table form), ``"tasks"`` and ``"items"``
(of the Department).
"""
from __future__ import annotations

from typing import Any, Iterable

from perfeditor.editing.changes import (
    DEPARTMENT,
    ChangeSet,
    FieldChanged,
    Focus,
    ListKey,
    RowsInserted,
    RowsMoved,
    RowsRemoved,
)
from perfeditor.model import Department, Document, Indicator, Project
from perfeditor.model.document import GRADES

# --- field access: one spelling for every editable text --------------------------------------
# Indicator: level1 … weight, value_midterm, "grade:优", "grades" (the four as one: a dict or
# None); Project: name …, "budget.total", "spending_plan" (a dict); Department: overall, measures,
# name, "budget.total";
# DepartmentItem: title, goal, indicator; DepartmentTask: name, content, total, fiscal, other.


def get_field(obj: Any, field: str) -> Any:
    if field.startswith("grade:"):
        return (obj.grades or {}).get(field[6:], "")
    if field.startswith("budget."):
        return getattr(obj.budget, field[7:])
    if field == "spending_plan":
        return dict(obj.spending_plan)
    if field == "grades":
        return dict(obj.grades) if obj.grades is not None else None
    return getattr(obj, field)


def store_field(obj: Any, field: str, value: Any) -> None:
    """Set a text of an object that is not (yet) in a document (a row being built for a paste)."""
    if field.startswith("grade:"):
        grades = dict(obj.grades or {})
        grades[field[6:]] = value
        obj.grades = grades if any(grades.values()) or obj.grades is not None else None
    elif field.startswith("budget."):
        setattr(obj.budget, field[7:], value)
    elif field == "spending_plan":
        obj.spending_plan = dict(value)
    elif field == "grades":
        obj.grades = dict(value) if value is not None else None
    else:
        setattr(obj, field, value)


def _owner_uid(owner: Project | Department | None) -> int:
    return owner.uid if isinstance(owner, Project) else DEPARTMENT


def list_key(owner: Project | Department | Document | None, kind: str) -> ListKey:
    if kind == "projects":
        return ("projects", DEPARTMENT)
    return (kind, _owner_uid(owner))


def _list(doc: Document, owner: Project | Department | None, kind: str) -> list:
    if kind == "projects":
        return doc.projects
    if kind == "indicators" and isinstance(owner, Project):
        return owner.indicators
    dep = owner if isinstance(owner, Department) else doc.department
    if dep is None:
        raise ValueError("the document has no department part")
    return getattr(dep, kind)


def _touched(changes: ChangeSet, owner: Project | Department | None) -> ChangeSet:
    if isinstance(owner, Project):
        changes.projects.add(owner.uid)
    else:
        changes.department = True
    return changes


# --- texts ------------------------------------------------------------------------------------

def set_field(doc: Document, obj: Any, field: str, value: Any,
              project: Project | None = None) -> ChangeSet:
    """Set ``field`` of ``obj`` (which belongs to ``project``, or to the department part when None)."""
    old = get_field(obj, field)
    changes = ChangeSet(focus=Focus(_owner_uid(project), obj, field))
    if old == value:
        return changes
    store_field(obj, field, value)
    changes.changes.append(FieldChanged(obj, field, old, value))
    return _touched(changes, project)


def set_fields(doc: Document, edits: Iterable[tuple[Any, str, Any, Project | None]]) -> ChangeSet:
    """Many texts at once (paste over a range, clear, a merged cell's group label)."""
    out = ChangeSet()
    for obj, field, value, project in edits:
        out.merge(set_field(doc, obj, field, value, project))
    return out


# --- rows of a list ---------------------------------------------------------------------------

def insert_rows(doc: Document, owner: Project | Department | None, kind: str, row: int,
                items: list, fit: bool = True) -> ChangeSet:
    """Insert ``items`` at ``row``. Indicators put into a project take its layout's shape
    (:func:`graded_fit`): the four grades, empty ones when they had none, in the graded layout;
    none in any other. ``fit=False`` puts the items back exactly as they are (the undo of a
    removal: :func:`restore_rows`)."""
    if fit and kind == "indicators" and isinstance(owner, Project):
        graded_fit(doc, owner, items)
    lst = _list(doc, owner, kind)
    row = max(0, min(row, len(lst)))
    lst[row:row] = items
    changes = ChangeSet([RowsInserted(list_key(owner, kind), row, tuple(items))])
    if items:
        changes.focus = _row_focus(owner, items[0])
    return _touched(changes, owner)


def graded_fit(doc: Document, project: Project, indicators: Iterable[Indicator]) -> None:
    """In a project of the graded layout (河北分级表: 优 / 良 / 中 / 差 for every indicator) an
    indicator has its four grades, empty ones when it had none (a new row, a row moved in from
    another layout): as the form reads back once saved, and as the grade rules check it. In a
    project of any other layout it has none (a row moved, dragged or copied in from a graded
    project): that form has no column for them, so they would be dropped by the save or travel
    along unseen. The rows given are the ones being inserted (the window's moves insert copies,
    and their undo puts the originals back, grades and all)."""
    graded = ((project.variant.layout if project.variant else "") or doc.layout) == "hebei-graded"
    for ind in indicators:
        if not graded:
            ind.grades = None
        elif ind.grades is None:
            ind.grades = {g: "" for g in GRADES}


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, count) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for r in sorted(set(rows)):
        if runs and runs[-1][0] + runs[-1][1] == r:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((r, 1))
    return runs


def remove_rows(doc: Document, owner: Project | Department | None, kind: str,
                rows: list[int]) -> ChangeSet:
    """Remove ``rows``; the change set's RowsRemoved say what was removed and from where
    (last run first, so that each ``first`` is valid when it happens)."""
    lst = _list(doc, owner, kind)
    changes = ChangeSet()
    for first, count in reversed(_runs([r for r in rows if 0 <= r < len(lst)])):
        items = tuple(lst[first:first + count])
        del lst[first:first + count]
        changes.changes.append(RowsRemoved(list_key(owner, kind), first, items))
    if changes.changes:
        first = changes.changes[-1].first
        changes.focus = _row_focus(owner, lst[min(first, len(lst) - 1)] if lst else None)
    return _touched(changes, owner)


def removed_rows(changes: ChangeSet) -> list[tuple[int, Any]]:
    """(row, item) of every row a :func:`remove_rows` took out, in ascending row order."""
    out: list[tuple[int, Any]] = []
    for c in changes.changes:
        if isinstance(c, RowsRemoved):
            out.extend((c.first + n, item) for n, item in enumerate(c.items))
    return sorted(out, key=lambda x: x[0])


def restore_rows(doc: Document, owner: Project | Department | None, kind: str,
                 placed: list[tuple[int, Any]]) -> ChangeSet:
    """Put (row, item) pairs back at their rows (ascending), undoing :func:`remove_rows`."""
    out = ChangeSet()
    placed = sorted(placed, key=lambda x: x[0])
    i = 0
    while i < len(placed):
        j = i + 1
        while j < len(placed) and placed[j][0] == placed[j - 1][0] + 1:
            j += 1
        out.merge(insert_rows(doc, owner, kind, placed[i][0], [item for _, item in placed[i:j]], fit=False))
        i = j
    if placed:
        out.focus = _row_focus(owner, placed[0][1])
    return out


def move_rows(doc: Document, owner: Project | Department | None, kind: str, rows: list[int],
              dest: int) -> ChangeSet:
    """Move ``rows`` so that they stand before the item that was at ``dest`` (an index into the
    list before the move; ``len`` = to the end), keeping their order."""
    lst = _list(doc, owner, kind)
    rows = sorted({r for r in rows if 0 <= r < len(lst)})
    if not rows:
        return ChangeSet()
    items = [lst[r] for r in rows]
    at = dest - sum(1 for r in rows if r < dest)
    if at == rows[0] and rows == list(range(rows[0], rows[0] + len(rows))):
        return ChangeSet()
    for r in reversed(rows):
        del lst[r]
    lst[at:at] = items
    key = list_key(owner, kind)
    if rows == list(range(rows[0], rows[0] + len(rows))):
        changes = ChangeSet([RowsMoved(key, rows[0], at, tuple(items))])
    else:
        pieces, k = [], 0
        for f, c in _runs(rows):
            pieces.append(RowsRemoved(key, f, tuple(items[k:k + c])))
            k += c
        changes = ChangeSet(list(reversed(pieces)))
        changes.changes.append(RowsInserted(key, at, tuple(items)))
    changes.focus = _row_focus(owner, items[0])
    return _touched(changes, owner)


def moved_back(doc: Document, owner: Project | Department | None, kind: str, rows: list[int],
               at: int, count: int) -> ChangeSet:
    """Undo a :func:`move_rows` whose ``count`` items now start at ``at``: back to ``rows``."""
    lst = _list(doc, owner, kind)
    items = lst[at:at + count]
    out = remove_rows(doc, owner, kind, list(range(at, at + count)))
    out.merge(restore_rows(doc, owner, kind, list(zip(sorted(rows), items, strict=False))))
    return out


def _row_focus(owner: Project | Department | None, item: Any) -> Focus:
    field = "level3" if isinstance(item, Indicator) else "name" if item is not None and hasattr(item, "content") \
        else "title" if item is not None and hasattr(item, "goal") else ""
    return Focus(_owner_uid(owner), item if item is not None else owner, field)


# --- projects ---------------------------------------------------------------------------------

def insert_project(doc: Document, row: int, project: Project) -> ChangeSet:
    row = max(0, min(row, len(doc.projects)))
    doc.projects.insert(row, project)
    return ChangeSet([RowsInserted(list_key(doc, "projects"), row, (project,))], project_list=True,
                     focus=Focus(project.uid, project, ""))


def remove_project(doc: Document, row: int) -> ChangeSet:
    project = doc.projects.pop(row)
    near = doc.projects[min(row, len(doc.projects) - 1)] if doc.projects else None
    return ChangeSet([RowsRemoved(list_key(doc, "projects"), row, (project,))], project_list=True,
                     focus=Focus(near.uid, near, "") if near is not None else None)


def move_project(doc: Document, row: int, dest: int) -> ChangeSet:
    """Move the project at ``row`` so that it ends up at index ``dest``."""
    if row == dest or not 0 <= row < len(doc.projects) or not 0 <= dest < len(doc.projects):
        return ChangeSet()
    project = doc.projects.pop(row)
    doc.projects.insert(dest, project)
    return ChangeSet([RowsMoved(list_key(doc, "projects"), row, dest, (project,))], project_list=True,
                     focus=Focus(project.uid, project, ""))


def renumber_titles(doc: Document, read: set[int]) -> ChangeSet:
    """After projects were added, removed, copied or moved: the numbered form titles
    (``2、…绩效目标表``) count 1, 2, 3 … in document order again and copies carry their own names
    (:func:`perfeditor.forms.titles.renumber`; ``read``: the uids of the projects read from the
    file, its source map's). The change set has no focus of its own, so that
    an undo of the structural edit still goes to the project it concerns."""
    from perfeditor.forms.titles import renumber

    out = ChangeSet()
    for k, title in renumber(doc, read).items():
        project = doc.projects[k]
        out.merge(set_field(doc, project, "title", title, project))
    out.focus = None
    return out


def renumber_item_titles(doc: Document) -> ChangeSet:
    """After items of the department's 分项绩效目标 were added, removed or moved: titles numbered
    ``一、`` ``二、`` … count in order again (:func:`perfeditor.forms.titles.renumber_items`). No
    focus of its own (an undo goes to the item added, removed or moved)."""
    from perfeditor.forms.titles import renumber_items

    out = ChangeSet()
    dep = doc.department
    if dep is None:
        return out
    for k, title in renumber_items([i.title for i in dep.items]).items():
        out.merge(set_field(doc, dep.items[k], "title", title, None))
    out.focus = None
    return out
