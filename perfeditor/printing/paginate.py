"""Lay the print sections out on pages and paint them, with a ``第 N 页 共 M 页`` footer.

Each section (department part, each project) is a ``QTextDocument`` of its own, laid out for the
device's page body, so every project starts on a new page; table header rows in ``<thead>``
repeat at the top of each page. We paginate ourselves (``drawContents`` of one page-height
slice at a time) instead of ``QTextDocument.print_`` so that we draw our own footer.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPainter, QTextDocument

from perfeditor.errors import FormWriteError
from perfeditor.printing.fonts import print_font
from perfeditor.printing.html import TEXT_PT, Section

FOOTER = "第 {page} 页 共 {pages} 页"
#: Height kept at the bottom of each page body for the footer, in millimetres.
FOOTER_MM = 8.0
FOOTER_PT = 9.0


def _mm_to_px(mm: float, resolution: int) -> float:
    return mm / 25.4 * resolution


class PagedSections:
    """The sections laid out for one paged device (``QPrinter`` or ``QPdfWriter``)."""

    def __init__(self, sections: list[Section], device: QPagedPaintDevice):
        self.device = device
        resolution = device.resolution()
        body = device.pageLayout().paintRectPixels(resolution)
        self.width = float(body.width())
        self.footer_height = _mm_to_px(FOOTER_MM, resolution)
        self.body_height = float(body.height()) - self.footer_height
        if self.width <= 0 or self.body_height <= 0:
            raise FormWriteError("页边距过大，纸张上没有可打印的区域；请在“页面设置”中减小页边距。")
        self.documents: list[QTextDocument] = []
        for section in sections:
            text_doc = QTextDocument()
            text_doc.setDefaultFont(print_font(TEXT_PT))
            text_doc.setUndoRedoEnabled(False)
            text_doc.documentLayout().setPaintDevice(device)
            text_doc.setDocumentMargin(2)
            text_doc.setPageSize(QSizeF(self.width, self.body_height))
            text_doc.setHtml(section.html)
            self.documents.append(text_doc)
        self.page_counts = [max(1, d.pageCount()) for d in self.documents]
        self.footer_font = print_font(FOOTER_PT)

    @property
    def page_count(self) -> int:
        return sum(self.page_counts)

    def paint(self, first_page: int = 0, last_page: int = 0) -> int:
        """Paint the pages ``first_page``…``last_page`` (1-based, 0 = no bound) on the device;
        returns how many pages were painted."""
        total = self.page_count
        first = max(1, first_page or 1)
        last = min(total, last_page or total)
        painter = QPainter()
        if not painter.begin(self.device):
            raise FormWriteError("无法开始打印：打印机或输出文件不可用。")
        painted = 0
        try:
            number = 0
            for text_doc, count in zip(self.documents, self.page_counts):
                for page in range(count):
                    number += 1
                    if number < first or number > last:
                        continue
                    if painted and not self.device.newPage():
                        raise FormWriteError("打印中断：无法开始新的一页。")
                    self._paint_page(painter, text_doc, page, number, total)
                    painted += 1
        finally:
            painter.end()
        return painted

    def _paint_page(self, painter: QPainter, text_doc: QTextDocument, page: int, number: int,
                    total: int) -> None:
        top = page * self.body_height
        painter.save()
        painter.translate(0, -top)
        text_doc.drawContents(painter, QRectF(0, top, self.width, self.body_height))
        painter.restore()
        painter.save()
        painter.setFont(self.footer_font)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(QRectF(0, self.body_height, self.width, self.footer_height),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                         FOOTER.format(page=number, pages=total))
        painter.restore()
