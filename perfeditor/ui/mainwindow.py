"""The main window: a shell that wires the parts (tree, editors, problems, actions, files)."""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QTreeView, QWidget

from perfeditor.errors import PerfeditorError
from perfeditor.io.source import SourceMap
from perfeditor.model import Document
from perfeditor.ui import files, project_ops, readback, save_layouts, start_page
from perfeditor.ui.actions import DEPARTMENT_ITEM_ACTIONS, ROW_ACTIONS, build_actions
from perfeditor.ui.autosave import Autosaver, default_folder, discard, recoverable, recovery_question
from perfeditor.ui.dialogs import UserDialogService
from perfeditor.ui.editors import EditorStack
from perfeditor.ui.field_widgets import commit_focused, install_field_redo_key
from perfeditor.ui.problems import ProblemsDock
from perfeditor.ui.session import DEPARTMENT_UID, DocumentSession
from perfeditor.ui.settings import Settings, ruleset_title
from perfeditor.ui.translations import install_chinese
from perfeditor.ui.tree_model import DocumentTreeModel, TallestScriptRows

log = logging.getLogger(__name__)

MIN_FONT, MAX_FONT = 7, 28


def _first_size(window: QMainWindow) -> QSize:
    """1400×860, or less on a smaller screen (on a 1366×768 laptop the status bar with the error
    counts and the bottom of 审核结果 were below the screen's edge); a remembered size wins."""
    size = QSize(1400, 860)
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry().size()
        size = size.boundedTo(QSize(int(room.width() * 0.95), int(room.height() * 0.9)))
    return size


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None, dialogs: UserDialogService | None = None,
                 autosave_folder: Path | None = None):
        super().__init__()
        install_chinese()
        install_field_redo_key(QApplication.instance())
        self.settings = settings or Settings()
        self.dialogs = dialogs or UserDialogService(self)
        self.setAcceptDrops(True)
        self.resize(_first_size(self))
        self.undo_group = QUndoGroup(self)
        self.actions_ = build_actions(self)
        self.autosaver = Autosaver(autosave_folder or default_folder(), self.settings.autosave_minutes, self)
        self.suggested_path: str | None = None
        #: The file shown is a throw-away copy (打开示例: in a temporary folder): Save asks where to
        #: keep it instead of writing where the clerk would never find it again.
        self.temporary_copy = False
        self.recovery_windows: list[MainWindow] = []
        self.session: DocumentSession | None = None
        from perfeditor.ui.library_popup import LibraryService

        self.library = LibraryService(self.settings, self)
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # one line each: a changed badge is not measured again
        self.tree.setItemDelegate(TallestScriptRows(self.tree))
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.tree)
        self.setCentralWidget(self.splitter)
        self.problems = None
        self.editors = None
        self.status_counts = QLabel()
        self.statusBar().addPermanentWidget(self.status_counts)
        from perfeditor.ui import menus
        menus.build(self)
        self._apply_font()
        self.set_document(Document(), None)
        self._restore_layout()

    # --- documents ---------------------------------------------------------------------------
    def set_document(self, doc: Document, path: str | None, recovered: bool = False,
                     defer_check: bool = False, source_map: SourceMap | None = None) -> None:
        """Show ``doc`` (``source_map``: where its forms sit in the file it was read from). With
        ``defer_check`` (a file opened in a visible window) the first full check runs just after
        the window has painted the file, so it shows without waiting."""
        old = self.session
        empty = not doc.projects and doc.department is None
        defer = not empty and defer_check and self.isVisible()  # an empty file is checked at once
        self.session = DocumentSession(doc, self.settings.ruleset, self, check=not defer,
                                       source_map=source_map)
        self.tree_model = DocumentTreeModel(self.session, self)
        self.tree.setModel(self.tree_model)
        self.tree_model.projectDropped.connect(
            lambda p: self.editors.select(self.tree_model.project_index(p)))
        editors = EditorStack(self.session, self.tree, self.tree_model)
        self.tree.selectionModel().currentChanged.connect(self._problems_last_in_tab_order)  # (after its pages)
        if self.editors is not None:
            self.editors.setParent(None)
            self.editors.deleteLater()
        self.editors = editors
        editors.department.addActions([self.actions_[aid] for aid in DEPARTMENT_ITEM_ACTIONS])
        self.splitter.addWidget(editors)
        self.splitter.setSizes([320, 1080])
        for table in editors.tables():
            table.addActions([self.actions_[aid] for aid in ROW_ACTIONS])
            table.message.connect(self.show_message)
            if hasattr(table, "moveRequested"):
                table.moveRequested.connect(lambda t, rows: project_ops.move_rows_to(self, t, rows))
        if self.problems is None:
            self.problems = ProblemsDock(self.session, self)
            self.problems.setObjectName("problems")
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
            self.problems.activated.connect(lambda f: self.editors.go_to_finding(f))
            # closed with its ×, the panel stays closed (the window's state is remembered): 视图 reopens it
            self.view_menu.addSeparator()
            self.view_menu.addAction(self.problems.toggleViewAction())
        else:
            self.problems.set_session(self.session)
        self.undo_group.addStack(self.session.stack)
        self.undo_group.setActiveStack(self.session.stack)
        self.session.stack.cleanChanged.connect(self._clean_changed)
        self.session.findingsChanged.connect(self.update_counts)
        self.session.replayed.connect(self._replayed)
        if old is not None:
            self.undo_group.removeStack(old.stack)
            old.deleteLater()
        self.autosaver.attach(self.session, path or self.suggested_path)
        if recovered:
            self.session.stack.resetClean()
        self.tree.expand(self.tree_model.file_index())
        first = self.tree_model.project_index(doc.projects[0]) if doc.projects else self.tree_model.file_index()
        editors.select(self.tree_model.department_index() if doc.department is not None else first)
        self.update_counts()
        self._clean_changed(self.session.stack.isClean())
        if defer and not empty:
            PaintThen(self.tree.viewport(), lambda s=self.session: s is self.session and s.start_checking())
        if not empty or path:
            start_page.leave(self)

    def open_path(self, path: str, quiet: bool = False) -> bool:
        if not self.maybe_save():
            return False
        got = files.read_with_map(path, self.dialogs if not quiet else _Silent(), parent=self)
        if got is None:
            if self.isVisible() and self._nothing_open():  # not an empty 未命名文件 of 0 projects
                self.show_start_page()
            return False
        doc, source_map = got
        self.autosaver.remove()
        self.suggested_path = None
        self.temporary_copy = False
        gc.unfreeze()  # let the previous document be collected
        self.set_document(doc, doc.path, defer_check=True, source_map=source_map)
        gc.freeze()  # a large document is never garbage: keep it out of the collector's scans
        if not quiet:
            self.recent.add(doc.path or path)
        self.library.learn_later(doc)
        target = files.other_format_target(doc, source_map)
        self.show_message(f"已打开“{Path(path).name}”。" if target is None else
                          f"已打开“{Path(path).name}”；保存时将另存为 {Path(target).suffix} 文件，原文件不会被改动。")
        return True

    def _nothing_open(self) -> bool:
        """The window holds no file and nothing typed (as at start, before the start page)."""
        s = self.session
        return s is None or (not s.doc.path and not s.doc.projects and s.doc.department is None
                             and s.stack.isClean() and s.stack.count() == 0)

    def open_sample(self) -> bool:
        """The sample form, opened as a copy in the temporary folder (never the installed file)."""
        from perfeditor.ui.new_form import open_sample

        return open_sample(self)

    def show_start_page(self) -> None:
        """With no file: 新建, 打开, 打开示例 and the recent files, in place of the editor."""
        start_page.show(self)

    def offer_recovery(self) -> bool:
        """Offer every autosave left by windows that did not close cleanly, one at a time, each
        named by its file (恢复 / 放弃, 恢复 the default). The first recovered shows here, the
        others in windows of their own; an autosave is deleted only once the clerk has chosen
        for it (and a recovered one only once its work is autosaved again)."""
        found = recoverable(self.autosaver.folder)
        recovered = False
        for index, (path, meta) in enumerate(found):
            if not self.dialogs.recover(recovery_question(meta, index, len(found)), "恢复未保存的修改"):
                discard(path)
                continue
            from perfeditor.io.native import read_native
            try:
                doc = read_native(path)
            except (PerfeditorError, OSError, ValueError):  # pydantic's ValidationError is a ValueError
                log.exception("autosave %s cannot be read", path)
                self.dialogs.error("自动保存的内容已损坏，无法恢复。", "无法恢复")
                discard(path)
                continue
            doc.format = ""
            target = self if not recovered else self._recovery_window()
            target.suggested_path = meta.get("original") or None
            target.set_document(doc, None, recovered=True)
            target.autosaver.save_now()  # the work is safe in the new window's slot first
            discard(path)
            target.show_message("已恢复上次未保存的修改；请保存。")
            recovered = True
        return recovered

    def _recovery_window(self) -> "MainWindow":
        """A further window for a second recovered autosave."""
        w = MainWindow(settings=self.settings, dialogs=self.dialogs, autosave_folder=self.autosaver.folder)
        w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_windows.append(w)
        w.destroyed.connect(lambda *_: self.recovery_windows.remove(w) if w in self.recovery_windows else None)
        w.show()
        return w

    def save(self) -> bool:
        doc = self.session.doc
        if not doc.path or doc.format not in ("docx", "xlsx", "json") or self.temporary_copy:
            return self.save_as()
        return self._save_to(doc.path, None)

    def save_as(self) -> bool:
        doc = self.session.doc
        converted = files.other_format_target(doc, self.session.source_map)  # never written back in it
        start = converted or doc.path or self.suggested_path or str(Path.home() / "绩效目标表.docx")
        if self.temporary_copy:  # not in the temporary folder: in the clerk's own
            start = str(Path.home() / Path(start).name)
        path = self.dialogs.save_file_name(start)
        if not path:
            return False
        layout = None
        if not path.lower().endswith(".perf.json") and not converted:
            layout = files.choose_layout(doc, self.dialogs)
            if layout is None:
                return False
        return self._save_to(path, layout)

    def _save_to(self, path: str, layout: str | None) -> bool:
        commit_focused(self)
        doc = self.session.doc
        layout, system = save_layouts.split_choice(layout) if layout else (layout, "")
        new_file = readback.needs_check(doc, path)
        # 财政部项目表(2015)/(2021): its rows, columns
        formed = save_layouts.put_in_variant(doc, system, self.session.source_map)
        saved = files.write(doc, path, layout, self.settings.backup_on_save, self.dialogs,
                            self.session.source_map)
        if saved is None:
            save_layouts.restore_variants(formed)
            return False
        report, kept, told = saved
        fresh = None
        if new_file:  # a new file (another format or layout): the window switches to it only if it reads back
            ok, fresh = readback.read_back(path, self.dialogs, parent=self)
            if not ok:
                save_layouts.restore_variants(formed)
                return False
        elif report:  # in place, and the layout left something out: the window shows what the file holds
            fresh = readback.read_quietly(path)
        reformed = bool(formed) or bool(layout and layout != doc.layout)
        if layout:
            doc.layout = layout  # type: ignore[assignment]
        self.session.source_map = files.refresh_sources(doc, path, kept, fresh)
        if fresh is not None:  # the titles as written (not an undo step: the file has them)
            from perfeditor.editing import set_field

            for project, title in save_layouts.written_titles(doc, fresh[0]):
                self.session.apply(set_field(doc, project, "title", title, project))
        if reformed:  # another layout or variant: its rule set, the forms shown with its rows and columns
            self.session.set_ruleset(self.settings.ruleset)
            self.editors.project.project = None
            self.editors.show_index(self.tree.currentIndex())
        # empty grades and plan as the file reads them: in the clearing's undo step when there is one
        shape = save_layouts.as_read_back(doc, fresh[0]) if fresh is not None else []
        cleared = self._clear_left_out(path, fresh[0], shape) if report and fresh is not None else ""
        if shape and not cleared:  # (else not an undo step: no text changes)
            from perfeditor.editing import set_fields

            self.session.apply(set_fields(doc, shape))
        self.session.stack.setClean()
        self.autosaver.remove()
        self.autosaver.attach(self.session, doc.path)
        self.suggested_path = None
        self.temporary_copy = False
        self.recent.add(path)
        self.library.learn_later(doc)
        self.tree_model.dataChanged.emit(self.tree_model.file_index(), self.tree_model.file_index())
        self._clean_changed(True)  # the title names the file saved to (Save As of an unmodified file)
        untold = [line for line in report if line not in told]  # asked about before the save: not again
        if untold:
            from perfeditor.ui.report_text import condensed

            self.dialogs.warning("已保存。目标版式容纳不下以下内容，未写入：\n" + "\n".join(condensed(untold))
                                 + (f"\n\n{cleared}" if cleared else ""), "部分内容未保存")
        self.show_message(f"已保存到“{Path(path).name}”。{cleared}")
        return True

    def _clear_left_out(self, path: str, written: Document, shape: list[tuple]) -> str:
        """After a save in a layout that cannot hold some fields: clear them in the window (one undo
        step, undone by 撤销, with the ``shape`` edits: empty grades and plan as the file reads
        them), so the window shows what the file holds; the status line saying so ("" when
        nothing was cleared)."""
        from perfeditor.ui.commands import set_many

        edits, names = save_layouts.left_out_edits(self.session.doc, written)
        command = set_many(self.session, edits + shape, "清除版式容纳不下的内容") if edits else None
        if command is None:
            return ""
        self.session.stack.push(command)
        return (f"“{Path(path).name}”没有的{'、'.join(names)}已从窗口中清除，与文件一致；"
                f"如需找回，请按 Ctrl+Z 撤销后另存为能容纳这些内容的版式。")

    def maybe_save(self) -> bool:
        if self.session is None:
            return True
        commit_focused(self)  # first: a cell or field being typed in is a change to ask about
        if self.session.stack.isClean():
            return True
        answer = self.dialogs.ask_save_changes(self._name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # --- window state ------------------------------------------------------------------------
    def _name(self) -> str:
        doc = self.session.doc
        if doc.path:
            return Path(doc.path).name
        return Path(self.suggested_path).name + "（已恢复）" if self.suggested_path else "未命名"

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowTitle(f"{self._name()}[*] — 预算绩效目标表编辑器")
        self.setWindowModified(not clean)

    def update_counts(self, *_):
        s = self.session
        if start_page.showing(self):  # no document: no problems to count
            self.status_counts.clear()
            return
        if s.pending:
            self.status_counts.setText("正在审核……")
            self.problems.setWindowTitle("审核结果（正在审核……）")
            return
        self.problems.show_error(s.check_error)
        self.problems.fit_to_findings()
        if s.check_error:
            self.status_counts.setText(f"审核出错：{s.check_error}")
            self.problems.setWindowTitle("审核结果（审核出错）")
            return
        e, w, i = s.counts()
        self.status_counts.setText(f"错误 {e}　警告 {w}　提示 {i}　（审核规则：{ruleset_title(s.ruleset_name())}）")
        self.problems.setWindowTitle(f"审核结果（错误 {e}，警告 {w}，提示 {i}）" if e + w + i
                                     else "审核结果（未发现问题）")

    def _replayed(self, verb: str, text: str, focus) -> None:
        """After an undo or redo: show the project and the cell (or field) it changed, and say so."""
        self.show_message(f"{verb}：{text}")
        if focus is None or self.editors is None:
            return
        if focus.project_uid == DEPARTMENT_UID:
            if self.session.doc.department is not None:
                self.editors.go_to(None, focus.obj, focus.field)
            return
        project = self.session.project_by_uid(focus.project_uid)
        if project is not None:
            self.editors.go_to(project, focus.obj, focus.field)

    def _problems_last_in_tab_order(self, *_) -> None:
        """Tab goes tree → the editor shown → 审核结果: an editor page is made after the panel, and
        Qt puts what is made last in the window's Tab order last, so the panel moves after it."""
        last = self.previousInFocusChain()
        while last.focusPolicy() == Qt.FocusPolicy.NoFocus and last is not self:  # (the chain is a ring)
            last = last.previousInFocusChain()
        panel = self.problems
        if last is not self and panel is not None and not panel.isFloating() and not panel.isAncestorOf(last):
            QWidget.setTabOrder(last, panel.view)

    def show_message(self, text: str) -> None:
        """A line in the status bar for 8 seconds; one longer than the room beside the counts ends
        in … (on a laptop it ran on under them: “…已从窗口中清除错误 0”), the whole of it the bar's tooltip."""
        bar = self.statusBar()
        room = bar.width() - self.status_counts.sizeHint().width() - 3 * bar.fontMetrics().horizontalAdvance("中")
        shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room) if bar.isVisible() else text
        bar.setToolTip(text if shown != text else "")
        bar.showMessage(shown, 8000)

    def _apply_font(self) -> None:
        """The font size of the settings (0 = the system's); tables widen their columns and
        grow their rows with it (see RowTableView.changeEvent)."""
        size = int(self.settings.get("view/font_size"))
        font = self.font()
        font.setPointSize(size if size > 0 else QApplication.font().pointSize())
        self.setFont(font)
        # 13 characters beside a level's indentation (280 took a third of a laptop's screen; names
        # are elided, with the full name as the tooltip)
        self.tree.setMinimumWidth(13 * self.tree.fontMetrics().horizontalAdvance("中") + self.tree.indentation())

    def zoom(self, step: int) -> None:
        """Ctrl+= / Ctrl+- / Ctrl+wheel: one point larger or smaller; 0 = back to the default."""
        if step == 0:
            size = 0
        else:
            size = max(MIN_FONT, min(MAX_FONT, self.font().pointSize() + step))
        self.settings.set("view/font_size", size)
        self._apply_font()
        self.show_message(f"字号：{self.font().pointSize()}")

    def _restore_layout(self) -> None:
        geometry, state = self.settings.get("window/geometry"), self.settings.get("window/state")
        try:
            if geometry:
                self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
            if state:
                self.restoreState(QByteArray.fromBase64(state.encode("ascii")))
        except (UnicodeEncodeError, ValueError):
            log.warning("stored window layout unreadable; using the default")

    def _save_layout(self) -> None:
        self.settings.set("window/geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
        self.settings.set("window/state", bytes(self.saveState().toBase64()).decode("ascii"))

    def apply_settings(self) -> None:
        self._apply_font()
        self.autosaver.set_interval(self.settings.autosave_minutes)
        self.session.set_ruleset(self.settings.ruleset)
        self.update_counts()

    # --- events ------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosaver.stop()
        self.autosaver.remove()
        self._save_layout()
        self.settings.sync()
        self.library.close()
        event.accept()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_path(urls[0]))


class PaintThen(QObject):
    """Calls ``then`` once, just after ``widget`` next paints (or after a short wait if it never
    does, e.g. a minimised window)."""

    def __init__(self, widget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)
        QTimer.singleShot(1500, self, self._fire)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if self.then is not None:
            then, self.then = self.then, None
            then()
            self.deleteLater()


class _Silent:
    """A dialog service that says nothing (opening the sample at start)."""

    def error(self, *a, **k):
        pass
