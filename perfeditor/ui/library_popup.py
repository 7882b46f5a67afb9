"""The indicator library in the window: learning in a worker thread, and the suggestion popup of
the 三级指标 editor.

:class:`LibraryService` (one per window) learns every file opened or saved on a worker thread, so
a large file never blocks typing, and answers searches on the window's thread (a few ms).
:func:`attach` gives a 三级指标 cell editor its popup: it opens while the clerk types (or on
Ctrl+J; Ctrl+Space too where the input method leaves it alone — Windows' Chinese input methods and
fcitx take it to switch languages; in an empty cell, Ctrl+J lists the library's indicators under the
row's 一级/二级指标, most used first), Up/Down choose, Enter or Tab takes the suggestion, Esc closes
it. Taking one fills the row (name, description, value, basis, and the levels where the row has none) as one undo step.
"""
from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from perfeditor.library import Library, Suggestion, default_path, rows_of_document
from perfeditor.model import Document, Indicator
from perfeditor.ui.commands import Compound, SetField
from perfeditor.ui.session import DocumentSession, get_field

log = logging.getLogger(__name__)

ENABLED_KEY = "library/enabled"
#: The fields a suggestion fills, when the row's column is empty or holds what was typed.
FILL_FIELDS = ("description", "value", "basis")


class LibraryService(QObject):
    """The window's indicator library: a worker thread that learns, a connection that searches."""

    #: (file path, rows learned) after a file was learned; ("", 0) after clearing
    learned = Signal(str, int)
    #: a Chinese sentence when learning failed
    failed = Signal(str)

    def __init__(self, settings, parent=None, path: Path | None = None):
        super().__init__(parent)
        self.settings = settings
        self.path = path
        self._jobs: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._reader: Library | None = None
        #: the suggestions in memory, (re)built by the worker; None until first needed
        self._index = None
        self._index_wanted = False

    # --- settings ----------------------------------------------------------------------------
    def enabled(self) -> bool:
        try:
            return bool(self.settings.get(ENABLED_KEY))
        except KeyError:
            return True

    # --- learning (worker thread) ------------------------------------------------------------
    def learn_later(self, doc: Document) -> bool:
        """Queue ``doc``'s indicators for learning; False when the library is switched off."""
        if not self.enabled():
            return False
        from perfeditor.rules.budget_year import find_budget_year

        key = str(Path(doc.path).resolve()) if doc.path else ""
        if not key:
            return False
        # A snapshot of plain rows: the worker never touches the live document.
        self._submit(("learn", key, rows_of_document(doc), doc.path, find_budget_year(doc).year))
        return True

    def add_paths_later(self, paths: list[str]) -> None:
        self._submit(("add", paths))

    def clear_later(self) -> None:
        self._submit(("clear",))

    def _submit(self, job) -> None:
        self._jobs.put(job)
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="perfeditor-library", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        try:
            lib = Library(self.path)
        except Exception:  # noqa: BLE001 - a broken library must not take the window down; logged
            log.exception("indicator library cannot be opened")
            self._drain()
            self._emit("failed", "指标库无法打开，详情已记入日志。")
            return
        try:
            while True:
                try:
                    job = self._jobs.get(timeout=2)
                except queue.Empty:
                    return
                try:
                    self._run(lib, job)
                except Exception:  # noqa: BLE001 - one file that fails to learn is logged, not fatal
                    log.exception("indicator library job %s failed", job[0])
                    self._emit("failed", "指标库更新失败，详情已记入日志。")
                finally:
                    self._jobs.task_done()
        finally:
            lib.close()

    def _emit(self, name: str, *args) -> None:
        """Tell the window from the worker; the window may have closed meanwhile."""
        try:
            getattr(self, name).emit(*args)
        except RuntimeError:
            log.debug("library %s after the window closed", name)

    def _drain(self) -> None:
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                return
            self._jobs.task_done()

    def _run(self, lib: Library, job) -> None:
        if job[0] == "index":
            self._index = lib.load_index()
            return
        if job[0] == "learn":
            _, key, rows, path, year = job
            n = lib.learn_rows(key, rows, path=path or "", year=year)
            self._emit("learned", path or "", n)
        elif job[0] == "add":
            n, failed = lib.add_paths(job[1])
            for line in failed:
                log.warning("library: %s", line)
            self._emit("learned", "", n)
        elif job[0] == "clear":
            lib.clear()
            self._emit("learned", "", 0)
        if self._index_wanted:
            self._index = lib.load_index()

    def wait(self, timeout: float = 30.0) -> None:
        """Block until every queued job is done (tests, closing the window)."""
        done = threading.Event()
        threading.Thread(target=lambda: (self._jobs.join(), done.set()), daemon=True).start()
        done.wait(timeout)

    # --- searching (window thread) -----------------------------------------------------------
    def prepare(self) -> None:
        """Have the worker load the suggestions into memory (a 三级指标 editor opened)."""
        if not self._index_wanted and self.enabled():
            self._index_wanted = True
            self._submit(("index",))

    def search(self, text: str, level1: str = "", level2: str = "", limit: int = 12) -> list[Suggestion]:
        """Suggestions from the in-memory index, or from the database until the index is loaded."""
        if not self.enabled() or not text.strip():
            return []
        index = self._index
        if index is not None:
            return index.search(text, level1, level2, limit)
        try:
            if self._reader is None:
                if not (self.path or default_path()).exists():
                    return []  # nothing learned yet (the worker creates the library)
                self._reader = Library(self.path, readonly=True)
            return self._reader.search(text, level1, level2, limit)
        except Exception:  # noqa: BLE001 - no suggestions rather than a broken editor; logged
            log.exception("indicator library search failed")
            return []

    def by_level(self, level1: str, level2: str = "", limit: int = 50) -> list[Suggestion]:
        """The library's indicators under these levels, most used first (Ctrl+J in an empty cell)."""
        if not self.enabled():
            return []
        index = self._index
        if index is not None:
            return index.by_level(level1, level2, limit)
        try:
            if self._reader is None:
                if not (self.path or default_path()).exists():
                    return []
                self._reader = Library(self.path, readonly=True)
            return self._reader.by_level(level1, level2, limit)
        except Exception:  # noqa: BLE001 - no suggestions rather than a broken editor; logged
            log.exception("indicator library listing failed")
            return []

    def close(self) -> None:
        """The window closes: let queued learning finish (briefly), drop the connection and index."""
        if self._thread is not None and self._thread.is_alive():
            self.wait(5)
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        self._index = None
        self._index_wanted = False


