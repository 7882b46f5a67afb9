"""Low-level WordprocessingML builders for the .docx writer (plain lxml, no python-docx objects).

Tables are built row by row with ``SubElement`` (python-docx's ``Table.cell()`` is quadratic).
A :class:`Look` carries the formatting a new element copies: paragraph style ids for new files,
or paragraph/run properties taken from an existing table when a form is rewritten in place.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_R, W_T, W_TBL, W_TR, W_TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
W_PPR, W_RPR, W_TCPR, W_TRPR, W_TBLPR = w("pPr"), w("rPr"), w("tcPr"), w("trPr"), w("tblPr")
W_VAL, W_W, W_TYPE = w("val"), w("w"), w("type")

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str | None) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    if not text:
        return ""
    return _ILLEGAL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Look:
    """How new paragraphs, cells and tables look."""

    cell_style: str = "FormCell"
    head_style: str = "FormHead"
    title_style: str = "FormTitle"
    #: In-place rewriting: properties copied from the original table (take precedence).
    cell_ppr: object = None
    cell_rpr: object = None
    head_ppr: object = None
    head_rpr: object = None
    title_ppr: object = None
    title_rpr: object = None
    tbl_pr: object = None
    tc_borders: object = None
    grid_total: int = 8958
    extras: dict = field(default_factory=dict)


def _add_text(run, text: str) -> None:
    parts = text.split("\t")
    for i, part in enumerate(parts):
        if i:
            etree.SubElement(run, w("tab"))
        if part:
            t = etree.SubElement(run, W_T)
            t.text = part
            if part != part.strip() or "  " in part:
                t.set(XML_SPACE, "preserve")


def paragraph(text: str = "", style: str | None = None, *, ppr=None, rpr=None, bold: bool = False,
              align: str | None = None):
    """One ``w:p`` holding ``text`` (a single line) in one run."""
    p = etree.Element(W_P)
    if ppr is not None:
        p.append(copy.deepcopy(ppr))
    elif style or align:
        pp = etree.SubElement(p, W_PPR)
        if style:
            etree.SubElement(pp, w("pStyle")).set(W_VAL, style)
        if align:
            etree.SubElement(pp, w("jc")).set(W_VAL, align)
    text = clean(text)
    if text:
        r = etree.SubElement(p, W_R)
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        elif bold:
            rp = etree.SubElement(r, W_RPR)
            etree.SubElement(rp, w("b"))
            etree.SubElement(rp, w("bCs"))
        _add_text(r, text)
    return p


def cell(tr, text: str, width: int, *, span: int = 1, vmerge: str | None = None,
         look: Look, head: bool = False, align: str | None = None, valign: str = "center"):
    """Append a ``w:tc`` to ``tr``; ``vmerge`` is "restart", "continue" or None."""
    tc = etree.SubElement(tr, W_TC)
    pr = etree.SubElement(tc, W_TCPR)
    tcw = etree.SubElement(pr, w("tcW"))
    tcw.set(W_W, str(width))
    tcw.set(W_TYPE, "dxa")
    if span > 1:
        etree.SubElement(pr, w("gridSpan")).set(W_VAL, str(span))
    if vmerge == "restart":
        etree.SubElement(pr, w("vMerge")).set(W_VAL, "restart")
    elif vmerge == "continue":
        etree.SubElement(pr, w("vMerge"))
    if look.tc_borders is not None:
        pr.append(copy.deepcopy(look.tc_borders))
    etree.SubElement(pr, w("vAlign")).set(W_VAL, valign)
    ppr = look.head_ppr if head else look.cell_ppr
    rpr = look.head_rpr if head else look.cell_rpr
    style = look.head_style if head else look.cell_style
    lines = clean(text).split("\n") if (text and vmerge != "continue") else [""]
    for line in lines:
        tc.append(paragraph(line, None if ppr is not None else style, ppr=ppr, rpr=rpr,
                            align=align if ppr is None else None))
    return tc


def row(tbl, *, header: bool = False, cant_split: bool = False, height: int | None = None):
    tr = etree.SubElement(tbl, W_TR)
    if header or cant_split or height:
        pr = etree.SubElement(tr, W_TRPR)
        if cant_split:
            etree.SubElement(pr, w("cantSplit"))
        if height:
            h = etree.SubElement(pr, w("trHeight"))
            h.set(W_VAL, str(height))
        if header:
            etree.SubElement(pr, w("tblHeader"))
    return tr


def table(widths: list[int], look: Look):
    """An empty ``w:tbl`` with its properties and grid (rows are appended by the caller)."""
    tbl = etree.Element(W_TBL)
    if look.tbl_pr is not None:
        pr = copy.deepcopy(look.tbl_pr)
        tbl.append(pr)
        tw = pr.find(w("tblW"))
        if tw is not None:
            tw.set(W_W, str(sum(widths)))
            tw.set(W_TYPE, "dxa")
    else:
        pr = etree.SubElement(tbl, W_TBLPR)
        etree.SubElement(pr, w("tblStyle")).set(W_VAL, "FormTable")
        tw = etree.SubElement(pr, w("tblW"))
        tw.set(W_W, str(sum(widths)))
        tw.set(W_TYPE, "dxa")
        etree.SubElement(pr, w("jc")).set(W_VAL, "center")
        b = etree.SubElement(pr, w("tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            e = etree.SubElement(b, w(side))
            e.set(W_VAL, "single")
            e.set(w("sz"), "4")
            e.set(w("space"), "0")
            e.set(w("color"), "000000")
        etree.SubElement(pr, w("tblLayout")).set(W_TYPE, "fixed")
        look_el = etree.SubElement(pr, w("tblLook"))
        look_el.set(W_VAL, "0000")
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, w("gridCol")).set(W_W, str(width))
    return tbl


def scale(weights: list[float], total: int) -> list[int]:
    """Integer widths proportional to ``weights`` summing to ``total``."""
    s = sum(weights) or 1
    out = [max(200, int(total * x / s)) for x in weights]
    out[-1] += total - sum(out)
    return out


def spans(total: int, count: int) -> list[int]:
    """Split ``total`` grid columns over ``count`` cells, wider cells first (7 over 4: 2,2,1,1)."""
    count = max(1, min(count, total))
    base, rest = divmod(total, count)
    return [base + (1 if i < rest else 0) for i in range(count)]


def merge_runs(values: list[str], parents: list[str] | None = None) -> list[str | None]:
    """Vertical merge marks for a column: "restart" where a run of equal non-empty values starts,
    "continue" below it, None for single cells. ``parents`` (the column to the left) bound runs."""
    out: list[str | None] = [None] * len(values)
    i = 0
    n = len(values)
    while i < n:
        j = i + 1
        while j < n and values[j] and values[j] == values[i] \
                and (parents is None or parents[j] == parents[i]):
            j += 1
        if values[i] and j - i > 1:
            out[i] = "restart"
            for k in range(i + 1, j):
                out[k] = "continue"
        i = j
    return out
