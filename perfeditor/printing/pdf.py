"""PDF export: ``write_pdf(doc, path)`` for File → 导出 PDF and ``perfeditor convert X out.pdf``.

Works without a display: when no Qt application exists one is made on the offscreen platform.
Fonts are embedded (subset) by Qt; :mod:`perfeditor.printing.fonts` picks a family whose text
layer comes out right (no Kangxi radicals in place of 目).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from perfeditor.errors import FormWriteError
from perfeditor.io.atomic import atomic_write
from perfeditor.io.source import SourceMap
from perfeditor.model.document import Document

_app = None  # the QGuiApplication made here, kept alive for the process


def ensure_gui_app():
    """The running QGuiApplication, made (offscreen when there is no display) if none exists."""
    global _app
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "perfeditor"])
    return _app


def print_layout_key(doc: Document, layout: str | None) -> str:
    """The layout whose page setup applies (the chosen one, else the file's)."""
    return layout or doc.layout or "hebei-project"


def sections_for(doc: Document, layout: str | None, project_indexes: list[int] | None,
                 source_map: SourceMap | None = None):
    from perfeditor.printing.html import PRINT_LAYOUTS, document_sections

    try:
        sections = document_sections(doc, layout, project_indexes, source_map)
    except ValueError:
        raise FormWriteError(f"未知的版式“{layout}”；可用的有：{'、'.join(PRINT_LAYOUTS)}。") from None
    if not sections:
        raise FormWriteError("没有可打印的内容：所选范围内没有项目。")
    return sections


def write_pdf(doc: Document, path: str | Path, layout: str | None = None,
              project_indexes: list[int] | None = None, page_setup=None, progress=None,
              source_map: SourceMap | None = None) -> int:
    """Write the print form of ``doc`` (or of the projects ``project_indexes``) to ``path`` as
    PDF; returns the number of pages. ``page_setup``: a :class:`PageSetup` for every form, or a
    function giving the page setup of a layout name (default: A4, each form portrait or
    landscape as it needs). ``progress``: see :class:`PagedSections` (cancelling leaves no file).
    ``source_map``: where ``doc`` was read from, for the cells its file merged down
    (:func:`~perfeditor.printing.html.document_sections`)."""
    from perfeditor.printing.page_setup import PageSetup

    sections = sections_for(doc, layout, project_indexes, source_map)
    title = sections[0].title if len(sections) == 1 else Path(path).stem
    return write_sections(sections, path, page_setup or PageSetup(), title, progress=progress)


def write_sections(sections, path: str | Path, setup, title: str, resolution: int = 600,
                   progress=None) -> int:
    """Paint ``sections`` (:class:`~perfeditor.printing.html.Section`) into a PDF at ``path``,
    atomically; ``setup`` as for :class:`PagedSections`. Returns the number of pages."""
    ensure_gui_app()
    from PySide6.QtGui import QPdfWriter

    from perfeditor.printing.paginate import PagedSections

    pages = 0

    def write(tmp: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(tmp))
        writer.setResolution(resolution)
        writer.setCreator("perfeditor 预算绩效目标表编辑器")
        writer.setTitle(title)
        paged = PagedSections(sections, writer, setup, progress)  # orientation per form on "auto"
        pages = paged.paint()
        del paged, writer  # closes the file

    atomic_write(Path(path), write)
    return pages