def service_of(widget) -> LibraryService | None:
    window = widget.window() if widget is not None else None
    service = getattr(window, "library", None)
    return service if isinstance(service, LibraryService) else None


# --- the undo step ---------------------------------------------------------------------------

class FillRow(Compound):
    """Fill one indicator row from a suggestion: one undo step (a field edit per value)."""

    def __init__(self, session: DocumentSession, indicator: Indicator, owner, values: dict[str, str]):
        super().__init__(session, f"从指标库填入“{values.get('level3', '')}”")
        self.indicator, self.owner = indicator, owner
        self.new = dict(values)
        self.old = {f: get_field(indicator, f) for f in values}
        for field, value in values.items():
            SetField(session, indicator, field, value, owner, self)


def fill_values(indicator: Indicator, s: Suggestion, typed: str, columns=FILL_FIELDS) -> dict[str, str]:
    """What taking ``s`` changes in ``indicator``: the name always; description, value and basis
    where the row has none yet and the form has the column (a text the layout cannot print is not
    added); the levels only where the row has none."""
    out = {"level3": s.name}
    for field in FILL_FIELDS:
        if field not in columns:
            continue
        current = getattr(indicator, field)
        new = getattr(s, field)
        if new and (not current.strip() or current == typed):
            out[field] = new
    for field in ("level1", "level2"):
        if not getattr(indicator, field).strip() and getattr(s, field):
            out[field] = getattr(s, field)
    return {f: v for f, v in out.items() if get_field(indicator, f) != v}


# --- the popup -------------------------------------------------------------------------------

def popup_position(editor, size) -> QPoint:
    """Below the cell being typed in; above it when the screen has no room below (a row near
    the bottom of a 768-pixel laptop screen put the list off the screen), kept on the screen."""
    below = editor.mapToGlobal(QPoint(0, editor.height()))
    screen = editor.screen()
    if screen is None:
        return below
    room = screen.availableGeometry()
    x, y = below.x(), below.y()
    if y + size.height() > room.bottom() + 1:
        above = editor.mapToGlobal(QPoint(0, 0)).y() - size.height()
        y = above if above >= room.top() else room.bottom() + 1 - size.height()
    x = max(room.left(), min(x, room.right() + 1 - size.width()))
    return QPoint(x, max(room.top(), y))


