"""The tables of the national department form (部门整体支出绩效目标申报表): 年度主要任务 and
年度绩效指标. Both edit through commands on the session's one undo stack, like every other table."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from perfeditor.editing import ChangeSet
from perfeditor.forms.layouts import DEPARTMENT_TABLE
from perfeditor.model import Department, DepartmentTask
from perfeditor.ui.commands import InsertTasks, MoveRows, RemoveTasks, SetField, set_many
from perfeditor.ui.delegates import CellDelegate
from perfeditor.ui.department_rows import MARK_ROLES, DepartmentRows
from perfeditor.ui.indicator_model import IndicatorTableModel, marks_data
from perfeditor.ui.row_table import RowTableView
from perfeditor.ui.session import DEPARTMENT_UID, DocumentSession

TASK_COLUMNS = ("name", "content", "total", "fiscal", "other")
TASK_TITLES = {"name": "任务名称", "content": "主要内容", "total": "预算申请总额",
               "fiscal": "财政拨款", "other": "其他资金"}
AMOUNT_COLUMNS = ("total", "fiscal", "other")
_R = Qt.ItemDataRole


class DepartmentIndicatorModel(IndicatorTableModel):
    """年度绩效指标 of the department form: 一级 · 二级 · 三级 · 指标值."""

    def __init__(self, session: DocumentSession, department: Department, parent=None):
        super().__init__(session, department, parent=parent)  # type: ignore[arg-type]

    def _columns(self) -> list[str]:
        return list(DEPARTMENT_TABLE.columns)

    def _concerns(self, uids) -> bool:
        return uids is None or uids == []

    def column_title(self, field: str) -> str:
        return DEPARTMENT_TABLE.column_label(field)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def mimeData(self, indexes):  # rows of the department do not travel to projects
        return None

    def canDropMimeData(self, *args) -> bool:  # noqa: N802
        return False

    def dropMimeData(self, *args) -> bool:  # noqa: N802
        return False


class DepartmentTaskModel(DepartmentRows, QAbstractTableModel):
    """年度主要任务: 任务名称 · 主要内容 · 预算申请 总额 / 财政拨款 / 其他资金."""

    LIST = "tasks"
    COLUMNS = len(TASK_COLUMNS)

    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(parent)
        self._attach(session)
        self.columns = list(TASK_COLUMNS)

    def task(self, row: int) -> DepartmentTask:
        return self._rows[row]

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TASK_COLUMNS)

    def headerData(self, section, orientation, role=_R.DisplayRole):
        if role != _R.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return TASK_TITLES[TASK_COLUMNS[section]] if 0 <= section < len(TASK_COLUMNS) else None
        return str(section + 1)

    def data(self, index: QModelIndex, role=_R.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < self.rowCount()) \
                or not (0 <= index.column() < len(TASK_COLUMNS)):
            return None
        field = TASK_COLUMNS[index.column()]
        role = int(role)
        if role in (int(_R.DisplayRole), int(_R.EditRole)):
            return getattr(self.task(index.row()), field)
        if role == int(_R.TextAlignmentRole) and field in AMOUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in MARK_ROLES:
            return marks_data(self.session.marks(DEPARTMENT_UID, f"task{index.row()}"), role)
        return None

    def setData(self, index: QModelIndex, value, role=_R.EditRole) -> bool:
        if role != _R.EditRole or not index.isValid():
            return False
        field = TASK_COLUMNS[index.column()]
        task = self.task(index.row())
        text = ("" if value is None else str(value)).strip()
        if getattr(task, field) == text:
            return False
        self.session.stack.push(SetField(self.session, task, field, text, None))
        return True

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def _changed(self, changes: ChangeSet) -> None:
        self._sync(changes)
        for c in changes.fields():
            if isinstance(c.obj, DepartmentTask) and c.field in TASK_COLUMNS:
                row = self.row_of(c.obj)
                if row is not None:
                    idx = self.index(row, TASK_COLUMNS.index(c.field))
                    self.dataChanged.emit(idx, idx)


class TaskTable(RowTableView):
    """The 年度主要任务 table with the row actions the indicator tables have."""

    message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setStretchLastSection(False)
        self.verticalHeader().setDefaultSectionSize(28)
        self.setItemDelegate(CellDelegate(self.field_of_column, self))

    def set_task_model(self, model: DepartmentTaskModel) -> None:
        old = self.model()
        self.setModel(model)
        if isinstance(old, DepartmentTaskModel) and old is not model:
            old.detach()
            old.deleteLater()
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        model.rowsInserted.connect(self.fit_new_rows)
        self.fit_to_font()

    def base_widths(self) -> list[int]:
        return [180, 240, 110, 100, 100]

    def task_model(self) -> DepartmentTaskModel | None:
        model = self.model()
        return model if isinstance(model, DepartmentTaskModel) else None

    def insert_row(self, below: bool = False) -> None:
        model = self.task_model()
        if model is None:
            return
        rows = self.selected_rows()
        at = (rows[-1] + 1 if below else rows[0]) if rows else model.rowCount()
        self._push(InsertTasks(model.session, at, [DepartmentTask()], "插入任务"))
        self.setCurrentIndex(model.index(at, 0))

    def append_row(self) -> None:
        model = self.task_model()
        if model is not None:
            at = model.rowCount()
            self._push(InsertTasks(model.session, at, [DepartmentTask()], "添加任务"))
            self.setCurrentIndex(model.index(at, 0))

    def add_row_at_end(self) -> bool:
        model = self.task_model()
        if model is None or model.rowCount() == 0:
            return False
        at = model.rowCount()
        self._push(InsertTasks(model.session, at, [DepartmentTask()], "添加任务"))
        return model.rowCount() > at

    def delete_rows(self) -> None:
        model = self.task_model()
        rows = self.selected_rows()
        if model is not None and rows:
            self._push(RemoveTasks(model.session, rows, f"删除 {len(rows)} 项任务"))

    def duplicate_rows(self) -> None:
        model = self.task_model()
        rows = self.selected_rows()
        if model is not None and rows:
            copies = [model.task(r).model_copy() for r in rows]
            self._push(InsertTasks(model.session, rows[-1] + 1, copies, "复制任务"))

    def move_rows(self, delta: int) -> None:
        model = self.task_model()
        rows = self.selected_rows()
        if model is None or len(rows) != 1:
            return
        row, dest = rows[0], rows[0] + delta
        if not 0 <= dest < model.rowCount():
            return
        self._push(MoveRows(model.session, model.department, "tasks", [row], dest + (1 if delta > 0 else 0),
                            "上移任务" if delta < 0 else "下移任务"))
        self.selectionModel().setCurrentIndex(model.index(dest, max(0, self.currentIndex().column())),
                                              QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def clear_cells(self) -> None:
        model = self.task_model()
        if model is None or self.selectionModel() is None:
            return
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        edits = [(model.task(i.row()), TASK_COLUMNS[i.column()], "", None) for i in indexes if i.isValid()]
        self._push(set_many(model.session, edits, "清除内容"))
