"""What the editable row tables (indicators, department tasks) have in common: Excel's keys.

Keys, as in Excel (a clerk types a form the way she types a sheet):

* Enter commits and moves down, Shift+Enter up; Tab commits and moves right, wrapping to the next
  row, Shift+Tab back; after a run of Tabs, Enter goes to the next row of the column the run began
  in. A merged cell (一级/二级指标 over several rows) is one cell: Enter leaves it below its last row.
* Tab in the table's last cell adds a row below, as Word does in its tables (clerks fill these forms
  in Word): one undo step, the caret in the new row's first cell of its own.
* Typing replaces the cell's text; F2 (or a double click) edits in place with the cursor at the end;
  Alt+Enter starts a new line inside a cell; Esc cancels; Delete clears the selected cells (one undo
  step); Backspace clears the current cell and starts editing it.
* An edit is always written to the cell the editor was opened on, which is the current cell; the
  move happens after the commit, so no key sequence can write into another cell.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QMetaObject, QModelIndex, QObject, QRect, QSize, Qt, Slot
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QApplication, QHeaderView, QTableView

MERGED_FIELDS = ("level1", "level2")
#: The font height (pixels) the tables' default column widths are given for; they scale with it.
BASE_FONT_HEIGHT = 17
#: Rows are fitted to their wrapped text when a table has at most this many.
FIT_ROWS_MAX = 200
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
#: How many of the first and of the last row numbers the row header measures for its width.
NUMBERS_MEASURED = 4
#: A text column narrowed to fit its table still holds this many characters a line (its text wraps).
MIN_CHARS = 4
#: A figure a column sized by its content has room for, even empty.
FIGURE = "≥100%"


class RowNumberHeader(QHeaderView):
    """The row numbers at the left of a table, as wide as the widest number needs.

    Qt's own header measures the size of up to 200 of its sections through the model's
    ``headerData`` (a Python call each, several roles per section) every time a row is inserted,
    removed or resized; the numbers widen only with their count of digits, so the first and last
    few tell the width as well."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView's own: a click selects the row
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        count = self.count()
        if count <= 2 * NUMBERS_MEASURED:
            return super().sizeHint()
        hint = QSize(0, 0)
        for section in (*range(NUMBERS_MEASURED), *range(count - NUMBERS_MEASURED, count)):
            if not self.isSectionHidden(section):
                hint = hint.expandedTo(self.sectionSizeFromContents(section))
        return hint


class _LayOutSoon(QObject):
    """Lays ``view`` out once after a run of row insertions, removals or moves (one edit may make
    several), before the view repaints.

    Qt lays a view out on a zero timer, which fires after the repaint the edit caused: the whole
    view was painted twice. A queued call is a posted event of normal priority, handled before
    the repaint request Qt posts at low priority."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view
        self.pending = False

    def request(self, *_) -> None:
        if not self.pending:
            self.pending = True
            QMetaObject.invokeMethod(self, "run", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def run(self) -> None:
        self.pending = False
        self.view.executeDelayedItemsLayout()


def share(wanted: list[int], least: list[int], room: int) -> list[int]:
    """``wanted`` narrowed in proportion to add up to ``room`` (never widened), none below its
    ``least``: those held there, the others share what is left."""
    floor: set[int] = set()
    while True:
        left = room - sum(least[i] for i in floor)
        total = sum(w for i, w in enumerate(wanted) if i not in floor)
        out = [least[i] if i in floor else min(w, w * left // max(1, total)) for i, w in enumerate(wanted)]
        low = {i for i, w in enumerate(out) if w < least[i]}
        if not low:
            return out
        floor |= low


def one_line_rows(view: QTableView) -> None:
    """Rows of one line: the font's height and a few pixels, as Qt programs make them (the style's
    default, 30 whatever the font, spaced a list of one-line findings or shortcuts out)."""
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)


class OneLineTable(QTableView):
    """A read-only list of one-line rows (findings): rows one line of its font high, again after a
    zoom; Tab leaves it (↑↓ move in it)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        one_line_rows(self)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            one_line_rows(self)


def lay_out_rows_soon(view: QAbstractItemView, model) -> None:
    """Lay ``view`` out once ``model``'s rows were inserted, removed or moved, before it repaints
    (see :class:`_LayOutSoon`), not after."""
    soon = view.findChild(_LayOutSoon, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if soon is None:
        soon = _LayOutSoon(view)
    for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved):
        signal.connect(soon.request)


