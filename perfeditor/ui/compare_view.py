"""文件→比较: a second file shown against the current one, project by project — added, removed and
changed projects, indicators and fields, the changed text highlighted; 上一处/下一处 (F8) jump
the window to each difference in the current file."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from perfeditor.compare import Change, diff_documents, text_segments
from perfeditor.ui.dialogs import fit_to_screen, uncover

_KIND = {"added": "仅对比文件有", "removed": "仅本文件有", "changed": "修改"}
EMPTY = "（空）"  # what a changed value's side shows where that file has nothing
_COLOURS = {"added": "#1b5e20", "removed": "#b71c1c", "changed": "#0d47a1"}


def segments_html(old: str, new: str) -> tuple[str, str]:
    """The two texts as HTML with what differs marked: deleted red struck through, inserted green."""
    left, right = [], []
    for tag, text in text_segments(old, new):
        t = escape(text).replace("\n", "<br>")
        if tag == "equal":
            left.append(t)
            right.append(t)
        elif tag == "delete":
            left.append(f"<span style='background:#ffcdd2;text-decoration:line-through'>{t}</span>")
        else:
            right.append(f"<span style='background:#c8e6c9'>{t}</span>")
    return "".join(left), "".join(right)


class CompareDialog(QDialog):
    """A list of differences beside the window: each one shown with its changed text marked, and
    the window taken to its place in the current file (上一处/下一处, F8). Also the review list of
    从往年文件复制 (``sides`` = what the two text columns are)."""

    def __init__(self, window, changes: list[Change], title: str, summary: str,
                 sides: tuple[str, str] = ("本文件", "对比文件")):
        super().__init__(window)
        self.window_ = window
        self.sides = sides
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        scale = fit_to_screen(self, 1100, 620)
        self.changes = changes
        lay = QVBoxLayout(self)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["位置", "差异", *sides])
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((330, 150, 280)):  # narrower on a small screen: 对比文件 keeps room
            self.tree.setColumnWidth(column, int(width * scale))
        self.items: list[QTreeWidgetItem] = []
        groups: dict[str, QTreeWidgetItem] = {}
        for n, c in enumerate(self.changes):
            group_name = "部门整体绩效目标" if c.project is None else f"项目“{c.project}”"
            if c.what == "project":
                parent = None
            else:
                parent = groups.get(group_name)
                if parent is None:
                    parent = QTreeWidgetItem([group_name, "", "", ""])
                    parent.setFirstColumnSpanned(True)
                    self.tree.addTopLevelItem(parent)
                    groups[group_name] = parent
            place = group_name if c.what == "project" else (
                f"指标“{c.indicator}”" if c.indicator else
                f"第 {c.indicator_a + 1} 项指标" if c.indicator_a is not None else c.title)
            what = ("项目" if c.what == "project" else "") + _KIND[c.kind] if c.kind != "changed" else \
                (c.title if place != c.title else _KIND["changed"])
            item = QTreeWidgetItem([place, what, _short(c.old), _short(c.new)])
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            item.setForeground(1, QBrush(QColor(_COLOURS[c.kind])))
            item.setToolTip(2, c.old)
            item.setToolTip(3, c.new)
            for column, text in ((2, c.old), (3, c.new)):
                if not text and c.kind == "changed":  # (a blank cell read as if the list had lost it)
                    item.setText(column, EMPTY)
                    item.setForeground(column, QBrush(QColor("#888")))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self.items.append(item)
        self.tree.expandAll()
        split.addWidget(self.tree)
        self.detail = QTextBrowser()
        split.addWidget(self.detail)
        split.setSizes([420, 160])
        lay.addWidget(split, 1)
        row = QHBoxLayout()
        self.prev_button = QPushButton("上一处 (Shift+F8)")
        self.next_button = QPushButton("下一处 (F8)")
        close = QPushButton("关闭")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close)
        for button in (self.prev_button, self.next_button, close):
            button.setAutoDefault(False)  # Enter in the list pressed 上一处 (then the dialog's default)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)
        QShortcut(QKeySequence("F8"), self, lambda: self.step(1))
        QShortcut(QKeySequence("Shift+F8"), self, lambda: self.step(-1))
        self.tree.currentItemChanged.connect(self._current_changed)
        self.position = -1

    # --- navigation --------------------------------------------------------------------------
    def step(self, delta: int) -> None:
        if not self.items:
            return
        self.position = (self.position + delta) % len(self.items)
        self.tree.setCurrentItem(self.items[self.position])

    def _current_changed(self, item, _previous=None) -> None:
        n = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if n is None:
            return
        self.position = self.items.index(item)
        change = self.changes[n]
        self._show_detail(change)
        self.jump(change)
        uncover(self, self.window_)  # the place shown, the list still where the keys go (F8, ↑↓)

    def _show_detail(self, c: Change) -> None:
        old, new = (html or f"<span style='color:#888'>{EMPTY}</span>" for html in segments_html(c.old, c.new))
        self.detail.setHtml(
            f"<p><b>{escape(c.title)}</b>（{_KIND[c.kind]}）</p>"
            f"<table width='100%' border=1 cellspacing=0 cellpadding=4><tr><th width='50%'>{self.sides[0]}</th>"
            f"<th>{self.sides[1]}</th></tr><tr><td>{old}</td><td>{new}</td></tr></table>")

    def jump(self, c: Change) -> None:
        """Show the difference's place in the current file (when it has one)."""
        doc = self.window_.session.doc
        editors = self.window_.editors
        if c.project_a is None or not 0 <= c.project_a < len(doc.projects):
            if c.what == "department" and doc.department is not None:
                editors.select(self.window_.tree_model.department_index())
            return
        project = doc.projects[c.project_a]
        if c.indicator_a is not None and 0 <= c.indicator_a < len(project.indicators):
            field = c.field or "level3"
            if field.startswith("grades."):
                field = "grade:" + field[7:]
            editors.go_to(project, project.indicators[c.indicator_a], field)
        elif c.field and not c.field.startswith("spending_plan"):
            editors.go_to(project, project, c.field)
        else:
            editors.select(self.window_.tree_model.project_index(project))


def _short(text: str) -> str:
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= 60 else text[:58] + "……"


def compare_with(window, path: str | None = None) -> CompareDialog | None:
    """文件→比较: choose the other file, show the differences (a window beside the editor)."""
    from perfeditor.ui import files

    start = str(Path(window.session.doc.path or "").parent) if window.session.doc.path else ""
    path = path or window.dialogs.open_file_name(start, title="选择要比较的文件")
    if not path:
        return None
    other = files.read(path, window.dialogs)
    if other is None:
        return None
    name = Path(path).name
    changes = diff_documents(window.session.doc, other)
    added = sum(c.kind == "added" for c in changes)
    removed = sum(c.kind == "removed" for c in changes)
    summary = (f"共 {len(changes)} 处不同：修改 {len(changes) - added - removed} 处，仅本文件有 {removed} 处，"
               f"仅对比文件（{name}）有 {added} 处。" if changes else f"两个文件内容相同（对比文件：{name}）。")
    dialog = CompareDialog(window, changes, f"比较：本文件 ↔ {name}", summary)
    dialog.show()
    window.compare_dialog = dialog
    return dialog
