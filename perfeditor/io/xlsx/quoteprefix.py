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


def _text(c) -> str:
    node = c.find(f"{_N}is")
    return "" if node is None else "".join(t.text or "" for t in node.iter(f"{_N}t"))


def guard_sheets(zf, roots) -> bytes | None:
    """Give formula-looking inline text in the worksheet trees ``roots`` a quote-prefixed style;
    the new ``xl/styles.xml`` bytes, or None when nothing changed (or the workbook has no styles)."""
    cells = [c for root in roots for c in root.iter(f"{_N}c")
             if c.get("t") == "inlineStr" and needs_text_guard(_text(c))]
    if not cells or STYLES not in zf.namelist():
        return None
    try:
        styles = etree.fromstring(zf.read(STYLES), PARSER)
    except etree.XMLSyntaxError:
        log.warning("styles of the workbook cannot be read; quote prefix not set")
        return None
    xfs = styles.find(f"{_N}cellXfs")
    if xfs is None:
        return None
    items = xfs.findall(f"{_N}xf")
    made: dict[int, int] = {}  # style → its twin with the prefix
    for c in cells:
        s = c.get("s", "0")
        if not s.isdigit() or int(s) >= len(items):
            continue
        s = int(s)
        if items[s].get("quotePrefix") not in ("1", "true") and s not in made:
            twin = copy.deepcopy(items[s])
            twin.set("quotePrefix", "1")
            xfs.append(twin)
            items.append(twin)
            made[s] = len(items) - 1
        c.set("s", str(made.get(s, s)))
    if not made:
        return None
    xfs.set("count", str(len(items)))
    return to_bytes(styles)
