"""Cell editors of the indicator table: multi-line text, and the value cell's help
(completions of common units and qualitative values, ``>=`` typed becomes ``≥``)."""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QCompleter, QLineEdit, QPlainTextEdit, QStyledItemDelegate

from perfeditor.ui.indicator_model import normalise_value

MULTILINE_FIELDS = ("description", "basis", "note", "goals", "level3")

_FALLBACK_UNITS = ["%", "个", "人", "人次", "次", "项", "天", "万元", "元", "平方米", "公里", "户", "台", "套"]
_FALLBACK_QUALITATIVE = ["有效提升", "明显提升", "逐步提高", "达到预期", "按时完成", "符合标准", "不断完善"]


def value_vocabulary() -> tuple[list[str], list[str]]:
    try:
        from perfeditor.rules.values import COMMON_QUALITATIVE, COMMON_UNITS
        return list(COMMON_UNITS), list(COMMON_QUALITATIVE)
    except ImportError:
        return _FALLBACK_UNITS, _FALLBACK_QUALITATIVE


class ValueLineEdit(QLineEdit):
    """A line editor that turns ``>=`` into ``≥`` as typed and offers completions."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.units, self.qualitative = value_vocabulary()
        self._words = QStringListModel(self.qualitative, self)
        completer = QCompleter(self._words, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.textEdited.connect(self._edited)

    def _edited(self, text: str) -> None:
        fixed = normalise_value("value", text)
        if fixed != text:
            pos = self.cursorPosition() - (len(text) - len(fixed))
            self.setText(fixed)
            self.setCursorPosition(max(0, pos))
            text = fixed
        if re.search(r"\d$", text):
            self._words.setStringList([text + u for u in self.units])
        else:
            self._words.setStringList(self.qualitative)


class CellDelegate(QStyledItemDelegate):
    """Line editors for short cells, a plain-text editor for cells that may hold paragraphs
    (Enter commits, Alt+Enter or Shift+Enter starts a new line, as in Excel)."""

    def __init__(self, field_of_column, parent=None):
        super().__init__(parent)
        self._field_of_column = field_of_column

    def createEditor(self, parent, option, index):
        field = self._field_of_column(index.column())
        if field in ("value", "value_midterm") or field.startswith("grade:"):
            editor = ValueLineEdit(parent)
        elif field in MULTILINE_FIELDS or "\n" in (index.data(Qt.ItemDataRole.EditRole) or ""):
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.installEventFilter(self)
        else:
            editor = QLineEdit(parent)
        editor.setFrame(False) if isinstance(editor, QLineEdit) else None
        if field == "level3":  # the indicator library's suggestions while typing (issue 13)
            from perfeditor.ui.library_popup import attach

            attach(editor, index, self)
        return editor

    def setEditorData(self, editor, index):
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QPlainTextEdit):
            if editor.toPlainText() != text:
                editor.setPlainText(text)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif editor.text() != text:
            editor.setText(text)

    def setModelData(self, editor, model, index):
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, max(0, 80 - rect.height()))
        editor.setGeometry(rect)

    def eventFilter(self, obj, event):
        if isinstance(obj, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            if mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
                obj.insertPlainText("\n")
                return True
            self.commitData.emit(obj)
            self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(obj, event)
