"""The window's print actions: 打印预览, 打印, 导出 PDF (and 页面设置).

``project_indexes``: the indexes of the projects to print, or None for the whole file (the
department part first). Page setup is remembered per layout (:mod:`page_setup`). Failures are
shown to the clerk as Chinese messages, never as tracebacks.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from perfeditor.errors import PerfeditorError
from perfeditor.io.source import SourceMap
from perfeditor.model.document import Document
from perfeditor.printing.buttons import ok_cancel
from perfeditor.printing.page_setup import (
    ORIENTATIONS,
    PAPERS,
    PageSetup,
    load_page_setup,
    save_page_setup,
    setup_from_layout,
)
from perfeditor.printing.paginate import PagedSections, PrintCancelled
from perfeditor.printing.pdf import print_layout_key, sections_for, write_pdf


def _warn(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def _job_title(doc: Document, project_indexes: list[int] | None) -> str:
    if project_indexes is not None and len(project_indexes) == 1 \
            and 0 <= project_indexes[0] < len(doc.projects):
        return doc.projects[project_indexes[0]].name or "绩效目标表"
    return Path(doc.path).stem if doc.path else "预算绩效目标表"


def _setups(doc: Document):
    """The page setup of each layout (the department part takes the file's)."""
    key = print_layout_key(doc, None)
    cache: dict[str, object] = {}

    def setup_for(layout: str):
        name = layout or key
        if name not in cache:
            cache[name] = load_page_setup(name)
        return cache[name]
    return setup_for


def _prepare(doc: Document, project_indexes: list[int] | None, source_map: SourceMap | None = None):
    """(printer, sections, layout key, page setup per layout)."""
    key = print_layout_key(doc, None)
    setups = _setups(doc)
    sections = sections_for(doc, None, project_indexes, source_map)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(setups(sections[0].layout).page_layout(
        any(s.landscape for s in sections)))
    printer.setDocName(_job_title(doc, project_indexes))
    printer.setCreator("perfeditor")
    return printer, sections, key, setups


def _remember(key: str, printer: QPrinter, was_auto: bool, start_orientation) -> None:
    layout = printer.pageLayout()
    keep_auto = was_auto and layout.orientation() == start_orientation
    save_page_setup(key, setup_from_layout(layout, orientation_was_auto=keep_auto))


def paint_to(printer: QPrinter, sections, setup=None, progress=None) -> int:
    """Paint ``sections`` on ``printer`` honouring its page range; returns pages painted.
    ``setup``: as for :class:`PagedSections` (None: the printer's page layout on every page)."""
    first = last = 0
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        first, last = printer.fromPage(), printer.toPage()
    return PagedSections(sections, printer, setup, progress).paint(first, last)


class Progress:
    """A cancellable progress dialog for laying out and painting (shown after a moment, so a
    short job shows none); called as ``progress(stage, done, total)``, False once cancelled."""

    LABELS = {"layout": "正在排版……（第 {done} 份，共 {total} 份）",
              "paint": "正在生成页面……（第 {done} 页，共 {total} 页）"}

    def __init__(self, parent: QWidget | None, title: str):
        self.dialog = QProgressDialog("正在排版……", "取消", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)

    def __call__(self, stage: str, done: int, total: int) -> bool:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, total))
        self.dialog.setLabelText(self.LABELS.get(stage, "").format(done=done, total=total))
        QApplication.processEvents()
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


def print_preview(parent: QWidget | None, doc: Document,
                  project_indexes: list[int] | None, source_map: SourceMap | None = None) -> None:
    """打印预览 of the chosen projects (or the whole file); ``source_map``: where ``doc`` was read
    from (the cells its file merged down are merged in print too)."""
    try:
        printer, sections, key, setups = _prepare(doc, project_indexes, source_map)
    except PerfeditorError as err:
        _warn(parent, "打印预览", err.message)
        return
    was_auto = setups(sections[0].layout).orientation == "auto"
    start_orientation = printer.pageLayout().orientation()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 - {printer.docName()}")
    _size_like(dialog, parent)
    errors: list[str] = []

    def paint(p: QPrinter) -> None:
        progress = Progress(dialog, "打印预览")
        try:
            paint_to(p, sections, progress=progress)
        except PrintCancelled:
            pass
        except PerfeditorError as err:
            errors.append(err.message)
        finally:
            progress.close()

    def set_up_page() -> None:  # (Qt's own 页面设置 here was as tall as a laptop's screen)
        nonlocal was_auto, start_orientation
        layout = printer.pageLayout()
        chosen = PageSetupDialog(setup_from_layout(layout, was_auto and layout.orientation() == start_orientation),
                                 dialog)
        if chosen.exec() == QDialog.DialogCode.Accepted:
            setup = chosen.setup()
            printer.setPageLayout(setup.page_layout(any(s.landscape for s in sections)))
            was_auto, start_orientation = setup.orientation == "auto", printer.pageLayout().orientation()
            dialog.findChild(QPrintPreviewWidget).updatePreview()

    own = QCoreApplication.translate("QPrintPreviewDialog", "Page setup")
    for action in dialog.findChildren(QAction):
        if action.text() == own:
            action.triggered.disconnect()
            action.triggered.connect(set_up_page)
    dialog.paintRequested.connect(paint)
    dialog.exec()
    _remember(key, printer, was_auto, start_orientation)
    if errors:
        _warn(parent, "打印预览", errors[-1])


