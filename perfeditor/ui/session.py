"""The open document, its undo stack and its findings: what every view of the window shares.

Views never change the document themselves: they push commands (:mod:`perfeditor.ui.commands`),
which change it through :mod:`perfeditor.editing` and hand the resulting change set to
:meth:`DocumentSession.apply`. At the end of a command the session publishes one
:class:`~perfeditor.editing.ChangeSet` (Anki's ``OpChanges``): each model turns it into row
insertions, removals, moves and changed cells (napari's item models), never a reset. Then only
the projects touched are checked again.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from perfeditor.editing import DEPARTMENT, ChangeSet, Focus, get_field
from perfeditor.errors import PerfeditorError
from perfeditor.io.source import SourceMap
from perfeditor.model import Department, Document, Indicator, Project

log = logging.getLogger(__name__)

#: The key under which the department part's own marks are filed (its items and tasks have no uid).
DEPARTMENT_UID = DEPARTMENT

__all__ = ["DEPARTMENT_UID", "DocumentSession", "finding_field", "get_field"]


def finding_field(field: str) -> str:
    """The rules' field name for an editor field ("grade:优" → "grades")."""
    return "grades" if field.startswith("grade:") else field


class DocumentSession(QObject):
    """Holds one :class:`Document` with its QUndoStack and live findings."""

    #: one ChangeSet per command (or per edit outside a command), after the document changed
    changed = Signal(object)
    #: (obj, field): one text changed (obj is a Project, Indicator, Department, item or task);
    #: sent after ``changed``, for the form fields bound to a single text
    fieldChanged = Signal(object, str)
    #: (uids, changed): the findings changed. ``uids``: project uids re-checked ([] = the
    #: department part, None = all); ``changed``: uids whose marks changed (None = maybe all)
    findingsChanged = Signal(object, object)
    #: (verb, text, focus): an undo ("撤销") or redo ("重做") ran; ``focus`` says where
    replayed = Signal(str, str, object)

    def __init__(self, doc: Document, ruleset: str | None = None, parent: QObject | None = None,
                 check: bool = True, source_map: SourceMap | None = None):
        super().__init__(parent)
        self.doc = doc
        #: Where the forms sit in the file ``doc`` was read from (None: a new document); passed to
        #: every save and replaced by the map of the file written.
        self.source_map = source_map
        self.stack = QUndoStack(self)
        self._batch = 0
        self._pending = ChangeSet()
        self._replay: tuple[str, str] | None = None
        self.validator = None
        self.findings: list = []
        self.check_error: str | None = None
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
        if findings is not None:
            self._index_all(findings)
        self.findingsChanged.emit(None, None)

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

    def _index_all(self, findings: list) -> None:
        self.findings = findings
        self.by_project = {}
        self.cell_marks = defaultdict(list)
        per_uid: dict[int, list] = defaultdict(list)
        doc_findings = []
        for f in findings:
            if f.project_index is None:
                doc_findings.append(f)
            else:
                per_uid[self._project_uid_of(f)].append(f)
        self.doc_findings = []
        self._index_department(doc_findings)
        for project in self.doc.projects:
            self._index_project(project, per_uid.get(project.uid, []))

    def _project_uid_of(self, f) -> int | None:
        if f.project_uid is not None:
            return f.project_uid
        if f.project_index is not None and 0 <= f.project_index < len(self.doc.projects):
            return self.doc.projects[f.project_index].uid
        return None

    def _index_project(self, project: Project, findings: list) -> set[int]:
        """Re-file ``project``'s marks; returns the uids whose marks changed (a finding that only
        moved with its row, its ``indicator_index`` shifted by an insertion above, changes none)."""
        old = self.by_project.get(project.uid, [])
        self.by_project[project.uid] = findings
        if old == findings:
            return set()

        def shown(found: list) -> set[tuple]:
            return {(key, f.severity, f.rule, f.message) for f in found for key in self._keys(project, f)}

        for f in old:
            for key in self._keys(project, f):
                lst = self.cell_marks.get(key)
                if lst is not None and f in lst:
                    lst.remove(f)
                    if not lst:
                        del self.cell_marks[key]
        for f in findings:
            for key in self._keys(project, f):
                self.cell_marks[key].append(f)
        return {mark[0][0] for mark in shown(old) ^ shown(findings)}

    def _index_department(self, findings: list) -> None:
        for key in {k for f in self.doc_findings for k in self.department_keys(f)}:
            self.cell_marks.pop(key, None)
        self.doc_findings = findings
        for f in findings:
            for key in self.department_keys(f):
                self.cell_marks[key].append(f)

    @staticmethod
    def department_keys(f) -> list[tuple[int, str]]:
        """Where a department finding shows, from its structured location: an indicator row
        (its uid), a task (``task2``), an item (``item0.goal``) or a field of the part."""
        if f.part == "indicators" and f.indicator_uid is not None:
            return [(f.indicator_uid, f.field or "")]
        if f.part == "tasks" and f.item_index is not None:
            return [(DEPARTMENT_UID, f"task{f.item_index}")]
        if f.part == "items" and f.item_index is not None:
            return [(DEPARTMENT_UID, f"item{f.item_index}.goal")]
        return [(DEPARTMENT_UID, f.key or f.field or "")]

    @staticmethod
    def _keys(project: Project, f) -> list[tuple[int, str]]:
        field = f.field or ""
        if f.indicator_uid is not None:
            return [(f.indicator_uid, field)]
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
            self.findingsChanged.emit(None, None)
            return
        if getattr(self.validator, "_year", None) != year:  # the budget year moved: all changed
            self._index_all(list(self.validator.findings()))
            self.findingsChanged.emit(None, None)
            return
        findings = [f for f in findings if f.project_index == index]
        if findings == self.by_project.get(project.uid, []):
            return
        changed = self._index_project(project, findings)
        self.findings = [f for f in self.findings if self._project_uid_of(f) != project.uid
                         or f.project_index is None] + findings
        self.findingsChanged.emit([project.uid], changed)

    def revalidate_department(self) -> None:
        if self.pending:
            self.start_checking()
            return
        if self.validator is None:
            return
        found = self._checked(self.validator.revalidate_department)
        if found is None:
            self.findingsChanged.emit(None, None)
            return
        if found == self.doc_findings:
            return
        self._index_department(found)
        self.findings = found + [f for f in self.findings if f.project_index is not None]
        self.findingsChanged.emit([], None)

    def marks(self, uid: int, field: str) -> list:
        return self.cell_marks.get((uid, finding_field(field)), [])

    def counts(self) -> tuple[int, int, int]:
        e = sum(f.severity == "error" for f in self.findings)
        w = sum(f.severity == "warning" for f in self.findings)
        return e, w, len(self.findings) - e - w

    def project_findings(self, project: Project) -> list:
        return self.by_project.get(project.uid, [])

    # --- applying edits: commands run inside one batch; views hear of it once at its end ----
    @contextmanager
    def batch(self) -> Iterator[None]:
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if self._batch == 0:
                self._publish()

    def apply(self, changes: ChangeSet) -> ChangeSet:
        """Take the change set of an edit just made (:mod:`perfeditor.editing`)."""
        self._pending.merge(changes)
        if self._batch == 0:
            self._publish()
        return changes

    def replaying(self, verb: str, text: str) -> None:
        """The next published change set comes from an undo (``"撤销"``) or a redo (``"重做"``)."""
        self._replay = (verb, text)

    def _publish(self) -> None:
        changes, self._pending = self._pending, ChangeSet()
        replay, self._replay = self._replay, None
        if changes:
            self.changed.emit(changes)
            for c in changes.fields():
                self.fieldChanged.emit(c.obj, c.field)
            self._recheck(changes)
        if replay is not None:
            self.replayed.emit(replay[0], replay[1], changes.focus)

    def _recheck(self, changes: ChangeSet) -> None:
        if changes.project_list:
            for c in changes.changes:  # forget the marks of projects taken out
                if getattr(c, "key", ("",))[0] == "projects" and not hasattr(c, "dest"):  # (titles: fields)
                    for p in c.items:
                        if p not in self.doc.projects:
                            self.by_project.pop(p.uid, None)
            self.validate_all()
            return
        if changes.department:
            self.revalidate_department()
        for project in self.doc.projects:
            if project.uid in changes.projects:
                self.revalidate(project)

    # --- lookups ---------------------------------------------------------------------------
    def project_index(self, project: Project) -> int | None:
        for i, p in enumerate(self.doc.projects):
            if p is project:
                return i
        return None

    def project_by_uid(self, uid: int) -> Project | None:
        return next((p for p in self.doc.projects if p.uid == uid), None)

    def owner_of(self, indicator: Indicator) -> Project | None:
        for p in self.doc.projects:
            for ind in p.indicators:
                if ind is indicator:
                    return p
        return None

    def department(self) -> Department | None:
        return self.doc.department

    def focus_of(self, project: Project | None, obj: Any, field: str) -> Focus:
        return Focus(project.uid if project is not None else DEPARTMENT_UID, obj, field)
