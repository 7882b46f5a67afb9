"""The look of a form as the original file has it (its table's properties, grid widths, cell
borders, the fonts of its title, labels and values), for tables rebuilt or added in place
(:mod:`writer_changes`)."""
from __future__ import annotations

from lxml import etree

from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_table import ProtoRows


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(x.W_T))


def _first_text_run_rpr(p):
    for r in p.iter(x.W_R):
        if r.find(x.W_T) is not None and (r.find(x.W_T).text or "").strip():
            return r.find(x.W_RPR)
    return None


def para_look(p) -> tuple:
    if p is None:
        return (None, None)
    return (p.find(x.W_PPR), _first_text_run_rpr(p))


def capture_look(elems: list) -> tuple[x.Look, list[int] | None]:
    """The look of a form's original blocks (its first table, its title paragraph)."""
    look = x.Look(cell_style=None, head_style=None, title_style=None)
    look.extras["mof_title_style"] = None
    title = next((e for e in elems if e.tag == x.W_P and text_of(e).strip()), None)
    look.title_ppr, look.title_rpr = para_look(title)
    if look.title_ppr is None and title is not None:
        look.title_ppr = etree.Element(x.W_PPR)
        etree.SubElement(look.title_ppr, x.w("jc")).set(x.W_VAL, "center")
    tbl = next((e for e in elems if e.tag == x.W_TBL), None)
    if tbl is None:
        return look, None
    look.tbl_pr = tbl.find(x.W_TBLPR)
    look.extras["ns_decl"] = x.ns_declarations(tbl)
    look.extras["protos"] = ProtoRows([e for e in elems if e.tag == x.W_TBL])
    widths = []
    grid = tbl.find(x.w("tblGrid"))
    for gc in (grid if grid is not None else []):
        try:
            widths.append(int(gc.get(x.W_W)))
        except (TypeError, ValueError):
            widths = []
            break
    if widths and sum(widths) > 0:
        look.grid_total = sum(widths)
    found: list = []
    for tc in tbl.iter(x.W_TC):
        if look.tc_borders is None:
            pr = tc.find(x.W_TCPR)
            if pr is not None and pr.find(x.w("tcBorders")) is not None:
                look.tc_borders = pr.find(x.w("tcBorders"))
        p = next((p for p in tc.iter(x.W_P) if text_of(p).strip()), None)
        if p is not None:
            found.append(p)
        if len(found) >= 4:
            break
    if found:
        # 4 first texts: hebei 单位 · 单位：万元 · 项目编码 · code; mof 项目名称 · name · 主管部门 · unit
        look.head_ppr, look.head_rpr = para_look(found[2] if len(found) > 2 else found[0])
        look.cell_ppr, look.cell_rpr = para_look(found[3] if len(found) > 3 else found[-1])
    return look, widths or None
