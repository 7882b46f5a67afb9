"""Every question the window asks the clerk goes through :class:`UserDialogService`.

Tests replace it with a scripted stand-in, so no modal box ever blocks a test run.
"""
from __future__ import annotations

from PySide6.QtCore import QEventLoop, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from perfeditor.printing.buttons import ok_cancel  # noqa: F401 - the window's dialogs take it from here

OPEN_FILTER = ("预算绩效目标表 (*.docx *.xlsx *.perf.json *.xls *.doc *.wps *.et *.odt *.ods *.rtf *.htm *.html "
               "*.xml);;"
               "Word 文档 (*.docx *.doc *.wps *.odt *.rtf);;Excel 工作簿 (*.xlsx *.xls *.et *.ods);;"
               "网页或 XML 格式的表格 (*.htm *.html *.xml *.xls *.doc);;perfeditor 文件 (*.perf.json);;所有文件 (*)")
SAVE_FILTER = "Word 文档 (*.docx);;Excel 工作簿 (*.xlsx);;perfeditor 文件 (*.perf.json)"


def fit_to_screen(widget: QWidget, width: int, height: int) -> float:
    """Size ``widget`` width×height, or less on a smaller screen: at most 90 % of the screen's free
    area (a 1366×768 laptop at 150 % has 911×512; a 1360-wide dialog ran off it). Returns the share
    of the width it got, for its columns to shrink by."""
    screen = widget.screen() or QApplication.primaryScreen()
    size = QSize(width, height)
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size() * 0.9)
    widget.resize(size)
    return size.width() / width


def uncover(dialog: QWidget, window: QWidget) -> None:
    """Move ``dialog`` off the place ``window`` just went to (its focus widget; a table's current
    cell): below it, or above where there is more room there; shorter (not below its least height,
    nor above its height before) where the room is less. Over the middle of the window, on a laptop
    at 150 % 查找, 比较 and 批量审核结果 hid every place they went to."""
    if not dialog.isVisible():
        return
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # (a page just shown: laid out)
    shown = window.focusWidget()
    if shown is None or not shown.isVisible():
        return
    if isinstance(shown, QAbstractItemView):
        rect, shown = shown.visualRect(shown.currentIndex()), shown.viewport()
    else:
        rect = shown.rect()
    found, frame = QRect(shown.mapToGlobal(rect.topLeft()), rect.size()), dialog.frameGeometry()
    if not frame.intersects(found):
        return
    if dialog.property("tall") is None:
        dialog.setProperty("tall", dialog.height())
    room, bar = dialog.screen().availableGeometry(), frame.height() - dialog.height()  # (the title bar)
    below, above = room.bottom() - found.bottom() - 8, found.top() - 8 - room.top()
    tall = dialog.property("tall")
    go_below = below >= tall + bar or below >= above
    height = max(dialog.minimumSizeHint().height(), min(tall, (below if go_below else above) - bar))
    dialog.resize(dialog.width(), height)
    dialog.move(frame.x(), found.bottom() + 8 if go_below else max(room.top(), found.top() - 8 - height - bar))


