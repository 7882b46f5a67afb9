"""A clerk's laptop: 1366×768 at 150 % is a screen of 911×512 (Qt's logical pixels). The dialogs
were as large as on a big screen (批量审核结果 1360×640, 比较 1100×620, 从往年文件复制 1000×600,
移动指标到 560×560): their bottoms and buttons off the screen; the 审核结果 panel took a third of the
window and the indicator table showed a row and a half."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen

from perfeditor.io import load_document
from tests.ui.conftest import fixture_path

LAPTOP = QRect(0, 0, 911, 512)
TITLE_BAR = 40  # the window frame's title bar, above the dialog's own size


@pytest.fixture
def laptop(monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(LAPTOP))


def _leting(window, tmp_path):
    path = tmp_path / "乐亭.xlsx"
    shutil.copy(fixture_path("leting_2024.xlsx"), path)
    assert window.open_path(str(path))
    return window.session.doc


def _batch(window, doc):
    from perfeditor.review import collect_files, review_files
    from perfeditor.ui.batch_review import BatchResultsDialog

    results = list(review_files(collect_files([fixture_path("dingzhou_2020.docx")]), workers=1))
    return BatchResultsDialog(results, str(fixture_path("")), window)


def _compare(window, doc):
    from perfeditor.compare import diff_documents
    from perfeditor.ui.compare_view import CompareDialog

    return CompareDialog(window, diff_documents(doc, load_document(fixture_path("dingzhou_2020.xlsx"))), "比较", "")


def _last_year(window, doc):
    from perfeditor.ui.last_year import LastYearDialog

    return LastYearDialog(doc, load_document(fixture_path("leting_2024.xlsx")), "乐亭2023.xlsx", window)


def _move(window, doc):
    from perfeditor.ui.move_target import MoveTargetDialog

    return MoveTargetDialog(doc, doc.projects[4], None, window)


def _shortcuts(window, doc):
    from perfeditor.ui import menus

    return menus.show_shortcuts(window, modal=False)


def _new(window, doc):
    from perfeditor.ui.new_form import NewFormDialog

    return NewFormDialog(window.settings, window)


def _preferences(window, doc):
    from perfeditor.ui.preferences import PreferencesDialog

    return PreferencesDialog(window.settings, window)


def _print_scope(window, doc):
    from perfeditor.ui.print_scope import PrintScopeDialog

    return PrintScopeDialog(doc, 4, "打印", window)


@pytest.mark.parametrize("make", [_batch, _compare, _last_year, _move, _shortcuts, _new, _preferences, _print_scope])
def test_every_dialog_fits_the_laptop_screen(laptop, window, tmp_path, make):
    dialog = make(window, _leting(window, tmp_path))
    try:
        for size in (dialog.size(), dialog.minimumSizeHint()):
            assert size.width() <= LAPTOP.width() and size.height() + TITLE_BAR <= LAPTOP.height(), make.__name__
    finally:
        dialog.deleteLater()


def test_a_big_screen_keeps_the_big_sizes(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1920, 1040))
    dialog = _batch(window, _leting(window, tmp_path))
    assert (dialog.width(), dialog.height()) == (1360, 640) and dialog.view.columnWidth(0) == 180
    dialog.deleteLater()


@pytest.mark.parametrize("make, view", [(_batch, "view"), (_compare, "tree")])
def test_the_last_column_keeps_room_to_be_read(laptop, window, tmp_path, qtbot, make, view):
    """Columns as wide as on a big screen left 说明 (批量审核) or 对比文件 (比较) a sliver at the right."""
    dialog = make(window, _leting(window, tmp_path))
    dialog.show()
    qtbot.waitExposed(dialog)
    table = getattr(dialog, view)
    header = table.header() if hasattr(table, "header") else table.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + 180 <= table.viewport().width()
    assert header.sectionSize(last) >= 180
    dialog.close()


def test_the_project_names_are_wider_than_the_ticks(laptop, window, tmp_path):
    """从往年文件复制: the last tick column stretched as wide as the projects' names."""
    from perfeditor.ui.last_year import _FIRST_PART_COLUMN

    dialog = _last_year(window, _leting(window, tmp_path))
    dialog.show()
    tree = dialog.tree
    assert tree.columnWidth(0) > 2 * tree.columnWidth(tree.columnCount() - 1)
    assert tree.columnWidth(tree.columnCount() - 1) == tree.columnWidth(_FIRST_PART_COLUMN)
    dialog.close()


