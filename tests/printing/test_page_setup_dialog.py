"""页面设置 on a laptop: Qt's own dialog was 494 high, taller than a 1366×768 screen at 150 % (512)
once its title bar was added, its 确定 below the screen's edge. Ours has 纸张, 方向 (with 自动) and
页边距 in Chinese, and keeps what the clerk chose for the file's layout."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QScreen

from perfeditor.model import Document

LAPTOP = QRect(0, 0, 911, 512)
TITLE_BAR = 40
K, none = Qt.Key, Qt.KeyboardModifier.NoModifier


def _drive(qtbot, seen: dict, keys) -> None:
    """Looks at the modal 页面设置 shown, then types ``keys`` into it."""
    from PySide6.QtWidgets import QLabel

    from perfeditor.printing.dialogs import PageSetupDialog
    from tests.ui.test_chinese import foreign

    dialog = _shown(PageSetupDialog)
    seen.update(title=dialog.windowTitle(), height=dialog.frameGeometry().height(),
                width=dialog.frameGeometry().width(), size=dialog.sizeHint(),
                foreign=[t for t in (w.text() for w in dialog.findChildren(QLabel)) if foreign(t)])
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None)
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(dialog.focusWidget(), key)
        else:
            qtbot.keyClick(dialog.focusWidget(), key, Qt.KeyboardModifier.ControlModifier if key == K.Key_A else none)


def _shown(kind):
    from PySide6.QtWidgets import QApplication

    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


@pytest.fixture
def laptop(monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(LAPTOP))


def test_page_setup_fits_the_laptop_and_keeps_the_choice(laptop, settings, qtbot):
    from perfeditor.printing.dialogs import page_setup
    from perfeditor.printing.page_setup import load_page_setup

    doc = Document(layout="hebei-graded")
    seen: dict = {}
    keys = [K.Key_Down, K.Key_Tab, K.Key_End, K.Key_Tab, K.Key_Tab, K.Key_Tab, K.Key_A, "30", K.Key_Return]
    # A3, 横向, 上, 下, 左 margin 30 mm (Ctrl+A then typed), 确定
    QTimer.singleShot(0, lambda: _drive(qtbot, seen, keys))
    page_setup(None, doc)
    assert seen["title"] == "页面设置" and not seen["foreign"]
    assert seen["size"].height() + TITLE_BAR <= LAPTOP.height() and seen["size"].width() <= LAPTOP.width()
    setup = load_page_setup("hebei-graded")
    assert (setup.paper, setup.orientation, setup.margins) == ("A3", "landscape", (30.0, 22.0, 24.0, 15.0))
    QTimer.singleShot(0, lambda: _drive(qtbot, seen, [K.Key_Down, K.Key_Escape]))
    page_setup(None, doc)  # 取消: nothing changes
    assert load_page_setup("hebei-graded") == setup
    assert load_page_setup("hebei-project").paper == "A4"  # (another layout keeps its own)


def test_the_preview_page_setup_button_opens_ours(laptop, settings, qtbot):
    """打印预览's own 打印设置 button opened Qt's tall page setup dialog: it opens ours, and the
    preview takes the paper and orientation chosen (remembered for the layout on closing)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPageSetupDialog, QPrintPreviewDialog

    from perfeditor.printing.dialogs import PageSetupDialog, print_preview
    from perfeditor.printing.page_setup import load_page_setup
    from tests.printing.test_dialogs import document

    seen: dict = {}

    def in_preview():
        preview = _shown(QPrintPreviewDialog)
        if preview is None:  # (still painting)
            QTimer.singleShot(50, in_preview)
            return
        text = QCoreApplication.translate("QPrintPreviewDialog", "Page setup")
        button = next(a for a in preview.findChildren(QAction) if a.text() == text)
        def answer():
            seen["ours"] = _shown(PageSetupDialog) is not None
            if seen["ours"]:
                _drive(qtbot, seen, [K.Key_Tab, K.Key_End, K.Key_Return])  # 横向, 确定
            else:
                _shown(QPageSetupDialog).reject()

        QTimer.singleShot(0, answer)
        button.trigger()
        seen["orientation"] = preview.printer().pageLayout().orientation()
        preview.reject()

    QTimer.singleShot(0, in_preview)
    doc = document()
    print_preview(None, doc, None)
    from PySide6.QtGui import QPageLayout

    assert seen["ours"] and not seen["foreign"] and seen["orientation"] == QPageLayout.Orientation.Landscape
    assert load_page_setup(doc.layout or "hebei-project").orientation == "landscape"
