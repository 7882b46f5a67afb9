"""The department part of a .docx saved in place (see :mod:`writer_changes`): rewritten only
when its content changed, with the fonts of its original headings and paragraphs; a part the file
did not have goes before the first form."""
from __future__ import annotations

import copy
import re

from lxml import etree

from perfeditor.forms.compose import compose_department
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_patch import fingerprint
from perfeditor.io.docx.writer_table import capture_look, para_look, render
from perfeditor.io.docx.writer_template import narrative_sections
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.model import Department, Project


def place_department(dep: Department, src: FormPlace | None, body, blocks: list, slots: list[Project],
                     smap: SourceMap) -> tuple[list | None, bool]:
    """The department part ``dep`` in the part of body ``body`` and blocks ``blocks`` (``src``:
    where the file has it): rewritten when edited since read or last written (a part with no
    digest, whose text could not be fingerprinted, counts as edited); put before the first form
    (of ``slots``) when the file has none and it holds anything; else kept. Returns the blocks
    now holding it (None: none) and whether it was composed anew."""
    if src is not None and src.format == "docx" and src.blocks \
            and (not src.digest or fingerprint(dep) != src.digest):
        return rewrite_department(dep, blocks, src), True
    if (src is None or not src.blocks) and (dep.overall.strip() or dep.items or dep.measures.strip()
                                            or dep.tasks or dep.indicators or dep.name.strip()):
        return insert_department(body, dep, slots, blocks, smap), True
    return ([blocks[i] for i in src.blocks if 0 <= i < len(blocks)] if src is not None else None), False


def rewrite_department(dep: Department, blocks: list, dep_src: FormPlace) -> list:
    """Rewrite the department part in place; return the blocks now holding it."""
    elems = [blocks[i] for i in dep_src.blocks if 0 <= i < len(blocks)]
    if dep.form == "table":
        tbl = next((e for e in elems if e.tag == x.W_TBL), None)
        if tbl is None:
            return elems
        look, _ = capture_look(elems)
        new_tbl = render(compose_department(dep), look)[-1]
        tbl.getparent().replace(tbl, new_tbl)
        return [new_tbl if e is tbl else e for e in elems]
    paras = [e for e in elems if e.tag == x.W_P]
    texts = [x.text_of(p).strip() for p in paras]
    start = next((k for k, t in enumerate(texts) if "总体绩效目标" in t and len(t) <= 20), 0)
    heads = [k for k, t in enumerate(texts) if re.search(r"(总体|分项)绩效目标|工作保障措施", t)
             and len(t) <= 20]
    heading = paras[heads[0]] if heads else None
    body = next((paras[k] for k in range(start + 1, len(paras)) if k not in heads and texts[k]), None)
    item = paras[heads[1] + 1] if len(heads) > 1 and heads[1] + 1 < len(paras) else body
    new = narrative_sections(dep, {kind: tuple(copy.deepcopy(el) for el in para_look(p))
                                   for kind, p in (("section", heading), ("item", item), ("body", body))})
    old = paras[start:]
    if not old:
        return elems
    for el in new:
        old[0].addprevious(el)
    for el in old:
        if el.getparent() is not None:
            el.getparent().remove(el)
    return paras[:start] + new


def _direct(east: str, size: int, *, bold: bool = False, center: bool = False,
            indent: bool = False) -> tuple:
    """Paragraph/run properties written out (the opened file lacks the template's styles)."""
    ppr = ('<w:ind w:firstLine="560"/>' if indent else "") + ('<w:jc w:val="center"/>' if center else "")
    rpr = f'<w:rFonts w:eastAsia="{east}"/>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return tuple(etree.fromstring(f'<w:{tag} xmlns:w="{x.W_NS}">{inner}</w:{tag}>')
                 for tag, inner in (("pPr", ppr), ("rPr", rpr)))


def insert_department(body, dep: Department, slots: list[Project], blocks: list,
                       smap: SourceMap) -> list:
    """A department part the file did not have goes before its first form."""
    if dep.form == "table":
        look = x.Look(cell_style=None, head_style=None, title_style=None)
        look.cell_ppr, look.cell_rpr = _direct("宋体", 18)
        look.head_ppr, look.head_rpr = _direct("宋体", 18, center=True)
        new = render(compose_department(dep), look)[-1:]
        title = _direct("宋体", 32, bold=True, center=True)
        new.insert(0, x.paragraph("部门整体支出绩效目标申报表", ppr=title[0], rpr=title[1]))
    else:
        ppr, rpr = _direct("黑体", 32, center=True)
        new = [x.paragraph(t, ppr=ppr, rpr=rpr) for t in ("第一部分", "部门整体绩效目标")]
        new += narrative_sections(dep, {"section": _direct("黑体", 28, indent=True),
                                        "item": _direct("楷体_GB2312", 28, bold=True, indent=True),
                                        "body": _direct("仿宋_GB2312", 28, indent=True)})
    first = min((smap.of(p).blocks[0] for p in slots if smap.of(p).blocks[0] < len(blocks)), default=None)
    before = blocks[first] if first is not None and blocks[first].getparent() is not None else None
    x.fill(x.placeholder(before, body=body), new)
    return new

