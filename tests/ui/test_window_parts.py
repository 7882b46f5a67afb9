"""The window's smaller parts end to end: dropping a file, preferences, recent files, the
Find/Replace dialog, the print actions."""
from __future__ import annotations

import shutil

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent

from perfeditor.ui.actions import A
from perfeditor.ui.settings import Settings
from tests.ui.conftest import drag_and_drop, fixture_path


def _copy(tmp_path, name):
    target = tmp_path / name
    shutil.copy(fixture_path(name), target)
    return target


def test_dropping_a_file_opens_it(window, qtbot, tmp_path):
    target = _copy(tmp_path, "leting_2024.xlsx")
    assert drag_and_drop(window, target)
    qtbot.waitUntil(lambda: window.session.doc.path == str(target.resolve()), timeout=3000)
    assert len(window.session.doc.projects) > 10
    assert window.recent.paths()[0] == str(target.resolve())


def test_drop_without_files_is_ignored(window):
    mime = QMimeData()
    mime.setText("只是文字")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_preferences_dialog_changes_and_stores_settings(window, settings, monkeypatch, tmp_path):
    from perfeditor.ui.preferences import PreferencesDialog

    def answer(dialog):
        dialog.ruleset.setCurrentIndex(dialog.ruleset.findData("mof-2021"))
        dialog.backup.setChecked(False)
        dialog.autosave.setValue(5)
        dialog.font_size.setValue(13)
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", answer)
    window.actions_[A.PREFERENCES].trigger()
    stored = Settings(settings.file_name())  # read back from the INI file
    assert stored.get("rules/ruleset") == "mof-2021"
    assert stored.backup_on_save is False
    assert stored.autosave_minutes == 5
    assert stored.get("view/font_size") == 13
    assert window.autosaver.timer.interval() == 5 * 60_000
    assert window.font().pointSize() == 13
    assert window.session.ruleset_name() == "mof-2021"
    assert settings.file_name().startswith(str(tmp_path))  # never the clerk's own settings


def test_preferences_cancel_changes_nothing(window, settings, monkeypatch):
    from perfeditor.ui.preferences import PreferencesDialog

    def cancel(dialog):
        dialog.autosave.setValue(9)
        return 0

    monkeypatch.setattr(PreferencesDialog, "exec", cancel)
    window.actions_[A.PREFERENCES].trigger()
    assert Settings(settings.file_name()).autosave_minutes == 1


def test_recent_menu_lists_and_opens(window, tmp_path):
    first = _copy(tmp_path, "leting_2024.xlsx")
    second = _copy(tmp_path, "dingzhou_2020.docx")
    assert window.open_path(str(first))
    assert window.open_path(str(second))
    menu = window.recent.menu
    entries = [a for a in menu.actions() if a.statusTip()]
    assert [a.statusTip() for a in entries] == [str(second.resolve()), str(first.resolve())]
    assert entries[0].text().endswith("dingzhou_2020.docx")
    entries[1].trigger()
    assert window.session.doc.path == str(first.resolve())
    assert window.recent.paths()[0] == str(first.resolve())
    clear = next(a for a in menu.actions() if a.text() == "清除列表")
    clear.trigger()
    assert window.recent.paths() == []
    assert [a.text() for a in menu.actions()] == ["（无）"]


def test_find_replace_dialog_across_projects(window, tmp_path):
    assert window.open_path(str(_copy(tmp_path, "dingzhou_2020.docx")))
    s = window.session
    window.actions_[A.FIND].trigger()
    dialog = window.find_dialog
    try:
        assert dialog.isVisible()
        dialog.find_edit.setText("满意度")
        projects = set()
        first = dialog.find_next()
        assert "共" in dialog.status.text()
        total = int(dialog.status.text().split("共 ")[1].split(" ")[0])
        projects.add(id(first.project))
        for _ in range(total - 1):
            loc = dialog.find_next()
            projects.add(id(loc.project))
        assert len(projects) > 2  # it went through several projects
        node = window.tree_model.node(window.tree.currentIndex())
        assert node.kind in ("project", "department")
        # replace one: one undo step, then the next hit is shown
        count = s.stack.count()
        dialog.replace_edit.setText("满意程度")
        dialog.find_next()
        dialog.replace_one()
        assert s.stack.count() == count + 1
        from perfeditor.ui.find_replace import find_all

        assert len(find_all(s.doc, "满意度")) == total - 1
        # replace all: one more step, undone at once
        assert dialog.replace_all() == total - 1
        assert s.stack.count() == count + 2 and not find_all(s.doc, "满意度")
        s.stack.undo()
        assert len(find_all(s.doc, "满意度")) == total - 1
        s.stack.undo()
        assert len(find_all(s.doc, "满意度")) == total and s.stack.isClean()
        dialog.find_edit.setText("这段文字不存在")
        assert dialog.find_next() is None and dialog.status.text() == "未找到。"
    finally:
        dialog.close()


