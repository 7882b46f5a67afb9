"""审核 → 批量审核… and 审核 → 导出审核报告…

Batch review picks a folder, checks every form in it in worker processes (the same
:mod:`perfeditor.review` the command line uses) behind a progress dialog that can be cancelled, then
shows the findings in a sortable, filterable table; a double-click opens that file at that finding.
Cancelling terminates the worker processes before the dialog goes away.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
)

from perfeditor.errors import PerfeditorError
from perfeditor.forms.vocabulary import field_title
from perfeditor.logs import log_path
from perfeditor.review import FileResult, ReviewCancelled, collect_files, review_files, write_report
from perfeditor.review.batch import department_of, skipped_text
from perfeditor.review.report import indicator_label, rule_title
from perfeditor.rules import RULESETS
from perfeditor.rules.findings import SEVERITY_LABELS
from perfeditor.ui.dialogs import fit_to_screen, uncover
from perfeditor.ui.list_model import ListTableModel
from perfeditor.ui.qtcompat import disconnect
from perfeditor.ui.row_table import OneLineTable
from perfeditor.ui.tree_model import ERROR_COLOR, WARNING_COLOR

log = logging.getLogger(__name__)

HEADERS = ("文件", "部门", "项目", "指标", "字段", "级别", "规则", "说明")
UNREADABLE = "未能读取"
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
#: Worker processes of a batch (None: every core).
WORKERS: int | None = None
REPORT_FILTER = "Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf);;网页 (*.html)"
BATCH_REPORT_FILTER = "Excel 工作簿 (*.xlsx);;网页 (*.html)"


# --- asking the clerk (replaced in tests) --------------------------------------------------------
def pick_folder(window) -> str:
    """The folder to review, the open file's offered first (the others are usually beside it)."""
    path = window.session.doc.path
    return QFileDialog.getExistingDirectory(window, "选择要批量审核的文件夹", str(Path(path).parent) if path else "")


def pick_report_path(window, start: str, file_filter: str = REPORT_FILTER) -> str:
    path, chosen = QFileDialog.getSaveFileName(window, "保存审核报告", start, file_filter)
    if path and not Path(path).suffix:
        path += {"PDF": ".pdf", "网页": ".html"}.get(chosen[:3].strip(), ".xlsx")
    return path


