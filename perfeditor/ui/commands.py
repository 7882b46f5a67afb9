"""Every change to the document is one of these QUndoCommands on the session's one stack.

A command only wraps the editing layer (:mod:`perfeditor.editing`): ``redo`` makes the edit,
``undo`` the inverse one, and each hands its change set to the session, which tells the views.
Compound changes (paste of many rows, clearing a range, deleting a project) are one command with
children, so one Ctrl+Z undoes them whole. An undo or redo (not the first run at push) tells the
session, so that the window can go to what changed and say so.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from perfeditor import editing
from perfeditor.forms.vocabulary import field_title
from perfeditor.model import Department, Indicator, Project
from perfeditor.ui.session import DocumentSession, get_field


class _Command(QUndoCommand):
    """Base: ``parent`` (a :class:`Compound`) keeps the child in a Python list, because Qt's
    own child commands lose their Python side in PySide6 (crash on redo)."""

    def __init__(self, session: DocumentSession, text: str, parent: "Compound | None" = None):
        super().__init__(text)
        self.session = session
        self.parent_command = parent
        self._done = False
        if parent is not None:
            parent.add(self)

    def redo(self) -> None:
        if self.parent_command is None and self._done:
            self.session.replaying("重做", self.text())
        with self.session.batch():
            self.do()
        self._done = True

    def undo(self) -> None:
        if self.parent_command is None:
            self.session.replaying("撤销", self.text())
        with self.session.batch():
            self.undo_it()

    def apply(self, changes: editing.ChangeSet) -> editing.ChangeSet:
        return self.session.apply(changes)

    @property
    def doc(self):
        return self.session.doc

    def do(self) -> None:  # pragma: no cover - every command says what it does
        raise NotImplementedError

    def undo_it(self) -> None:  # pragma: no cover
        raise NotImplementedError


class Compound(_Command):
    """A command made of children, run in one batch (one undo step, one change set)."""

    def __init__(self, session: DocumentSession, text: str, parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.children: list[_Command] = []

    def add(self, command: _Command) -> None:
        self.children.append(command)

    def do(self) -> None:
        for c in self.children:
            c.do()

    def undo_it(self) -> None:
        for c in reversed(self.children):
            c.undo_it()


class SetField(_Command):
    """One text (or the spending plan) of a project, indicator or department part."""

    def __init__(self, session: DocumentSession, obj: Any, field: str, value: Any,
                 project: Project | None, parent: "Compound | None" = None):
        super().__init__(session, f"修改“{field_title(field)}”", parent)
        self.obj, self.field, self.project = obj, field, project
        self.old = get_field(obj, field)
        self.new = value

    def do(self) -> None:
        self.apply(editing.set_field(self.doc, self.obj, self.field, self.new, self.project))

    def undo_it(self) -> None:
        self.apply(editing.set_field(self.doc, self.obj, self.field, self.old, self.project))


class InsertRows(_Command):
    """Rows into a list: ``kind`` "indicators" (of a project or the department), "tasks", "items"."""

    def __init__(self, session: DocumentSession, owner: Project | Department | None, kind: str, row: int,
                 items: list, text: str, parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.owner, self.kind, self.row, self.items = owner, kind, row, list(items)

    def do(self) -> None:
        self.apply(editing.insert_rows(self.doc, self.owner, self.kind, self.row, self.items))

    def undo_it(self) -> None:
        rows = list(range(self.row, self.row + len(self.items)))
        self.apply(editing.remove_rows(self.doc, self.owner, self.kind, rows))


class RemoveRows(_Command):
    def __init__(self, session: DocumentSession, owner: Project | Department | None, kind: str,
                 rows: list[int], text: str, parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.owner, self.kind, self.rows = owner, kind, sorted(set(rows))
        self.removed: list[tuple[int, Any]] = []

    def do(self) -> None:
        changes = self.apply(editing.remove_rows(self.doc, self.owner, self.kind, self.rows))
        self.removed = editing.removed_rows(changes)

    def undo_it(self) -> None:
        self.apply(editing.restore_rows(self.doc, self.owner, self.kind, self.removed))


class MoveRows(_Command):
    """Move rows of one list to ``dest`` (an index into the list before the move)."""

    def __init__(self, session: DocumentSession, owner: Project | Department | None, kind: str,
                 rows: list[int], dest: int, text: str, parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.owner, self.kind, self.rows, self.dest = owner, kind, sorted(set(rows)), dest
        self.at = dest - sum(1 for r in self.rows if r < dest)

    def do(self) -> None:
        self.apply(editing.move_rows(self.doc, self.owner, self.kind, self.rows, self.dest))

    def undo_it(self) -> None:
        self.apply(editing.moved_back(self.doc, self.owner, self.kind, self.rows, self.at, len(self.rows)))


def InsertIndicators(session: DocumentSession, project, row: int, indicators: list[Indicator],  # noqa: N802
                     text: str = "插入指标", parent: "Compound | None" = None) -> InsertRows:
    return InsertRows(session, project, "indicators", row, indicators, text, parent)


def RemoveIndicators(session: DocumentSession, project, rows: list[int], text: str = "删除指标",  # noqa: N802
                     parent: "Compound | None" = None) -> RemoveRows:
    return RemoveRows(session, project, "indicators", rows, text, parent)


def MoveIndicators(session: DocumentSession, project, rows: list[int], dest: int,  # noqa: N802
                   text: str = "移动指标", parent: "Compound | None" = None) -> MoveRows:
    return MoveRows(session, project, "indicators", rows, dest, text, parent)


def InsertTasks(session: DocumentSession, row: int, tasks: list, text: str = "插入任务",  # noqa: N802
                parent: "Compound | None" = None) -> InsertRows:
    """Rows of the department's 年度主要任务 (national table form)."""
    return InsertRows(session, session.doc.department, "tasks", row, tasks, text, parent)


