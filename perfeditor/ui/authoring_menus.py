"""Where issue 13's commands sit in the menus: 文件→新建 / 比较, 项目→从往年文件复制,
指标→从指标库选择三级指标 (Ctrl+J; Ctrl+Space). One call from :func:`perfeditor.ui.menus.build`."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QApplication

from perfeditor.ui.actions import A


def install(window, file_menu, indicator_menu, project_menu) -> None:
    a = window.actions_
    first = file_menu.actions()[0] if file_menu.actions() else None
    file_menu.insertAction(first, a[A.NEW])
    file_menu.insertAction(a[A.PAGE_SETUP], a[A.COMPARE])
    file_menu.insertSeparator(a[A.PAGE_SETUP])
    project_menu.addSeparator()
    project_menu.addAction(a[A.COPY_LAST_YEAR])
    indicator_menu.addSeparator()
    indicator_menu.addAction(a[A.SUGGEST])

    from perfeditor.ui import compare_view, last_year, new_form

    a[A.NEW].triggered.connect(lambda: new_form.new_form(window))
    a[A.COMPARE].triggered.connect(lambda: compare_view.compare_with(window))
    a[A.COPY_LAST_YEAR].triggered.connect(lambda: last_year.copy_from_last_year(window))
    a[A.SUGGEST].triggered.connect(lambda: suggest(window))


def suggest(window) -> bool:
    """Ctrl+J (or Ctrl+Space): the library's suggestions for the 三级指标 being typed, or for the current row's
    三级指标 cell (the editor opens on it)."""
    from perfeditor.ui.library_popup import focused_editor_completer

    completer = focused_editor_completer()
    if completer is None:
        table = window.editors.current_table() if window.editors else None
        model = table.table_model() if table is not None else None
        if model is None or "level3" not in model.columns:
            window.show_message("请先在指标表中选择一行。")
            return False
        cur = table.currentIndex()
        row = cur.row() if cur.isValid() else 0
        if not model.rowCount():
            return False
        index = model.index(row, model.columns.index("level3"))
        table.setCurrentIndex(index)
        if table.state() != QAbstractItemView.State.EditingState:
            table.edit(index)
        completer = focused_editor_completer()
        if completer is None:
            editor = table.indexWidget(index) or QApplication.focusWidget()
            completer = _completer_in(editor)
    if completer is None:
        return False
    completer.update(force=True)
    return True


def _completer_in(widget):
    from perfeditor.ui.library_popup import LevelThreeCompleter

    return widget.findChild(LevelThreeCompleter) if widget is not None else None
