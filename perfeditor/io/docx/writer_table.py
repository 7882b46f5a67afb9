"""A small table builder on top of :mod:`writer_xml`: rows given as cells with grid spans, and the
indicator block (一级 / 二级 merged down over their rows) shared by every layout."""
from __future__ import annotations

from dataclasses import dataclass

from perfeditor.forms.layouts import indicator_value
from perfeditor.io.docx import writer_xml as x


@dataclass
class C:
    """One cell of a row: text, grid span, vertical merge mark, label (head) formatting."""

    text: str = ""
    span: int = 1
    vmerge: str | None = None
    head: bool = False
    align: str | None = None
    bare: bool = False  # no top/left/right border (the unit line above a form)


def label(text: str, span: int = 1, vmerge: str | None = None) -> C:
    return C(text, span, vmerge, True, "center")


def cont(span: int = 1) -> C:
    return C("", span, "continue", True)


_HEAD_WORDS = ("三级指标", "一级指标", "指标描述", "绩效指标分类")


class ProtoRows:
    """The rows of an original form table(s), by kind, for a rebuilt table to copy its look from:
    header-block rows by position, the indicator header, and indicator rows (the last one repeated
    for rows added)."""

    def __init__(self, tables: list):
        from perfeditor.io.docx.text import iter_cells, iter_rows

        self._cells = iter_cells
        rows = [tr for t in tables for tr in iter_rows(t)]
        texts = ["".join(tr.itertext()) for tr in rows]
        start = next((i for i, t in enumerate(texts) if any(k in t for k in _HEAD_WORDS)), None)
        if start is None:
            self.kinds = {"block": rows, "head": [], "ind": []}
            return
        head = [rows[start]]
        if start + 1 < len(rows) and "优" in texts[start + 1] and "差" in texts[start + 1]:
            head.append(rows[start + 1])
        ind = [tr for tr, t in zip(rows[start + len(head):], texts[start + len(head):], strict=False)
               if not any(k in t for k in _HEAD_WORDS)]
        self.kinds = {"block": rows[:start], "head": head, "ind": ind}

    def row(self, kind: str, k: int):
        rows = self.kinds.get(kind) or self.kinds["ind"] or self.kinds["block"] or self.kinds["head"]
        return rows[min(k, len(rows) - 1)] if rows else None

    def cells(self, tr) -> list:
        return list(self._cells(tr)) if tr is not None else []


class TableBuilder:
    """Appends rows to one ``w:tbl`` whose grid is ``widths``."""

    def __init__(self, widths: list[int], look: x.Look):
        self.widths = widths
        self.look = look
        self.xml = x.TableXml(widths, look)
        self.rows = 0
        self.done: list = []
        self.protos: ProtoRows | None = look.extras.get("protos")
        self.counts: dict[str, int] = {}

    @property
    def size(self) -> int:
        return len(self.widths)

    @property
    def tbl(self):
        """The finished ``w:tbl`` element."""
        return self.xml.element()

    def tables(self) -> list:
        """The finished table(s): with :meth:`break_table` used, the header block, an empty
        paragraph (Word joins adjacent tables) and the indicator block."""
        return [*self.done, self.tbl]

    def break_table(self) -> None:
        """End the current table here and go on in a new one with the same grid (two_tables)."""
        self.xml.open_bottom()
        self.done = [*self.done, self.xml.element(), x.joint()]
        self.xml = x.TableXml(self.widths, self.look)

    def add(self, cells: list[C], *, header: bool = False, cant_split: bool = False,
            kind: str = "block") -> None:
        """Append a row; ``kind`` ("block", "head", "ind") picks the original row to look like."""
        proto_tr = None
        protos: list = []
        if self.protos is not None:
            k = self.counts.get(kind, 0)
            self.counts[kind] = k + 1
            proto_tr = self.protos.row(kind, k)
            protos = self.protos.cells(proto_tr)
        xml, widths = self.xml, self.widths
        size = len(widths)
        xml.row(header=header, cant_split=cant_split, proto=proto_tr)
        col = 0
        last = len(protos) - 1
        for j, c in enumerate(cells):
            span = max(1, min(c.span, size - col))
            width = widths[col] if span == 1 else sum(widths[col:col + span])
            proto = protos[min(j, last)] if protos else None
            xml.cell(c.text, width, span=span, vmerge=c.vmerge, head=c.head, align=c.align,
                     proto=proto, bare=c.bare)
            col += span
            if col >= size:
                break
        if col < size:  # never leave a row short of the grid
            xml.cell("", sum(widths[col:]), span=size - col, proto=protos[-1] if protos else None)
        xml.end_row()
        self.rows += 1


def column_spans(weights: list[float], minimum: int) -> list[int]:
    """Grid columns per indicator column: 1 each, the widest ones split until ``minimum`` reached
    (hebei-project's 绩效指标描述 spans two grid columns under the header block)."""
    spans = [1] * len(weights)
    while sum(spans) < minimum and spans:
        i = max(range(len(weights)), key=lambda k: weights[k] / spans[k])
        spans[i] += 1
    return spans


def grid_widths(weights: list[float], spans: list[int], total: int, lead: list[float] = ()) -> list[int]:
    parts: list[float] = list(lead)
    for wgt, s in zip(weights, spans, strict=False):
        parts.extend([wgt / s] * s)
    return x.scale(parts, total)


def indicator_rows(tb: TableBuilder, indicators, cols: list[str], spans: list[int],
                   lead: list[C] | None = None, lead_first: list[C] | None = None) -> None:
    """The indicator rows: 一级 merged down over its run, 二级 within it. ``lead`` cells (e.g.
    mof's 绩效指标 side column, continued) go before each row; ``lead_first`` before the first."""
    l1 = [i.level1 for i in indicators]
    marks: dict[str, list] = {}
    if "level1" in cols:
        marks["level1"] = x.merge_runs(l1)
    if "level2" in cols:
        marks["level2"] = x.merge_runs([i.level2 for i in indicators], l1)
    for n, ind in enumerate(indicators):
        cells: list[C] = list((lead_first if n == 0 and lead_first is not None else lead) or [])
        for col, span in zip(cols, spans, strict=False):
            mark = marks.get(col, [None] * (n + 1))[n]
            align = "center" if col in ("level1", "level2") or col.startswith("grade:") \
                or col == "weight" else None
            cells.append(C(indicator_value(ind, col), span, mark, False, align))
        tb.add(cells, cant_split=True, kind="ind")