def _size_like(dialog: QWidget, parent: QWidget | None) -> None:
    """A preview as large as the window it previews (Qt opens it at about 700×500, a page at
    38 %), within the screen."""
    screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
    room = screen.availableGeometry().size() * 0.9 if screen is not None else None
    want = parent.window().size() if parent is not None else room
    if want is None:
        return
    if room is not None:
        want = want.boundedTo(room)
    dialog.resize(want.expandedTo(dialog.sizeHint()))


def print_document(parent: QWidget | None, doc: Document,
                   project_indexes: list[int] | None, source_map: SourceMap | None = None) -> bool:
    """打印: the system print dialog, then print; True when something was sent to the printer
    (``source_map``: as for :func:`print_preview`)."""
    try:
        printer, sections, key, setups = _prepare(doc, project_indexes, source_map)
    except PerfeditorError as err:
        _warn(parent, "打印", err.message)
        return False
    was_auto = setups(sections[0].layout).orientation == "auto"
    start = printer.pageLayout()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    chosen = printer.pageLayout()
    setup = setups  # untouched in the dialog: each form's own page setup and orientation
    if not chosen.isEquivalentTo(start):  # the clerk chose paper/orientation/margins here
        _remember(key, printer, was_auto, start.orientation())
        setup = setup_from_layout(chosen, orientation_was_auto=was_auto and chosen.orientation()
                                  == start.orientation())
    progress = Progress(parent, "打印")
    try:
        return paint_to(printer, sections, setup, progress) > 0
    except PrintCancelled:
        return False
    except PerfeditorError as err:
        _warn(parent, "打印", err.message)
        return False
    finally:
        progress.close()  # (it stayed open, full, after a long print)


_PAPER_NAMES = ("A4（210×297 毫米）", "A3（297×420 毫米）", "B5（176×250 毫米）", "美式信纸（216×279 毫米）")
_ORIENTATION_NAMES = ("自动（表格宽时横向）", "纵向", "横向")
_SIDES = ("上", "下", "左", "右")  # (PageSetup.margins: left, top, right, bottom)
_MARGIN_OF_SIDE = (1, 3, 0, 2)


class PageSetupDialog(QDialog):
    """页面设置: 纸张, 方向, 页边距, as :class:`PageSetup` has them. Qt's own was 494 high, taller than
    a 1366×768 laptop's screen at 150 % (512) once its title bar was added, and had no 自动."""

    def __init__(self, setup: PageSetup, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("页面设置")
        self.paper, self.orientation = QComboBox(), QComboBox()
        for box, names, values, value in ((self.paper, _PAPER_NAMES, PAPERS, setup.paper),
                                          (self.orientation, _ORIENTATION_NAMES, ORIENTATIONS, setup.orientation)):
            for name, key in zip(names, values, strict=True):
                box.addItem(name, key)
            box.setCurrentIndex(max(0, box.findData(value)))
        self.margins: list[QDoubleSpinBox] = []
        grid = QGridLayout()
        for n, side in enumerate(_SIDES):
            spin = QDoubleSpinBox()
            spin.setRange(0, 60)
            spin.setDecimals(1)
            spin.setSuffix(" 毫米")
            spin.setValue(setup.margins[_MARGIN_OF_SIDE[n]])
            label = QLabel(f"{side}(&{'TBLR'[n]})：")
            label.setBuddy(spin)
            grid.addWidget(label, n // 2, n % 2 * 2)
            grid.addWidget(spin, n // 2, n % 2 * 2 + 1)
            self.margins.append(spin)
        form = QFormLayout(self)
        form.addRow("纸张(&P)：", self.paper)
        form.addRow("方向(&O)：", self.orientation)
        form.addRow(QLabel("页边距："))
        form.addRow(grid)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def setup(self) -> PageSetup:
        top, bottom, left, right = (spin.value() for spin in self.margins)
        return PageSetup(self.paper.currentData(), self.orientation.currentData(), (left, top, right, bottom))


def page_setup(parent: QWidget | None, doc: Document) -> None:
    """页面设置 for the file's layout (remembered for later prints and PDF exports)."""
    key = print_layout_key(doc, None)
    dialog = PageSetupDialog(load_page_setup(key), parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        save_page_setup(key, dialog.setup())
    dialog.deleteLater()


def default_pdf_path(doc: Document, project_indexes: list[int] | None) -> str:
    folder = Path(doc.path).parent if doc.path else Path.home()
    return str(folder / f"{_job_title(doc, project_indexes)}.pdf")


def export_pdf(parent: QWidget | None, doc: Document,
               project_indexes: list[int] | None, source_map: SourceMap | None = None) -> str | None:
    """导出 PDF: ask where, write it; returns the path written, or None (``source_map``: as for
    :func:`print_preview`)."""
    path, _ = QFileDialog.getSaveFileName(parent, "导出 PDF", default_pdf_path(doc, project_indexes),
                                          "PDF 文件 (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    progress = Progress(parent, "导出 PDF")
    try:
        write_pdf(doc, path, project_indexes=project_indexes, page_setup=_setups(doc), progress=progress,
                  source_map=source_map)
    except PrintCancelled:
        return None
    except PerfeditorError as err:
        _warn(parent, "导出 PDF", err.message)
        return None
    finally:
        progress.close()
    return path
