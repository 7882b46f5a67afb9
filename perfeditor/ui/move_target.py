"""移动指标到…: a tree of 项目 → 一级 → 二级 with a filter box, the current project first and open."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from perfeditor.model import Document, Project
from perfeditor.ui.dialogs import fit_to_screen, ok_cancel

_TARGET = Qt.ItemDataRole.UserRole


def _levels(project: Project) -> dict[str, list[str]]:
    """Each 一级 of the project (in order of first use) with its 二级 in order of first use."""
    levels: dict[str, list[str]] = {}
    for ind in project.indicators:
        seconds = levels.setdefault(ind.level1, [])
        if ind.level2 not in seconds:
            seconds.append(ind.level2)
    return levels


class MoveTargetDialog(QDialog):
    """Choose the 二级 (of this project or another) the selected rows go to. Typing in the box
    narrows the tree to the 二级 whose project, 一级 or own name holds each word typed; Enter or a double click on
    a 二级 chooses it (Enter on a project or 一级 goes to its first 二级), Esc cancels."""

    def __init__(self, doc: Document, project: Project, here: tuple[str, str] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("移动指标到")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("把所选指标移动到（选择项目中的二级指标）："))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("输入项目名称或指标名称筛选")
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        layout.addWidget(self.tree)
        self.none = QLabel()  # 没有符合“…”的层级, in grey, when the filter hides every level
        self.none.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.none.hide()
        layout.addWidget(self.none)
        order = [project] + [p for p in doc.projects if p is not project]
        for p in order:
            levels = _levels(p)
            if not levels:
                continue  # no level to put the rows under
            number = next(k for k, q in enumerate(doc.projects) if q is p) + 1
            top = QTreeWidgetItem(self.tree, [f"{number}. {p.name or p.title or '（未命名项目）'}"])
            for l1, seconds in levels.items():
                first = QTreeWidgetItem(top, [l1 or "（无一级指标）"])
                for l2 in seconds:
                    leaf = QTreeWidgetItem(first, [l2 or "（无二级指标）"])
                    leaf.setData(0, _TARGET, (p, l1, l2))
        self.tree.itemDoubleClicked.connect(lambda item: self._target(item) and self.accept())
        self.filter.textChanged.connect(self._narrow)
        self.filter.installEventFilter(self)
        layout.addWidget(ok_cancel(self))
        self._home(here)
        self.filter.setFocus()
        fit_to_screen(self, 560, 560)

    def _leaves(self):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                first = top.child(j)
                for k in range(first.childCount()):
                    yield top, first, first.child(k)

    def _home(self, here: tuple[str, str] | None) -> None:
        """The current project open, the rest closed; the current item the rows' own level."""
        self.tree.collapseAll()
        mine = self.tree.topLevelItem(0)
        if mine is not None:
            for item in [mine] + [mine.child(j) for j in range(mine.childCount())]:
                item.setExpanded(True)
            leaves = [leaf for top, _, leaf in self._leaves() if top is mine]
            self.tree.setCurrentItem(next((leaf for leaf in leaves if self._target(leaf)[1:] == here), leaves[0]))

    def _narrow(self, text: str) -> None:
        words = text.casefold().split()
        self.none.hide()
        if not words:
            for items in self._leaves():
                for item in items:
                    item.setHidden(False)
            self._home(None)
            return
        shown = []
        for top, first, leaf in self._leaves():
            names = [item.text(0).casefold() for item in (top, first, leaf)]
            hit = all(any(word in name for name in names) for word in words)
            leaf.setHidden(not hit)
            if hit:
                shown.append(leaf)
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                first = top.child(j)
                first.setHidden(all(first.child(k).isHidden() for k in range(first.childCount())))
            top.setHidden(all(top.child(j).isHidden() for j in range(top.childCount())))
        self.tree.expandAll()
        self.tree.setCurrentItem(shown[0] if shown else None)
        self.none.setText(f"没有符合“{text.strip()}”的层级")
        self.none.setVisible(not shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Up/Down/PageUp/PageDown in the filter box move through the tree, the text keeps focus."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.tree.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _target(item: QTreeWidgetItem | None):
        return item.data(0, _TARGET) if item is not None else None

    def target(self) -> tuple[Project, str, str] | None:
        """(project, 一级, 二级) of the current item, when it is a 二级 shown."""
        item = self.tree.currentItem()
        return self._target(item) if item is not None and not item.isHidden() else None

    def accept(self) -> None:
        """Enter on a project or a 一级 goes to its first shown 二级 (the choice is a 二级)."""
        if self.target() is not None:
            super().accept()
            return
        item = self.tree.currentItem()
        while item is not None and item.childCount():
            self.tree.expandItem(item)
            item = next((item.child(k) for k in range(item.childCount()) if not item.child(k).isHidden()), None)
        if item is not None:
            self.tree.setCurrentItem(item)