class SuggestionPopup(QFrame):
    """A list under the editor that never takes the keyboard: the editor forwards its keys."""

    chosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.Box)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(1, 1, 1, 1)
        lay.setSpacing(0)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["三级指标", "一级 › 二级指标", "指标值", "使用文件", "指标描述"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setStretchLastSection(True)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((170, 190, 90, 70)):
            self.list.setColumnWidth(col, width)
        self.list.itemClicked.connect(lambda item, _c: self.chosen.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.hint = QLabel("↑↓ 选择　Enter 填入整行　Esc 关闭")
        self.hint.setStyleSheet("color: #666; padding: 2px 4px;")
        lay.addWidget(self.list)
        lay.addWidget(self.hint)
        self.resize(820, 220)
        self.suggestions: list[Suggestion] = []

    def set_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.suggestions = suggestions
        self.list.clear()
        for s in suggestions:
            level = " › ".join(x for x in (s.level1, s.level2) if x)
            files = f"{s.files} 个文件" if s.files else "常用指标"
            item = QTreeWidgetItem([s.name, level, s.value, files, s.description])
            item.setData(0, Qt.ItemDataRole.UserRole, s)
            item.setToolTip(4, s.description)
            self.list.addTopLevelItem(item)
        if suggestions:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        rows = min(len(suggestions), 8)
        self.resize(self.width(), 46 + rows * max(20, self.list.sizeHintForRow(0)))

    def move_selection(self, delta: int) -> None:
        n = self.list.topLevelItemCount()
        if not n:
            return
        row = self.list.indexOfTopLevelItem(self.list.currentItem()) if self.list.currentItem() else -1
        self.list.setCurrentItem(self.list.topLevelItem((row + delta) % n))

    def current(self) -> Suggestion | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None


class LevelThreeCompleter(QObject):
    """Watches one 三级指标 cell editor and offers the library's suggestions."""

    def __init__(self, editor, index, delegate=None):
        super().__init__(editor)
        self.editor, self.delegate = editor, delegate
        self.model = index.model()
        self.row = index.row()
        self.popup: SuggestionPopup | None = None
        self._typed = False
        self._filling = False
        editor.installEventFilter(self)
        # The view installs the delegate's own filter after the editor is made (Enter commits
        # there): installing again once that happened puts this filter in front of it.
        QTimer.singleShot(0, self, lambda: editor.installEventFilter(self))
        editor.textChanged.connect(self._text_changed)

    # --- context -----------------------------------------------------------------------------
    def _indicator(self) -> Indicator | None:
        try:
            return self.model.indicator(self.row)
        except (AttributeError, IndexError):
            return None

    def _text(self) -> str:
        e = self.editor
        return e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()

    # --- events ------------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if obj is self.editor and event.type() == QEvent.Type.KeyPress:
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
                return False
            key = event.key()
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if key in (Qt.Key.Key_J, Qt.Key.Key_Space) and ctrl:
                self._typed = True
                self.update(force=True)
                return True
            if self.popup is not None and self.popup.isVisible():
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    self.popup.move_selection(1 if key == Qt.Key.Key_Down else -1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab) and not (
                        event.modifiers() & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)):
                    s = self.popup.current()
                    if s is not None:
                        self.take(s)
                        return True
                if key == Qt.Key.Key_Escape:
                    self._close_popup()
                    return True
            if event.text() and event.text().isprintable() or key == Qt.Key.Key_Backspace:
                self._typed = True
        elif obj is self.editor and event.type() in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            QTimer.singleShot(0, self, self._close_if_unfocused)
        elif obj is self.editor and event.type() == QEvent.Type.InputMethod and event.commitString():
            self._typed = True  # Chinese typed through an input method
        return False

    def _close_if_unfocused(self) -> None:
        if not self.editor.hasFocus():
            self._close_popup()

    def _text_changed(self, *_):
        if self._typed and not self._filling:
            self.update()

    # --- suggesting --------------------------------------------------------------------------
    def update(self, force: bool = False) -> None:
        service = service_of(self.editor)
        ind = self._indicator()
        text = self._text().strip()
        if service is None or ind is None or (not text and not force):
            self._close_popup()
            return
        if text:
            found = service.search(text, ind.level1, ind.level2)
            found = [s for s in found if s.name != text or force]
        else:  # Ctrl+J in an empty cell: what the library holds under the row's levels
            found = service.by_level(ind.level1, ind.level2)
        if not found:
            self._close_popup()
            return
        if self.popup is None:
            # the editor's (a window of its own all the same): it ends with the editor. Python's, it
            # could be deleted first at the process's exit, and the editor's end closed it again
            self.popup = SuggestionPopup(self.editor)
            self.popup.chosen.connect(self.take)
        self.popup.set_suggestions(found)
        self.popup.move(popup_position(self.editor, self.popup.size()))
        self.popup.show()

    def _close_popup(self, *_):
        if self.popup is not None:
            self.popup.hide()
            self.popup.deleteLater()
            self.popup = None

    def take(self, s: Suggestion) -> None:
        """Fill the row from ``s`` (one undo step) and close the editor."""
        ind = self._indicator()
        self._close_popup()
        if ind is None or s is None:
            return
        typed = self._text().strip()
        values = fill_values(ind, s, typed, getattr(self.model, "columns", FILL_FIELDS))
        session = self.model.session
        if values:
            session.stack.push(FillRow(session, ind, self.model.project, values))
        self._filling = True
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(s.name)
        elif isinstance(self.editor, QLineEdit):
            self.editor.setText(s.name)
        self._filling = False
        if self.delegate is not None:
            self.delegate.commitData.emit(self.editor)
            self.delegate.closeEditor.emit(self.editor, QAbstractItemDelegate.EndEditHint.NoHint)


def attach(editor, index, delegate=None) -> LevelThreeCompleter | None:
    """Give a 三级指标 cell editor the library's popup (the hook in the table's delegate)."""
    if not hasattr(index.model(), "indicator"):
        return None
    completer = LevelThreeCompleter(editor, index, delegate)
    service = service_of(editor)
    if service is not None:
        service.prepare()
    return completer


def focused_editor_completer() -> LevelThreeCompleter | None:
    focus = QApplication.focusWidget()
    return focus.findChild(LevelThreeCompleter) if focus is not None else None
