"""What an edit changed, by identity: Anki's ``OpChanges`` for this document.

Every edit (:mod:`perfeditor.editing.ops`) returns a :class:`ChangeSet`. A view never re-reads the
whole document after an edit: it looks at the change set and updates just what is named there
(rows inserted, removed or moved in one list; single texts changed). Lists are addressed by a
:data:`ListKey`: ``("indicators", project_uid)``, ``("indicators", DEPARTMENT)``,
``("tasks", DEPARTMENT)``, ``("items", DEPARTMENT)`` or ``("projects", DEPARTMENT)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The owner key of the department part and of the document itself (their lists have no uid).
DEPARTMENT = 0

ListKey = tuple[str, int]


@dataclass(frozen=True)
class RowsInserted:
    key: ListKey
    first: int
    items: tuple[Any, ...]


@dataclass(frozen=True)
class RowsRemoved:
    key: ListKey
    first: int
    items: tuple[Any, ...]


@dataclass(frozen=True)
class RowsMoved:
    """``items`` (once at ``first``..) now sit at ``dest`` (an index into the list after the move)."""

    key: ListKey
    first: int
    dest: int
    items: tuple[Any, ...]


@dataclass(frozen=True)
class FieldChanged:
    obj: Any
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Focus:
    """Where an edit happened, for undo and redo to go there: a project (uid, or
    :data:`DEPARTMENT` for the department part), the object inside it (a Project, an Indicator,
    a DepartmentItem / DepartmentTask, or the Department) and the field."""

    project_uid: int
    obj: Any
    field: str = ""


@dataclass
class ChangeSet:
    """The result of one or more edits, in the order they happened."""

    changes: list = field(default_factory=list)
    #: projects (by uid) whose content changed: they are checked again
    projects: set[int] = field(default_factory=set)
    #: the department part changed
    department: bool = False
    #: the list of projects changed (added, removed, moved): every project is checked again
    project_list: bool = False
    #: where the last edit happened (undo / redo go there)
    focus: Focus | None = None

    def merge(self, other: "ChangeSet") -> "ChangeSet":
        self.changes.extend(other.changes)
        self.projects |= other.projects
        self.department = self.department or other.department
        self.project_list = self.project_list or other.project_list
        if other.focus is not None:
            self.focus = other.focus
        return self

    def __bool__(self) -> bool:
        return bool(self.changes)

    # --- what a view asks --------------------------------------------------------------------
    def lists(self) -> set[ListKey]:
        """The lists whose rows were inserted, removed or moved."""
        return {c.key for c in self.changes if not isinstance(c, FieldChanged)}

    def fields(self) -> list[FieldChanged]:
        return [c for c in self.changes if isinstance(c, FieldChanged)]

    def changed_objects(self) -> dict[int, set[str]]:
        """``id(obj)`` → the fields changed on it."""
        out: dict[int, set[str]] = {}
        for c in self.fields():
            out.setdefault(id(c.obj), set()).add(c.field)
        return out
