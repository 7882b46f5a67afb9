"""The problems dock: every finding of the document; double-click goes to its field or cell."""
from __future__ import annotations

import bisect

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDockWidget,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from perfeditor.forms.vocabulary import field_title
from perfeditor.ui.list_model import ListTableModel
from perfeditor.ui.qtcompat import disconnect
from perfeditor.ui.row_table import OneLineTable, lay_out_rows_soon
from perfeditor.ui.session import DocumentSession
from perfeditor.ui.tree_model import ERROR_COLOR, WARNING_COLOR

SEVERITY_TEXT = {"error": "错误", "warning": "警告", "info": "提示"}
_ORDER = {"error": 0, "warning": 1, "info": 2}
HEADERS = ("级别", "项目", "位置", "问题")


def _sort_key(f) -> tuple[int, int, int]:
    return (f.project_index if f.project_index is not None else -1, _ORDER.get(f.severity, 3),
            f.indicator_index if f.indicator_index is not None else -1)


class ProblemsModel(ListTableModel):
    HEADERS = HEADERS

    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.items: list = []
        self._refresh()
        session.findingsChanged.connect(self._refresh)

    def _refresh(self, uids=None, changed=None):
        """Replace only the rows of the projects re-checked (a reset only after a full check)."""
        if uids is None or changed is None and uids:
            self.beginResetModel()
            self.items = sorted(self.session.findings, key=_sort_key)
            self.endResetModel()
            return
        doc = self.session.doc
        if not uids:  # the department part
            self._replace(-1, self.session.doc_findings)
            return
        wanted = set(uids)
        for i, p in enumerate(doc.projects):
            if p.uid in wanted:
                self._replace(i, self.session.project_findings(p))

    def _replace(self, project_index: int, findings: list) -> None:
        keys = [_sort_key(f)[0] for f in self.items]
        first = bisect.bisect_left(keys, project_index)
        end = bisect.bisect_right(keys, project_index)
        new = sorted(findings, key=_sort_key)
        if end - first == len(new):
            if new:
                self.items[first:end] = new
                self.dataChanged.emit(self.index(first, 0), self.index(end - 1, len(HEADERS) - 1))
            return
        if end > first:
            self.beginRemoveRows(QModelIndex(), first, end - 1)
            del self.items[first:end]
            self.endRemoveRows()
        if new:
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.items[first:first] = new
            self.endInsertRows()

    def finding(self, row: int):
        return self.items[row]

    def _field_title(self, f) -> str:
        """The field's name as the indicator table shows it: an indicator column by the form's
        own header (河北分级表: 绩效指标, 绩效指标分类 — not 三级指标, 一级指标 as in the other forms;
        财政部: 指标解释 …)."""
        projects = self.session.doc.projects
        if f.indicator_index is not None and f.project_index is not None and not f.field.startswith("grade:") \
                and 0 <= f.project_index < len(projects):
            from perfeditor.ui.indicator_model import column_title

            return column_title(projects[f.project_index], f.field) or field_title(f.field)
        return field_title(f.field)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        f = self.items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return SEVERITY_TEXT.get(f.severity, f.severity)
            if col == 1:
                if f.project_index is None:
                    return "部门整体" if self.session.doc.department is not None else "全文"
                return f"{f.project_index + 1}. {f.project or ''}"
            if col == 2:
                where = []
                if f.indicator_index is not None:
                    where.append(f"第 {f.indicator_index + 1} 项指标" + (f"（{f.indicator}）" if f.indicator else ""))
                if f.field and f.field != "indicators":
                    where.append(self._field_title(f))
                return "，".join(where)
            if col == 3:
                return f.message
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            if f.severity == "error":
                return QBrush(ERROR_COLOR)
            if f.severity == "warning":
                return QBrush(WARNING_COLOR)
        return None


class ProblemsDock(QDockWidget):
    #: a Finding the clerk wants to go to
    activated = Signal(object)

    def __init__(self, session: DocumentSession, parent=None):
        super().__init__("审核结果", parent)
        self.setObjectName("problems")
        self.view = OneLineTable()
        self.view.clicked.connect(self._go)  # one click, as in a spreadsheet's list of errors
        self.view.activated.connect(self._go)  # Enter (and a double click)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel { color: #b00020; padding: 4px; }")
        self.error_label.hide()
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view)
        self.view.hide()  # until there are findings (see fit_to_findings)
        self.setWidget(box)
        self.tall: int | None = None  # its height with findings (None: a quarter of the window's, ≤ 170)
        self.set_session(session)

    def set_session(self, session: DocumentSession) -> None:
        old = self.view.model()
        self.model = ProblemsModel(session, self)
        self.view.setModel(self.model)
        lay_out_rows_soon(self.view, self.model)
        if old is not None:
            disconnect(old.session.findingsChanged, old._refresh)
            old.deleteLater()
        for col, width in enumerate((50, 220, 220)):
            self.view.setColumnWidth(col, width)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)

    def show_error(self, reason: str | None) -> None:
        """审核出错 above the findings while the last check failed (they may be incomplete)."""
        self.error_label.setText(f"审核出错：{reason}" if reason else "")
        self.error_label.setVisible(bool(reason))

    def fit_to_findings(self) -> None:
        """Only its title line while it has nothing to show (an empty list took a quarter of a
        laptop's window), back to its height when it has: the one the clerk dragged, or at most a
        quarter of the window (a third, and the indicator table showed a row and a half)."""
        window, floating = self.parent(), self.isFloating()  # (a window of its own keeps its list)
        empty = not floating and not self.model.rowCount() and self.error_label.isHidden()
        if empty == self.view.isHidden():
            return
        if empty:
            self.tall = self.height()
        self.view.setHidden(empty)
        if not floating:
            self.widget().layout().activate()  # (its least height anew: the list's stayed)
            height = self.minimumSizeHint().height() if empty else self.tall or min(170, window.height() // 4)
            window.resizeDocks([self], [height], Qt.Orientation.Vertical)

    def _go(self, index) -> None:
        if index.isValid():
            self.activated.emit(self.model.finding(index.row()))
