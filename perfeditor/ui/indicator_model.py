"""The indicator table of one project, or of one of its first/second levels.

Rows map to indexes into ``project.indicators`` (a level shows only its rows); columns are the
form's own columns. Edits go to the undo stack; cells with findings are tinted and carry the
message as tooltip.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from perfeditor.editing import ChangeSet, list_key
from perfeditor.forms import layouts
from perfeditor.forms.vocabulary import field_title
from perfeditor.model import Indicator, Project
from perfeditor.ui.commands import InsertIndicators, MoveIndicators, move_to_project, set_many
from perfeditor.ui.qtcompat import disconnect
from perfeditor.ui.rowsync import sync_rows
from perfeditor.ui.session import DocumentSession, finding_field, get_field
from perfeditor.ui.tree_model import INDICATOR_MIME, decode_indicators, encode_indicators

ERROR_BG = QColor("#ffcdd2")
WARNING_BG = QColor("#ffe0b2")

_R = Qt.ItemDataRole
_DISPLAY, _HORIZONTAL = int(_R.DisplayRole), Qt.Orientation.Horizontal
_TEXT_ROLES = frozenset({int(_R.DisplayRole), int(_R.EditRole)})
_TIP_ROLE, _BG_ROLE, _ALIGN_ROLE = int(_R.ToolTipRole), int(_R.BackgroundRole), int(_R.TextAlignmentRole)
_HANDLED_ROLES = _TEXT_ROLES | {_TIP_ROLE, _BG_ROLE, _ALIGN_ROLE}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ERROR_BRUSH, _WARNING_BRUSH = QBrush(ERROR_BG), QBrush(WARNING_BG)
_CELL_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
               | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)


def marks_data(marks: list, role: int):
    """The tooltip (the findings' messages) or background (error / warning) of a cell's findings."""
    if not marks:
        return None
    if role == _TIP_ROLE:
        return "\n".join(f.message for f in marks)
    if any(f.severity == "error" for f in marks):
        return _ERROR_BRUSH
    return _WARNING_BRUSH if any(f.severity == "warning" for f in marks) else None


def indicator_columns(project: Project) -> list[str]:
    """The project's indicator columns: those every export of its layout prints
    (:func:`perfeditor.forms.layouts.indicator_columns`), plus any other field that holds text,
    so that nothing the clerk typed is hidden."""
    layout = project.variant.layout
    cols = layouts.indicator_columns(project, layout)
    filled = layouts.filled_columns(project)
    extra = [c for c in ("level1", "level2", "level3") if c != "level2" or layout != "hebei-graded"]
    extra += [c for c in ("description", "value", "value_midterm", "basis", "note", "weight", "level2") if c in filled]
    if "grades" in filled:
        extra += layouts.GRADE_COLUMNS
    for c in extra:
        if c not in cols:
            layouts.insert_column(cols, c)
    return cols


def column_title(project: Project, field: str) -> str:
    """The column's header as the form prints it, without its line breaks."""
    return re.sub(r"\s+", "", layouts.column_label(project, project.variant.layout, field))


class IndicatorTableModel(QAbstractTableModel):
    """Indicators of ``project`` (all, or those under ``level1`` / ``level2``).

    The rows are a snapshot of the indicators shown (``_items``); a change set naming this list
    (or changing a row's level, for a level's table) steps the snapshot with row insertions,
    removals and moves (:func:`~perfeditor.ui.rowsync.sync_rows`), never a reset."""

    def __init__(self, session: DocumentSession, project: Project, level1: str | None = None,
                 level2: str | None = None, parent=None):
        super().__init__(parent)
        self.session, self.project = session, project
        self.level1, self.level2 = level1, level2
        self.columns = self._columns()
        self._items: list[Indicator] = self._wanted()
        self._row_by_uid: dict[int, int] = {}
        self._pos: dict[int, int] | None = None
        self._merges: tuple | None = None  # (the source map, file_merges()) until the next change
        self._reindex()
        session.changed.connect(self._changed)
        session.findingsChanged.connect(self._findings_changed)

    def _columns(self) -> list[str]:
        return [c for c in indicator_columns(self.project)
                if not (self.level1 is not None and c == "level1")
                and not (self.level2 is not None and c == "level2")]

    def _concerns(self, uids) -> bool:
        """Whether a findingsChanged(uids) may touch this table."""
        return uids is None or self.project.uid in uids

    def list_key(self) -> tuple[str, int]:
        return list_key(self.project, "indicators")

    def column_title(self, field: str) -> str:
        return column_title(self.project, field)

    def detach(self) -> None:
        s = self.session
        for sig, slot in ((s.changed, self._changed), (s.findingsChanged, self._findings_changed)):
            disconnect(sig, slot)

    def _wanted(self) -> list[Indicator]:
        return [ind for ind in self.project.indicators
                if (self.level1 is None or ind.level1 == self.level1)
                and (self.level2 is None or ind.level2 == self.level2)]

    def _reindex(self) -> None:
        self._row_by_uid = {ind.uid: r for r, ind in enumerate(self._items)}
        self._pos = None
        self._merges = None

    # --- mapping -----------------------------------------------------------------------------
    def indicator(self, row: int) -> Indicator:
        return self._items[row]

    def source_row(self, row: int) -> int:
        if self._pos is None:
            self._pos = {ind.uid: i for i, ind in enumerate(self.project.indicators)}
        return self._pos[self._items[row].uid]

    def row_of_uid(self, uid: int) -> int | None:
        return self._row_by_uid.get(uid)

    def insertion_point(self, row: int) -> int:
        """The index into ``project.indicators`` for a new row placed at view row ``row``."""
        if row < len(self._items):
            return self.source_row(row)
        if self._items:
            return self.source_row(len(self._items) - 1) + 1
        return len(self.project.indicators)

    def new_indicator(self) -> Indicator:
        return Indicator(level1=self.level1 or "", level2=self.level2 or "")

    def file_merges(self) -> list[tuple[str, int, int]]:
        """The cells the file merged down over these rows in fields other than 一级/二级
        (指标值确定依据 …) as (field, first row, last row), followed through the edits
        (:meth:`~perfeditor.io.source.SourceMap.merges_of`): the window shows them merged, as the
        saved form and its print do. Only runs whose rows are all shown, one after another."""
        smap = getattr(self.session, "source_map", None)
        if smap is None or not isinstance(self.project, Project):
            return []
        if self._merges is not None and self._merges[0] is smap:
            return self._merges[1]
        out = []
        for field, first, last in smap.merges_of(self.project):
            if field not in self.columns or last >= len(self.project.indicators):
                continue
            rows = [self._row_by_uid.get(self.project.indicators[k].uid) for k in range(first, last + 1)]
            if None not in rows and rows == list(range(rows[0], rows[0] + len(rows))):
                out.append((field, rows[0], rows[-1]))
        self._merges = (smap, out)
        return out

    def carried_on_delete(self, rows: list[int]) -> list[tuple[Indicator, str, str]]:
        """Deleting ``rows``: the text of a cell the file merged down (:meth:`file_merges`) whose
        first row goes while others stay moves to the first row left, as (indicator, field, text)
        edits — the rows it covered keep it."""
        gone = set(rows)
        out = []
        for field, first, last in self.file_merges():
            left = [r for r in range(first, last + 1) if r not in gone]
            text = getattr(self._items[first], field)
            if first in gone and left and text and not getattr(self._items[left[0]], field):
                out.append((self._items[left[0]], field, text))
        return out

    def group_rows(self, row: int, field: str) -> list[int]:
        """The rows a merged cell at ``row`` spans: a 一级/二级 cell over consecutive rows with the
        same non-empty label (二级 within the same 一级), a cell the file merged down over its
        rows (:meth:`file_merges`); ``[row]`` for any other cell."""
        if not 0 <= row < len(self._items):
            return [row]
        if field not in ("level1", "level2"):
            for f, first, last in self.file_merges() if field else ():
                if f == field and first <= row <= last:
                    return list(range(first, last + 1))
            return [row]

        def label(r: int) -> tuple[str, ...]:
            ind = self._items[r]
            return (ind.level1,) if field == "level1" else (ind.level1, ind.level2)

        mine = label(row)
        if not mine[-1]:
            return [row]
        first = row
        while first > 0 and label(first - 1) == mine:
            first -= 1
        last = row
        while last + 1 < len(self._items) and label(last + 1) == mine:
            last += 1
        return list(range(first, last + 1))

    # --- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if int(role) != _DISPLAY:
            return None
        if orientation == _HORIZONTAL:
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
        if not (0 <= row < len(self._items) and 0 <= col < len(self.columns)):
            return None
        ind = self._items[row]
        field = self.columns[col]
        if role in _TEXT_ROLES:
            return get_field(ind, field)
        if role == _ALIGN_ROLE:
            return _RIGHT if field == "weight" else None
        return marks_data(self._marks(ind, field), role)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = self.columns[index.column()]
        text = normalise_value(field, "" if value is None else str(value))
        rows = self.group_rows(index.row(), field)
        if field not in ("level1", "level2"):  # a cell the file merged down: its text is its first row's
            rows = rows[:1]
        edits = [(self._items[r], field, text, self.project_or_none()) for r in rows]
        cmd = set_many(self.session, edits, f"修改“{field_title(field)}”")
        if cmd is None:
            return False
        self.session.stack.push(cmd)
        return True

    def project_or_none(self) -> Project | None:
        """The project the rows belong to, None for the department's own table."""
        return self.project if isinstance(self.project, Project) else None

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
        rows = sorted({self.source_row(i.row()) for i in indexes if i.isValid()})
        return encode_indicators(self.project, rows)

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return decode_indicators(data) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        decoded = decode_indicators(data)
        if decoded is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._items)
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
                                                    self.level1, self.level2, at=dest))
        return False  # done by the command; the view must not delete the dragged rows

    # --- session signals ---------------------------------------------------------------------
    def _changed(self, changes: ChangeSet) -> None:
        self._merges = None
        key = self.list_key()
        fields = changes.fields()
        if key in changes.lists() or (
                (self.level1 is not None or self.level2 is not None)
                and any(c.field in ("level1", "level2") and isinstance(c.obj, Indicator) for c in fields)):
            sync_rows(self, QModelIndex(), self._items, self._wanted(), after_step=self._reindex)
        for c in fields:
            if not isinstance(c.obj, Indicator):
                continue
            row = self._row_by_uid.get(c.obj.uid)
            if row is None or self._items[row] is not c.obj:
                continue
            if c.field in self.columns:  # one cell: views repaint just that cell
                idx = self.index(row, self.columns.index(c.field))
                self.dataChanged.emit(idx, idx)
            else:
                self._row_changed(row)

    def _row_changed(self, row: int) -> None:
        # Cell by cell: a view repaints a single changed cell only, but all of its viewport
        # for a changed range.
        for col in range(len(self.columns)):
            idx = self.index(row, col)
            self.dataChanged.emit(idx, idx)

    def _findings_changed(self, uids, changed=None) -> None:
        if not self._concerns(uids) or not self._items or not self.columns:
            return
        if changed is None:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._items) - 1, len(self.columns) - 1))
            return
        for r, ind in enumerate(self._items):
            if ind.uid in changed:
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