def RemoveTasks(session: DocumentSession, rows: list[int], text: str = "删除任务",  # noqa: N802
                parent: "Compound | None" = None) -> RemoveRows:
    return RemoveRows(session, session.doc.department, "tasks", rows, text, parent)


class _ProjectListCommand(_Command):
    """A change of the list of projects: numbered form titles (``N、…``) are renumbered in the
    same undo step, and undo gives every title its old text back."""

    def retitle(self) -> None:
        smap = self.session.source_map
        changes = self.apply(editing.renumber_titles(self.doc, smap.read_uids() if smap is not None else set()))
        self.titles = [(c.obj, c.old) for c in changes.fields()]

    def untitle(self) -> None:
        out = editing.ChangeSet()
        for project, old in reversed(getattr(self, "titles", [])):
            out.merge(editing.set_field(self.doc, project, "title", old, project))
        out.focus = None
        self.apply(out)
        self.titles = []


class RenumberItems(_Command):
    """The department's 分项绩效目标 numbered ``一、`` ``二、`` … count in order again: the child
    of an add, remove or move of items, in its undo step (undo gives the old titles back)."""

    def __init__(self, session: DocumentSession, parent: "Compound | None" = None):
        super().__init__(session, "重新编号分项绩效目标", parent)
        self.titles: list[tuple[Any, str]] = []

    def do(self) -> None:
        changes = self.apply(editing.renumber_item_titles(self.doc))
        self.titles = [(c.obj, c.old) for c in changes.fields()]

    def undo_it(self) -> None:
        out = editing.ChangeSet()
        for item, old in reversed(self.titles):
            out.merge(editing.set_field(self.doc, item, "title", old, None))
        out.focus = None
        self.apply(out)
        self.titles = []


