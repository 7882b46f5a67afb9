"""Rendering a composed form (:mod:`perfeditor.forms.compose`) as WordprocessingML: a small table
builder on top of :mod:`writer_xml` (rows of cells with grid spans and vertical merges, the look
of an original table's rows when a form is rewritten in place), and the look of a form as the
original file has it (its table's properties, grid widths, cell borders, the fonts of its title,
labels and values) for tables rebuilt or added in place (:mod:`writer_changes`)."""
from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from lxml import etree

from perfeditor.forms.compose import LABEL_ROLES, UNIT_ROLES, FormTable
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.text import cell_text, iter_cells, iter_rows
from perfeditor.io.docx.writer_patch import _paragraphs_box, set_cell_text


@dataclass(slots=True)
class C:
    """One cell of a row: text, grid span, vertical merge mark, label (head) formatting."""

    text: str = ""
    span: int = 1
    vmerge: str | None = None
    head: bool = False
    align: str | None = None
    bare: bool = False  # no top/left/right border (the unit line above a form)


_HEAD_WORDS = ("三级指标", "一级指标", "指标描述", "绩效指标分类")


class ProtoRows:
    """The rows of an original form, by kind, for a rebuilt table to copy its look from:
    header-block rows by position, the indicator header, and indicator rows (the last one repeated
    for rows added)."""

    def __init__(self, rows: list):
        texts = ["".join(tr.itertext()) for tr in rows]
        start = head_row(rows)
        end = start + 2 if start + 1 < len(rows) and "优" in texts[start + 1] and "差" in texts[start + 1] \
            else start + 1  # (the header's second row: the grades 优 良 中 差)
        ind = [tr for tr, t in zip(rows[end:], texts[end:], strict=True) if not any(k in t for k in _HEAD_WORDS)]
        self.kinds = {"block": rows[:start], "head": rows[start:end], "ind": ind}
        #: Per indicator row of the form rebuilt: (the original row it stands for, True), or for a
        #: row added (the row it was copied from or stands by, False); None: by position.
        self.stands: list | None = None
        #: Per row rendered: the original row it stands for (None: none), see :func:`keep_marks`.
        self.used: list = []
        self.taken: set = set()  # (those rows)
        self._texts: dict = {}  # kind → the texts of its original rows → those rows

    def row(self, kind: str, k: int, count: int = 0, texts: tuple = ()) -> tuple:
        """(the original row the ``k``-th rebuilt row of ``kind``, reading ``texts``
        (:func:`row_texts`), looks like, whether it stands for it): an indicator row as
        :attr:`stands` says; else the first original row of its kind reading the same not taken
        yet; else the original's row at its place (the last for rows added), standing for it when
        both have ``count`` rows of the kind and it is not taken (header rows)."""
        got = self.stands[min(k, len(self.stands) - 1)] if kind == "ind" and self.stands else None
        if got is None and (kind != "ind" or self.stands is None):
            if kind not in self._texts:
                for tr in self.kinds.get(kind, ()):
                    self._texts.setdefault(kind, {}).setdefault(row_texts(tr), []).append(tr)
            got = next(((tr, True) for tr in self._texts.get(kind, {}).get(texts, ()) if tr not in self.taken), None)
        if got is None:
            rows = self.kinds.get(kind) or self.kinds["ind"] or self.kinds["block"] or self.kinds["head"]
            tr = rows[min(k, len(rows) - 1)] if rows else None
            got = tr, tr is not None and kind != "ind" and count == len(self.kinds[kind]) and tr not in self.taken
        self.used.append(got[0] if got[1] else None)
        if got[1]:
            self.taken.add(got[0])
        return got


def row_texts(tr) -> tuple:
    """The texts of the cells of the row ``tr`` (a ``w:tr``, or the cells of a row rendered),
    white space left out, empty ones too."""
    texts = (x.text_of(tc) for tc in iter_cells(tr)) if not isinstance(tr, list) else (c.text for c in tr)
    return tuple(t for t in ("".join(t.split()) for t in texts) if t)


def head_row(rows: list) -> int:
    """The index of the indicator header among a form table's ``rows`` (their count: none)."""
    return next((i for i, tr in enumerate(rows) if any(k in "".join(tr.itertext()) for k in _HEAD_WORDS)), len(rows))