# --- the worker thread ---------------------------------------------------------------------------
class BatchThread(QThread):
    """Runs :func:`review_files` off the window's thread; ``cancel()`` stops it and its processes."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # list[FileResult]
    failed = Signal(str)

    def __init__(self, files: list[tuple[Path, str]], ruleset: str | None, parent=None, workers: int | None = None):
        super().__init__(parent)
        self.files = files
        self.ruleset = ruleset
        self.workers = workers
        self.cancel_event = threading.Event()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        results: list[FileResult] = []
        try:
            for result in review_files(self.files, self.ruleset, workers=self.workers, cancel=self.cancel_event,
                                       progress=lambda d, t, r: self.progressed.emit(d, t, r.name)):
                results.append(result)
        except ReviewCancelled:
            self.cancelled = True
            return
        except Exception:  # noqa: BLE001 - shown as one Chinese line, never a traceback; logged
            log.exception("batch review failed")
            self.failed.emit(f"批量审核时发生程序错误，详情已记入日志：\n{log_path()}")
            return
        self.succeeded.emit(results)


# --- the results table ---------------------------------------------------------------------------
class BatchResultsModel(ListTableModel):
    """One row a finding, and one row for every file that could not be read."""
    HEADERS = HEADERS

    SORT_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, results: list[FileResult], parent=None):
        super().__init__(parent)
        self.results = results
        self.items: list[tuple[FileResult, object]] = []
        for r in results:
            if not r.readable:
                self.items.append((r, None))
            self.items.extend((r, f) for f in r.findings)

    def row(self, row: int) -> tuple[FileResult, object]:
        return self.items[row]

    def severity(self, row: int) -> str:
        f = self.items[row][1]
        return f.severity if f is not None else "unreadable"

    def text(self, row: int, col: int) -> str:
        result, f = self.items[row]
        if f is None:
            return (result.name, "", "", "", "", UNREADABLE, "", result.error)[col]
        project = f.project if f.project is not None else "部门整体绩效目标"
        return (result.name, result.department, project, indicator_label(f), field_title(f.field),
                SEVERITY_LABELS.get(f.severity, f.severity), rule_title(f.rule), f.message)[col]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items) or not 0 <= index.column() < len(HEADERS):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, col)
        if role == self.SORT_ROLE:
            if col == 5:
                return _SEVERITY_ORDER.get(self.severity(row), -1)
            return self.text(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == 5:
            severity = self.severity(row)
            if severity in ("error", "unreadable"):
                return QBrush(ERROR_COLOR)
            if severity == "warning":
                return QBrush(WARNING_COLOR)
        return None


class BatchFilter(QSortFilterProxyModel):
    """Rows whose text holds the filter words and whose level is the one chosen."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.severity = ""  # "", "error", "warning", "info", "unreadable"
        self.words = ""
        self.setSortRole(BatchResultsModel.SORT_ROLE)

    def set_filter(self, words: str, severity: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt before 6.10
            self.words, self.severity = words.strip().lower(), severity
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self.words, self.severity = words.strip().lower(), severity
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if self.severity and model.severity(source_row) != self.severity:
            return False
        if not self.words:
            return True
        text = "\t".join(model.text(source_row, c) for c in range(len(HEADERS))).lower()
        finding = model.row(source_row)[1]
        if finding is not None:
            text += "\t" + finding.rule.lower()  # the rule's id (perfeditor rules) finds it too
        return all(w in text for w in self.words.split())


class BatchResultsDialog(QDialog):
    """The batch's findings: sortable, filterable; double-click (or Enter) opens the file there."""

    #: (path, Finding or None) the clerk wants to open
    openRequested = Signal(str, object)
    SEVERITIES = (("全部级别", ""), ("错误", "error"), ("警告", "warning"), ("提示", "info"),
                  (UNREADABLE, "unreadable"))

    def __init__(self, results: list[FileResult], folder: str, parent=None, skipped: list[Path] | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"批量审核结果 - {Path(folder).name or folder}")
        self.setObjectName("batch_results")
        self.results = results
        self.folder = folder
        scale = fit_to_screen(self, 1360, 640)
        self.model = BatchResultsModel(results, self)
        self.proxy = BatchFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = OneLineTable()  # (Qt's rows were 30 high, and Tab never left the list)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # files' order until a header is clicked
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((180, 130, 160, 130, 70, 50, 170)):  # the names narrower on a small screen
            self.view.setColumnWidth(col, width if width < 100 else int(width * scale))
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("筛选：文件、项目、指标、规则或说明中的文字")
        self.filter_edit.setClearButtonEnabled(True)
        self.severity_box = QComboBox()
        for text, _ in self.SEVERITIES:
            self.severity_box.addItem(text)
        self.filter_edit.textChanged.connect(self._filter)
        self.severity_box.currentIndexChanged.connect(self._filter)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("筛选："))
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.severity_box)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton("保存审核报告…")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        for button in (self.save_button, close):  # Enter in the table opens the row, presses nothing
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        self.summary_label = QLabel(_summary(results, skipped or []))
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._filter()

    def _filter(self, *_):
        severity = self.SEVERITIES[max(0, self.severity_box.currentIndex())][1]
        self.proxy.set_filter(self.filter_edit.text(), severity)
        self.count_label.setText(f"显示 {self.proxy.rowCount()} 条，共 {self.model.rowCount()} 条。"
                                 "双击一行（或按回车键）打开该文件并定位。")

    def keyPressEvent(self, event) -> None:  # noqa: N802
        """↓ or Enter in the filter box: on to the rows, the first one current unless one is."""
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.filter_edit.hasFocus():
            if self.proxy.rowCount():
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                self.view.setFocus()
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        result, finding = self.model.row(self.proxy.mapToSource(index).row())
        self.openRequested.emit(result.path, finding)
        uncover(self, _parent_window(self))  # (the window has the keys: the clerk mends what was found)

    def _save(self) -> None:
        start = str(Path(self.folder) / "审核报告.xlsx")
        path = pick_report_path(self, start, BATCH_REPORT_FILTER)
        if not path:
            return
        try:
            write_report(self.results, path)
        except PerfeditorError as err:
            _parent_window(self).dialogs.error(err.message, "未能保存审核报告")
            return
        _parent_window(self).show_message(f"审核报告已保存：{path}")


def _summary(results: list[FileResult], skipped: list[Path]) -> str:
    unread = sum(not r.readable for r in results)
    counts = "，".join(f"{label} {sum(r.count(s) for r in results)} 个" for s, label in SEVERITY_LABELS.items())
    return (f"共审核 {len(results)} 个文件" + (f"（{unread} 个未能读取）" if unread else "") + f"：{counts}。"
            + skipped_text(skipped))


def _parent_window(widget):
    return widget.parent()


