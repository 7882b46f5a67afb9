"""The look of a form as the original file has it (its table's properties, grid widths, cell
borders, the fonts of its title, labels and values), for tables rebuilt or added in place
(:mod:`writer_changes`)."""
from __future__ import annotations

from lxml import etree

from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_table import ProtoRows


def text_of(el) -> str:
    return "".join(t.text or "" for t in el.iter(x.W_T))


def para_look(p) -> tuple:
    """(its ``w:pPr``, the ``w:rPr`` of its first run with text) of paragraph ``p``."""
    if p is None:
        return (None, None)
    run = next((r for r in p.iter(x.W_R) if (r.findtext(x.W_T) or "").strip()), None)
    return p.find(x.W_PPR), run.find(x.W_RPR) if run is not None else None


def capture_look(elems: list) -> tuple[x.Look, list[int] | None]:
    """The look of a form's original blocks (its first table, its title paragraph)."""
    look = x.Look(cell_style=None, head_style=None, title_style=None, mof_title_style=None)
    title = next((e for e in elems if e.tag == x.W_P and text_of(e).strip()), None)
    look.title_ppr, look.title_rpr = para_look(title)
    if look.title_ppr is None and title is not None:
        look.title_ppr = etree.Element(x.W_PPR)
        etree.SubElement(look.title_ppr, x.w("jc")).set(x.W_VAL, "center")
    tbl = next((e for e in elems if e.tag == x.W_TBL), None)
    if tbl is None:
        return look, None
    look.tbl_pr = tbl.find(x.W_TBLPR)
    # the namespaces in scope at the table: copied pieces may use any of them
    look.ns_decl = "".join(f' xmlns:{k}="{v}"' for k, v in tbl.nsmap.items() if k and k != "w")
    look.protos = ProtoRows([e for e in elems if e.tag == x.W_TBL])
    grid = tbl.find(x.w("tblGrid"))
    try:
        widths = [int(gc.get(x.W_W)) for gc in (grid if grid is not None else ())]
    except (TypeError, ValueError):
        widths = []
    if widths and sum(widths) > 0:
        look.grid_total = sum(widths)
    found: list = []
    for tc in tbl.iter(x.W_TC):
        if look.tc_borders is None:
            look.tc_borders = tc.find(f"{x.W_TCPR}/{x.w('tcBorders')}")
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