def test_the_problems_panel_leaves_the_page_three_quarters(laptop, make_window, qtbot, tmp_path):
    window = make_window()
    _leting(window, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= LAPTOP.width() and window.height() + TITLE_BAR <= LAPTOP.height()
    assert window.problems.height() <= window.height() // 4


def test_the_department_items_texts_get_half_the_width(laptop, make_window, qtbot, tmp_path):
    """二、分项绩效目标: the four buttons in one row under the list made its side 340 wide, and the
    item's 绩效目标 beside it got six characters a line."""
    window = make_window()
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    assert window.open_path(str(path))
    window.show()
    window.editors.select(window.tree_model.department_index())
    qtbot.waitExposed(window)
    items = window.editors.department.items_editor
    qtbot.waitUntil(lambda: items.isVisible())
    assert items.detail.width() >= items.width() // 2, (items.detail.width(), items.width())


def test_the_project_page_needs_no_sideways_scrolling(laptop, make_window, qtbot, tmp_path):
    """资金情况's three figures, each at least 120 wide, made the page 612 wide beside the tree; it
    scrolled sideways, the ends of 表格标题 and 资金用途 out of sight."""
    window = make_window()
    doc = _leting(window, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    for project in doc.projects:
        window.editors.select(window.tree_model.project_index(project))
        form = window.editors.currentWidget()
        room = form.scroll.viewport().width() - 20  # (a vertical scroll bar may take its share)
        assert form.scroll.widget().minimumSizeHint().width() <= room, project.name


def test_a_short_screen_puts_the_toolbar_labels_beside_the_icons(laptop, make_window, monkeypatch):
    """Labels under the icons made the toolbar 63 high of the window's 460: a table row less."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolBar

    window = make_window()
    bar = window.findChild(QToolBar, "main_toolbar")
    assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert bar.sizeHint().width() <= window.width()  # every button shows (none behind the » menu)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1920, 1040))
    big = make_window().findChild(QToolBar, "main_toolbar")
    assert big.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon


def test_the_file_tree_leaves_the_tables_the_room(laptop, make_window, qtbot, tmp_path):
    """The tree's minimum of 280 took 31 % of the laptop's screen (the names are elided, with
    tooltips): its minimum is now 13 characters of the font, and grows with a zoom."""
    window = make_window()
    _leting(window, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    tree = window.tree
    assert tree.width() <= window.width() // 4, (tree.width(), window.width())
    assert tree.minimumWidth() <= 14 * tree.fontMetrics().horizontalAdvance("中") + tree.indentation()
    before = tree.minimumWidth()
    window.zoom(+4)
    assert tree.minimumWidth() > before


def _projects_shown(window, qtbot, doc):
    window.show()
    qtbot.waitExposed(window)
    for project in doc.projects:
        window.editors.select(window.tree_model.project_index(project))
        yield project, window.editors.project.table


@pytest.mark.parametrize("name", ["leting_2024.xlsx", "pingxiang_2020_part.docx"])
def test_the_indicator_table_needs_no_sideways_scrolling(laptop, make_window, qtbot, tmp_path, name):
    """The indicator columns took 813 pixels of a table 635 wide: it scrolled sideways, 指标值确定依据
    out of sight. The text columns now share the width and wrap (their rows growing), the figures'
    columns (优/良/中/差) as wide as their titles and figures, a title wider than its column wraps."""
    from perfeditor.ui.row_table import MIN_CHARS

    window = make_window()
    shutil.copy(fixture_path(name), tmp_path / name)
    assert window.open_path(str(tmp_path / name))
    for project, table in _projects_shown(window, qtbot, window.session.doc):
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width(), project.name
        assert table.horizontalScrollBar().maximum() == 0, project.name
        heights = [table.rowHeight(r) for r in range(table.model().rowCount())]
        table.resizeRowsToContents()
        assert [table.rowHeight(r) for r in range(table.model().rowCount())] == heights  # wrapped text whole
        for column, field in enumerate(table.model().columns):
            if field.startswith("grade:"):
                assert table.columnWidth(column) >= header.sectionSizeFromContents(column).width()
            else:
                assert table.columnWidth(column) >= MIN_CHARS * table.fontMetrics().horizontalAdvance("中")
        title = header.sectionSizeFromContents(0)
        if title.width() > table.columnWidth(0):  # 绩效指标分类 on two lines
            assert header.height() >= title.height() + header.fontMetrics().height()


def test_a_big_screen_keeps_the_tables_widths(make_window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1920, 1040))
    window = make_window()
    doc = _leting(window, tmp_path)
    for _, table in _projects_shown(window, qtbot, doc):
        scale = table.font_scale()
        widths = [table.columnWidth(c) for c in range(len(table.model().columns))]
        assert widths[:-1] == [int(w * scale) for w in table.base_widths()][:-1]
        assert widths[-1] >= int(table.base_widths()[-1] * scale)  # (the last one stretches)


def test_a_column_the_clerk_drags_keeps_its_width(laptop, make_window, qtbot, tmp_path):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    window = make_window()
    doc = _leting(window, tmp_path)
    table = next(_projects_shown(window, qtbot, doc))[1]
    header = table.horizontalHeader()
    column = table.model().columns.index("level3")
    before = table.columnWidth(column)
    edge = QPoint(header.sectionViewportPosition(column) + before - 1, header.height() // 2)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)
    QTest.mouseMove(header.viewport(), edge + QPoint(50, 0))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       edge + QPoint(50, 0))
    dragged = table.columnWidth(column)
    assert dragged >= before + 40
    heights = [table.rowHeight(r) for r in range(table.model().rowCount())]
    table.resizeRowsToContents()
    assert [table.rowHeight(r) for r in range(table.model().rowCount())] == heights  # fitted to the new width
    window.resize(window.width() - 80, window.height())  # the others share what is left
    window.editors.select(window.tree_model.project_index(doc.projects[3]))
    assert table.columnWidth(column) == dragged


@pytest.mark.parametrize("kind", ["hebei-project", "hebei-graded", "mof-2015", "mof-2021"])
def test_a_new_form_needs_no_sideways_scrolling(laptop, make_window, qtbot, kind):
    """新建 河北评分表: its 优/良/中/差 columns are empty, measured 16 pixels wide, which the header
    made 26 (its least): the table still scrolled sideways, and a figure typed there took three
    lines. An empty one now has room for a figure (≥100%)."""
    from perfeditor.ui.new_form import NewFormChoice, new_form
    from perfeditor.ui.row_table import FIGURE

    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    assert new_form(window, NewFormChoice(kind, True, "定州市住房和城乡建设局", "333002", 2025))
    table = window.editors.project.table
    assert table.horizontalScrollBar().maximum() == 0
    for column, field in enumerate(table.model().columns):
        if field.startswith("grade:"):
            assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(FIGURE)


def _answer_box(qtbot, seen, key):
    """Looks at the message box shown, then presses ``key`` in it."""
    from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    button = box.defaultButton()
    seen.update(frame=box.frameGeometry(), button=button.mapTo(box, button.rect().bottomRight()),
                height=box.height(), panes=box.findChildren(QScrollArea), text=button.text())
    qtbot.keyClick(box, key)


def test_a_long_message_keeps_its_buttons_on_the_screen(laptop, window, qtbot):
    """What a save to another layout leaves out, line by line: the box was 666 high on a laptop's
    512, 确定 (or 继续保存) below the screen's edge. The text now scrolls in a pane beside the icon."""
    from PySide6.QtCore import Qt, QTimer

    from perfeditor.ui.dialogs import UserDialogService
    from perfeditor.ui.files import losses_question

    names = "、".join(f"“2023年中央城镇保障性安居工程补助资金{n}”" for n in range(3))
    lines = [f"河北分级评价标准绩效目标表没有“栏目{n}”栏，{names}等 21 个项目的该项内容未写入。" for n in range(10)]
    service, seen = UserDialogService(window), {}
    QTimer.singleShot(0, lambda: _answer_box(qtbot, seen, Qt.Key.Key_Return))
    service.warning("已保存。目标版式容纳不下以下内容，未写入：\n" + "\n".join(lines))
    assert seen["frame"].height() + TITLE_BAR <= LAPTOP.height() and seen["frame"].width() <= LAPTOP.width()
    assert seen["button"].y() < seen["height"] and seen["text"] == "确定"
    QTimer.singleShot(0, lambda: _answer_box(qtbot, seen, Qt.Key.Key_Return))
    assert service.question(losses_question("表.docx", lines, lines), yes="继续保存", no="取消", default_yes=True)
    assert seen["frame"].height() + TITLE_BAR <= LAPTOP.height() and seen["text"] == "继续保存"
    QTimer.singleShot(0, lambda: _answer_box(qtbot, seen, Qt.Key.Key_Escape))
    assert not service.question("删除项目“道路维修”及其全部指标？（可撤销）")
    assert not seen["panes"]  # a short question is Qt's own box


def test_a_long_status_line_does_not_run_under_the_counts(laptop, make_window, qtbot, tmp_path):
    """After 另存为 to a layout that holds less, the status line (what was cleared, Ctrl+Z to undo)
    ran on under the counts on a laptop (…已从窗口中清除错误 0 警告 1): it now ends in … before
    them, the whole of it the status bar's tooltip; a short line is shown whole."""
    window = make_window()
    _leting(window, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    bar = window.statusBar()
    long = "已保存到“乐亭.docx”。“乐亭.docx”没有的项目编码、单位、资金用途、资金支出计划、预算数、财政资金已从窗口中清除，" \
        "与文件一致；如需找回，请按 Ctrl+Z 撤销后另存为能容纳这些内容的版式。"
    window.show_message(long)
    shown = bar.currentMessage()
    assert shown.endswith("…") and long.startswith(shown[:-1]) and bar.toolTip() == long
    counts = window.status_counts.mapTo(bar, window.status_counts.rect().topLeft()).x()
    assert bar.fontMetrics().horizontalAdvance(shown) < counts
    window.show_message("已保存到“乐亭.docx”。")
    assert bar.currentMessage() == "已保存到“乐亭.docx”。" and not bar.toolTip()


def test_find_does_not_hide_what_it_found(laptop, make_window, qtbot, tmp_path):
    """查找和替换 opened over the middle of the window; on a laptop that is the indicator table, and
    the dialog hid every cell 查找下一个 went to. It now moves off the cell found."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QApplication

    window = make_window()
    _leting(window, tmp_path)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editors.current_table().setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.find_dialog
    qtbot.keyClicks(dialog.find_edit, "100%")
    for _ in range(4):
        qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
        table = window.editors.current_table()
        cell = table.visualRect(table.currentIndex())
        found = QRect(table.viewport().mapToGlobal(cell.topLeft()), cell.size())
        assert "共" in dialog.status.text() and not dialog.frameGeometry().intersects(found)
        assert dialog.frameGeometry().bottom() <= LAPTOP.bottom()
    dialog.close()


def test_resizing_a_table_with_room_measures_no_rows(make_window, qtbot, tmp_path, monkeypatch):
    """With room for every column, a resize changes only the last (stretched) column: its rows are
    not measured again (the stretched column counted as changed, and every resize of the window
    measured up to 200 rows)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1920, 1040))
    window = make_window()
    doc = _leting(window, tmp_path)
    table = next(_projects_shown(window, qtbot, doc))[1]
    measured = []
    monkeypatch.setattr(table, "fit_rows", lambda *a: measured.append(a))
    for step in (-40, 40, -80):
        window.resize(window.width() + step, window.height())
    assert not measured and table.horizontalScrollBar().maximum() == 0


def test_the_tree_rows_fit_the_chinese_names(make_window, qtbot, tmp_path, monkeypatch):
    """The tree's rows are all as high as its first, the file's: a file named in Latin letters made
    them too low for the projects' Chinese names (Linux's Chinese fonts are the taller)."""
    from PySide6.QtWidgets import QStyledItemDelegate

    from perfeditor.ui.tree_model import DocumentTreeModel

    monkeypatch.setattr(DocumentTreeModel, "_findings", lambda self, node: [])  # no 〔1 错〕 after the name
    window = make_window()
    shutil.copy(fixture_path("leting_2024.xlsx"), tmp_path / "leting.xlsx")
    assert window.open_path(str(tmp_path / "leting.xlsx"))
    window.show()
    qtbot.waitExposed(window)
    tree, model = window.tree, window.tree_model
    rows = [model.file_index()] + [model.project_index(p) for p in window.session.doc.projects]
    uniform = {tree.visualRect(i).height() for i in rows}
    tree.setUniformRowHeights(False)
    tree.setItemDelegate(QStyledItemDelegate(tree))  # each row measured by its own text, as Qt does
    tree.doItemsLayout()
    needed = max(tree.visualRect(i).height() for i in rows)
    assert len(uniform) == 1 and uniform.pop() >= needed > tree.visualRect(rows[0]).height()


def test_an_empty_problems_panel_is_only_its_title(laptop, make_window, qtbot, tmp_path, monkeypatch):
    """审核结果 with nothing found took a quarter of a laptop's window, empty: it is now its title
    line until there are findings, then as high as before (the height the clerk dragged)."""
    from PySide6.QtCore import Qt

    from perfeditor.rules import Validator

    found = {"none": True}
    check = Validator.validate_all
    monkeypatch.setattr(Validator, "validate_all", lambda self: [] if found["none"] else check(self))
    window = make_window()
    _leting(window, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    panel = window.problems
    title = panel.minimumSizeHint().height()
    assert panel.windowTitle() == "审核结果（未发现问题）" and panel.height() <= title + 2
    found["none"] = False
    window.session.validate_all()
    qtbot.waitUntil(lambda: panel.height() == min(170, window.height() // 4))
    assert panel.view.isVisible() and panel.view.height() > 3 * panel.view.rowHeight(0)
    # the clerk drags the line above it up (as a drag does: offscreen, a mouse drag never reaches it)
    window.resizeDocks([panel], [panel.height() + 40], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: panel.height() >= min(170, window.height() // 4) + 30)
    dragged = panel.height()
    found["none"] = True
    window.session.validate_all()
    qtbot.waitUntil(lambda: panel.height() <= title + 2)
    found["none"] = False
    window.session.validate_all()
    qtbot.waitUntil(lambda: panel.height() == dragged)


def _place_shown(window, dialog) -> None:
    """The cell the window went to is on the screen, in its table's sight, not under ``dialog``."""
    from PySide6.QtCore import QRect

    table = window.editors.current_table()
    cell = table.visualRect(table.currentIndex())
    assert table.viewport().rect().contains(cell)  # scrolled to
    found = QRect(table.viewport().mapToGlobal(cell.topLeft()), cell.size())
    screen = dialog.screen().availableGeometry()
    assert not dialog.frameGeometry().intersects(found) and screen.contains(found)
    assert screen.contains(dialog.frameGeometry())


@pytest.mark.parametrize("screen", [LAPTOP, QRect(0, 0, 1920, 1040)])
def test_compare_does_not_hide_the_differences(make_window, qtbot, tmp_path, monkeypatch, screen):
    """比较 covered nearly the whole laptop window: each difference F8 went to was under it. It now
    moves off (and is shorter where the room is less), the list keeping the keys."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from perfeditor.compare import diff_documents
    from perfeditor.ui.compare_view import CompareDialog

    monkeypatch.setattr(QScreen, "availableGeometry", lambda s: QRect(screen))
    window = make_window()
    doc = _leting(window, tmp_path)
    other = load_document(fixture_path("leting_2024.xlsx"))
    for p in (0, 2, 5):
        for i in (1, 6):
            other.projects[p].indicators[i].value += "（改）"
    window.show()
    qtbot.waitExposed(window)
    dialog = CompareDialog(window, diff_documents(doc, other), "比较", "")
    dialog.show()
    dialog.activateWindow()
    dialog.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.tree)
    for n in range(6):
        qtbot.keyClick(dialog.tree, Qt.Key.Key_F8)
        table = window.editors.current_table()
        assert table.table_model().project is doc.projects[(0, 2, 5)[n // 2]]
        _place_shown(window, dialog)
        assert QApplication.focusWidget() is dialog.tree and dialog.height() >= dialog.minimumSizeHint().height()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_batch_results_do_not_hide_the_finding(laptop, make_window, qtbot, tmp_path):
    """批量审核结果 covered nearly the whole laptop window: the finding Enter opened was under it.
    It now moves off, the keys in the window at the finding's cell for the clerk to mend it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from perfeditor.review import collect_files, review_files
    from perfeditor.ui.batch_review import BatchResultsDialog, open_at

    window = make_window()
    doc = _leting(window, tmp_path)
    window.show()
    qtbot.waitExposed(window)
    results = list(review_files(collect_files([doc.path]), workers=1))
    dialog = BatchResultsDialog(results, str(tmp_path), window)
    dialog.openRequested.connect(lambda path, f: open_at(window, path, f))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.filter_edit)
    dialog.filter_edit.setText("无涉及")  # (typed with an input method: findings on an indicator's cell)
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Down)
    assert dialog.proxy.rowCount() and QApplication.focusWidget() is dialog.view
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    _place_shown(window, dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editors.current_table())
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.deleteLater()
