"""Cell editors of the row tables, with Excel's keys (see :mod:`perfeditor.ui.row_table`).

* text cells: a multi-line editor (Alt+Enter starts a new line; Enter and Tab commit and move);
  in a single-line editor (指标值, 一级/二级指标, 依据) Alt+Enter turns it into a multi-line one
  holding the same text with a line break at the cursor (the cell is not committed in between);
* 指标值 and 评价标准: a line editor turning ``>=`` into ``≥`` as typed, offering completions, and
  showing in grey how the value is understood (operator · number · unit, or 定性) while the text
  stays as typed;
* 一级/二级指标: a drop-down of the rule set's names (the file's own spellings first), still free
  to type; 指标值设定依据: the five standards.

The delegate, not Qt, ends an edit on Enter/Tab: it commits to the editor's own cell, closes the
editor, and only then asks the view to move, so a key sequence never writes into another cell.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QKeyCombination, QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
)

from perfeditor.ui.indicator_model import normalise_value

BASIS_CHOICES = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")
VALUE_FIELDS = ("value", "value_midterm")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

_FALLBACK_UNITS = ["%", "个", "人", "人次", "次", "项", "天", "万元", "元", "平方米", "公里", "户", "台", "套"]
_FALLBACK_QUALITATIVE = ["有效提升", "明显提升", "逐步提高", "达到预期", "按时完成", "符合标准", "不断完善"]


def value_vocabulary() -> tuple[list[str], list[str]]:
    try:
        from perfeditor.rules.values import COMMON_QUALITATIVE, COMMON_UNITS
        return list(COMMON_UNITS), list(COMMON_QUALITATIVE)
    except ImportError:
        return _FALLBACK_UNITS, _FALLBACK_QUALITATIVE


def value_reading(text: str) -> str:
    """How a value is understood: ``百分比：≥ 90 %``, ``定性``, ``无法识别：…`` ("" when empty)."""
    if not text.strip():
        return ""
    from perfeditor.rules.values import parse_value, value_hint

    return value_hint(parse_value(text))


class ValueLineEdit(QLineEdit):
    """A line editor that turns ``>=`` into ``≥`` as typed, offers completions and shows how the
    value is understood at its right end."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.units, self.qualitative = value_vocabulary()
        self._words = QStringListModel(self.qualitative, self)
        completer = QCompleter(self._words, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.textEdited.connect(self._edited)
        self.textChanged.connect(self._read)
        self.reading = ""

    def _read(self, text: str) -> None:
        self.reading = value_reading(text)
        self.setToolTip(self.reading)
        self.update()

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

    def broken(self) -> bool:
        """The value typed cannot be read (``≥9090%``): the finding it will raise is an error."""
        return self.reading.startswith("无法识别")

    def _reading_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        return font

    def shown_reading(self) -> str:
        """What fits at the right end after the text: the whole reading, else its kind (``无法识别``,
        ``百分比`` …; the cell is narrow in a small window), else nothing."""
        room = self.rect().width() - 4 - (self.fontMetrics().horizontalAdvance(self.text()) + 12)
        metrics = QFontMetrics(self._reading_font())
        for text in (self.reading, self.reading.split("：")[0]):
            if text and metrics.horizontalAdvance(text) < room:
                return text
        return ""

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self.reading:
            return
        painter = QPainter(self)
        red = QColor("#c62828")
        if self.broken():  # seen even when no word fits
            painter.setPen(red)
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        shown = self.shown_reading()
        if shown:
            painter.setPen(red if self.broken() else QColor("#7a7a7a"))
            painter.setFont(self._reading_font())
            painter.drawText(self.rect().adjusted(0, 0, -4, 0),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()


class ChoiceEditor(QComboBox):
    """An editable drop-down: pick a name or type another."""

    def __init__(self, choices: list[str], parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(choices)
        self.setMaxVisibleItems(15)
        self.setCompleter(None)  # no inline completion: what is typed is what is kept

    def text(self) -> str:
        return self.currentText()

    def setText(self, text: str) -> None:  # noqa: N802 - like QLineEdit
        self.setEditText(text)


def level_choices(model, field: str, row: int) -> list[str]:
    """一级/二级 names: the file's own spellings first, then the rule set's."""
    from perfeditor.rules.context import SYSTEM_OF_RULESET
    from perfeditor.rules.labels import LEVEL1_NAMES, known_level2, level1_key, level2_key

    session = getattr(model, "session", None)
    system = SYSTEM_OF_RULESET.get(session.ruleset_name() if session is not None else "", "2015")
    if system == "hebei":
        system = "2015"
    project = getattr(model, "project", None)
    rows = list(getattr(project, "indicators", []) or [])
    own: list[str] = []
    if field == "level1":
        own = [i.level1 for i in rows if i.level1]
        keys = [k for k in ("产出", "效益", "满意度", "成本") if k != "成本" or system == "2021"]
        names = [LEVEL1_NAMES[k] for k in keys]
        key_of = level1_key
    else:
        level1 = model.indicator(row).level1 if 0 <= row < model.rowCount() else ""
        own = [i.level2 for i in rows if i.level2 and i.level1 == level1]
        owner = level1_key(level1)
        names = [f"{n}指标" for n in sorted(known_level2(system).get(owner, ()))] if owner else []
        key_of = level2_key
    out: list[str] = []
    for name in own:
        if name not in out:
            out.append(name)
    seen = {key_of(n) for n in out}
    out += [n for n in names if key_of(n) not in seen]
    return out


class CellDelegate(QStyledItemDelegate):
    """The editors of the row tables and Excel's Enter/Tab/Alt+Enter/Esc inside them."""

    def __init__(self, field_of_column, parent=None):
        super().__init__(parent)
        self._field_of_column = field_of_column
        self._index_of: dict[int, QPersistentModelIndex] = {}
        #: (cell, text, cursor) of the multi-line editor an Alt+Enter in a single-line one opens
        self._multiline: tuple[QPersistentModelIndex, str, int] | None = None

    def _view(self):
        return self.parent()

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        field = self._field_of_column(index.column())
        pending = self._multiline is not None and QModelIndex(self._multiline[0]) == index
        if pending:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.installEventFilter(self)
        elif field in VALUE_FIELDS or field.startswith("grade:"):
            editor = ValueLineEdit(parent)
            editor.setFrame(False)
        elif field in ("level1", "level2") and hasattr(index.model(), "indicator"):
            editor = ChoiceEditor(level_choices(index.model(), field, index.row()), parent)
        elif field == "basis" and "\n" not in (index.data(Qt.ItemDataRole.EditRole) or ""):
            editor = ChoiceEditor(list(BASIS_CHOICES), parent)
        else:
            editor = QPlainTextEdit(parent)
            editor.setTabChangesFocus(True)
            editor.installEventFilter(self)
        if field == "level3":  # the indicator library's suggestions while typing (issue 13)
            from perfeditor.ui.library_popup import attach

            attach(editor, index, self)
        key = id(editor)
        self._index_of[key] = QPersistentModelIndex(index)
        editor.destroyed.connect(lambda *_: self._index_of.pop(key, None))
        return editor

    def setEditorData(self, editor, index):  # noqa: N802
        if editor.property("loaded"):
            return  # typed text is never overwritten while the clerk edits
        editor.setProperty("loaded", True)
        if isinstance(editor, QPlainTextEdit) and self._multiline is not None \
                and QModelIndex(self._multiline[0]) == index:
            _, text, pos = self._multiline
            self._multiline = None
            editor.setPlainText(text)
            cursor = editor.textCursor()
            cursor.setPosition(min(pos, len(text)))
            editor.setTextCursor(cursor)
            editor.setProperty("in_place", False)
            return
        view = self._view()
        replace = bool(getattr(view, "replace_next", False))
        if replace:
            view.replace_next = False
        text = "" if replace else (index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setProperty("in_place", not replace)
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        else:
            editor.setText(text)

    def setModelData(self, editor, model, index):  # noqa: N802
        text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):  # noqa: N802
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            lines = max(3, (index.data(Qt.ItemDataRole.EditRole) or "").count("\n") + 2)
            want = lines * editor.fontMetrics().lineSpacing() + 10
            rect = rect.adjusted(0, 0, 0, max(0, want - rect.height()))
        editor.setGeometry(rect)

    def _place_cursor(self, editor) -> None:
        """F2 / double click edit in place: the cursor at the end, nothing selected."""
        if not editor.property("in_place"):
            return
        editor.setProperty("in_place", False)
        line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
        if isinstance(line, QLineEdit):
            line.deselect()
            line.end(False)

    def _finish(self, editor, move: str | None) -> None:
        index = self._index_of.get(id(editor))
        origin = index.sibling(index.row(), index.column()) if index is not None and index.isValid() else None
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        view = self._view()
        if move is not None and origin is not None and hasattr(view, "after_commit"):
            view.after_commit(move, view.model().index(origin.row(), origin.column()))

    def _to_multiline(self, editor) -> None:
        """Alt+Enter in a single-line editor: reopen the cell in a multi-line editor holding the
        text typed so far with a line break at the cursor (nothing is committed yet; Esc still
        leaves the cell as it was)."""
        index = self._index_of.get(id(editor))
        view = self._view()
        if index is None or not index.isValid() or view is None:
            return
        line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
        text, pos = line.text(), line.cursorPosition()
        self._multiline = (QPersistentModelIndex(index), f"{text[:pos]}\n{text[pos:]}", pos + 1)
        cell = view.model().index(index.row(), index.column())
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if not view.edit(cell, QAbstractItemView.EditTrigger.AllEditTriggers, None):
            self._multiline = None

    def eventFilter(self, editor, event):  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and isinstance(editor, QComboBox) \
                and event.keyCombination() == QKeyCombination(Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Down):
            event.accept()  # Alt+↓ opens the list (not the window's 指标下移)
            return True
        if kind in (QEvent.Type.Show, QEvent.Type.FocusIn):
            self._place_cursor(editor)
        if kind == QEvent.Type.KeyPress:
            self._place_cursor(editor)
            key, mods = event.key(), event.modifiers()
            popup = isinstance(editor, QComboBox) and editor.view().isVisible()
            if key in _ENTER and not popup:
                if mods & Qt.KeyboardModifier.AltModifier:
                    if isinstance(editor, QPlainTextEdit):
                        editor.insertPlainText("\n")
                    else:
                        self._to_multiline(editor)
                    return True
                self._finish(editor, "up" if mods & Qt.KeyboardModifier.ShiftModifier else "down")
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                back = key == Qt.Key.Key_Backtab or mods & Qt.KeyboardModifier.ShiftModifier
                self._finish(editor, "left" if back else "right")
                return True
        return super().eventFilter(editor, event)
