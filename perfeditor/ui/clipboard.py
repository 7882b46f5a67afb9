"""Copy and paste of cell ranges to and from Excel / WPS: tab-separated text and HTML tables.

Parsing is bounded: a paste larger than :data:`MAX_ROWS` rows or :data:`MAX_CHARS` characters is
refused with a Chinese message instead of freezing the window.
"""
from __future__ import annotations

import csv
import html
import io
import logging
from html.parser import HTMLParser

from PySide6.QtCore import QMimeData

from perfeditor.editing import get_field, store_field
from perfeditor.model import Indicator
from perfeditor.ui.commands import Compound, InsertIndicators, SetField
from perfeditor.ui.indicator_model import IndicatorTableModel, normalise_value

log = logging.getLogger(__name__)

MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_CHARS = 4_000_000


class PasteRefused(Exception):
    """The clipboard holds nothing usable or too much; ``str()`` is a Chinese sentence."""


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            span = dict(attrs).get("colspan")
            self._span = int(span) if span and span.isdigit() and int(span) < MAX_COLUMNS else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._row.extend([""] * (getattr(self, "_span", 1) - 1))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
            if len(self.rows) > MAX_ROWS:
                raise PasteRefused(_too_many())

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data.replace("\r", "").replace("\n", " ") if data.strip() else "")


def _too_many() -> str:
    return f"剪贴板中的内容超过 {MAX_ROWS} 行，未粘贴。请分批粘贴。"


def parse_tsv(text: str) -> list[list[str]]:
    if len(text) > MAX_CHARS:
        raise PasteRefused("剪贴板中的内容过大，未粘贴。请分批粘贴。")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if "\x00" in text:
        raise PasteRefused("剪贴板中的内容不是表格文字，未粘贴。")
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    try:
        for row in reader:
            rows.append([c.strip() for c in row[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS:
                raise PasteRefused(_too_many())
    except csv.Error:
        rows = [line.split("\t")[:MAX_COLUMNS] for line in text.split("\n")]
        if len(rows) > MAX_ROWS:
            raise PasteRefused(_too_many()) from None
    return rows or [[""]]


def parse_html(text: str) -> list[list[str]]:
    if len(text) > MAX_CHARS * 4:
        raise PasteRefused("剪贴板中的内容过大，未粘贴。请分批粘贴。")
    parser = _TableParser()
    try:
        parser.feed(text)
        parser.close()
    except PasteRefused:
        raise
    except Exception:  # noqa: BLE001 - HTML from any program: a table we cannot parse is pasted as plain text
        log.warning("clipboard HTML not understood; pasting its plain text", exc_info=True)
        return []
    return parser.rows


def rows_from_mime(mime: QMimeData | None) -> list[list[str]]:
    """The cell grid the clipboard holds (plain text preferred, then an HTML table)."""
    if mime is None:
        raise PasteRefused("剪贴板是空的。")
    if mime.hasText() and mime.text():
        return parse_tsv(mime.text())
    if mime.hasHtml():
        rows = parse_html(mime.html())
        if rows:
            return rows
    raise PasteRefused("剪贴板中没有可粘贴的表格或文字。")


def to_mime(grid: list[list[str]]) -> QMimeData:
    """TSV (cells with tabs/newlines quoted, as Excel does) plus an HTML table."""
    def cell(t: str) -> str:
        if any(ch in t for ch in '\t\n"'):
            return '"' + t.replace('"', '""') + '"'
        return t
    tsv = "\n".join("\t".join(cell(c) for c in row) for row in grid) + "\n"
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c).replace(chr(10), '<br>')}</td>" for c in row)
                   + "</tr>" for row in grid)
    mime = QMimeData()
    mime.setText(tsv)
    mime.setHtml(f"<table>{body}</table>")
    return mime


def paste_command(model: IndicatorTableModel, top: int, left: int, grid: list[list[str]]):
    """One undo step that writes ``grid`` at (top, left), adding rows below the last as needed."""
    session = model.session
    columns = model.columns[left:]
    if not columns:
        return None
    parent = Compound(session, f"粘贴 {len(grid)} 行")
    count = 0
    extra: list[Indicator] = []
    for r, row in enumerate(grid):
        view_row = top + r
        values = [(columns[c], normalise_value(columns[c], row[c])) for c in range(min(len(row), len(columns)))]
        if view_row < model.rowCount():
            ind = model.indicator(view_row)
            for field, value in values:
                if get_field(ind, field) != value:
                    SetField(session, ind, field, value, model.project, parent)
                    count += 1
        else:
            ind = model.new_indicator()
            for field, value in values:
                store_field(ind, field, value)
            extra.append(ind)
    if extra:
        InsertIndicators(session, model.project, model.insertion_point(model.rowCount()), extra,
                         parent=parent)
    if not extra and count == 0:
        return None
    return parent
