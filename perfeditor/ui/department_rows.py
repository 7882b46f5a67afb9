"""What the department's list models share (分项绩效目标, 年度主要任务): the rows shown are a
snapshot of one of the department's lists, stepped by the session's change sets (see
:mod:`perfeditor.ui.rowsync`); a row's findings colour it and fill its tooltip as in the
indicator tables (:func:`perfeditor.ui.indicator_model.marks_data`)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from perfeditor.editing import ChangeSet, list_key
from perfeditor.model import Department
from perfeditor.ui.qtcompat import disconnect
from perfeditor.ui.rowsync import sync_rows
from perfeditor.ui.session import DocumentSession

MARK_ROLES = frozenset({int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.BackgroundRole)})


class DepartmentRows:
    """Mixed into a Qt item model: the rows of ``department.<LIST>`` as a snapshot. The model
    defines ``_changed(changes)`` (calling :meth:`_sync`, then repainting the fields it shows)."""

    LIST = ""  #: the department's list shown (``items``, ``tasks``)
    COLUMNS = 1  #: how many columns a row has

    def _attach(self, session: DocumentSession) -> None:
        self.session = session
        self.department: Department = session.doc.department
        self._rows: list = list(getattr(self.department, self.LIST))
        session.changed.connect(self._changed)
        session.findingsChanged.connect(self._findings_changed)

    def detach(self) -> None:
        s = self.session
        for sig, slot in ((s.changed, self._changed), (s.findingsChanged, self._findings_changed)):
            disconnect(sig, slot)

    def row_of(self, obj) -> int | None:
        return next((r for r, it in enumerate(self._rows) if it is obj), None)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def _sync(self, changes: ChangeSet) -> bool:
        """Step the snapshot by ``changes``; whether rows were inserted, removed or moved."""
        if list_key(self.department, self.LIST) not in changes.lists():
            return False
        return bool(sync_rows(self, QModelIndex(), self._rows, list(getattr(self.department, self.LIST))))

    def _findings_changed(self, uids, changed=None) -> None:
        if (uids is None or uids == []) and self._rows:
            last = self.index(len(self._rows) - 1, self.COLUMNS - 1)  # type: ignore[attr-defined]
            self.dataChanged.emit(self.index(0, 0), last)  # type: ignore[attr-defined]
