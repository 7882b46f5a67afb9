"""``quotePrefix`` for formula-looking text written in place into an existing workbook.

The new-file writer gives such text a style with ``quotePrefix="1"`` (:mod:`~perfeditor.io.xlsx.book`);
an in-place save writes inline strings into the sender's workbook, whose styles have none. Without
it, re-editing a cell holding ``=HYPERLINK(…)`` or ``-5%`` in Excel can turn it into a formula.
:func:`guard_sheets` gives every such text cell of the edited sheets a copy of its style with the
quote prefix set, adding the copies to ``xl/styles.xml``.
"""
from __future__ import annotations

import copy
import logging

from lxml import etree

from perfeditor.io.xlsx.sheetxml import _N, PARSER, to_bytes
from perfeditor.io.xlsx.styles import needs_text_guard

log = logging.getLogger(__name__)

STYLES = "xl/styles.xml"


class _QuoteStyles:
    def __init__(self, data: bytes):
        self.root = etree.fromstring(data, PARSER)
        self.xfs = self.root.find(f"{_N}cellXfs")
        self.items = self.xfs.findall(f"{_N}xf") if self.xfs is not None else []
        self.made: dict[int, int] = {}  # style → its twin with the prefix

    def guarded(self, s: int) -> int | None:
        """The index of style ``s`` with the quote prefix (itself when it has one); None when
        the styles cannot say."""
        if not 0 <= s < len(self.items):
            return None
        xf = self.items[s]
        if xf.get("quotePrefix") in ("1", "true"):
            return s
        if s not in self.made:
            twin = copy.deepcopy(xf)
            twin.set("quotePrefix", "1")
            self.xfs.append(twin)
            self.items.append(twin)
            self.xfs.set("count", str(len(self.items)))
            self.made[s] = len(self.items) - 1
        return self.made[s]


def _text(c) -> str:
    node = c.find(f"{_N}is")
    return "" if node is None else "".join(t.text or "" for t in node.iter(f"{_N}t"))


def guard_sheets(zf, roots) -> bytes | None:
    """Give formula-looking inline text in the worksheet trees ``roots`` a quote-prefixed style;
    the new ``xl/styles.xml`` bytes, or None when nothing changed (or the workbook has no styles)."""
    if STYLES not in zf.namelist():
        return None
    styles = None
    for root in roots:
        for c in root.iter(f"{_N}c"):
            if c.get("t") != "inlineStr" or not needs_text_guard(_text(c)):
                continue
            if styles is None:
                try:
                    styles = _QuoteStyles(zf.read(STYLES))
                except etree.XMLSyntaxError:
                    log.warning("styles of the workbook cannot be read; quote prefix not set")
                    return None
                if styles.xfs is None:
                    return None
            s = c.get("s", "0")
            new = styles.guarded(int(s)) if s.isdigit() else None
            if new is not None:
                c.set("s", str(new))
    return to_bytes(styles.root) if styles is not None and styles.made else None
