"""The open document, its undo stack and its findings: what every view of the window shares.

Views never change the document themselves: they push commands (:mod:`perfeditor.ui.commands`),
and commands change it only through the mutators here, which tell the views exactly what changed
(Anki's "change flags", napari's inserting/inserted events) and re-check only the projects touched.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from perfeditor.errors import PerfeditorError
from perfeditor.model import Department, Document, Indicator, Project

log = logging.getLogger(__name__)

#: The key under which the department part's own marks are filed (its items and tasks have no uid).
DEPARTMENT_UID = 0


def _quoted(message: str) -> list[str]:
    return re.findall(r"“([^”]*)”", message)


# --- field access: one spelling for every editable text --------------------------------------
# Indicator: level1 … weight, value_midterm, "grade:优"; Project: name …, "budget.total",
# "spending_plan" (a dict); Department: overall, measures, name; DepartmentItem: title, goal, indicator.

def get_field(obj: Any, field: str) -> Any:
    if field.startswith("grade:"):
        return (obj.grades or {}).get(field[6:], "")
    if field.startswith("budget."):
        return getattr(obj.budget, field[7:])
    if field == "spending_plan":
        return dict(obj.spending_plan)
    return getattr(obj, field)


def set_field(obj: Any, field: str, value: Any) -> None:
    if field.startswith("grade:"):
        grades = dict(obj.grades or {})
        grades[field[6:]] = value
        obj.grades = grades if any(grades.values()) or obj.grades is not None else None
    elif field.startswith("budget."):
        setattr(obj.budget, field[7:], value)
    elif field == "spending_plan":
        obj.spending_plan = dict(value)
    else:
        setattr(obj, field, value)


def finding_field(field: str) -> str:
    """The rules' field name for an editor field ("grade:优" → "grades")."""
    return "grades" if field.startswith("grade:") else field


