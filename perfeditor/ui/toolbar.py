"""The main toolbar: the common actions with standard icons (the desktop theme's where it has
them, else Qt's own standard pixmaps, else a small drawn sign) and short Chinese labels."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QToolBar

from perfeditor.ui.actions import A

SP = QStyle.StandardPixmap

#: what each button shows: (label, theme icon name, fallback standard pixmap or drawn sign)
BUTTONS: tuple[tuple[str, str, str, object], ...] = (
    ("open", "打开", "document-open", SP.SP_DialogOpenButton),
    ("save", "保存", "document-save", SP.SP_DialogSaveButton),
    (None, "", "", None),
    ("undo", "撤销", "edit-undo", SP.SP_ArrowBack),
    ("redo", "重做", "edit-redo", SP.SP_ArrowForward),
    (None, "", "", None),
    ("insert", "插入行", "list-add", "plus"),
    ("delete", "删除行", "list-remove", "minus"),
    ("find", "查找", "edit-find", "find"),
    (None, "", "", None),
    ("check", "审核", "tools-check-spelling", SP.SP_DialogApplyButton),
    ("preview", "打印预览", "document-print-preview", "preview"),
)


def _drawn(sign: str, size: int = 32) -> QIcon:
    """A plain sign in the palette's text colour for actions Qt has no standard pixmap for."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QApplication.palette().windowText().color() if QApplication.instance() else QColor("#333")
    accent = {"plus": QColor("#2e7d32"), "minus": QColor("#c62828")}.get(sign, colour)
    p.setPen(QPen(accent, size / 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    c, r = size / 2, size * 0.3
    if sign in ("plus", "minus"):
        p.drawLine(QPointF(c - r, c), QPointF(c + r, c))
        if sign == "plus":
            p.drawLine(QPointF(c, c - r), QPointF(c, c + r))
    elif sign == "find":
        p.drawEllipse(QPointF(c - r * 0.25, c - r * 0.25), r * 0.65, r * 0.65)
        p.drawLine(QPointF(c + r * 0.25, c + r * 0.25), QPointF(c + r, c + r))
    elif sign == "preview":
        p.drawRect(int(c - r), int(c - r * 1.2), int(r * 1.5), int(r * 2.2))
        p.drawEllipse(QPointF(c + r * 0.35, c + r * 0.35), r * 0.45, r * 0.45)
        p.drawLine(QPointF(c + r * 0.7, c + r * 0.7), QPointF(c + r * 1.1, c + r * 1.1))
    p.end()
    return QIcon(pix)


def standard_icon(theme: str, fallback) -> QIcon:
    if theme and QIcon.hasThemeIcon(theme):
        return QIcon.fromTheme(theme)
    if isinstance(fallback, str):
        return _drawn(fallback)
    return QApplication.style().standardIcon(fallback)


def build_toolbar(window) -> QToolBar:
    a = window.actions_
    actions = {"open": a[A.OPEN], "save": a[A.SAVE], "undo": window.undo_action,
               "redo": window.redo_action, "insert": a[A.INSERT_ROW], "delete": a[A.DELETE_ROW],
               "find": a[A.FIND], "check": a[A.CHECK], "preview": a[A.PRINT_PREVIEW]}
    bar = QToolBar("常用工具", window)
    bar.setObjectName("main_toolbar")
    bar.setIconSize(QSize(22, 22))
    screen = window.screen() or QApplication.primaryScreen()
    short = screen is not None and screen.availableGeometry().height() < 700  # (a laptop at 125 % or 150 %)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if short  # a table row's height more
                           else Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    bar.setMovable(False)
    for key, label, theme, fallback in BUTTONS:
        if key is None:
            bar.addSeparator()
            continue
        action = actions[key]
        action.setIcon(standard_icon(theme, fallback))
        action.setIconText(label)
        if not action.toolTip() or action.toolTip() == action.text().replace("&", ""):
            shortcut = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
            action.setToolTip(f"{label}（{shortcut}）" if shortcut else label)
        bar.addAction(action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
