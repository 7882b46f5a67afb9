"""What to print: the whole file, the current project, or projects the clerk ticks."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from perfeditor.model import Document
from perfeditor.ui.dialogs import ok_cancel


@dataclass(frozen=True)
class PrintScope:
    """``indexes`` of the projects to print, or None for the whole file (department part first)."""

    indexes: list[int] | None


def default_scope(current: int | None) -> PrintScope:
    return PrintScope([current] if current is not None else None)


class PrintScopeDialog(QDialog):
    def __init__(self, doc: Document, current: int | None, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("打印范围："))
        self.whole = QRadioButton("整个文件（部门整体绩效目标及全部项目）" if doc.department is not None
                                  else "整个文件（全部项目）")  # a file of projects only has no 部门整体 part
        self.current = QRadioButton("当前项目" + (f"：{doc.projects[current].name}" if current is not None else ""))
        self.chosen = QRadioButton("选定的项目：")
        group = QButtonGroup(self)
        for button in (self.whole, self.current, self.chosen):
            group.addButton(button)
            layout.addWidget(button)
        self.list = QListWidget()
        for i, project in enumerate(doc.projects):
            item = QListWidgetItem(f"{i + 1}. {project.name or project.title or '（未命名项目）'}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if i == current else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.choice = QWidget()  # the list with 全选 / 全不选, usable when 选定的项目 is chosen
        inner = QGridLayout(self.choice)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.list, 0, 0, 1, 3)
        for column, (text, state) in enumerate((("全选", Qt.CheckState.Checked), ("全不选", Qt.CheckState.Unchecked))):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, state=state: self._tick_all(state))
            inner.addWidget(button, 1, column)
        inner.setColumnStretch(2, 1)
        layout.addWidget(self.choice)
        self.current.setEnabled(current is not None)
        chosen = self.current if current is not None else self.whole
        chosen.setChecked(True)
        chosen.setFocus()  # (the first choice had it: Space there chose the whole file)
        self.choice.setEnabled(False)
        self.chosen.toggled.connect(self.choice.setEnabled)
        buttons = ok_cancel(self)
        layout.addWidget(buttons)
        self._current = current
        self.resize(460, 420)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def scope(self) -> PrintScope:
        if self.whole.isChecked():
            return PrintScope(None)
        if self.current.isChecked() and self._current is not None:
            return PrintScope([self._current])
        return PrintScope([i for i in range(self.list.count())
                           if self.list.item(i).checkState() == Qt.CheckState.Checked])
