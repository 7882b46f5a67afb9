"""The menus: which action goes where and what it calls."""
from __future__ import annotations

import importlib.util
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu

from perfeditor.logs import log_path
from perfeditor.ui import project_ops
from perfeditor.ui.actions import DEPARTMENT_ITEM_ACTIONS, PRINT_ACTIONS, ROW_ACTIONS, A
from perfeditor.ui.dialogs import fit_to_screen
from perfeditor.ui.recent import RecentFiles

log = logging.getLogger(__name__)


def printing_available() -> bool:
    try:
        return importlib.util.find_spec("perfeditor.printing.dialogs") is not None
    except (ImportError, ValueError):
        return False


def _focused_table(window):
    table = window.editors.current_table() if window.editors else None
    focus = QApplication.focusWidget()
    if table is not None and (focus is None or focus is table or table.isAncestorOf(focus)):
        return table
    return None


def _clipboard(window, op: str) -> None:
    table = _focused_table(window)
    if table is not None and table.state() != QAbstractItemView.State.EditingState:
        getattr(table, op)()
        return
    focus = QApplication.focusWidget()
    if focus is not None and hasattr(focus, op):
        getattr(focus, op)()


def _row_op(window, name: str, *args) -> None:
    table = window.editors.current_table()
    if table is None:
        window.show_message("请先在左侧选择一个项目或指标层级。")
        return
    getattr(table, name)(*args)


def _item_op(window, op: str) -> None:
    """部门 → 添加/删除/上移/下移 分项绩效目标: on the department narrative (shown first)."""
    dep = window.session.doc.department if window.session is not None else None
    if dep is None or dep.form != "narrative":
        window.show_message("本文件没有部门整体绩效目标的分项绩效目标。")
        return
    if window.editors.currentWidget() is not window.editors.department:
        window.editors.select(window.tree_model.department_index())
    window.editors.department.item_op(op)


def _print(window, which: str) -> None:
    try:
        from perfeditor.printing import dialogs as printing
    except ImportError:
        window.dialogs.error("打印功能不可用。", "无法打印")
        return
    from perfeditor.ui.field_widgets import commit_focused

    commit_focused(window)  # the cell or field being typed in is printed too
    doc = window.session.doc
    if which == "page_setup":
        call = lambda: printing.page_setup(window, doc)  # noqa: E731
    else:
        title = {"print_preview": "打印预览", "print_document": "打印", "export_pdf": "导出 PDF"}[which]
        scope = window.dialogs.choose_print_scope(doc, project_ops.current_project_index(window), title)
        if scope is None:
            return
        if scope.indexes == []:
            window.dialogs.warning("没有选定要打印的项目。")
            return
        smap = window.session.source_map  # (the cells the file merged down print merged)
        call = lambda: getattr(printing, which)(window, doc, scope.indexes, smap)  # noqa: E731
    try:
        written = call()
    except Exception:  # noqa: BLE001 - the printer driver or our layout failed: a Chinese box, logged
        log.exception("printing failed")
        window.dialogs.error(f"打印失败，详情已记入日志：\n{log_path()}", "无法打印")
        return
    if which == "export_pdf" and isinstance(written, str) and written:
        window.show_message(f"已导出 PDF：{written}")  # (the status bar said nothing: was it written, where?)


