"""The start page: what the window shows with no file — 新建, 打开, 打开示例, and the recent files
with their folders. Opening or creating a document puts the editor back in its place."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from perfeditor.ui.actions import PRINT_ACTIONS, WITHOUT_DOCUMENT

_EXISTS = Qt.ItemDataRole.UserRole + 1  # (the recent file was there when the list was made)


class StartPage(QWidget):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        title = QLabel("预算绩效目标表编辑器")
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        outer.addWidget(title)
        sub = QLabel("新建一份绩效目标表，或打开部门预算公开的 Word / Excel 文件。")
        sub.setStyleSheet("color: #555; font-size: 13px; padding-bottom: 12px;")
        outer.addWidget(sub)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("新建…")
        self.open_button = QPushButton("打开…")
        self.sample_button = QPushButton("打开示例")
        for b in (self.new_button, self.open_button, self.sample_button):
            b.setMinimumHeight(36)
            b.setMinimumWidth(120)
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        recent_title = QLabel("最近打开的文件")
        recent_title.setStyleSheet("font-size: 15px; font-weight: bold; padding-top: 18px;")
        outer.addWidget(recent_title)
        self.recent = QListWidget()
        self.recent.setAlternatingRowColors(True)
        outer.addWidget(self.recent, 1)
        self.empty = QLabel("（还没有打开过文件）")
        self.empty.setStyleSheet("color: #777;")
        outer.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)  # (the room the hidden list leaves)
        from perfeditor.ui import new_form

        self.new_button.clicked.connect(lambda: new_form.new_form(window))
        self.open_button.clicked.connect(self._open)
        self.sample_button.clicked.connect(lambda: new_form.open_sample(window))
        self.recent.itemActivated.connect(self._open_item)
        self.recent.itemSelectionChanged.connect(self._show_selection)

    def refresh(self) -> None:
        self.recent.clear()
        paths = list(self.window_.settings.get("files/recent"))
        for path in paths:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setData(_EXISTS, Path(path).exists())
            item.setToolTip(path)
            label = QLabel(self._label_text(item, False))
            label.setContentsMargins(6, 4, 6, 4)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item.setSizeHint(label.sizeHint())
            self.recent.addItem(item)
            self.recent.setItemWidget(item, label)
        self.empty.setVisible(not paths)
        self.recent.setVisible(bool(paths))
        if paths:
            self.recent.setCurrentRow(0)

    def _label_text(self, item: QListWidgetItem, selected: bool) -> str:
        """The file's name, and its folder under it; on the selection, in the selection's text colour
        (the folder dimmed: grey or red on its blue could hardly be read)."""
        p = Path(item.data(Qt.ItemDataRole.UserRole))
        palette = self.recent.palette()
        if selected:
            text, back = palette.color(QPalette.ColorRole.HighlightedText), palette.color(QPalette.ColorRole.Highlight)
            name = warn = text.name()
            mixed = ((2 * t + b) // 3 for t, b in zip(text.getRgb()[:3], back.getRgb()[:3], strict=True))
            folder = QColor(*mixed).name()
        else:
            name, warn, folder = palette.color(QPalette.ColorRole.Text).name(), "#b71c1c", "#666"
        missing = "" if item.data(_EXISTS) else f"<span style='color:{warn}'>　（文件已不存在）</span>"
        return (f"<span style='color:{name}'><b>{escape(p.name)}</b>{missing}</span>"
                f"<br><span style='color:{folder}'>{escape(str(p.parent))}</span>")

    def _show_selection(self) -> None:
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            self.recent.itemWidget(item).setText(self._label_text(item, item.isSelected()))

    def _open(self) -> None:
        path = self.window_.dialogs.open_file_name("")
        if path:
            self.window_.open_path(path)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.window_.open_path(item.data(Qt.ItemDataRole.UserRole))


def _stack(window) -> QStackedWidget:
    stack = getattr(window, "start_stack", None)
    if stack is None:
        editor = window.takeCentralWidget()
        stack = QStackedWidget()
        window.start_page = StartPage(window)
        stack.addWidget(window.start_page)
        stack.addWidget(editor)
        window.setCentralWidget(stack)
        window.start_stack = stack
        window.start_editor = editor
    return stack


def show(window) -> None:
    """Show the start page in place of the editor."""
    stack = _stack(window)
    window.start_page.refresh()
    stack.setCurrentWidget(window.start_page)
    if window.problems is not None:
        window.problems.hide()
    _document_actions(window, False)
    window.start_page.new_button.setFocus()


def leave(window) -> None:
    """Put the editor back (a document was opened or created)."""
    stack = getattr(window, "start_stack", None)
    if stack is not None and stack.currentWidget() is not window.start_editor:
        stack.setCurrentWidget(window.start_editor)
        if window.problems is not None:
            window.problems.show()
        _document_actions(window, True)


def _document_actions(window, on: bool) -> None:
    """With no document, 保存, 插入行 …, 视图 → 审核结果 are disabled and the status bar counts no
    problems."""
    from perfeditor.ui.menus import printing_available

    for aid, action in window.actions_.items():
        if aid not in WITHOUT_DOCUMENT:
            action.setEnabled(on and (aid not in PRINT_ACTIONS or printing_available()))
    if window.problems is not None:
        window.problems.toggleViewAction().setEnabled(on)
    window.update_counts()


def showing(window) -> bool:
    stack = getattr(window, "start_stack", None)
    return stack is not None and stack.currentWidget() is window.start_page
