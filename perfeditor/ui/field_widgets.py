"""Form fields bound to one text of the document: commit on leaving the field (one undo step),
refresh when a command changes it, and show findings as a coloured frame with the message as
tooltip. The cursor is never moved while the clerk types."""
from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from perfeditor.editing.rename import renamed_title
from perfeditor.model import Project
from perfeditor.ui.commands import Compound, SetField, field_title
from perfeditor.ui.qtcompat import disconnect
from perfeditor.ui.session import DocumentSession, get_field

MARK_STYLE = {
    "error": "border: 2px solid #c62828; background: #fff4f4;",
    "warning": "border: 2px solid #e0a000; background: #fffaf0;",
    "": "",
}


def clean_label(label: str) -> str:
    return re.sub(r"\s+", "", label or "").rstrip("：:")


class FieldBinding(QObject):
    """Binds ``widget`` (QLineEdit or QPlainTextEdit) to ``field`` of ``obj``."""

    def __init__(self, session: DocumentSession, widget: QWidget, obj: Any, field: str,
                 project, mark_uid: int | None = None, mark_field: str | None = None):
        super().__init__(widget)
        self.session, self.widget, self.obj, self.field, self.project = session, widget, obj, field, project
        self.mark_uid = mark_uid
        self.mark_field = mark_field or field
        self._base_tip = widget.toolTip()
        self.load()
        if isinstance(widget, QLineEdit):
            widget.editingFinished.connect(self.commit)
        else:
            widget.installEventFilter(self)
        session.fieldChanged.connect(self._changed)
        session.findingsChanged.connect(self.show_marks)
        widget.destroyed.connect(self._detach)
        self.show_marks()

    def release(self) -> None:
        """Stop following the session (the form is being rebuilt)."""
        self._detach()

    def _detach(self, *_):
        if getattr(self, "_released", False):
            return
        self._released = True
        for sig, slot in ((self.session.fieldChanged, self._changed),
                          (self.session.findingsChanged, self.show_marks)):
            disconnect(sig, slot)

    def text(self) -> str:
        w = self.widget
        return w.text() if isinstance(w, QLineEdit) else w.toPlainText()

    def load(self) -> None:
        value = get_field(self.obj, self.field)
        if self.text() == value:
            return
        if isinstance(self.widget, QLineEdit):
            self.widget.setText(value)
            self.widget.setCursorPosition(0)
        else:
            self.widget.setPlainText(value)

    def commit(self) -> None:
        if getattr(self, "_released", False):
            return  # the form was rebuilt for another object: this widget no longer edits ours
        text = self.text()
        if isinstance(self.widget, QLineEdit):
            text = text.strip()
        if text == get_field(self.obj, self.field):
            return
        title = renamed_title(self.obj.title, self.obj.name, text) if self.field == "name" and \
            isinstance(self.obj, Project) else None
        if title is None:
            self.session.stack.push(SetField(self.session, self.obj, self.field, text, self.project))
            return
        both = Compound(self.session, f"修改“{field_title(self.field)}”")  # the title follows the name
        SetField(self.session, self.obj, self.field, text, self.project, both)
        SetField(self.session, self.obj, "title", title, self.project, both)
        self.session.stack.push(both)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False

    def _changed(self, obj, field: str) -> None:
        if obj is self.obj and field == self.field:
            self.load()

    def show_marks(self, uids=None, changed=None):
        if self.mark_uid is None:
            return
        if changed is not None and self.mark_uid not in changed:
            return
        show_mark(self.widget, self.session.marks(self.mark_uid, self.mark_field), self._base_tip)


def show_mark(widget: QWidget, marks: list, base_tip: str = "") -> None:
    """A red (error) or amber (warning) frame on ``widget``, the messages as its tooltip."""
    level = "error" if any(f.severity == "error" for f in marks) else \
        "warning" if any(f.severity == "warning" for f in marks) else ""
    if widget.property("mark") != level:
        widget.setProperty("mark", level)
        widget.setStyleSheet(MARK_STYLE[level])
    tip = "\n".join(f.message for f in marks)
    widget.setToolTip(tip or base_tip)