def test_print_actions_call_printing(window, tmp_path, monkeypatch):
    from perfeditor.printing import dialogs as printing

    assert window.open_path(str(_copy(tmp_path, "dingzhou_2020.docx")))
    calls = []
    for name in ("print_preview", "print_document", "export_pdf"):
        monkeypatch.setattr(printing, name, lambda parent, doc, indexes, smap, n=name: calls.append((n, parent, doc, indexes, smap)))
    actions = window.actions_
    assert all(actions[a].isEnabled() for a in (A.PRINT_PREVIEW, A.PRINT, A.EXPORT_PDF))
    doc = window.session.doc
    window.editors.select(window.tree_model.file_index())
    actions[A.PRINT_PREVIEW].trigger()
    window.editors.select(window.tree_model.project_index(doc.projects[2]))
    actions[A.PRINT].trigger()
    actions[A.EXPORT_PDF].trigger()
    assert [(c[0], c[3]) for c in calls] == [("print_preview", None),  # the whole file
                                             ("print_document", [2]), ("export_pdf", [2])]
    assert all(c[1] is window and c[2] is doc for c in calls)
    assert all(c[4] is window.session.source_map is not None for c in calls)  # (merged cells print merged)


def test_print_failure_is_a_message(window, tmp_path, monkeypatch, dialogs):
    from perfeditor.printing import dialogs as printing

    def broken(*a):
        raise RuntimeError("boom")

    monkeypatch.setattr(printing, "print_document", broken)
    window.actions_[A.PRINT].trigger()
    assert dialogs.calls[-1][0] == "error" and "打印失败" in dialogs.calls[-1][1]


def test_status_and_dock_title_in_chinese(window, tmp_path):
    assert window.open_path(str(_copy(tmp_path, "leting_2024.xlsx")))
    text = window.status_counts.text()
    assert "河北省" in text and "hebei" not in text
    e, w, i = window.session.counts()
    assert window.problems.windowTitle() == f"审核结果（错误 {e}，警告 {w}，提示 {i}）"


def test_project_form_shows_budget_and_plan_above_table(window, qtbot, tmp_path):
    assert window.open_path(str(_copy(tmp_path, "leting_2024.xlsx")))
    window.resize(1400, 950)
    window.show()
    qtbot.waitExposed(window)
    form = window.editors.project
    window.editors.select(window.tree_model.project_index(window.session.doc.projects[0]))
    qtbot.wait(50)
    plan = form.fields["spending_plan:12月底"]
    top, table = form.sizes()
    # the plan row lies inside the visible part of the upper pane, and the table keeps rows
    y = plan.mapTo(form.scroll.widget(), plan.rect().bottomLeft()).y()
    assert y <= form.scroll.viewport().height()
    assert table >= 8 * 26
    window.hide()


def test_export_pdf_says_where_it_wrote(window, tmp_path, monkeypatch):
    """导出 PDF: the status bar names the file written (it went on showing the last save's message);
    nothing is said when the clerk cancelled the file dialog."""
    from PySide6.QtWidgets import QFileDialog

    assert window.open_path(str(_copy(tmp_path, "dingzhou_2020.docx")))
    window.editors.select(window.tree_model.project_index(window.session.doc.projects[0]))
    out = tmp_path / "导出.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    window.actions_[A.EXPORT_PDF].trigger()
    assert "PDF" not in window.statusBar().currentMessage()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    window.actions_[A.EXPORT_PDF].trigger()
    assert out.exists()
    assert window.statusBar().currentMessage() == f"已导出 PDF：{out}"


def test_print_preview_and_pdf_have_keys_no_other_action_has(make_window, qtbot, tmp_path, monkeypatch):
    """打印预览 and 导出 PDF had no shortcut; Ctrl+Shift+P / Ctrl+Shift+E, listed in 帮助 → 快捷键."""
    from perfeditor.printing import dialogs as printing
    from perfeditor.ui import menus
    from tests.ui.authoring_helpers import open_project_table

    window = make_window()
    calls = []
    for name in ("print_preview", "export_pdf"):
        monkeypatch.setattr(printing, name, lambda parent, doc, indexes, smap, n=name: calls.append((n, indexes)))
    project, table = open_project_table(qtbot, window, _copy(tmp_path, "dingzhou_2020.docx"), 1)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(table, Qt.Key.Key_P, shift_ctrl)
    qtbot.keyClick(table, Qt.Key.Key_E, shift_ctrl)
    assert calls == [("print_preview", [1]), ("export_pdf", [1])]
    rows = dict(menus.shortcut_rows(window))
    assert rows["Ctrl+Shift+P"] == "打印预览" and rows["Ctrl+Shift+E"] == "导出 PDF"
    keys = [k.toString() for a in [*window.actions_.values(), window.undo_action, window.redo_action]
            for k in a.shortcuts()]
    assert len(keys) == len(set(keys))
