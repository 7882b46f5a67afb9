"""Lay the print sections out on pages and paint them, with a ``第 N 页 共 M 页`` footer.

Each section (department part, each project) is a ``QTextDocument`` of its own, laid out for its
page body, so every project starts on a new page; table header rows in ``<thead>`` repeat at the
top of each page. We paginate ourselves (``drawContents`` of one page-height slice at a time)
instead of ``QTextDocument.print_`` so that we draw our own footer.

Orientation is chosen per section: a wide form gets landscape pages, a narrow one portrait, in
the same job (``setPageLayout`` before ``newPage``), unless the page setup fixes an orientation.
Devices that cannot change the page layout while printing (the print preview, native Windows
printers) get one layout for the whole job: landscape when any section is wide.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPaintEngine,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QTextTable,
    QTextTableCell,
)

from perfeditor.errors import FormWriteError
from perfeditor.printing.bounded import KEEP_HTML_CHARS
from perfeditor.printing.fonts import print_font
from perfeditor.printing.html import TEXT_PT, Section

FOOTER = "第 {page} 页 共 {pages} 页"
#: Height kept at the bottom of each page body for the footer, in millimetres.
FOOTER_MM = 8.0
FOOTER_PT = 9.0


class PrintCancelled(FormWriteError):
    """The clerk cancelled a print or an export while it was being laid out or painted."""


def _mm_to_px(mm: float, resolution: int) -> float:
    return mm / 25.4 * resolution


def mixed_layouts_possible(device: QPagedPaintDevice) -> bool:
    """True when ``device`` may change page size/orientation between pages of one job (Qt's PDF
    engine: ``QPdfWriter``, ``QPrinter`` writing PDF or printing through CUPS)."""
    engine = device.paintEngine()
    return engine is not None and engine.type() == QPaintEngine.Type.Pdf


def _tables(frame: QTextFrame):
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from _tables(child)


def _cells(table: QTextTable):
    """Each cell once (merged cells at their top-left corner)."""
    for r in range(table.rows()):
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            if cell.isValid() and cell.row() == r and cell.column() == c:
                yield cell


def _content_extent(text_doc: QTextDocument, cell: QTextTableCell,
                    layout=None) -> tuple[float, float]:
    """Top of the cell's first block and bottom of its last one (found by position: no cursors,
    one bounding rect when the cell holds one block, as most do)."""
    layout = layout or text_doc.documentLayout()
    block = text_doc.findBlock(cell.firstPosition())
    rect = layout.blockBoundingRect(block)
    last_position = cell.lastPosition()
    if block.contains(last_position):
        return rect.top(), rect.bottom()
    last = text_doc.findBlock(last_position)
    return rect.top(), layout.blockBoundingRect(last).bottom()


#: Room around the repeated header rows' text (cell padding and borders), in device pixels per
#: page-body pixel: a fraction of the page height is plenty and resolution-independent.
_HEADER_SLACK = 0.01


def top_align_split_cells(text_doc: QTextDocument, page_height: float) -> int:
    """Vertically centred cells of a table row cut by a page break are centred over the whole
    row, page break and repeated header included, so their text lands on the repeated header on
    the next page (or straddles the break). Such cells are aligned to the top instead; returns
    how many were changed."""
    changed = 0
    layout = text_doc.documentLayout()
    to_change = []
    for table in _tables(text_doc.rootFrame()):
        rect = layout.frameBoundingRect(table)
        if int(rect.top() // page_height) == int((rect.bottom() - 1) // page_height):
            continue  # on one page
        headers = table.format().headerRowCount()
        header_zone = 0.0
        cells = list(_cells(table))
        if headers:
            header_zone = max(_content_extent(text_doc, c, layout)[1]
                              for c in cells if c.row() < headers)
            header_zone = header_zone - rect.top() + _HEADER_SLACK * page_height
        for cell in cells:
            if cell.row() < headers:
                continue
            top, bottom = _content_extent(text_doc, cell, layout)
            first_page = int(top // page_height)
            crosses = first_page != int((bottom - 1) // page_height)
            on_header = first_page > 0 and top - first_page * page_height < header_zone
            if (crosses or on_header) and (cell.format().toTableCellFormat().verticalAlignment()
                                           != QTextCharFormat.VerticalAlignment.AlignTop):
                to_change.append(cell)
    if to_change:
        edit = QTextCursor(text_doc)
        edit.beginEditBlock()  # one relayout for all the cells
        for cell in to_change:
            fmt = cell.format()
            if fmt.verticalAlignment() != QTextCharFormat.VerticalAlignment.AlignTop:
                fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignTop)
                cell.setFormat(fmt)
                changed += 1
        edit.endEditBlock()
    return changed


class _Part:
    """One section laid out for its page layout. A ``transient`` part keeps only its page count
    after it is laid out (:meth:`release`) and is laid out again to be painted (:meth:`ensure`)."""

    def __init__(self, section: Section, layout: QPageLayout, device: QPagedPaintDevice):
        self.section, self.device = section, device
        self.transient = False
        resolution = device.resolution()
        body = layout.paintRectPixels(resolution)
        self.layout = layout
        self.width = float(body.width())
        self.footer_height = _mm_to_px(FOOTER_MM, resolution)
        self.body_height = float(body.height()) - self.footer_height
        if self.width <= 0 or self.body_height <= 0:
            raise FormWriteError("页边距过大，纸张上没有可打印的区域；请在“页面设置”中减小页边距。")
        self.document: QTextDocument | None = self._lay_out()
        self.pages = max(1, self.document.pageCount())

    def _lay_out(self) -> QTextDocument:
        section, device = self.section, self.device
        text_doc = QTextDocument()
        text_doc.setDefaultFont(print_font(TEXT_PT))
        text_doc.setUndoRedoEnabled(False)
        text_doc.documentLayout().setPaintDevice(device)
        text_doc.setDocumentMargin(2)
        text_doc.setPageSize(QSizeF(self.width, self.body_height))
        # insertHtml, not setHtml: setHtml reports the whole document as new, which Qt lays out
        # lazily (a first step, then the rest again from a check point before the big table: each
        # form laid out twice); an insert before the final paragraph is laid out in one pass.
        # Same blocks, same formats, same pages.
        QTextCursor(text_doc).insertHtml(section.html)
        if not section.top_aligned:
            top_align_split_cells(text_doc, self.body_height)
        return text_doc

    def ensure(self) -> QTextDocument:
        """The laid-out document (laid out again if it was released)."""
        if self.document is None:
            self.document = self._lay_out()
        return self.document

    def release(self) -> None:
        """Forget the laid-out document (its page count stays)."""
        self.document = None


class PagedSections:
    """The sections laid out for one paged device (``QPrinter`` or ``QPdfWriter``).

    ``setup``: a :class:`~perfeditor.printing.page_setup.PageSetup` (paper, margins and
    orientation, "auto": as each section needs) for every section, or a function giving the page
    setup of a layout name (each section gets the one of the layout it is printed in); None:
    every page in the device's current page layout.
    """

    def __init__(self, sections: list[Section], device: QPagedPaintDevice, setup=None, progress=None):
        """``progress(stage, done, total)``, when given, is called after each section is laid
        out (stage "layout") and each page is painted ("paint"); it returns False to cancel
        (:class:`PrintCancelled`). The window uses it for a progress dialog."""
        self.device = device
        self.progress = progress
        if setup is None:
            layouts = [device.pageLayout()] * len(sections)
        else:
            setups = [setup(s.layout) if callable(setup) else setup for s in sections]
            if mixed_layouts_possible(device):
                layouts = [st.page_layout(s.landscape) for st, s in zip(setups, sections, strict=False)]
            else:  # one layout for the job: the first form's setup, landscape if any is wide
                wide = any(s.landscape for s in sections)
                layouts = [setups[0].page_layout(wide)] * len(sections)
        self.parts = []
        kept = 0
        for s, lay in zip(sections, layouts, strict=False):
            part = _Part(s, lay, device)
            kept += len(s.html)
            if kept > KEEP_HTML_CHARS:  # memory stays bounded: laid out again when painted
                part.transient = True
                part.release()
            self.parts.append(part)
            self._step("layout", len(self.parts), len(sections))
        self.page_counts = [part.pages for part in self.parts]
        self.footer_font = print_font(FOOTER_PT)

    def _step(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None and self.progress(stage, done, total) is False:
            raise PrintCancelled("已取消。")

    @property
    def documents(self) -> list[QTextDocument]:
        return [part.ensure() for part in self.parts]

    @property
    def page_count(self) -> int:
        return sum(self.page_counts)

    def page_layouts(self) -> list[QPageLayout]:
        """The page layout of every page, in order."""
        return [part.layout for part in self.parts for _ in range(part.pages)]

    def _use_layout(self, layout: QPageLayout) -> None:
        if not self.device.pageLayout().isEquivalentTo(layout):
            if not self.device.setPageLayout(layout):
                raise FormWriteError("打印中断：打印机不支持在同一任务中改变纸张方向；"
                                     "请在“页面设置”中选定纸张方向后重试。")

    def paint(self, first_page: int = 0, last_page: int = 0) -> int:
        """Paint the pages ``first_page``…``last_page`` (1-based, 0 = no bound) on the device;
        returns how many pages were painted."""
        total = self.page_count
        first = max(1, first_page or 1)
        last = min(total, last_page or total)
        wanted = [(part, page, number)
                  for number, (part, page) in enumerate(
                      ((part, page) for part in self.parts for page in range(part.pages)), 1)
                  if first <= number <= last]
        if not wanted:
            return 0
        self._use_layout(wanted[0][0].layout)
        painter = QPainter()
        if not painter.begin(self.device):
            raise FormWriteError("无法开始打印：打印机或输出文件不可用。")
        painted = 0
        try:
            for part, page, number in wanted:
                if painted:
                    self._use_layout(part.layout)
                    if not self.device.newPage():
                        raise FormWriteError("打印中断：无法开始新的一页。")
                self._paint_page(painter, part, page, number, total)
                if part.transient and page == part.pages - 1:
                    part.release()
                painted += 1
                self._step("paint", painted, len(wanted))
        finally:
            painter.end()
        return painted

    def _paint_page(self, painter: QPainter, part: _Part, page: int, number: int,
                    total: int) -> None:
        top = page * part.body_height
        painter.save()
        painter.translate(0, -top)
        part.ensure().drawContents(painter, QRectF(0, top, part.width, part.body_height))
        painter.restore()
        painter.save()
        painter.setFont(self.footer_font)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(QRectF(0, part.body_height, part.width, part.footer_height),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                         FOOTER.format(page=number, pages=total))
        painter.restore()