class RowTableView(QTableView):
    """A table whose model edits through a session's undo stack, row by row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        #: the next editor opens empty (typing replaces the cell, as in Excel)
        self.replace_next = False
        #: the column a run of Tabs began in (Enter returns to it on the next row)
        self._tab_origin: int | None = None
        self._labels: tuple | None = None
        #: the widths of the columns the clerk dragged, by field (kept for the session)
        self.held: dict[str, int] = {}
        self._fitting = False
        self.setVerticalHeader(RowNumberHeader(self))
        self.setTabKeyNavigation(True)
        self.horizontalHeader().sectionResized.connect(self._dragged)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)

    # --- selection ---------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """The selected rows in order; the current row when nothing is selected."""
        rows = {i.row() for i in self.selectionModel().selectedIndexes()} if self.selectionModel() else set()
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def _push(self, cmd) -> None:
        """Push ``cmd`` onto the undo stack of the model's session (nothing when either is missing)."""
        session = getattr(self.model(), "session", None)
        if cmd is not None and session is not None:
            session.stack.push(cmd)

    def field_of_column(self, column: int) -> str:
        columns = getattr(self.model(), "columns", None) or []
        return columns[column] if 0 <= column < len(columns) else ""

    # --- merged cells ------------------------------------------------------------------------
    def group(self, row: int, column: int) -> list[int]:
        """The rows the cell at (row, column) covers: more than one for a merged 一级/二级 cell."""
        model = self.model()
        group_rows = getattr(model, "group_rows", None)
        if group_rows is None:
            return [row]
        return group_rows(row, self.field_of_column(column))

    def _top(self, row: int, column: int) -> int:
        return self.group(row, column)[0]

    def update_spans(self, *_) -> None:
        """Merge the 一级/二级 cells of consecutive rows with the same label, and the cells the file
        merged down over indicator rows (指标值确定依据 …, the model's ``file_merges``), as the form
        prints them."""
        model = self.model()
        items = getattr(model, "_items", None)
        if items is None:
            return
        file_merges = getattr(model, "file_merges", None)
        runs = file_merges() if file_merges is not None else []
        labels = ([(i.level1, i.level2) for i in items], runs)
        if labels == self._labels:
            return
        self._labels = labels
        self.clearSpans()
        columns = list(getattr(model, "columns", []))
        for column, field in enumerate(columns):
            if field not in MERGED_FIELDS:
                continue
            row = 0
            while row < len(items):
                rows = model.group_rows(row, field)
                if len(rows) > 1:
                    self.setSpan(rows[0], column, len(rows), 1)
                row = rows[-1] + 1
        for field, first, last in runs:
            self.setSpan(first, columns.index(field), last - first + 1, 1)

    def _text_changed(self, top_left, bottom_right, roles=()) -> None:
        """A cell's text changed (typed, pasted, cleared, undone): its rows are fitted again, so a
        longer text wraps onto more lines instead of being cut. Mark-only changes (colours,
        tooltips) are not measured."""
        if roles and not {int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)} & {int(r) for r in roles}:
            return
        if top_left.isValid() and bottom_right.isValid():
            self.fit_new_rows(None, top_left.row(), bottom_right.row())

    def _labels_touched(self, top_left, bottom_right, roles=()) -> None:
        fields = getattr(self.model(), "columns", [])
        touched = {fields[c] for c in range(top_left.column(), bottom_right.column() + 1) if c < len(fields)}
        if touched & set(MERGED_FIELDS) or touched & {f for f, _, _ in (self._labels or ((), ()))[1]}:
            self.update_spans()  # (a value typed under a cell the file merged down ends the merge there)

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        self._labels = None
        self._tab_origin = None
        if model is not None and hasattr(model, "group_rows"):
            for signal in (model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.modelReset,
                           model.layoutChanged):
                signal.connect(self.update_spans)
            model.dataChanged.connect(self._labels_touched)
            self.update_spans()
        if model is not None:
            model.dataChanged.connect(self._text_changed)
            lay_out_rows_soon(self, model)

    # --- moving as Excel does -----------------------------------------------------------------
    def step_from(self, index: QModelIndex, key: str) -> QModelIndex:
        """The cell Excel goes to from ``index`` on ``key``: "down", "up", "right", "left"."""
        model = self.model()
        if model is None or not index.isValid():
            return index
        rows, cols = model.rowCount(), model.columnCount()
        row, col = self._top(index.row(), index.column()), index.column()
        if key == "down":
            target_col = col if self._tab_origin is None else self._tab_origin
            below = self.group(row, col)[-1] + 1
            if self._tab_origin is not None:
                below = row + 1
            if below >= rows:
                return model.index(row, col)
            return model.index(self._top(below, target_col), target_col)
        if key == "up":
            if row == 0:
                return model.index(row, col)
            return model.index(self._top(row - 1, col), col)
        step = 1 if key == "right" else -1
        r, c = row, col
        while True:
            c += step
            if c >= cols:
                r, c = r + 1, 0
            elif c < 0:
                r, c = r - 1, cols - 1
            if not 0 <= r < rows:
                return model.index(row, col)
            if self._top(r, c) == r:  # a cell merged into one above was passed already
                return model.index(r, c)

    def _past_end(self, origin: QModelIndex, target: QModelIndex) -> bool:
        """Whether a step right from ``origin`` found no cell after it (``step_from`` then stays:
        a step right always moves on otherwise)."""
        return (target.row(), target.column()) == (self._top(origin.row(), origin.column()), origin.column())

    def add_row_at_end(self) -> bool:
        """Tab past the last cell: add a row after the last one as one command; whether a row
        was added. Each table adds its own kind of row."""
        return False

    def go(self, index: QModelIndex) -> None:
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)

    def after_commit(self, key: str, origin: QModelIndex) -> None:
        """Called by the delegate once an edit of ``origin`` was committed by Enter/Tab."""
        self._move(key, origin)

    def _move(self, key: str, origin: QModelIndex | None = None) -> None:
        origin = origin if origin is not None and origin.isValid() else self.currentIndex()
        if not origin.isValid():
            return
        if key in ("right", "left") and self._tab_origin is None:
            self._tab_origin = origin.column()
        target = self.step_from(origin, key)
        if key == "right" and self._past_end(origin, target) and self.add_row_at_end():
            target = self.step_from(origin, key)
        if key in ("down", "up"):
            self._tab_origin = None
        self.go(target)

    # --- keys ----------------------------------------------------------------------------------
    def event(self, event) -> bool:
        # Tab and Shift+Tab move between cells (Qt would move the focus out of the table)
        if event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and self.state() != QAbstractItemView.State.EditingState:
            back = event.key() == Qt.Key.Key_Backtab or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._move("left" if back else "right")
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        cur = self.currentIndex()
        if key in _ENTER and not mods & Qt.KeyboardModifier.AltModifier:
            self._move("up" if mods & Qt.KeyboardModifier.ShiftModifier else "down")
            return
        if key == Qt.Key.Key_Delete:
            self.clear_cells()
            return
        if key == Qt.Key.Key_Backspace and cur.isValid():
            self.replace_next = True
            if not self.edit(cur, QAbstractItemView.EditTrigger.AllEditTriggers, event):
                self.replace_next = False
            return
        if key == Qt.Key.Key_F2 and cur.isValid():
            self.edit(cur, QAbstractItemView.EditTrigger.EditKeyPressed, event)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home,
                   Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self._tab_origin = None
        super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._tab_origin = None
        super().mousePressEvent(event)

    def edit(self, index, trigger=None, event=None):  # noqa: D401 - Qt's overloads
        if trigger is None:
            return super().edit(index)
        if index.isValid() and index != self.currentIndex():
            self.setCurrentIndex(index)
        if trigger == QAbstractItemView.EditTrigger.AnyKeyPressed:
            self.replace_next = True  # typing replaces, as in Excel
        opened = super().edit(index, trigger, event)
        if not opened:
            self.replace_next = False
        elif isinstance(event, QInputMethodEvent):
            # Qt opens the editor on a Chinese input method's text but drops the text itself
            editor = QApplication.focusWidget()
            if editor is not None and editor is not self:
                QApplication.sendEvent(editor, event)
        return opened

    def closeEditor(self, editor, hint) -> None:  # noqa: N802
        # Moving is ours (after_commit); Qt's "edit the next item" hints never open another editor
        if hint in (QAbstractItemDelegate.EndEditHint.EditNextItem,
                    QAbstractItemDelegate.EndEditHint.EditPreviousItem,
                    QAbstractItemDelegate.EndEditHint.SubmitModelCache):
            hint = QAbstractItemDelegate.EndEditHint.NoHint
        super().closeEditor(editor, hint)

    def clear_cells(self) -> None:  # pragma: no cover - each table says how it clears
        raise NotImplementedError

    # --- size follows the font ---------------------------------------------------------------
    def base_widths(self) -> list[int]:
        """Each column's width at the base font (pixels); each table says its own."""
        return [120] * (self.model().columnCount() if self.model() is not None else 0)

    def font_scale(self) -> float:
        return max(0.6, self.fontMetrics().height() / BASE_FONT_HEIGHT)

    def sized_by_content(self, field: str) -> bool:
        """Whether ``field``'s column, short of room, is as wide as its header and figures (权重,
        优/良/中/差 …) rather than sharing the room with the text columns."""
        return False

    def fit_columns(self) -> bool:
        """Each column as wide as the font needs (``base_widths``); in a table narrower than they
        add up to (a 1366×768 laptop at 150 %: 813 pixels of columns in 635), the figures' columns
        as wide as their header and figures, the text columns sharing the rest in proportion, each
        still ``MIN_CHARS`` characters wide: their text wraps and their rows grow, nothing scrolls
        sideways. A column the clerk dragged keeps its width. Whether a width changed."""
        model = self.model()
        if model is None:
            return False
        header, scale = self.horizontalHeader(), self.font_scale()
        base = self.base_widths()
        fields = [self.field_of_column(c) for c in range(len(base))]
        widths = [self.held.get(f, int(w * scale)) for f, w in zip(fields, base, strict=True)]
        room = self.width() - 2 * self.frameWidth() - self.verticalHeader().sizeHint().width() \
            - self.verticalScrollBar().sizeHint().width()  # (kept for the bar: no see-saw as it comes and goes)
        if sum(widths) > room:
            free = [c for c, f in enumerate(fields) if f not in self.held]
            figure = max(header.minimumSectionSize(), self.fontMetrics().horizontalAdvance(FIGURE) + 8)
            for c in free:
                if self.sized_by_content(fields[c]):  # (an empty one: room for a figure to be typed)
                    content = max(header.sectionSizeFromContents(c).width(), self.sizeHintForColumn(c), figure)
                    widths[c] = min(widths[c], content)
            text = [c for c in free if not self.sized_by_content(fields[c])]
            least = MIN_CHARS * self.fontMetrics().horizontalAdvance("中") + 8  # (and the cell's margins)
            shared = share([widths[c] for c in text], [min(widths[c], least) for c in text],
                           room - sum(w for c, w in enumerate(widths) if c not in text))
            for c, width in zip(text, shared, strict=True):
                widths[c] = width
        changed = False
        stretched = len(widths) - 1 if header.stretchLastSection() else -1  # (Qt widens it to the edge)
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                changed = changed or (column != stretched and self.columnWidth(column) != width)
                self.setColumnWidth(column, width)
        finally:
            self._fitting = False
        if widths and header.stretchLastSection():
            widths[-1] = max(widths[-1], room - sum(widths[:-1]))
        self._fit_header(widths)
        return changed

    def _fit_header(self, widths: list[int]) -> None:
        """A title wider than its narrowed column wraps (Qt's header measures it on one line): the
        header as high as the most lines."""
        header, model = self.horizontalHeader(), self.model()
        metrics, height = header.fontMetrics(), 0

        def lines(text: str, width: int) -> int:  # the height of text wrapped at width
            return metrics.boundingRect(QRect(0, 0, max(1, width), 10_000), Qt.TextFlag.TextWordWrap, text).height()

        for c, width in enumerate(widths):
            text = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            one_line = header.sectionSizeFromContents(c)
            wrapped = lines(text, width - (one_line.width() - metrics.horizontalAdvance(text)))
            line = lines(text, 10_000)
            if wrapped > line:  # (a title on one line: Qt's own height)
                height = max(height, one_line.height() - line + wrapped)
        header.setMinimumHeight(height)

    def _dragged(self, column: int, old: int, new: int) -> None:
        """The clerk dragged (or double-clicked) a column's edge: it keeps that width; its rows are
        fitted to it."""
        header = self.horizontalHeader()
        if self._fitting or header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive \
                or (header.stretchLastSection() and column == header.count() - 1):
            return
        self.held[self.field_of_column(column)] = new
        self.fit_rows()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.fit_columns():
            self.fit_rows()

    def fit_to_font(self) -> None:
        """Columns as wide, rows as high as the font needs: wrapped text shows whole."""
        self.fit_columns()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 11)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 9)
        self.fit_rows()

    def fit_new_rows(self, parent, first: int, last: int) -> None:
        """Rows inserted: only they are measured (a 200-row table stays quick to edit).

        The header is resized quietly and the table laid out with the insertion's own layout:
        told of each resize, QTableView would lay out and repaint the whole table again on a zero
        timer, after the insertion's repaint (two repaints per inserted row)."""
        if last - first >= FIT_ROWS_MAX:
            return
        header = self.verticalHeader()
        resized = False
        blocked = header.blockSignals(True)
        try:
            for row in range(first, last + 1):
                before = header.sectionSize(row)
                self.resizeRowToContents(row)
                resized = resized or header.sectionSize(row) != before
        finally:
            header.blockSignals(blocked)
        if resized:
            self.scheduleDelayedItemsLayout()  # run before the repaint (lay_out_rows_soon)

    def fit_rows(self, *_) -> None:
        """Show wrapped text in full where the table is small enough to measure cheaply."""
        model = self.model()
        if model is not None and model.rowCount() <= FIT_ROWS_MAX:
            self.resizeRowsToContents()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == event.Type.FontChange and self.model() is not None:
            self.fit_to_font()

    def wheelEvent(self, event) -> None:  # noqa: N802
        zoom = getattr(self.window(), "zoom", None)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and zoom is not None:
            delta = event.angleDelta().y()
            if delta:
                zoom(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
