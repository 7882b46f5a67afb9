"""Every change to the document is one of these QUndoCommands on the session's one stack.

Compound changes (paste of many rows, clearing a range, deleting a project) are one command with
children, so one Ctrl+Z undoes them whole.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from perfeditor.model import Indicator, Project
from perfeditor.ui.session import DocumentSession, get_field

FIELD_TITLES = {
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述",
    "value": "指标值", "value_midterm": "中期指标值", "basis": "依据", "note": "说明", "weight": "权重",
    "title": "标题", "name": "项目名称", "code": "项目编码", "unit": "单位", "implementer": "实施单位",
    "kind": "项目属性", "period": "项目期", "source": "资金来源", "purpose": "资金用途",
    "spending_plan": "资金支出计划", "goals": "绩效目标", "goals_midterm": "中期目标",
    "budget.total": "预算数", "budget.fiscal": "财政资金", "budget.other": "其他资金",
    "budget.superior": "上级补助", "budget.local": "本级安排", "overall": "总体绩效目标",
    "measures": "工作保障措施", "goal": "分项目标", "indicator": "分项指标",
    "content": "主要内容", "total": "总额", "fiscal": "财政拨款", "other": "其他资金",
}


def field_title(field: str) -> str:
    if field.startswith("grade:"):
        return f"评价标准（{field[6:]}）"
    return FIELD_TITLES.get(field, field)


class _Command(QUndoCommand):
    """Base: ``parent`` (a :class:`Compound`) keeps the child in a Python list, because Qt's
    own child commands lose their Python side in PySide6 (crash on redo)."""

    def __init__(self, session: DocumentSession, text: str, parent: "Compound | None" = None):
        super().__init__(text)
        self.session = session
        if parent is not None:
            parent.add(self)


class Compound(_Command):
    """A command made of children, run in one validation batch (one undo step)."""

    def __init__(self, session: DocumentSession, text: str, parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.children: list[QUndoCommand] = []

    def add(self, command: QUndoCommand) -> None:
        self.children.append(command)

    def redo(self) -> None:
        with self.session.batch():
            for c in self.children:
                c.redo()

    def undo(self) -> None:
        with self.session.batch():
            for c in reversed(self.children):
                c.undo()


class SetField(_Command):
    """One text (or the spending plan) of a project, indicator or department part."""

    ID = 1001

    def __init__(self, session: DocumentSession, obj: Any, field: str, value: Any,
                 project: Project | None, parent: "Compound | None" = None):
        super().__init__(session, f"修改“{field_title(field)}”", parent)
        self.obj, self.field, self.project = obj, field, project
        self.old = get_field(obj, field)
        self.new = value

    def redo(self) -> None:
        self.session.set_value(self.obj, self.field, self.new, self.project)

    def undo(self) -> None:
        self.session.set_value(self.obj, self.field, self.old, self.project)


class InsertIndicators(_Command):
    def __init__(self, session: DocumentSession, project: Project, row: int,
                 indicators: list[Indicator], text: str = "插入指标",
                 parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.project, self.row, self.indicators = project, row, list(indicators)

    def redo(self) -> None:
        self.session.insert_indicators(self.project, self.row, self.indicators)

    def undo(self) -> None:
        rows = list(range(self.row, self.row + len(self.indicators)))
        self.session.remove_indicators(self.project, rows)


class RemoveIndicators(_Command):
    def __init__(self, session: DocumentSession, project: Project, rows: list[int],
                 text: str = "删除指标", parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.project, self.rows = project, sorted(set(rows))
        self.removed: list[tuple[int, Indicator]] = []

    def redo(self) -> None:
        self.removed = self.session.remove_indicators(self.project, self.rows)

    def undo(self) -> None:
        with self.session.batch():
            for row, ind in self.removed:
                self.session.insert_indicators(self.project, row, [ind])


class MoveIndicators(_Command):
    """Move rows of one project to ``dest`` (an index into the list before the move)."""

    def __init__(self, session: DocumentSession, project: Project, rows: list[int], dest: int,
                 text: str = "移动指标", parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.project = project
        self.rows = sorted(set(rows))
        self.dest = dest - sum(1 for r in self.rows if r < dest)
        self.moved = [project.indicators[r] for r in self.rows]

    def redo(self) -> None:
        with self.session.batch():
            self.session.remove_indicators(self.project, self.rows)
            self.session.insert_indicators(self.project, self.dest, self.moved)

    def undo(self) -> None:
        with self.session.batch():
            self.session.remove_indicators(
                self.project, list(range(self.dest, self.dest + len(self.moved))))
            for row, ind in zip(self.rows, self.moved, strict=False):
                self.session.insert_indicators(self.project, row, [ind])


class InsertTasks(_Command):
    """Rows of the department's 年度主要任务 (national table form)."""

    def __init__(self, session: DocumentSession, row: int, tasks: list, text: str = "插入任务",
                 parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.row, self.tasks = row, list(tasks)

    def redo(self) -> None:
        self.session.insert_tasks(self.row, self.tasks)

    def undo(self) -> None:
        self.session.remove_tasks(list(range(self.row, self.row + len(self.tasks))))


class RemoveTasks(_Command):
    def __init__(self, session: DocumentSession, rows: list[int], text: str = "删除任务",
                 parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.rows = sorted(set(rows))
        self.removed: list = []

    def redo(self) -> None:
        self.removed = self.session.remove_tasks(self.rows)

    def undo(self) -> None:
        with self.session.batch():
            for row, task in self.removed:
                self.session.insert_tasks(row, [task])


class InsertProject(_Command):
    def __init__(self, session: DocumentSession, row: int, project: Project,
                 text: str = "添加项目", parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.row, self.project = row, project

    def redo(self) -> None:
        self.session.insert_project(self.row, self.project)

    def undo(self) -> None:
        self.session.remove_project(self.row)


class RemoveProject(_Command):
    """Delete a project; undo puts the same project back at its index."""

    def __init__(self, session: DocumentSession, row: int, text: str = "删除项目",
                 parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.row = row
        self.project = session.doc.projects[row]

    def redo(self) -> None:
        self.session.remove_project(self.row)

    def undo(self) -> None:
        self.session.insert_project(self.row, self.project)


class MoveProject(_Command):
    def __init__(self, session: DocumentSession, row: int, dest: int, text: str = "移动项目",
                 parent: "Compound | None" = None):
        super().__init__(session, text, parent)
        self.row, self.dest = row, dest

    def redo(self) -> None:
        with self.session.batch():
            project = self.session.remove_project(self.row)
            self.session.insert_project(self.dest, project)

    def undo(self) -> None:
        with self.session.batch():
            project = self.session.remove_project(self.dest)
            self.session.insert_project(self.row, project)


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
                    level1: str | None = None, level2: str | None = None) -> QUndoCommand:
    """Move indicator rows into another project (appended), optionally to a level there."""
    parent = Compound(session, "移动指标到其他项目")
    moved = [source.indicators[r].copy_fresh() for r in sorted(set(rows))]
    for ind in moved:
        if level1 is not None:
            ind.level1 = level1
        if level2 is not None:
            ind.level2 = level2
    RemoveIndicators(session, source, rows, parent=parent)
    InsertIndicators(session, target, len(target.indicators), moved, parent=parent)
    return parent
