"""The indicator table of one project, or of one of its first/second levels.

Rows map to indexes into ``project.indicators`` (a level shows only its rows); columns are the
form's own columns. Edits go to the undo stack; cells with findings are tinted and carry the
message as tooltip.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from perfeditor.model import Indicator, Project
from perfeditor.model.document import GRADES as GRADES_ORDER
from perfeditor.ui.commands import InsertIndicators, MoveIndicators, SetField, move_to_project
from perfeditor.ui.qtcompat import disconnect
from perfeditor.ui.session import DocumentSession, finding_field, get_field
from perfeditor.ui.tree_model import INDICATOR_MIME, decode_indicators, encode_indicators

ERROR_BG = QColor("#ffcdd2")
WARNING_BG = QColor("#ffe0b2")

DEFAULT_COLUMNS = {
    "hebei-project": ["level1", "level2", "level3", "description", "value"],
    "hebei-graded": ["level1", "level3", "description", "basis"] + [f"grade:{g}" for g in GRADES_ORDER],
    "mof-project": ["level1", "level2", "level3", "value", "note"],
}
TITLES = {
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述",
    "value": "指标值", "value_midterm": "中期指标值", "basis": "指标值确定依据", "note": "说明",
    "weight": "权重",
}
_R = Qt.ItemDataRole
_TEXT_ROLES = frozenset({int(_R.DisplayRole), int(_R.EditRole)})
_TIP_ROLE, _BG_ROLE, _ALIGN_ROLE = int(_R.ToolTipRole), int(_R.BackgroundRole), int(_R.TextAlignmentRole)
_HANDLED_ROLES = _TEXT_ROLES | {_TIP_ROLE, _BG_ROLE, _ALIGN_ROLE}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ERROR_BRUSH, _WARNING_BRUSH = QBrush(ERROR_BG), QBrush(WARNING_BG)
_CELL_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
               | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
_OPTIONAL = ("description", "value", "value_midterm", "basis", "note", "weight")


def indicator_columns(project: Project) -> list[str]:
    """The project's indicator columns: the form's own, plus any field that holds text."""
    layout = project.variant.layout
    cols = [c for c in (project.variant.indicator_columns or DEFAULT_COLUMNS.get(layout, []))]
    if layout == "hebei-graded" and project.variant.indicator_columns:
        cols = [c for c in cols if c != "level2" or any(i.level2 for i in project.indicators)]
    for base in ("level1", "level2", "level3"):
        if base not in cols and (base != "level2" or layout != "hebei-graded"):
            cols.insert(("level1", "level2", "level3").index(base), base)
    for f in _OPTIONAL:
        if f not in cols and any(getattr(i, f) for i in project.indicators):
            cols.append(f)
    if any(i.grades for i in project.indicators):
        for g in GRADES_ORDER:
            if f"grade:{g}" not in cols:
                cols.append(f"grade:{g}")
    return cols


def column_title(project: Project, field: str) -> str:
    label = project.variant.labels.get(f"col:{field}")
    if label:
        return re.sub(r"\s+", "", label)
    if field.startswith("grade:"):
        return field[6:]
    if field == "level3" and project.variant.layout == "hebei-graded":
        return "绩效指标"
    return TITLES.get(field, field)


class IndicatorTableModel(QAbstractTableModel):
    """Indicators of ``project`` (all, or those under ``level1`` / ``level2``)."""

    def __init__(self, session: DocumentSession, project: Project, level1: str | None = None,
                 level2: str | None = None, parent=None):
        super().__init__(parent)
        self.session, self.project = session, project
        self.level1, self.level2 = level1, level2
        self.columns = self._columns()
        self._rows: list[int] = []
        self._recompute()
        session.indicatorsAboutToReset.connect(self._before_reset)
        session.indicatorsReset.connect(self._after_reset)
        session.fieldChanged.connect(self._field_changed)
        session.findingsChanged.connect(self._findings_changed)

    def _columns(self) -> list[str]:
        return [c for c in indicator_columns(self.project)
                if not (self.level1 is not None and c == "level1")
                and not (self.level2 is not None and c == "level2")]

    def _concerns(self, uids) -> bool:
        """Whether a findingsChanged(uids) may touch this table."""
        return uids is None or self.project.uid in uids

    def column_title(self, field: str) -> str:
        return column_title(self.project, field)

    def detach(self) -> None:
        s = self.session
        for sig, slot in ((s.indicatorsAboutToReset, self._before_reset),
                          (s.indicatorsReset, self._after_reset),
                          (s.fieldChanged, self._field_changed),
                          (s.findingsChanged, self._findings_changed)):
            disconnect(sig, slot)

    def _recompute(self) -> None:
        self._rows = [i for i, ind in enumerate(self.project.indicators)
                      if (self.level1 is None or ind.level1 == self.level1)
                      and (self.level2 is None or ind.level2 == self.level2)]

    # --- mapping -----------------------------------------------------------------------------
    def indicator(self, row: int) -> Indicator:
        return self.project.indicators[self._rows[row]]

    def source_row(self, row: int) -> int:
        return self._rows[row]

    def row_of_uid(self, uid: int) -> int | None:
        for r, i in enumerate(self._rows):
            if self.project.indicators[i].uid == uid:
                return r
        return None

    def insertion_point(self, row: int) -> int:
        """The index into ``project.indicators`` for a new row placed at view row ``row``."""
        if row < len(self._rows):
            return self._rows[row]
        if self._rows:
            return self._rows[-1] + 1
        return len(self.project.indicators)

    def new_indicator(self) -> Indicator:
        return Indicator(level1=self.level1 or "", level2=self.level2 or "")

    # --- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return self.column_title(self.columns[section])
            return None
        return str(section + 1)

    def _marks(self, ind: Indicator, field: str) -> list:
        marks = list(self.session.marks(ind.uid, field))
        if field == "level3":  # findings about the row as a whole show on its name
            visible = {finding_field(c) for c in self.columns}
            for key_field in ("", "indicators"):
                marks += self.session.marks(ind.uid, key_field)
            for other in ("level1", "level2", "description", "value", "basis", "note", "grades", "weight"):
                if other not in visible:
                    marks += self.session.marks(ind.uid, other)
        return marks

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        role = int(role)
        if role not in _HANDLED_ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= col < len(self.columns)):
            return None
        ind = self.project.indicators[self._rows[row]]
        field = self.columns[col]
        if role in _TEXT_ROLES:
            return get_field(ind, field)
        if role == _ALIGN_ROLE:
            return _RIGHT if field == "weight" else None
        marks = self._marks(ind, field)
        if not marks:
            return None
        if role == _TIP_ROLE:
            return "\n".join(f.message for f in marks)
        if any(f.severity == "error" for f in marks):
            return _ERROR_BRUSH
        if any(f.severity == "warning" for f in marks):
            return _WARNING_BRUSH
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = self.columns[index.column()]
        text = normalise_value(field, "" if value is None else str(value))
        ind = self.indicator(index.row())
        if get_field(ind, field) == text:
            return False
        self.session.stack.push(SetField(self.session, ind, field, text, self.project))
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    # --- drag and drop of whole rows ---------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [INDICATOR_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes):
        rows = sorted({self._rows[i.row()] for i in indexes if i.isValid()})
        return encode_indicators(self.project, rows)

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return decode_indicators(data) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        decoded = decode_indicators(data)
        if decoded is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        dest = self.insertion_point(row)
        uid, rows = decoded
        if uid == self.project.uid:
            rows = [r for r in rows if 0 <= r < len(self.project.indicators)]
            if not rows or (len(rows) == 1 and dest in (rows[0], rows[0] + 1)
                            and self.level1 is None):
                return False
            self.session.stack.push(MoveIndicators(self.session, self.project, rows, dest))
        else:
            source = next((p for p in self.session.doc.projects if p.uid == uid), None)
            if source is None:
                return False
            self.session.stack.push(move_to_project(self.session, source, rows, self.project,
                                                    self.level1, self.level2))
        return False  # done by the command; the view must not delete the dragged rows

    # --- session signals ---------------------------------------------------------------------
    def _before_reset(self, project: Project) -> None:
        if project is self.project:
            self.beginResetModel()

    def _after_reset(self, project: Project) -> None:
        if project is self.project:
            self._recompute()
            self.endResetModel()

    def _field_changed(self, obj, field: str) -> None:
        if not isinstance(obj, Indicator):
            return
        row = self.row_of_uid(obj.uid)
        if row is None:
            return
        if field in self.columns:  # one cell: views repaint just that cell
            idx = self.index(row, self.columns.index(field))
            self.dataChanged.emit(idx, idx)
        else:
            self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        # Cell by cell: a view repaints a single changed cell only, but all of its viewport
        # for a changed range.
        for col in range(len(self.columns)):
            idx = self.index(row, col)
            self.dataChanged.emit(idx, idx)

    def _findings_changed(self, uids) -> None:
        if not self._concerns(uids) or not self._rows or not self.columns:
            return
        changed = self.session.changed_uids
        if changed is None:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))
            return
        for r, i in enumerate(self._rows):
            if self.project.indicators[i].uid in changed:
                self._row_changed(r)


def normalise_value(field: str, text: str) -> str:
    """``>=`` typed in a value cell becomes ``≥`` (the rules' own normaliser when present)."""
    if field not in ("value", "value_midterm") and not field.startswith("grade:"):
        return text
    try:
        from perfeditor.rules.values import normalise_operators
    except ImportError:
        for a, b in ((">=", "≥"), ("<=", "≤"), ("＞＝", "≥"), ("＜＝", "≤")):
            text = text.replace(a, b)
        return text
    return normalise_operators(text)


def insert_blank(session: DocumentSession, model: IndicatorTableModel, row: int) -> None:
    session.stack.push(InsertIndicators(session, model.project, model.insertion_point(row),
                                        [model.new_indicator()], "插入指标行"))
