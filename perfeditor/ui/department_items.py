"""二、分项绩效目标 of the department narrative: the list of items with 添加 / 删除 / 上移 / 下移,
and the editor of the item chosen in it (标题, 绩效目标, 绩效指标).

Every change is a command on the session's undo stack through the editing layer
(:func:`perfeditor.editing.insert_rows` … on the department's ``"items"``); the list model steps
its rows by the change sets (``beginInsertRows`` / ``beginRemoveRows`` / ``beginMoveRows``, see
:mod:`perfeditor.ui.rowsync`), never a reset, so the item chosen stays chosen.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from perfeditor.editing import ChangeSet
from perfeditor.forms.titles import next_item_title
from perfeditor.model import DepartmentItem
from perfeditor.ui.commands import Compound, InsertRows, MoveRows, RemoveRows, RenumberItems
from perfeditor.ui.department_rows import MARK_ROLES, DepartmentRows
from perfeditor.ui.field_widgets import FieldBinding, commit_focused, line_edit, text_edit
from perfeditor.ui.indicator_model import marks_data
from perfeditor.ui.session import DEPARTMENT_UID, DocumentSession

_R = Qt.ItemDataRole
#: A title that carries its own number (``一、推进城乡建设``, ``（二）``, ``3.``) is shown as it is.
_NUMBERED = re.compile(r"^[（(]?[一二三四五六七八九十百零〇0-9０-９]+[)）]?[、.．，,]?")
#: The texts of one item, as the editor shows them.
ITEM_FIELDS = (("title", "标题"), ("goal", "绩效目标"), ("indicator", "绩效指标"))
#: What each button says and does (the menu's actions say the same).
BUTTONS = (("添加分项", "add"), ("删除分项", "remove"), ("上移", "up"), ("下移", "down"))


def item_keys(row: int) -> list[str]:
    """The mark keys of item ``row`` (findings on items are filed under ``item{n}.goal``)."""
    return [f"item{row}.{field}" for field, _ in ITEM_FIELDS]


class DepartmentItemModel(DepartmentRows, QAbstractListModel):
    """The department's 分项绩效目标, one row each: ``1. 标题``."""

    LIST = "items"

    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(parent)
        self._attach(session)

    def item(self, row: int) -> DepartmentItem:
        return self._rows[row]

    def data(self, index: QModelIndex, role=_R.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        item = self._rows[index.row()]
        role = int(role)
        if role == int(_R.DisplayRole):
            title = " ".join(item.title.split())
            if not title:
                return f"{index.row() + 1}. （未填标题）"
            return title if _NUMBERED.match(title) else f"{index.row() + 1}. {title}"
        if role == int(_R.EditRole):
            return item.title
        if role in MARK_ROLES:
            keys = item_keys(index.row())
            return marks_data([f for key in keys for f in self.session.marks(DEPARTMENT_UID, key)], role)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _changed(self, changes: ChangeSet) -> None:
        if self._sync(changes):
            self._findings_changed(None)  # the numbers in front of the titles moved
        for c in changes.fields():
            if isinstance(c.obj, DepartmentItem) and c.field == "title":
                row = self.row_of(c.obj)
                if row is not None:
                    self.dataChanged.emit(self.index(row), self.index(row))


class DepartmentItemsEditor(QWidget):
    """The list of items with its buttons, and the chosen item's three texts."""

    #: the item shown changed: its fields (mark key → widget) are new
    fieldsChanged = Signal()

    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = DepartmentItemModel(session, self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumWidth(200)
        self.list.setMaximumWidth(320)
        self.list.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        # the buttons two by two: in one row they made the list's side 340 wide, and on a laptop's
        # screen the item's texts beside it got six characters a line
        grid = QGridLayout()
        for n, (text, op) in enumerate(BUTTONS):
            b = QPushButton(text, self)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field being typed in keeps the focus
            b.clicked.connect(lambda _=False, op=op: self.run(op))
            grid.addWidget(b, n // 2, n % 2)
            self.buttons[op] = b
        left.addLayout(grid)
        self.detail = QWidget(self)
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        outer = QHBoxLayout(self)
        outer.addLayout(left, 1)  # a third for the list (200 to 320 wide), the rest for the texts
        outer.addWidget(self.detail, 2)
        #: mark key ("item0.goal" …) → the widget of the item shown
        self.fields: dict[str, QWidget] = {}
        self.fields_by_name: dict[str, QWidget] = {}
        self.bindings: list[FieldBinding] = []
        self._shown: DepartmentItem | None = None
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.rowsInserted.connect(self._rows_changed)
        self.model.rowsRemoved.connect(self._rows_changed)
        self.model.rowsMoved.connect(self._rows_changed)
        if self.model.rowCount():
            self.select(0)
        else:
            self._show(None, force=True)

    def detach(self) -> None:
        self.model.detach()
        self._release()

    # --- which item ------------------------------------------------------------------------
    def current_row(self) -> int | None:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else None

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.selectionModel().setCurrentIndex(self.model.index(row),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(self.model.index(row))

    def select_item(self, item: DepartmentItem) -> bool:
        row = self.model.row_of(item)
        if row is None:
            return False
        self.select(row)
        return True

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        self._show(self.model.item(current.row()) if current.isValid() else None)

    def _rows_changed(self, *_) -> None:
        # the item shown keeps its editors; its number (and so its mark keys) may have moved
        if self._shown is not None and self.model.row_of(self._shown) is None:
            return  # removed: currentChanged shows its neighbour
        self._show(self._shown, force=True)

    # --- the chosen item's texts ---------------------------------------------------------------
    def _release(self) -> None:
        for binding in self.bindings:
            binding.release()
        self.bindings = []

    def _show(self, item: DepartmentItem | None, force: bool = False) -> None:
        if item is self._shown and not force and (item is None or self.bindings):
            return
        row = self.model.row_of(item) if item is not None else None
        if item is self._shown and item is not None and row is not None:  # renumbered only
            self.fields = {f"item{row}.{field}": self.fields_by_name[field] for field, _ in ITEM_FIELDS}
            for binding in self.bindings:
                binding.mark_field = f"item{row}.{binding.field}"
                binding.show_marks()
            self._enable_buttons(row)
            self.fieldsChanged.emit()
            return
        self._release()
        self._shown = item
        old = self.detail_layout.takeAt(0)
        if old is not None and old.widget() is not None:
            old.widget().hide()
            old.widget().deleteLater()
        page = QWidget(self.detail)
        self.fields, self.fields_by_name = {}, {}
        if item is None or row is None:
            lay = QVBoxLayout(page)
            lay.addWidget(QLabel("还没有分项绩效目标。点击“添加分项”添加一项。", page))
            lay.addStretch(1)
        else:
            form = QFormLayout(page)
            form.setContentsMargins(0, 0, 0, 0)
            for field, label in ITEM_FIELDS:
                w = line_edit() if field == "title" else text_edit(6 if field == "goal" else 3)
                key = f"item{row}.{field}"
                self.bindings.append(FieldBinding(self.session, w, item, field, None,
                                                  mark_uid=DEPARTMENT_UID, mark_field=key))
                form.addRow(label, w)
                self.fields[key] = w
                self.fields_by_name[field] = w
        self.detail_layout.addWidget(page)
        self._enable_buttons(row)
        self.fieldsChanged.emit()

    def _enable_buttons(self, row: int | None) -> None:
        last = self.model.rowCount() - 1
        self.buttons["remove"].setEnabled(row is not None)
        self.buttons["up"].setEnabled(row is not None and row > 0)
        self.buttons["down"].setEnabled(row is not None and row < last)

    # --- the four operations -------------------------------------------------------------------
    def run(self, op: str) -> None:
        """``"add"`` (after the chosen item, or at the end), ``"remove"``, ``"up"``, ``"down"``:
        each one step on the undo stack."""
        commit_focused(self.window())  # a text being typed belongs to the item it was typed in
        s = self.session
        dep = s.doc.department
        row = self.current_row()
        count = self.model.rowCount()
        if op == "add":
            at = count if row is None else row + 1
            new = DepartmentItem(title=next_item_title([i.title for i in dep.items], at))  # 三、 when numbered
            s.stack.push(_with_numbers(s, "添加分项绩效目标",
                                       lambda parent: InsertRows(s, dep, "items", at, [new], "", parent)))
            self.select(at)
            title = self.fields.get(f"item{at}.title")
            if isinstance(title, QLineEdit):
                title.setFocus()
                title.end(False)
        elif row is None:
            return
        elif op == "remove":
            s.stack.push(_with_numbers(s, "删除分项绩效目标",
                                       lambda parent: RemoveRows(s, dep, "items", [row], "", parent)))
        elif op in ("up", "down"):
            dest = row - 1 if op == "up" else row + 1
            if not 0 <= dest < count:
                return
            s.stack.push(_with_numbers(s, "上移分项绩效目标" if op == "up" else "下移分项绩效目标",
                                       lambda parent: MoveRows(s, dep, "items", [row],
                                                               dest + (1 if op == "down" else 0), "", parent)))
            self.select(dest)


def _with_numbers(session: DocumentSession, text: str, make) -> Compound:
    """One undo step: the change ``make(parent)`` adds, then the items' ``一、`` ``二、`` … put in
    order again (:class:`~perfeditor.ui.commands.RenumberItems`)."""
    parent = Compound(session, text)
    make(parent)
    RenumberItems(session, parent)
    return parent