class InsertProject(_ProjectListCommand):
    def __init__(self, session: DocumentSession, row: int, project: Project,
                 text: str = "添加项目", parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.row, self.project = row, project

    def do(self) -> None:
        self.apply(editing.insert_project(self.doc, self.row, self.project))
        self.retitle()

    def undo_it(self) -> None:
        self.untitle()
        self.apply(editing.remove_project(self.doc, self.row))


class RemoveProject(_ProjectListCommand):
    """Delete a project; undo puts the same project back at its index."""

    def __init__(self, session: DocumentSession, row: int, text: str = "删除项目",
                 parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.row = row
        self.project = session.doc.projects[row]

    def do(self) -> None:
        self.apply(editing.remove_project(self.doc, self.row))
        self.retitle()

    def undo_it(self) -> None:
        self.untitle()
        self.apply(editing.insert_project(self.doc, self.row, self.project))


class MoveProject(_ProjectListCommand):
    """Move the project at ``row`` to index ``dest``."""

    def __init__(self, session: DocumentSession, row: int, dest: int, text: str = "移动项目",
                 parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.row, self.dest = row, dest

    def do(self) -> None:
        self.apply(editing.move_project(self.doc, self.row, self.dest))
        self.retitle()

    def undo_it(self) -> None:
        self.untitle()
        self.apply(editing.move_project(self.doc, self.dest, self.row))


# --- builders for the compound edits the views make -------------------------------------------

def set_many(session: DocumentSession, edits: list[tuple[Any, str, Any, Project | None]],
             text: str) -> QUndoCommand | None:
    """One undo step for many field edits (paste over a range, clear, replace all)."""
    edits = [e for e in edits if get_field(e[0], e[1]) != e[2]]
    if not edits:
        return None
    if len(edits) == 1:
        cmd = SetField(session, *edits[0])
        cmd.setText(text)
        return cmd
    parent = Compound(session, text)
    for obj, field, value, project in edits:
        SetField(session, obj, field, value, project, parent)
    return parent


def move_to_level(session: DocumentSession, project: Project, indicators: list[Indicator],
                  level1: str, level2: str | None) -> QUndoCommand | None:
    """Change the level of indicators (drag onto a tree node / 移动到…)."""
    edits: list[tuple[Any, str, Any, Project | None]] = []
    for ind in indicators:
        edits.append((ind, "level1", level1, project))
        if level2 is not None:
            edits.append((ind, "level2", level2, project))
    return set_many(session, edits, "移动指标到其他层级")


def move_to_project(session: DocumentSession, source: Project, rows: list[int], target: Project,
                    level1: str | None = None, level2: str | None = None,
                    at: int | None = None) -> QUndoCommand:
    """Move indicator rows into another project, optionally to a level there: at ``at`` (an index
    into the target's indicators, where they were dropped), else after the target's last row of
    that level (appended when it has none, or no level is given). Appended always, a row moved
    to 产出指标 › 数量指标 came after 满意度指标, in the window's table and in the saved form."""
    if at is None:
        at = _end_of_level(target, level1, level2)
    parent = Compound(session, "移动指标到其他项目")
    moved = [source.indicators[r].copy_fresh() for r in sorted(set(rows))]
    for ind in moved:
        if level1 is not None:
            ind.level1 = level1
        if level2 is not None:
            ind.level2 = level2
    RemoveIndicators(session, source, rows, parent=parent)
    InsertIndicators(session, target, at, moved, parent=parent)
    return parent


def _end_of_level(project: Project, level1: str | None, level2: str | None) -> int:
    """The index after ``project``'s last row of 一级 ``level1`` (and 二级 ``level2``: of the 一级
    alone when no row has both); the end of its rows when it has none, or no level is given."""
    if level1 is None:
        return len(project.indicators)
    for wanted in ((level1, level2), (level1, None)):
        last = [k for k, ind in enumerate(project.indicators)
                if ind.level1 == wanted[0] and (wanted[1] is None or ind.level2 == wanted[1])]
        if last:
            return last[-1] + 1
    return len(project.indicators)