# --- the batch, start to end ---------------------------------------------------------------------
class BatchReview(QObject):
    """One batch: the thread, its progress dialog, then the results dialog."""

    #: the results dialog is showing (or the batch ended without one)
    ended = Signal()

    def __init__(self, window, folder: str, files: list[tuple[Path, str]], workers: int | None = None,
                 skipped: list[Path] | None = None):
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.skipped = skipped or []
        self.results_dialog: BatchResultsDialog | None = None
        ruleset = window.settings.ruleset
        self.thread = BatchThread(files, ruleset if ruleset in RULESETS else None, self, workers)
        self.progress = QProgressDialog("正在准备审核…", "取消", 0, len(files), window)
        self.progress.setWindowTitle("批量审核")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.thread.progressed.connect(self._progressed)
        self.thread.succeeded.connect(self._show)
        self.thread.failed.connect(self._failed)
        self.thread.finished.connect(self._finished)
        window.installEventFilter(self)

    def start(self) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self.thread.start()

    def cancel(self) -> None:
        """Stop the batch and wait until its worker processes are gone."""
        self.thread.cancel()
        self.thread.wait()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close and self.thread.isRunning():
            self.cancel()  # closing the window ends the batch, its processes with it
        return False

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setValue(done)
        self.progress.setLabelText(f"正在审核 {done}/{total}：{name}")

    def _close_progress(self) -> None:
        """Close the progress dialog (closing it would otherwise say "cancel"), once."""
        if self.progress.isVisible():
            disconnect(self.progress.canceled, self.cancel)
            self.progress.close()

    def _failed(self, message: str) -> None:
        self._close_progress()
        self.window.dialogs.error(message, "批量审核失败")

    def _show(self, results: list[FileResult]) -> None:
        self._close_progress()
        dialog = BatchResultsDialog(results, self.folder, self.window, self.skipped)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openRequested.connect(lambda path, f: open_at(self.window, path, f))
        self.results_dialog = dialog
        self.window.batch_results = dialog
        dialog.show()

    def _finished(self) -> None:
        self._close_progress()
        self.progress.deleteLater()
        self.window.removeEventFilter(self)
        if self.thread.cancelled:
            self.window.show_message("批量审核已取消。")
        self.ended.emit()


def start_batch(window, folder: str | None = None, workers: int | None = None) -> BatchReview | None:
    """审核 → 批量审核…: ask for a folder (unless given) and review it."""
    folder = folder if folder is not None else pick_folder(window)
    if not folder:
        return None
    skipped: list[Path] = []
    files = collect_files([folder], skipped)
    if not files:
        window.dialogs.information("所选文件夹中没有可审核的文件（.docx、.xlsx 等预算绩效目标表）。"
                                   + skipped_text(skipped), "批量审核")
        return None
    batch = BatchReview(window, folder, files, workers if workers is not None else WORKERS, skipped)
    window.batch_review = batch
    batch.start()
    return batch


def _same_file(a: str | None, b: str) -> bool:
    try:
        return a is not None and Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def open_at(window, path: str, finding) -> None:
    """Open ``path`` (unless it is the open file) and go to ``finding`` (None: just open)."""
    if not _same_file(window.session.doc.path, path) and not window.open_path(path):
        return
    if finding is None:
        return
    window.session.start_checking()
    key = (finding.rule, finding.project_index, finding.indicator_index, finding.field)
    here = next((f for f in window.session.findings
                 if (f.rule, f.project_index, f.indicator_index, f.field) == key), finding)
    window.editors.go_to_finding(here)
    window.raise_()
    window.activateWindow()


def export_report(window) -> str:
    """审核 → 导出审核报告…: the open file's findings as .xlsx, .pdf or .html; returns the path."""
    session = window.session
    doc = session.doc
    session.start_checking()
    source = Path(doc.path) if doc.path else None
    start = str(source.with_name(f"{source.name.split('.')[0]}-审核报告.xlsx")) if source else "审核报告.xlsx"
    path = pick_report_path(window, start)
    if not path:
        return ""
    result = FileResult(path=str(source or ""), name=source.name if source else "未命名", department=department_of(doc),
                        layout=doc.layout, ruleset=session.ruleset_name(), projects=len(doc.projects),
                        findings=list(session.findings))
    try:
        if Path(path).suffix.lower() == ".pdf":
            from perfeditor.printing.review_pdf import write_review_pdf

            write_review_pdf([result], path)
        else:
            write_report([result], path)
    except PerfeditorError as err:
        window.dialogs.error(err.message, "未能保存审核报告")
        return ""
    except Exception:  # noqa: BLE001 - a Chinese box, never a traceback; logged
        log.exception("exporting the review report failed")
        window.dialogs.error(f"保存审核报告时出错，详情已记入日志：\n{log_path()}", "未能保存审核报告")
        return ""
    window.show_message(f"审核报告已保存：{path}")
    return path
