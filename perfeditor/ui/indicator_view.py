"""The indicator table widget: Excel-like keys, row editing, copy/paste, drag and drop.

Every change it makes is a command on the session's undo stack.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu

from perfeditor.ui.clipboard import PasteRefused, paste_command, rows_from_mime, to_mime
from perfeditor.ui.commands import (
    Compound,
    InsertIndicators,
    MoveIndicators,
    RemoveIndicators,
    SetField,
    set_many,
)
from perfeditor.ui.delegates import CellDelegate
from perfeditor.ui.indicator_model import IndicatorTableModel
from perfeditor.ui.row_table import RowTableView

_WIDTHS = {"level1": 90, "level2": 110, "level3": 200, "description": 260, "value": 130,
           "value_midterm": 120, "basis": 200, "note": 140, "weight": 60}


class IndicatorTable(RowTableView):
    #: a Chinese sentence for the clerk (paste refused …)
    message = Signal(str)
    #: asks the window to choose a destination for the selected rows (移动到…)
    moveRequested = Signal(object, list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(28)
        self.verticalHeader().setMinimumSectionSize(26)
        self.setItemDelegate(CellDelegate(self.field_of_column, self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def table_model(self) -> IndicatorTableModel | None:
        model = self.model()
        return model if isinstance(model, IndicatorTableModel) else None

    def set_table_model(self, model: IndicatorTableModel | None) -> None:
        old = self.table_model()
        self.setModel(model)
        if old is not None and old is not model:
            old.detach()
            old.deleteLater()
        if model is not None:
            model.modelReset.connect(self.fit_rows)
            model.rowsInserted.connect(self.fit_new_rows)
            self.fit_to_font()

    def base_widths(self) -> list[int]:
        model = self.table_model()
        return [70 if f.startswith("grade:") else _WIDTHS.get(f, 120) for f in (model.columns if model else [])]

    def sized_by_content(self, field: str) -> bool:
        return field == "weight" or field.startswith("grade:")

    # --- selection helpers -------------------------------------------------------------------
    def select_uid_cell(self, uid: int, field: str | None = None) -> bool:
        model = self.table_model()
        if model is None:
            return False
        row = model.row_of_uid(uid)
        if row is None:
            return False
        col = model.columns.index(field) if field in model.columns else 0
        self.go(model.index(self.group(row, col)[0], col))
        return True

    # --- row operations ----------------------------------------------------------------------
    def insert_row(self, below: bool = False) -> None:
        model = self.table_model()
        if model is None:
            return
        rows = self.selected_rows()
        at = (rows[-1] + 1 if below else rows[0]) if rows else model.rowCount()
        new = model.new_indicator()
        for field in ("level1", "level2"):  # inside a merged 一级/二级 cell, as in Excel: it grows
            if field in model.columns and 0 < at < model.rowCount() and at in model.group_rows(at - 1, field):
                setattr(new, field, getattr(model.indicator(at), field))
        self._push(InsertIndicators(model.session, model.project, model.insertion_point(at),
                                    [new], "插入指标行"))
        self._go(at, max(0, self.currentIndex().column()))

    def append_row(self) -> None:
        model = self.table_model()
        if model is not None:
            at = model.rowCount()
            self._push(InsertIndicators(model.session, model.project, model.insertion_point(at),
                                        [model.new_indicator()], "添加指标行"))
            self._go(at, 0)

    def add_row_at_end(self) -> bool:
        """Tab in the last cell: a row after the last, under the same 一级/二级 as it (its merged
        cells grow over the new row, as Ctrl+I inside them does)."""
        model = self.table_model()
        if model is None or model.rowCount() == 0:
            return False
        at = model.rowCount()
        new = model.new_indicator()
        for field in ("level1", "level2"):
            if field in model.columns:
                setattr(new, field, getattr(model.indicator(at - 1), field))
        self._push(InsertIndicators(model.session, model.project, model.insertion_point(at), [new], "添加指标行"))
        return model.rowCount() > at

    def delete_rows(self) -> None:
        model = self.table_model()
        rows = self.selected_rows()
        if model is None or not rows:
            return
        text = f"删除 {len(rows)} 行指标"
        carried = model.carried_on_delete(rows)  # (a merged cell's text stays with the rows it covered)
        if not carried:
            self._push(RemoveIndicators(model.session, model.project, [model.source_row(r) for r in rows], text))
            return
        step = Compound(model.session, text)
        for ind, field, value in carried:
            SetField(model.session, ind, field, value, model.project, step)
        RemoveIndicators(model.session, model.project, [model.source_row(r) for r in rows], text, parent=step)
        self._push(step)

    def duplicate_rows(self) -> None:
        model = self.table_model()
        rows = self.selected_rows()
        if model is None or not rows:
            return
        copies = [model.indicator(r).copy_fresh() for r in rows]
        self._push(InsertIndicators(model.session, model.project, model.source_row(rows[-1]) + 1,
                                    copies, "复制指标行"))

    def move_rows(self, delta: int) -> None:
        model = self.table_model()
        rows = self.selected_rows()
        if model is None or not rows:
            return
        first, last = rows[0], rows[-1]
        if (delta < 0 and first == 0) or (delta > 0 and last >= model.rowCount() - 1):
            return
        src = [model.source_row(r) for r in rows]
        dest = model.source_row(first - 1) if delta < 0 else model.source_row(last + 1) + 1
        col = max(0, self.currentIndex().column())
        self._push(MoveIndicators(model.session, model.project, src, dest,
                                  "上移指标" if delta < 0 else "下移指标"))
        self.clearSelection()
        for r in rows:
            self.selectionModel().select(model.index(r + delta, col), QItemSelectionModel.SelectionFlag.Select)
        self.selectionModel().setCurrentIndex(model.index(rows[0] + delta, col),
                                              QItemSelectionModel.SelectionFlag.NoUpdate)

    def clear_cells(self) -> None:
        model = self.table_model()
        if model is None or self.selectionModel() is None:
            return
        edits = []
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        for idx in indexes:
            if not idx.isValid():
                continue
            field = model.columns[idx.column()]
            for row in self.group(idx.row(), idx.column()):  # a merged cell clears its group
                edit = (model.indicator(row), field, "", model.project_or_none())
                if edit not in edits:
                    edits.append(edit)
        self._push(set_many(model.session, edits, "清除内容"))

    # --- clipboard ---------------------------------------------------------------------------
    def copy(self) -> None:
        model = self.table_model()
        if model is None or self.selectionModel() is None:
            return
        current = self.currentIndex()
        indexes = self.selectionModel().selectedIndexes() or ([current] if current.isValid() else [])
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        grid = [[(model.index(r, c).data() or "") if (r, c) in chosen else "" for c in cols] for r in rows]
        QGuiApplication.clipboard().setMimeData(to_mime(grid))

    def cut(self) -> None:
        self.copy()
        self.clear_cells()

    def paste(self, mime=None) -> bool:
        model = self.table_model()
        if model is None:
            return False
        try:
            grid = rows_from_mime(mime if mime is not None else QGuiApplication.clipboard().mimeData())
        except PasteRefused as refused:
            self.message.emit(str(refused))
            return False
        cur = self.currentIndex()
        top = cur.row() if cur.isValid() else model.rowCount()
        left = cur.column() if cur.isValid() else 0
        if len(grid) == 1 and len(grid[0]) == 1 and self.selectionModel() is not None \
                and len(self.selectionModel().selectedIndexes()) > 1:
            edits = [(model.indicator(i.row()), model.columns[i.column()], grid[0][0], model.project)
                     for i in self.selectionModel().selectedIndexes()]
            self._push(set_many(model.session, edits, "粘贴"))
            return True
        cmd = paste_command(model, top, left, grid)
        self._push(cmd)
        if cmd is not None:
            self.message.emit(f"已粘贴 {len(grid)} 行。")
        return True

    # --- keys -------------------------------------------------------------------------------
    def _go(self, row: int, col: int) -> None:
        model = self.table_model()
        if model is None or model.rowCount() == 0:
            return
        row = min(max(row, 0), model.rowCount() - 1)
        self.setCurrentIndex(model.index(row, col))

    def keyPressEvent(self, event):  # noqa: N802 - Qt's name
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.cut()
                return
        super().keyPressEvent(event)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for text, slot in (("在上方插入行", lambda: self.insert_row(False)),
                           ("在下方插入行", lambda: self.insert_row(True)),
                           ("复制所选行", self.duplicate_rows), ("删除所选行", self.delete_rows),
                           (None, None), ("上移", lambda: self.move_rows(-1)),
                           ("下移", lambda: self.move_rows(1)),
                           ("移动到…", lambda: self.moveRequested.emit(self, self.selected_rows())),
                           (None, None), ("复制", self.copy), ("粘贴", self.paste),
                           ("清除内容", self.clear_cells)):
            if text is None:
                menu.addSeparator()
            else:
                menu.addAction(text, slot)
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()
