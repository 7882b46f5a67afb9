"""With nothing open (the start page) the document's actions are disabled and no problems are
counted; opening or creating a form brings them back."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from perfeditor.ui import start_page
from perfeditor.ui.actions import A
from perfeditor.ui.new_form import NewFormChoice
from tests.ui.authoring_helpers import activate
from tests.ui.conftest import fixture_path

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_start_page_disables_what_needs_a_document(make_window, dialogs, qtbot):
    window = make_window()
    activate(qtbot, window)
    window.show_start_page()
    a = window.actions_
    for aid in (A.SAVE, A.SAVE_AS, A.INSERT_ROW, A.DELETE_ROW, A.ROW_DOWN, A.ADD_PROJECT, A.CHECK,
                A.EXPORT_PDF, A.COMPARE, A.COPY_LAST_YEAR, A.FIND):
        assert not a[aid].isEnabled(), aid
    for aid in (A.OPEN, A.NEW, A.PREFERENCES, A.QUIT, A.HELP_KEYS):
        assert a[aid].isEnabled(), aid
    assert window.status_counts.text() == ""
    qtbot.keyClick(window.start_page.new_button, Qt.Key.Key_S, CTRL)  # 保存: nothing asked
    qtbot.keyClick(window.start_page.new_button, Qt.Key.Key_F5)
    assert dialogs.calls == [] and start_page.showing(window)
    assert window.status_counts.text() == ""

    dialogs.new_form = lambda: NewFormChoice("hebei-project", True, "定州市住房和城乡建设局", "333002", 2025)
    qtbot.keyClick(window.start_page.new_button, Qt.Key.Key_N, CTRL)
    assert not start_page.showing(window)
    assert all(a[aid].isEnabled() for aid in (A.SAVE, A.SAVE_AS, A.INSERT_ROW, A.CHECK, A.COMPARE))
    assert "错误" in window.status_counts.text()


def test_opening_a_file_from_the_start_page_enables_saving(make_window, dialogs, qtbot):
    window = make_window()
    activate(qtbot, window)
    window.show_start_page()
    dialogs.open_path = str(fixture_path("dingzhou_2020.docx"))
    qtbot.keyClick(window.start_page.new_button, Qt.Key.Key_O, CTRL)
    assert not start_page.showing(window)
    assert window.actions_[A.SAVE].isEnabled() and window.actions_[A.INSERT_ROW].isEnabled()
    qtbot.waitUntil(lambda: "错误" in window.status_counts.text())


def test_with_no_recent_files_the_page_stays_together(make_window, settings, qtbot):
    """The hidden recent list's room was shared out between the title, the buttons and the labels:
    they stood spread down the window."""
    window = make_window()
    window.resize(1200, 800)
    activate(qtbot, window)
    window.show_start_page()
    page = window.start_page
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert page.empty.geometry().top() - page.new_button.geometry().bottom() < 120
    settings.set("files/recent", [str(fixture_path("dingzhou_2020.docx"))])
    page.refresh()
    qtbot.waitUntil(lambda: page.recent.isVisible())
    assert page.recent.height() > page.height() // 2  # the list takes the room


def test_the_problems_panel_is_not_offered_on_the_start_page(make_window, dialogs, qtbot):
    """视图 → 审核结果 opened an empty 审核结果 panel over the start page; it is disabled there like
    the other actions that need a document, and offered again once a file is open."""
    window = make_window()
    activate(qtbot, window)
    window.show_start_page()
    toggle = window.problems.toggleViewAction()
    assert toggle in window.view_menu.actions() and toggle.text().startswith("审核结果")
    assert not toggle.isEnabled()
    window.view_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(window.view_menu.isVisible)
    qtbot.mouseClick(window.view_menu, Qt.MouseButton.LeftButton, pos=window.view_menu.actionGeometry(toggle).center())
    window.view_menu.hide()
    assert not window.problems.isVisible()
    dialogs.open_path = str(fixture_path("dingzhou_2020.docx"))
    qtbot.keyClick(window.start_page.new_button, Qt.Key.Key_O, CTRL)
    assert toggle.isEnabled() and window.problems.isVisible()


def _ink(page, row: int) -> QColor:
    """The colour of the folder's text (the label's lower half) as painted: the pixel farthest from
    the row's background."""
    list_ = page.recent
    item = list_.item(row)
    rect = list_.visualItemRect(item)
    image = list_.viewport().grab().toImage()
    back = image.pixelColor(rect.left() + 2, rect.bottom() - 1)
    pixels = (image.pixelColor(x, y) for x in range(rect.left(), rect.right())
              for y in range(rect.center().y() + 2, rect.bottom() - 2))
    return max(pixels, key=lambda c: _distance(c, back))


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_the_selected_recent_file_s_folder_is_in_the_selection_s_text_colour(make_window, settings, qtbot, tmp_path):
    """The folder under the file's name stayed grey (#666) on the selection's blue: hard to read."""
    settings.set("files/recent", [str(fixture_path("dingzhou_2020.docx")), str(tmp_path / "去年.xlsx")])
    window = make_window()
    window.resize(1000, 700)
    activate(qtbot, window)
    window.show_start_page()
    page = window.start_page
    qtbot.waitUntil(lambda: page.recent.isVisible())
    palette = page.recent.palette()
    light = palette.color(QPalette.ColorRole.HighlightedText)
    for selected in (0, 1):
        page.recent.setCurrentRow(selected)
        ink = _ink(page, selected)
        assert _distance(ink, light) < _distance(ink, QColor("#666")), ink.name()
        other = _ink(page, 1 - selected)
        assert _distance(other, QColor("#666")) < _distance(other, light), other.name()