def bold_font() -> QFont:
    """Bold only: a widget given this font still takes its size from the window (zoom)."""
    font = QFont()
    font.setBold(True)
    return font


class _AltEnterBreaks(QObject):
    """Alt+Enter in a one-line field puts a line break at the cursor, as in a table's cell
    (Excel's key); Enter alone still finishes the field."""

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.AltModifier and isinstance(obj, QLineEdit) \
                and not obj.isReadOnly():
            obj.insert("\n")
            return True
        return False


def _own_history(field, redo: bool) -> bool:
    """Whether a text field has typing of its own to undo (or redo)."""
    if isinstance(field, QLineEdit):
        return field.isRedoAvailable() if redo else field.isUndoAvailable()
    document = field.document()
    return document.isRedoAvailable() if redo else document.isUndoAvailable()


def _cell_editor(widget: QWidget) -> bool:
    """A table cell's editor (or the line of an editable drop-down that is one): it would write
    its text back over what the window's undo restored."""
    from PySide6.QtWidgets import QAbstractItemView

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


class _FieldRedoKey(QObject):
    """Ctrl+Y in a text field redoes the typing undone there with Ctrl+Z, as on Windows. Qt on
    Linux (UOS, 麒麟) gives a field only Ctrl+Shift+Z for redo, so Ctrl+Y went on to the window's
    重做 and redid a document step the clerk was not looking at (an indicator row deleted
    again) while the typing stayed undone.

    A field with no typing of its own to undo (or redo) leaves Ctrl+Z (Ctrl+Y, Ctrl+Shift+Z) to
    the window's 撤销 (重做): Qt gives a field these keys whatever its own history holds, so
    after typing 600 into 预算数 and Tab, Ctrl+Z in 财政资金 did nothing. A table cell's open
    editor keeps them (Esc closes it first). Installed once on the application."""

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                or not isinstance(obj, (QLineEdit, QPlainTextEdit, QTextEdit)) or obj.isReadOnly():
            return False
        ctrl_y = event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = ctrl_y or event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo):
            return False
        if not _own_history(obj, redo=not undo) and not _cell_editor(obj):
            return kind == QEvent.Type.ShortcutOverride  # not the field's: the window's shortcut
        if not ctrl_y:
            return False  # the field's own undo / redo
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the field's key, not the window's 重做
        else:
            obj.redo()
        return True


def install_field_redo_key(app: QApplication) -> None:
    """Give Ctrl+Y to the text fields (see :class:`_FieldRedoKey`); once per application."""
    if app.property("perfeditor_field_redo_key"):
        return
    app.installEventFilter(_FieldRedoKey(app))
    app.setProperty("perfeditor_field_redo_key", True)


def line_edit(right: bool = False) -> QLineEdit:
    w = QLineEdit()
    w.installEventFilter(_AltEnterBreaks(w))
    if right:
        w.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return w


def text_edit(lines: int = 3) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setTabChangesFocus(True)
    w.setFixedHeight(12 + lines * w.fontMetrics().lineSpacing() + 8)
    return w


def commit_focused(root: QWidget) -> None:
    """Commit the field that has focus (before save, undo, switching views)."""
    focus = QApplication.focusWidget()
    if focus is None or not root.isAncestorOf(focus):
        return
    for binding in focus.findChildren(FieldBinding, options=Qt.FindChildOption.FindDirectChildrenOnly):
        binding.commit()
    commit_cell_editor(focus)


def commit_cell_editor(focus: QWidget) -> None:
    """A table cell being typed in (its editor open, nothing committed yet) is written into the
    document, as Enter would, and its editor closed: Ctrl+S or closing the window must not leave
    the text typed out of the file."""
    from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView

    editor, view = focus, focus.parentWidget()
    while view is not None and not isinstance(view, QAbstractItemView):
        editor, view = view, view.parentWidget()
    if view is None or view.state() != QAbstractItemView.State.EditingState or editor is not view.viewport():
        return
    editor = focus
    while editor.parentWidget() is not view.viewport():
        editor = editor.parentWidget()
    delegate = view.itemDelegateForIndex(view.currentIndex()) or view.itemDelegate()
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