def render(table: FormTable, look: x.Look, widths: list[int] | None = None) -> list:
    """A composed form as body blocks: its heading lines, its title paragraph (unless the title is
    the table's first row), its unit line and its table(s) — split into two before the indicator
    header when the form is two tables or ``look.split_header`` asks for it; the grid ``widths``
    of the original table when rewriting one with as many columns, else the declared widths
    scaled to the page."""
    grid = widths if widths and len(widths) == table.n_cols else x.scale(table.widths, look.grid_total)
    blocks: list = [x.paragraph(t, "PartHeading") for t in table.heading]
    if table.title:
        style = look.mof_title_style if table.layout in ("mof-project", "department-table") else look.title_style
        blocks.append(x.paragraph(table.title, style, ppr=look.title_ppr, rpr=look.title_rpr))
        for field in look.title_fields or ():
            blocks[-1].extend(x.retitled_entry(field, look.title_text, table.title))
    if table.unit_line:
        blocks.append(x.paragraph(table.unit_line, "FormUnit"))
    if look.protos is not None:
        look.protos.used, look.protos.taken = [], set()
    covering = table.covering()
    first, last = table.header_rows
    n = table.n_cols
    xml, done, counts = x.TableXml(grid, look), [], {}
    for r, cells in enumerate(table.rows()):
        if r == table.split_at and (table.two_tables or look.split_header):
            # the header block ends here: the indicator block goes on in a table of the same grid
            done += [xml.element(open_bottom=True), x.joint()]
            xml = x.TableXml(grid, look)
        row: list[C] = []
        col = 0
        for cell in [*cells, None]:  # (None: the row's end)
            end = n if cell is None else cell.col
            while col < end:  # grid columns no cell starts in: under a cell merged down, else empty
                above = covering.get((r, col))
                if above is not None:
                    row.append(C("", above.cols, "continue", above.role in LABEL_ROLES,
                                 None if above.align == "left" or above.role in LABEL_ROLES else above.align))
                    col += above.cols
                else:
                    stop = next((k for k in range(col + 1, end) if (r, k) in covering), end)
                    row.append(C("", stop - col))
                    col = stop
            if cell is not None:
                row.append(C(cell.text, cell.cols, "restart" if cell.rows > 1 else None, cell.role in LABEL_ROLES,
                             None if cell.align == "left" else cell.align, cell.role in UNIT_ROLES))
                col = cell.col + cell.cols
        # the row, looking like the original row of its kind (header block, indicator header, indicators)
        kind = "block" if r < first else "head" if r <= last else "ind"
        counts[kind] = counts.get(kind, -1) + 1
        proto_tr, _ = look.protos.row(kind, counts[kind], first if kind == "block" else last + 1 - first,
                                      row_texts(row)) if look.protos is not None else (None, False)
        protos = list(iter_cells(proto_tr)) if proto_tr is not None else []
        col, end = edges = _edges(row, proto_tr, n) if grid is widths else (0, 0)
        end = n - end
        xml.row(header=kind == "head", cant_split=kind != "block", proto=proto_tr, edges=edges)
        for j, c in enumerate(row):
            span = max(1, min(c.span, end - col))
            xml.cell(c.text, sum(grid[col:col + span]), span=span, vmerge=c.vmerge, head=c.head, align=c.align,
                     proto=protos[min(j, len(protos) - 1)] if protos else None, bare=c.bare)
            col += span
            if col >= end:
                break
        if col < end:  # never leave a row short of the grid
            xml.cell("", sum(grid[col:end]), span=end - col, proto=protos[-1] if protos else None)
        xml.parts.append("</w:tr>")
    return [*blocks, *done, xml.element()]


def keep_marks(new: list, elems: list, protos: ProtoRows) -> None:
    """The form ``new`` rebuilt from the original blocks ``elems`` keeps what they hold besides
    the values: each row rendered keeps the bookmarks and comment anchors of the original row it
    stands for (``protos.used``, rows in order), a cell filled by a content control in that row
    keeps it (its text made the rebuilt cell's when it changed), and the title its marks."""
    def title(blocks):
        return next((el for el in blocks if el.tag == x.W_P and x.text_of(el).strip()), None)

    if title(new) is not None and title(elems) is not None:
        _put_marks(title(new), x.marks_in(title(elems)))
    rows = [tr for el in new if el.tag == x.W_TBL for tr in iter_rows(el)]
    for tr, old in zip(rows, protos.used, strict=False):
        if old is None or next(old.iter(*_HELD), None) is None:  # (most rows hold none)
            continue
        cells = list(iter_cells(tr))
        loose = [m for m in old if m.tag in x.STARTS or m.tag in x.ENDS]  # (in the row, around its cells)
        _put_marks(cells[0], [m for m in loose if m.tag in x.STARTS])
        _put_marks(cells[-1], [m for m in loose if m.tag not in x.STARTS])
        for j, tc in enumerate(iter_cells(old)):
            into = cells[min(j, len(cells) - 1)]
            if _paragraphs_box(tc) is not None and next(tc.iter(x.w("sdt")), None) is not None:
                # content controls in it (filling it or holding a paragraph's runs): kept, their text the new one
                text = cell_text(into)
                into[:] = [into.find(x.W_TCPR), *(copy.deepcopy(ch) for ch in tc if ch.tag != x.W_TCPR)]
                if cell_text(into) != text:
                    set_cell_text(into, text)
            else:
                _put_marks(into, x.marks_in(tc))