def message_box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    """A message box; a text taller than half the screen (what a save to another layout leaves
    out, on a 1366×768 laptop at 150 %: a box 666 high on a screen of 512, 确定 below its edge)
    scrolls in a pane as wide as the screen allows, the buttons on the screen."""
    box = QMessageBox(icon, title, text, parent=parent)
    label = box.findChild(QLabel, "qt_msgbox_label")
    screen = box.screen() or QApplication.primaryScreen()
    if label is None or screen is None:
        return box
    room = screen.availableGeometry().size()
    label.setWordWrap(True)
    if label.heightForWidth(min(room.width() // 2, 500)) <= room.height() // 2:  # (the box's own width)
        return box
    width = min(720, int(room.width() * 0.8))
    grid = box.layout()
    row, column, rows, columns = grid.getItemPosition(grid.indexOf(label))
    pane = QScrollArea()
    pane.setWidgetResizable(True)
    pane.setFrameShape(QScrollArea.Shape.NoFrame)
    pane.setWidget(label)  # (the box still sizes its label: QMessageBox's own updateSize)
    pane.setMinimumSize(width, min(label.heightForWidth(width), int(room.height() * 0.6)))
    grid.addWidget(pane, row, column, rows, columns)
    return box


def file_dialog(parent, title: str, start: str, filters: str, save: bool) -> QFileDialog:
    """A file dialog whose every label is Chinese (Qt's translation misses some of its labels;
    a system dialog, where the desktop has one, speaks the desktop's language anyway)."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    for label, text in ((QFileDialog.DialogLabel.LookIn, "查找范围："),
                        (QFileDialog.DialogLabel.FileName, "文件名："),
                        (QFileDialog.DialogLabel.FileType, "文件类型："),
                        (QFileDialog.DialogLabel.Accept, "保存" if save else "打开"),
                        (QFileDialog.DialogLabel.Reject, "取消")):
        dialog.setLabelText(label, text)
    return dialog


class UserDialogService:
    """Modal dialogs over QMessageBox / QFileDialog / QInputDialog."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def _tell(self, icon: QMessageBox.Icon, text: str, title: str) -> None:
        box = message_box(icon, title, text, self.parent)
        box.setDefaultButton(box.addButton("确定", QMessageBox.ButtonRole.AcceptRole))
        box.exec()
        box.deleteLater()

    def error(self, text: str, title: str = "出错了") -> None:
        self._tell(QMessageBox.Icon.Critical, text, title)

    def warning(self, text: str, title: str = "提示") -> None:
        self._tell(QMessageBox.Icon.Warning, text, title)

    def information(self, text: str, title: str = "提示") -> None:
        self._tell(QMessageBox.Icon.Information, text, title)

    def question(self, text: str, title: str = "请确认", yes: str = "是", no: str = "否",
                 default_yes: bool = False) -> bool:
        """Two Chinese buttons (``yes`` / ``no``); Enter presses the default one."""
        box = message_box(QMessageBox.Icon.Question, title, text, self.parent)
        accept = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
        reject = box.addButton(no, QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(accept if default_yes else reject)
        box.setEscapeButton(reject)
        box.exec()
        box.deleteLater()
        return box.clickedButton() is accept

    def recover(self, text: str, title: str = "恢复未保存的修改") -> bool:
        """恢复 (the default) or 放弃: whether to recover one autosave."""
        box = message_box(QMessageBox.Icon.Question, title, text, self.parent)
        keep = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is keep

    def ask_save_changes(self, name: str) -> str:
        """"save", "discard" or "cancel"."""
        box = message_box(QMessageBox.Icon.Warning, "尚未保存", f"“{name}”有尚未保存的修改。是否保存？", self.parent)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return "save"
        if clicked is discard:
            return "discard"
        return "cancel"

    def open_file_name(self, start: str = "", title: str = "打开") -> str:
        dialog = file_dialog(self.parent, title, start, OPEN_FILTER, save=False)
        path = dialog.selectedFiles()[0] if dialog.exec() == QFileDialog.DialogCode.Accepted \
            and dialog.selectedFiles() else ""
        dialog.deleteLater()
        return path

    def save_file_name(self, start: str = "") -> str:
        dialog = file_dialog(self.parent, "另存为", start, SAVE_FILTER, save=True)
        ok = dialog.exec() == QFileDialog.DialogCode.Accepted and dialog.selectedFiles()
        path, chosen = (dialog.selectedFiles()[0], dialog.selectedNameFilter()) if ok else ("", "")
        dialog.deleteLater()
        if path and "." not in path.rsplit("/", 1)[-1]:
            path += {"Word": ".docx", "Exce": ".xlsx"}.get(chosen[:4], ".perf.json")
        return path

    def choose(self, title: str, label: str, items: list[str], current: int = 0) -> int | None:
        """The index of the chosen item, or None when cancelled."""
        if not items:
            return None
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(False)
        dialog.setTextValue(items[max(0, min(current, len(items) - 1))])
        dialog.setOkButtonText("确定")
        dialog.setCancelButtonText("取消")
        ok = dialog.exec() == QInputDialog.DialogCode.Accepted
        text = dialog.textValue()
        dialog.deleteLater()
        return items.index(text) if ok and text in items else None

    def run(self, dialog: QDialog) -> bool:
        """Shows a dialog modally: whether the clerk accepted it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def choose_print_scope(self, doc, current: int | None, title: str = "打印"):
        """A :class:`~perfeditor.ui.print_scope.PrintScope`, or None when cancelled."""
        from perfeditor.ui.print_scope import PrintScopeDialog

        dialog = PrintScopeDialog(doc, current, title, self.parent)
        return dialog.scope() if dialog.exec() == PrintScopeDialog.DialogCode.Accepted else None
