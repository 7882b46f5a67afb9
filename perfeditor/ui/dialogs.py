"""Every question the window asks the clerk goes through :class:`UserDialogService`.

Tests replace it with a scripted stand-in, so no modal box ever blocks a test run.
"""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

OPEN_FILTER = ("预算绩效目标表 (*.docx *.xlsx *.perf.json *.xls *.doc *.wps *.et *.odt *.ods *.rtf *.htm *.html "
               "*.xml);;"
               "Word 文档 (*.docx *.doc *.wps *.odt *.rtf);;Excel 工作簿 (*.xlsx *.xls *.et *.ods);;"
               "网页或 XML 格式的表格 (*.htm *.html *.xml *.xls *.doc);;perfeditor 文件 (*.perf.json);;所有文件 (*)")
SAVE_FILTER = "Word 文档 (*.docx);;Excel 工作簿 (*.xlsx);;perfeditor 文件 (*.perf.json)"


class UserDialogService:
    """Modal dialogs over QMessageBox / QFileDialog / QInputDialog."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def error(self, text: str, title: str = "出错了") -> None:
        QMessageBox.critical(self.parent, title, text)

    def warning(self, text: str, title: str = "提示") -> None:
        QMessageBox.warning(self.parent, title, text)

    def information(self, text: str, title: str = "提示") -> None:
        QMessageBox.information(self.parent, title, text)

    def question(self, text: str, title: str = "请确认") -> bool:
        answer = QMessageBox.question(self.parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_save_changes(self, name: str) -> str:
        """"save", "discard" or "cancel"."""
        box = QMessageBox(QMessageBox.Icon.Warning, "尚未保存",
                          f"“{name}”有尚未保存的修改。是否保存？", parent=self.parent)
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

    def open_file_name(self, start: str = "") -> str:
        path, _ = QFileDialog.getOpenFileName(self.parent, "打开", start, OPEN_FILTER)
        return path

    def save_file_name(self, start: str = "") -> str:
        path, chosen = QFileDialog.getSaveFileName(self.parent, "另存为", start, SAVE_FILTER)
        if path and "." not in path.rsplit("/", 1)[-1]:
            path += {"Word": ".docx", "Exce": ".xlsx"}.get(chosen[:4], ".perf.json")
        return path

    def choose(self, title: str, label: str, items: list[str], current: int = 0) -> int | None:
        """The index of the chosen item, or None when cancelled."""
        if not items:
            return None
        text, ok = QInputDialog.getItem(self.parent, title, label, items, current, False)
        if not ok:
            return None
        return items.index(text)

    def choose_print_scope(self, doc, current: int | None, title: str = "打印"):
        """A :class:`~perfeditor.ui.print_scope.PrintScope`, or None when cancelled."""
        from perfeditor.ui.print_scope import PrintScopeDialog

        dialog = PrintScopeDialog(doc, current, title, self.parent)
        return dialog.scope() if dialog.exec() == PrintScopeDialog.DialogCode.Accepted else None