_HELD = (*x.STARTS, *x.ENDS, x.w("commentReference"), x.w("sdt"))


def _put_marks(el, marks: list) -> None:
    """Copies of ``marks`` in the paragraph ``el`` (a cell: its paragraphs): the starts first
    (after its properties; a bookmark of table columns, ``w:colFirst`` / ``w:colLast``, of the
    text there), the others at the end (of the last paragraph)."""
    paras = [el] if el.tag == x.W_P else list(el.iter(x.W_P))
    at = 1 if len(paras[0]) and paras[0][0].tag == x.W_PPR else 0
    for m in map(copy.deepcopy, marks):
        if m.tag in x.STARTS:
            for name in ("colFirst", "colLast"):
                m.attrib.pop(x.w(name), None)
            paras[0].insert(at, m)
            at += 1
        else:
            paras[-1].append(m)


def _edges(row: list[C], tr, n: int) -> tuple[int, int]:
    """The grid columns the original row ``tr`` (of the grid of ``n`` columns the rebuilt table
    keeps) leaves out before and after its cells (``w:gridBefore`` / ``w:gridAfter``), when the
    rebuilt ``row`` has no text or merge there: its cells there are taken out; else (0, 0)."""
    pr = tr.find(x.W_TRPR) if tr is not None else None
    vals = [pr.find(x.w(tag)) if pr is not None else None for tag in ("gridBefore", "gridAfter")]
    got = tuple(int(v.get(x.W_VAL, "")) if v is not None and v.get(x.W_VAL, "").isdigit() else 0 for v in vals)
    if not any(got) or sum(got) >= n:
        return 0, 0
    cells = [replace(c) for c in row]
    for need in got:  # (the row's front, then, reversed, its back)
        while need > 0:
            if not cells or cells[0].text or cells[0].vmerge:
                return 0, 0
            take = min(need, cells[0].span)
            cells[0].span -= take
            need -= take
            if not cells[0].span:
                cells.pop(0)
        cells.reverse()
    row[:] = cells
    return got  # type: ignore[return-value]


# --- the look of an original form, for tables rebuilt or added in place ---------------------------

def para_look(p) -> tuple:
    """(its ``w:pPr``, the ``w:rPr`` of its first run with text) of paragraph ``p``."""
    if p is None:
        return (None, None)
    run = next((r for r in p.iter(x.W_R) if (r.findtext(x.W_T) or "").strip()), None)
    return p.find(x.W_PPR), run.find(x.W_RPR) if run is not None else None


_SLIVER = 400  # twips (7 mm): narrower than any column a form declares


def capture_look(elems: list) -> tuple[x.Look, list[int] | None]:
    """The look of a form's original blocks (its first table; its title, the first paragraph
    with text: its properties, its entry fields — TC, its line in Word's 目录 — and its text)."""
    look = x.Look(cell_style=None, head_style=None, title_style=None, mof_title_style=None)
    title = next((e for e in elems if e.tag == x.W_P and x.text_of(e).strip()), None)
    look.title_ppr, look.title_rpr = para_look(title)
    if title is not None:
        look.title_fields, look.title_text = x.entry_fields(title), x.text_of(title)
        if look.title_ppr is None:
            look.title_ppr = etree.Element(x.W_PPR)
            etree.SubElement(look.title_ppr, x.w("jc")).set(x.W_VAL, "center")
    tbl = next((e for e in elems if e.tag == x.W_TBL), None)
    if tbl is None:
        return look, None
    look.tbl_pr = tbl.find(x.W_TBLPR)
    # the namespaces in scope at the table: copied pieces may use any of them
    look.ns_decl = "".join(f' xmlns:{k}="{v}"' for k, v in tbl.nsmap.items() if k and k != "w")
    look.protos = ProtoRows([tr for e in elems if e.tag == x.W_TBL for tr in iter_rows(e)])
    widths = x.grid_widths(tbl)
    if sum(widths) > 0:
        look.grid_total = sum(widths)
    if widths and min(widths) < _SLIVER:
        # a producer's sliver column (LibreOffice's, under merged cells): the original's columns
        # are not the composition's, so the declared widths are scaled to its total instead
        widths = []
    found: list = []
    for tc in tbl.iter(x.W_TC):
        if look.tc_borders is None:
            look.tc_borders = tc.find(f"{x.W_TCPR}/{x.w('tcBorders')}")
        p = next((p for p in tc.iter(x.W_P) if x.text_of(p).strip()), None)
        if p is not None:
            found.append(p)
        if len(found) >= 4:
            break
    if found:
        # 4 first texts: hebei 单位 · 单位：万元 · 项目编码 · code; mof 项目名称 · name · 主管部门 · unit
        look.head_ppr, look.head_rpr = para_look(found[2] if len(found) > 2 else found[0])
        look.cell_ppr, look.cell_rpr = para_look(found[3] if len(found) > 3 else found[-1])
    return look, widths or None
