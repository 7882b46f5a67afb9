"""The open document, its undo stack and its findings: what every view of the window shares.

Views never change the document themselves: they push commands (:mod:`perfeditor.ui.commands`),
and commands change it only through the mutators here, which tell the views exactly what changed
(Anki's "change flags", napari's inserting/inserted events) and re-check only the projects touched.
"""
from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from perfeditor.model import Department, Document, Indicator, Project


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
    projectAboutToBeInserted = Signal(int)
    projectInserted = Signal(int)
    projectAboutToBeRemoved = Signal(int)
    projectRemoved = Signal(int)
    #: the findings changed (list of project uids re-checked, or None for all)
    findingsChanged = Signal(object)

    def __init__(self, doc: Document, ruleset: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.doc = doc
        self.stack = QUndoStack(self)
        self._batch = 0
        self._dirty: set[int] = set()
        self._dirty_all = False
        self._dirty_department = False
        self.validator = None
        self.findings: list = []
        self.by_project: dict[int, list] = {}
        self.doc_findings: list = []
        self.cell_marks: dict[tuple[int, str], list] = defaultdict(list)
        self._ruleset = ruleset
        self._make_validator()

    # --- validation ------------------------------------------------------------------------
    @staticmethod
    def rules_available() -> bool:
        try:
            import perfeditor.rules  # noqa: F401
        except ImportError:
            return False
        return True

    def _make_validator(self) -> None:
        try:
            from perfeditor.rules import Validator
        except ImportError:
            self.validator = None
            return
        try:
            self.validator = Validator(self.doc, self._ruleset)
        except Exception:  # an unknown rule set name must not stop the window
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
        if self.validator is None:
            return
        try:
            findings = list(self.validator.validate_all())
        except Exception:  # a rule's bug must never reach the clerk as a traceback
            findings = []
        self._index_all(findings)
        self.findingsChanged.emit(None)

    def _index_all(self, findings: list) -> None:
        self.findings = findings
        self.by_project = {}
        self.doc_findings = []
        self.cell_marks = defaultdict(list)
        per_index: dict[int, list] = defaultdict(list)
        for f in findings:
            if f.project_index is None:
                self.doc_findings.append(f)
            else:
                per_index[f.project_index].append(f)
        for i, project in enumerate(self.doc.projects):
            self._index_project(project, per_index.get(i, []))

    def _index_project(self, project: Project, findings: list) -> None:
        old = self.by_project.get(project.uid, [])
        for f in old:
            for key in self._keys(project, f):
                lst = self.cell_marks.get(key)
                if lst is not None and f in lst:
                    lst.remove(f)
                    if not lst:
                        del self.cell_marks[key]
        self.by_project[project.uid] = findings
        for f in findings:
            for key in self._keys(project, f):
                self.cell_marks[key].append(f)

    @staticmethod
    def _keys(project: Project, f) -> list[tuple[int, str]]:
        field = f.field or ""
        if f.indicator_index is not None and 0 <= f.indicator_index < len(project.indicators):
            return [(project.indicators[f.indicator_index].uid, field)]
        return [(project.uid, field)]

    def revalidate(self, project: Project) -> None:
        if self.validator is None:
            return
        index = self.project_index(project)
        if index is None:
            return
        year = getattr(self.validator, "_year", None)
        try:
            findings = list(self.validator.revalidate_project(index))
        except Exception:
            findings = []
        if getattr(self.validator, "_year", None) != year:  # the budget year moved: all changed
            self._index_all(list(self.validator.findings()))
            self.findingsChanged.emit(None)
            return
        findings = [f for f in findings if f.project_index == index]
        self._index_project(project, findings)
        self.findings = [f for f in self.findings if f.project_index != index] + findings
        self.findingsChanged.emit([project.uid])

    def revalidate_department(self) -> None:
        if self.validator is None:
            return
        try:
            found = list(self.validator.revalidate_department())
        except Exception:
            found = []
        self.doc_findings = found
        self.findings = found + [f for f in self.findings if f.project_index is not None]
        self.findingsChanged.emit([])

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
