"""The department part (部门整体绩效目标): narrative headings, or the national table form
部门整体支出绩效目标申报表."""
from __future__ import annotations

from dataclasses import dataclass

from perfeditor.forms.layouts import DEPARTMENT_TABLE as D
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_table import C, TableBuilder, cont, indicator_rows
from perfeditor.io.docx.writer_table import label as lab
from perfeditor.model import Department


@dataclass
class ProseLook:
    """Paragraph/run properties for the narrative; None = the template's styles."""

    heading: tuple = (None, None)
    item: tuple = (None, None)
    body: tuple = (None, None)


def _para(text: str, style: str, pr: tuple):
    ppr, rpr = pr
    return x.paragraph(text, None if ppr is not None else style, ppr=ppr, rpr=rpr)


def _lines(text: str) -> list[str]:
    return [line for line in x.clean(text).split("\n")] if text.strip() else []


def narrative_sections(dep: Department, look: ProseLook | None = None) -> list:
    """一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施 with their paragraphs."""
    look = look or ProseLook()
    out = [_para("一、总体绩效目标", "SectionHeading", look.heading)]
    out += [_para(t, "BodyText", look.body) for t in _lines(dep.overall)]
    out.append(_para("二、分项绩效目标", "SectionHeading", look.heading))
    for item in dep.items:
        out.append(_para(item.title, "ItemHeading", look.item))
        if item.indicator.strip():
            goal = _lines(item.goal)
            if goal and not goal[0].startswith("绩效目标"):
                goal[0] = f"绩效目标：{goal[0]}"
            ind = _lines(item.indicator)
            if ind and not ind[0].startswith("绩效指标"):
                ind[0] = f"绩效指标：{ind[0]}"
            out += [_para(t, "BodyText", look.body) for t in goal + ind]
        else:
            out += [_para(t, "BodyText", look.body) for t in _lines(item.goal)]
    out.append(_para("三、工作保障措施", "SectionHeading", look.heading))
    out += [_para(t, "BodyText", look.body) for t in _lines(dep.measures)]
    return out


def build_department(dep: Department, look: x.Look, with_part_headings: bool = True) -> list:
    if dep.form == "table":
        return build_department_table(dep, look)
    out = []
    if with_part_headings:
        out += [x.paragraph("第一部分", "PartHeading"), x.paragraph("部门整体绩效目标", "PartHeading")]
    return out + narrative_sections(dep)


def build_department_table(dep: Department, look: x.Look) -> list:
    """The national form: 部门名称; 年度主要任务 (任务名称 · 主要内容 · 预算申请 总额/财政拨款/其他资金);
    金额合计; 年度总体目标; 年度绩效指标 (一级 · 二级 · 三级 · 指标值)."""
    grid = x.scale([1.0, 1.1, 1.4, 1.1, 0.95, 0.95, 0.95], look.grid_total)
    tb = TableBuilder(grid, look)
    out = [x.paragraph(D.form_name, "FormTitleMof"), x.paragraph("（单位：万元）", "FormUnit")]
    tb.add([lab(D.label("name")), C(dep.name, 6)])
    tb.add([lab(D.label("group:tasks"), 1, "restart"), lab("任务名称", 1, "restart"),
            lab("主要内容", 2, "restart"), lab("预算申请", 3)])
    tb.add([cont(), cont(), cont(2), lab("总额"), lab("财政拨款"), lab("其他资金")])
    for t in dep.tasks:
        tb.add([cont(), C(t.name), C(t.content, 2), C(t.total, 1, None, False, "center"),
                C(t.fiscal, 1, None, False, "center"), C(t.other, 1, None, False, "center")])
    b = dep.budget
    tb.add([cont(), lab(D.label("budget.total"), 3), C(b.total, 1, None, False, "center"),
            C(b.fiscal, 1, None, False, "center"), C(b.other, 1, None, False, "center")])
    tb.add([lab(D.label("overall")), C(dep.overall, 6)])
    cols = list(D.columns)
    spans = [1, 1, 2, 2]
    tb.add([lab(D.label("group:indicators"), 1, "restart"),
            *(lab(D.column_label(c), s) for c, s in zip(cols, spans, strict=True))], header=True, kind="head")
    indicator_rows(tb, dep.indicators, cols, spans, lead=[cont()])
    return out + [tb.tbl]