def build(window) -> None:
    a = window.actions_
    mb = window.menuBar()
    file_menu = mb.addMenu("文件(&F)")
    file_menu.addAction(a[A.OPEN])
    recent_menu = file_menu.addMenu("最近打开的文件")
    window.recent = RecentFiles(window.settings, recent_menu, window.open_path)
    file_menu.addAction(a[A.SAVE])
    file_menu.addAction(a[A.SAVE_AS])
    file_menu.addSeparator()
    for aid in PRINT_ACTIONS:
        file_menu.addAction(a[aid])
        a[aid].setEnabled(printing_available())
        if not printing_available():
            a[aid].setToolTip("打印模块不可用")
    file_menu.addSeparator()
    file_menu.addAction(a[A.PREFERENCES])
    file_menu.addAction(a[A.QUIT])

    edit = mb.addMenu("编辑(&E)")
    undo = window.undo_group.createUndoAction(window, "撤销")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_group.createRedoAction(window, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    window.undo_action, window.redo_action = undo, redo
    edit.addAction(undo)
    edit.addAction(redo)
    edit.addSeparator()
    for aid in (A.CUT, A.COPY, A.PASTE):
        edit.addAction(a[aid])
    edit.addSeparator()
    edit.addAction(a[A.FIND])

    ind = mb.addMenu("指标(&I)")
    for aid in (A.INSERT_ROW, A.APPEND_ROW, A.DUPLICATE_ROW, A.DELETE_ROW, None, A.ROW_UP,
                A.ROW_DOWN, A.MOVE_TO):
        ind.addSeparator() if aid is None else ind.addAction(a[aid])
    proj = mb.addMenu("项目(&P)")
    for aid in (A.ADD_PROJECT, A.DUPLICATE_PROJECT, A.DELETE_PROJECT, None, A.PROJECT_UP, A.PROJECT_DOWN):
        proj.addSeparator() if aid is None else proj.addAction(a[aid])
    dep = mb.addMenu("部门(&D)")
    for aid in (A.ITEM_ADD, A.ITEM_DELETE, None, A.ITEM_UP, A.ITEM_DOWN):
        dep.addSeparator() if aid is None else dep.addAction(a[aid])
    check = mb.addMenu("审核(&K)")
    check.addAction(a[A.CHECK])
    check.addSeparator()
    check.addAction(a[A.BATCH_REVIEW])
    check.addAction(a[A.EXPORT_REVIEW])
    window.problems_menu = check
    view = mb.addMenu("视图(&V)")
    for aid in (A.ZOOM_IN, A.ZOOM_OUT, A.ZOOM_RESET):
        view.addAction(a[aid])
    window.view_menu = view
    help_menu = mb.addMenu("帮助(&H)")
    help_menu.addAction(a[A.HELP_KEYS])
    window.help_menu = help_menu

    a[A.OPEN].triggered.connect(lambda: _open(window))
    a[A.SAVE].triggered.connect(window.save)
    a[A.SAVE_AS].triggered.connect(window.save_as)
    a[A.PRINT_PREVIEW].triggered.connect(lambda: _print(window, "print_preview"))
    a[A.PRINT].triggered.connect(lambda: _print(window, "print_document"))
    a[A.EXPORT_PDF].triggered.connect(lambda: _print(window, "export_pdf"))
    a[A.PAGE_SETUP].triggered.connect(lambda: _print(window, "page_setup"))
    a[A.PREFERENCES].triggered.connect(lambda: _preferences(window))
    a[A.QUIT].triggered.connect(window.close)
    a[A.CUT].triggered.connect(lambda: _clipboard(window, "cut"))
    a[A.COPY].triggered.connect(lambda: _clipboard(window, "copy"))
    a[A.PASTE].triggered.connect(lambda: _clipboard(window, "paste"))
    a[A.FIND].triggered.connect(lambda: _find(window))
    a[A.INSERT_ROW].triggered.connect(lambda: _row_op(window, "insert_row", False))
    a[A.APPEND_ROW].triggered.connect(lambda: _row_op(window, "append_row"))
    a[A.DUPLICATE_ROW].triggered.connect(lambda: _row_op(window, "duplicate_rows"))
    a[A.DELETE_ROW].triggered.connect(lambda: _row_op(window, "delete_rows"))
    a[A.ROW_UP].triggered.connect(lambda: _row_op(window, "move_rows", -1))
    a[A.ROW_DOWN].triggered.connect(lambda: _row_op(window, "move_rows", 1))
    a[A.MOVE_TO].triggered.connect(lambda: project_ops.move_rows_to(window, window.editors.current_table()))
    a[A.ADD_PROJECT].triggered.connect(lambda: project_ops.add_project(window))
    a[A.DUPLICATE_PROJECT].triggered.connect(lambda: project_ops.duplicate_project(window))
    a[A.DELETE_PROJECT].triggered.connect(lambda: project_ops.delete_project(window))
    a[A.PROJECT_UP].triggered.connect(lambda: project_ops.move_project(window, -1))
    a[A.PROJECT_DOWN].triggered.connect(lambda: project_ops.move_project(window, 1))
    for aid, op in ((A.ITEM_ADD, "add"), (A.ITEM_DELETE, "remove"), (A.ITEM_UP, "up"), (A.ITEM_DOWN, "down")):
        a[aid].triggered.connect(lambda _=False, op=op: _item_op(window, op))
    a[A.CHECK].triggered.connect(lambda: _check_all(window))
    from perfeditor.ui import authoring_menus

    authoring_menus.install(window, file_menu, ind, proj)
    a[A.BATCH_REVIEW].triggered.connect(lambda: _batch_review(window, "start_batch"))
    a[A.EXPORT_REVIEW].triggered.connect(lambda: _batch_review(window, "export_report"))
    a[A.ZOOM_IN].triggered.connect(lambda: window.zoom(1))
    a[A.ZOOM_OUT].triggered.connect(lambda: window.zoom(-1))
    a[A.ZOOM_RESET].triggered.connect(lambda: window.zoom(0))
    a[A.HELP_KEYS].triggered.connect(lambda: show_shortcuts(window))
    for key, then in ((QKeySequence.StandardKey.Delete, project_ops.delete_project),
                      (Qt.Key.Key_F2, project_ops.rename)):
        shortcut = QShortcut(key, window.tree, lambda then=then: project_ops.on_project_node(window, then))
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # (the constructor's context= is ignored)
    window.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.tree.customContextMenuRequested.connect(lambda pos: tree_menu(window, pos))
    for aid, action in a.items():
        if aid not in DEPARTMENT_ITEM_ACTIONS + ROW_ACTIONS:  # (added to their pages: MainWindow.set_document)
            window.addAction(action)
    window.tree.addActions([a[aid] for aid in ROW_ACTIONS])
    from perfeditor.ui.toolbar import build_toolbar

    window.toolbar = build_toolbar(window)


def _check_all(window) -> None:
    """审核 (F5): check again, show 审核结果 (it may have been closed) and say what was found."""
    s = window.session
    s.validate_all()
    window.problems.show()
    e, w, i = s.counts()
    window.show_message(f"审核出错：{s.check_error}" if s.check_error else
                        f"已重新审核：错误 {e} 个，警告 {w} 个，提示 {i} 个。")


def _batch_review(window, what: str) -> None:
    from perfeditor.ui import batch_review

    getattr(batch_review, what)(window)


def _open(window) -> None:
    path = window.dialogs.open_file_name(window.session.doc.path or "")
    if path:
        window.open_path(path)


def _find(window) -> None:
    from perfeditor.ui.find_replace import FindReplaceDialog

    if getattr(window, "find_dialog", None) is None:
        window.find_dialog = FindReplaceDialog(window, window)
    window.find_dialog.show()
    window.find_dialog.raise_()
    window.find_dialog.find_edit.setFocus()


def _preferences(window) -> None:
    from perfeditor.ui.preferences import PreferencesDialog

    dialog = PreferencesDialog(window.settings, window)
    if dialog.exec():
        dialog.apply()
        window.apply_settings()
    dialog.deleteLater()


def tree_menu(window, pos) -> QMenu | None:
    """The tree's right-click menu: what can be done with the node under the mouse."""
    index = window.tree.indexAt(pos)
    if index.isValid():
        window.editors.select(index)
    node = window.tree_model.node(index)
    a = window.actions_
    menu = QMenu(window.tree)
    if node is not None and node.kind in ("project", "level1", "level2"):
        for aid in (A.INSERT_ROW, A.APPEND_ROW, None, A.ADD_PROJECT, A.DUPLICATE_PROJECT, A.DELETE_PROJECT,
                    None, A.PROJECT_UP, A.PROJECT_DOWN):
            menu.addSeparator() if aid is None else menu.addAction(a[aid])
    else:
        menu.addAction(a[A.ADD_PROJECT])
    menu.addSeparator()
    menu.addAction("全部展开", window.tree.expandAll)
    menu.addAction("全部折叠", lambda: (window.tree.collapseAll(), window.tree.expand(window.tree_model.file_index())))
    menu.addAction(a[A.CHECK])
    if pos is not None and window.tree.isVisible():
        menu.exec(window.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()
        return None
    return menu


#: The keys of the tables, as Excel has them, and of the tree (the menus' are listed from the actions).
TABLE_KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", "确认输入并下移一格（连续按 Tab 后回到起始列的下一行）"),
    ("Shift+Enter", "确认输入并上移一格"),
    ("Tab", "确认输入并右移一格（行末换到下一行；在表格最后一格添加一行）"),
    ("Shift+Tab", "确认输入并左移一格"),
    ("直接输入", "替换单元格原有内容"),
    ("F2 / 双击", "在原有内容末尾继续编辑"),
    ("Alt+Enter", "在单元格内换行"),
    ("Esc", "取消本次输入"),
    ("Delete", "清除所选单元格（可一次撤销）"),
    ("Backspace", "清空当前单元格并开始输入"),
    ("Alt+↓（编辑单元格时）", "打开一级/二级指标、指标值设定依据的下拉列表"),
    ("Ctrl+滚轮", "放大或缩小"),
    ("Delete（左侧项目上）", "删除该项目（先询问，可撤销）"),
    ("F2（左侧项目上）", "修改项目名称"),
)


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(key, what it does) for every menu action with a shortcut, then the table keys."""
    rows = []
    for aid, action in window.actions_.items():
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            where = "（指标表中）" if aid in ROW_ACTIONS else ""
            rows.append((" / ".join(keys) + where, action.text().replace("&", "").split("(")[0].rstrip("…")))
    for action in (window.undo_action, window.redo_action):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        rows.append((" / ".join(keys), "撤销" if action is window.undo_action else "重做"))
    return rows + list(TABLE_KEYS)


def show_shortcuts(window, modal: bool = True):
    """帮助 → 快捷键: every shortcut of the window and the tables' Excel keys."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout

    from perfeditor.ui.row_table import one_line_rows

    dialog = QDialog(window)
    dialog.setWindowTitle("快捷键")
    lay = QVBoxLayout(dialog)
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 2, dialog)
    table.setHorizontalHeaderLabels(["按键", "作用"])
    table.verticalHeader().hide()
    one_line_rows(table)
    table.setTabKeyNavigation(False)  # Tab goes on to 关闭 (it went from cell to cell for ever)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for r, (key, text) in enumerate(rows):
        table.setItem(r, 0, QTableWidgetItem(key))
        table.setItem(r, 1, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    lay.addWidget(table)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
    buttons.rejected.connect(dialog.reject)
    lay.addWidget(buttons)
    fit_to_screen(dialog, 560, 520)
    if not modal:
        return dialog
    dialog.exec()
    dialog.deleteLater()
    return None
