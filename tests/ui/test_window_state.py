"""The window's state: title after Save As, never stuck on 正在审核, geometry and docks remembered,
zoom and font size that widen columns and grow rows, the indicator count, the typing helps."""
from __future__ import annotations

import shutil

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from perfeditor.model import Indicator
from perfeditor.ui.commands import InsertIndicators, RemoveIndicators
from perfeditor.ui.delegates import BASIS_CHOICES, ChoiceEditor, ValueLineEdit, level_choices, value_reading
from tests.ui.conftest import dump_doc, fixture_path


def _open(window, tmp_path, name="dingzhou_2020.docx"):
    target = tmp_path / name
    shutil.copy(fixture_path(name), target)
    assert window.open_path(str(target))
    return target


def test_title_follows_save_as_of_an_unmodified_file(window, tmp_path):
    _open(window, tmp_path)
    assert window.windowTitle().startswith("dingzhou_2020.docx")
    window.dialogs.save_path = str(tmp_path / "另存.docx")
    window.dialogs.choice = 0
    assert window.save_as()
    assert window.windowTitle().startswith("另存.docx")


def test_failed_open_at_start_never_leaves_checking(window, tmp_path):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a docx")
    window.show()
    assert not window.open_path(str(bad))
    assert "正在审核" not in window.status_counts.text()
    assert "正在审核" not in window.problems.windowTitle()


def test_geometry_and_docks_are_remembered(make_window, settings):
    first = make_window()
    first.resize(700, 520)  # inside the offscreen screen (800×600): restoring keeps a window on screen
    first.show()
    first.removeDockWidget(first.problems)
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.problems)
    first.problems.show()
    size = first.size()
    first.close()
    assert settings.get("window/geometry") and settings.get("window/state")
    second = make_window()
    assert second.size() == size and size.height() == 520
    assert second.dockWidgetArea(second.problems) == Qt.DockWidgetArea.RightDockWidgetArea


def _project_table(window):
    doc = dump_doc("dingzhou_2020.docx")
    window.set_document(doc, None)
    window.editors.select(window.tree_model.project_index(doc.projects[0]))
    return doc, window.editors.project.table


def test_zoom_keys_and_wheel_widen_columns_and_grow_rows(window, qtbot, settings):
    doc, table = _project_table(window)
    window.resize(1800, 1000)  # room for the wider columns (a narrow table shares its width instead)
    window.show()
    width, height = table.columnWidth(2), table.rowHeight(0)
    size = window.font().pointSize()
    window.actions_[__import__("perfeditor.ui.actions", fromlist=["A"]).A.ZOOM_IN].trigger()
    for _ in range(3):
        window.zoom(1)
    assert window.font().pointSize() == size + 4
    assert settings.get("view/font_size") == size + 4
    assert table.columnWidth(2) > width and table.rowHeight(0) > height
    wheel = QWheelEvent(QPointF(5, 5), QPointF(table.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(table.viewport(), wheel)
    assert window.font().pointSize() == size + 3
    window.zoom(0)
    assert settings.get("view/font_size") == 0
    assert abs(table.columnWidth(2) - width) <= 2


def test_larger_font_shows_wrapped_values_whole(window):
    doc, table = _project_table(window)
    model = table.model()
    col = model.columns.index("value")
    window.settings.set("view/font_size", 14)
    window.apply_settings()
    text = model.index(0, col).data()
    needed = table.fontMetrics().horizontalAdvance(text)
    lines = max(1, -(-needed // max(1, table.columnWidth(col) - 8)))
    assert table.rowHeight(0) >= lines * table.fontMetrics().lineSpacing()


def test_indicator_count_updates_at_once(window):
    doc, table = _project_table(window)
    project = doc.projects[0]
    title = window.editors.project.table_title
    n = len(project.indicators)
    assert title.text() == f"绩效指标（共 {n} 项）"
    window.session.stack.push(InsertIndicators(window.session, project, 0, [Indicator(), Indicator()]))
    assert title.text() == f"绩效指标（共 {n + 2} 项）"
    window.session.stack.push(RemoveIndicators(window.session, project, [0]))
    assert title.text() == f"绩效指标（共 {n + 1} 项）"
    window.session.stack.undo()
    window.session.stack.undo()
    assert title.text() == f"绩效指标（共 {n} 项）"


def test_level_dropdowns_offer_the_files_spellings_first(window):
    doc, table = _project_table(window)
    model = table.model()
    choices = level_choices(model, "level1", 0)
    own = [i.level1 for i in doc.projects[0].indicators]
    assert choices[:len(set(own))] == list(dict.fromkeys(own))
    assert "效益指标" not in choices  # 效果指标 is the file's spelling of the same level
    assert "产出指标" in choices and "满意度指标" in choices
    level2 = level_choices(model, "level2", 0)
    assert level2[0] == doc.projects[0].indicators[0].level2 and "数量指标" in level2


def test_editors_of_levels_basis_and_values(window, qtbot):
    doc, table = _project_table(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    model = table.model()
    table.setFocus()
    table.go(model.index(0, 0))
    table.edit(table.currentIndex())
    combo = QApplication.focusWidget()
    assert isinstance(combo, ChoiceEditor) and combo.count() >= 3
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    table.go(model.index(0, model.columns.index("value")))
    table.edit(table.currentIndex())
    editor = QApplication.focusWidget()
    assert isinstance(editor, ValueLineEdit)
    editor.setText("≥90%")
    assert "90" in editor.reading and "≥" in editor.reading
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert value_reading("按时完成") != "" and value_reading("") == ""
    assert BASIS_CHOICES == ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")


def test_help_lists_every_shortcut(window):
    from perfeditor.ui import menus
    from perfeditor.ui.actions import A

    assert window.actions_[A.HELP_KEYS].shortcut().toString() == "F1"
    rows = menus.shortcut_rows(window)
    keys = " ".join(k for k, _ in rows)
    for key in ("F1", "Ctrl+S", "Ctrl+Z", "Ctrl+=", "Ctrl+-", "F2", "Alt+Enter", "Tab"):
        assert key in keys


def test_the_problems_panel_closed_with_its_x_comes_back_from_the_view_menu(make_window, qtbot):
    """The 审核结果 panel has a close button; once closed (and the closed state remembered for the
    next start) no menu brought it back."""
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.problems.close()
    assert not window.problems.isVisible()
    window._save_layout()
    again = make_window()
    again.show()
    qtbot.waitExposed(again)
    assert not again.problems.isVisible()
    action = again.problems.toggleViewAction()
    assert action in again.view_menu.actions() and action.text().startswith("审核结果")
    action.trigger()
    assert again.problems.isVisible()


def test_the_first_window_fits_a_small_screen(make_window):
    """No remembered size: the window fits the screen (1400×860 hung off a 1366×768 laptop's)."""
    window = make_window()
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    assert window.width() >= min(1400, room.width() * 0.9)