class DocumentSession(QObject):
    """Holds one :class:`Document` with its QUndoStack and live findings."""

    #: (obj, field): one text changed (obj is a Project, Indicator, Department or DepartmentItem)
    fieldChanged = Signal(object, str)
    #: project: its indicator list is about to change / has changed in structure
    indicatorsAboutToReset = Signal(object)
    indicatorsReset = Signal(object)
    #: the department's 年度主要任务 list is about to change / has changed in structure
    tasksAboutToReset = Signal()
    tasksReset = Signal()
    projectAboutToBeInserted = Signal(int)
    projectInserted = Signal(int)
    projectAboutToBeRemoved = Signal(int)
    projectRemoved = Signal(int)
    #: the findings changed (list of project uids re-checked, or None for all)
    findingsChanged = Signal(object)

    def __init__(self, doc: Document, ruleset: str | None = None, parent: QObject | None = None,
                 check: bool = True):
        super().__init__(parent)
        self.doc = doc
        self.stack = QUndoStack(self)
        self._batch = 0
        self._dirty: set[int] = set()
        self._dirty_all = False
        self._dirty_department = False
        self.validator = None
        self.findings: list = []
        self.check_error: str | None = None
        self.changed_uids: set[int] | None = None
        self.by_project: dict[int, list] = {}
        self.doc_findings: list = []
        self.cell_marks: dict[tuple[int, str], list] = defaultdict(list)
        self._ruleset = ruleset
        #: True until the first full check ran (the window defers it past its first paint)
        self.pending = True
        if check:
            self.start_checking()

    # --- validation ------------------------------------------------------------------------
    def start_checking(self) -> None:
        """Run the first full check (once); later edits re-check only what they touch."""
        if self.pending:
            self._make_validator()

    def _make_validator(self) -> None:
        self.pending = False
        from perfeditor.rules import Validator

        try:
            self.validator = Validator(self.doc, self._ruleset)
        except KeyError:  # a rule set name from old settings that no longer exists
            log.warning("unknown rule set %r, using the document's own", self._ruleset)
            self.validator = Validator(self.doc, None)
        self.validate_all()

    def set_ruleset(self, name: str | None) -> None:
        self._ruleset = name
        self._make_validator()

    def ruleset_name(self) -> str:
        if self.validator is None:
            return ""
        rs = getattr(self.validator, "ruleset", "")
        return getattr(rs, "name", rs) if not isinstance(rs, str) else rs

    def validate_all(self) -> None:
        if self.pending:
            self.start_checking()
            return
        if self.validator is None:
            return
        findings = self._checked(self.validator.validate_all)
        if findings is None:
            self._emit_findings(None)
            return
        self._index_all(findings)
        self._emit_findings(None)

    def _checked(self, run) -> list | None:
        """Findings of ``run()``, or None when the check itself failed.

        A failed check must never look like a clean form: the reason is kept in ``check_error``
        (shown as 审核出错 in the status bar and the problems panel) and logged with its traceback;
        the findings of the last good check stay.
        """
        try:
            found = list(run())
        except PerfeditorError as err:
            log.warning("validation refused: %s", err.message)
            self.check_error = err.message
            return None
        except Exception:  # noqa: BLE001 - a rule's bug is shown as 审核出错 and logged, not raised
            log.exception("validation failed")
            self.check_error = "审核程序内部出错，审核结果可能不完整（详情已记入日志）。"
            return None
        self.check_error = None
        return found

    def _emit_findings(self, uids, changed: set[int] | None = None) -> None:
        """Tell the views; ``changed`` = uids whose marks changed (None: maybe all)."""
        self.changed_uids = changed
        self.findingsChanged.emit(uids)
        self.changed_uids = None

    def _index_all(self, findings: list) -> None:
        self.findings = findings
        self.by_project = {}
        self.doc_findings = []
        self.cell_marks = defaultdict(list)
        per_index: dict[int, list] = defaultdict(list)
        doc_findings = []
        for f in findings:
            if f.project_index is None:
                doc_findings.append(f)
            else:
                per_index[f.project_index].append(f)
        self._index_department(doc_findings)
        for i, project in enumerate(self.doc.projects):
            self._index_project(project, per_index.get(i, []))

    def _index_project(self, project: Project, findings: list) -> set[int]:
        """Re-file ``project``'s marks; returns the uids whose marks changed."""
        old = self.by_project.get(project.uid, [])
        changed: set[int] = set()
        if old == findings:
            self.by_project[project.uid] = findings
            return changed
        new_set, old_set = set(findings), set(old)
        for f in old:
            for key in self._keys(project, f):
                lst = self.cell_marks.get(key)
                if lst is not None and f in lst:
                    lst.remove(f)
                    if not lst:
                        del self.cell_marks[key]
                if f not in new_set:
                    changed.add(key[0])
        self.by_project[project.uid] = findings
        for f in findings:
            for key in self._keys(project, f):
                self.cell_marks[key].append(f)
                if f not in old_set:
                    changed.add(key[0])
        return changed

    def _index_department(self, findings: list) -> None:
        for key in [k for k in self.cell_marks if k[0] == DEPARTMENT_UID]:
            del self.cell_marks[key]
        for key in {k for f in self.doc_findings for k in self._department_keys(f)}:
            self.cell_marks.pop(key, None)
        self.doc_findings = findings
        for f in findings:
            for key in self._department_keys(f):
                self.cell_marks[key].append(f)

    def _department_keys(self, f) -> list[tuple[int, str]]:
        """Where a department finding shows: the rules name no item, so the message's quoted
        name (“…”) finds the item, task or indicator it is about."""
        dep = self.doc.department
        if dep is None:
            return [(DEPARTMENT_UID, f.field or "")]
        quoted = _quoted(f.message)
        if f.rule == "department.overall":
            return [(DEPARTMENT_UID, "overall")]
        if f.rule == "department.items":
            for n, item in enumerate(dep.items):
                if item.title.strip() and item.title.strip() in quoted:
                    return [(DEPARTMENT_UID, f"item{n}.goal")]
            return [(DEPARTMENT_UID, "items")]
        if f.field == "value":
            for ind in dep.indicators:
                if ind.level3 and ind.level3 in quoted:
                    return [(ind.uid, "value")]
            return [(DEPARTMENT_UID, "indicators")]
        if f.message.startswith("年度主要任务"):
            for n, task in enumerate(dep.tasks):
                if task.name and task.name in quoted:
                    return [(DEPARTMENT_UID, f"task{n}")]
            return [(DEPARTMENT_UID, "tasks")]
        for label, field in (("财政拨款“", "budget.fiscal"), ("其他资金“", "budget.other")):
            if f.message.startswith(label):
                return [(DEPARTMENT_UID, field)]
        return [(DEPARTMENT_UID, f.field or "")]

    @staticmethod
    def _keys(project: Project, f) -> list[tuple[int, str]]:
        field = f.field or ""
        if f.indicator_index is not None and 0 <= f.indicator_index < len(project.indicators):
            return [(project.indicators[f.indicator_index].uid, field)]
        return [(project.uid, field)]

    def revalidate(self, project: Project) -> None:
        if self.pending:
            self.start_checking()
            return
        if self.validator is None:
            return
        index = self.project_index(project)
        if index is None:
            return
        year = getattr(self.validator, "_year", None)
        findings = self._checked(lambda: self.validator.revalidate_project(index))
        if findings is None:
            self._emit_findings(None)
            return
        if getattr(self.validator, "_year", None) != year:  # the budget year moved: all changed
            self._index_all(list(self.validator.findings()))
            self._emit_findings(None)
            return
        findings = [f for f in findings if f.project_index == index]
        changed = self._index_project(project, findings)
        if not changed:
            return
        self.findings = [f for f in self.findings if f.project_index != index] + findings
        self._emit_findings([project.uid], changed)

    def revalidate_department(self) -> None:
        if self.pending:
            self.start_checking()
            return
        if self.validator is None:
            return
        found = self._checked(self.validator.revalidate_department)
        if found is None:
            self._emit_findings(None)
            return
        if found == self.doc_findings:
            return
        self._index_department(found)
        self.findings = found + [f for f in self.findings if f.project_index is not None]
        self._emit_findings([], None)

    def marks(self, uid: int, field: str) -> list:
        return self.cell_marks.get((uid, finding_field(field)), [])

    def counts(self) -> tuple[int, int, int]:
        e = sum(f.severity == "error" for f in self.findings)
        w = sum(f.severity == "warning" for f in self.findings)
        return e, w, len(self.findings) - e - w

    def project_findings(self, project: Project) -> list:
        return self.by_project.get(project.uid, [])

    # --- batching: commands run inside one batch; validation runs once at its end ----------
    @contextmanager
    def batch(self) -> Iterator[None]:
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if self._batch == 0:
                self._flush()

    def _touch(self, project: Project | None, department: bool = False) -> None:
        if isinstance(project, Department):  # the department's own indicator table
            project, department = None, True
        if department:
            self._dirty_department = True
        elif project is None:
            self._dirty_all = True
        else:
            self._dirty.add(project.uid)
        if self._batch == 0:
            self._flush()

    def _flush(self) -> None:
        dirty, self._dirty = self._dirty, set()
        everything, self._dirty_all = self._dirty_all, False
        department, self._dirty_department = self._dirty_department, False
        if everything:
            self.validate_all()
            return
        if department:
            self.revalidate_department()
        for project in self.doc.projects:
            if project.uid in dirty:
                self.revalidate(project)

    # --- lookups ---------------------------------------------------------------------------
    def project_index(self, project: Project) -> int | None:
        for i, p in enumerate(self.doc.projects):
            if p is project:
                return i
        return None

    def owner_of(self, indicator: Indicator) -> Project | None:
        for p in self.doc.projects:
            for ind in p.indicators:
                if ind is indicator:
                    return p
        return None

    # --- mutators (commands only) ----------------------------------------------------------
    def set_value(self, obj: Any, field: str, value: Any, project: Project | None) -> None:
        set_field(obj, field, value)
        self.fieldChanged.emit(obj, field)
        if isinstance(obj, Indicator) and field in ("level1", "level2") and project is not None:
            self.indicatorsAboutToReset.emit(project)
            self.indicatorsReset.emit(project)
        self._touch(project, department=project is None and not isinstance(obj, Project))

    def insert_indicators(self, project: Project, row: int, indicators: list[Indicator]) -> None:
        self.indicatorsAboutToReset.emit(project)
        project.indicators[row:row] = indicators
        self.indicatorsReset.emit(project)
        self._touch(project)

    def remove_indicators(self, project: Project, rows: list[int]) -> list[tuple[int, Indicator]]:
        self.indicatorsAboutToReset.emit(project)
        removed = [(r, project.indicators[r]) for r in sorted(set(rows))]
        for r, _ in reversed(removed):
            del project.indicators[r]
        self.indicatorsReset.emit(project)
        self._touch(project)
        return removed

    def insert_tasks(self, row: int, tasks: list) -> None:
        dep = self.doc.department
        self.tasksAboutToReset.emit()
        dep.tasks[row:row] = tasks
        self.tasksReset.emit()
        self._touch(None, department=True)

    def remove_tasks(self, rows: list[int]) -> list:
        dep = self.doc.department
        self.tasksAboutToReset.emit()
        removed = [(r, dep.tasks[r]) for r in sorted(set(rows))]
        for r, _ in reversed(removed):
            del dep.tasks[r]
        self.tasksReset.emit()
        self._touch(None, department=True)
        return removed

    def insert_project(self, row: int, project: Project) -> None:
        self.projectAboutToBeInserted.emit(row)
        self.doc.projects.insert(row, project)
        self.projectInserted.emit(row)
        self._touch(None)

    def remove_project(self, row: int) -> Project:
        self.projectAboutToBeRemoved.emit(row)
        project = self.doc.projects.pop(row)
        self.projectRemoved.emit(row)
        self.by_project.pop(project.uid, None)
        self._touch(None)
        return project

    def department(self) -> Department | None:
        return self.doc.department
