"""The department part (部门整体绩效目标): narrative headings, or the national table form
部门整体支出绩效目标申报表."""
from __future__ import annotations

from dataclasses import dataclass

from perfeditor.forms.compose import compose_department
from perfeditor.forms.narrative import narrative_paragraphs
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_table import render
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


def narrative_sections(dep: Department, look: ProseLook | None = None) -> list:
    """一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施 with their paragraphs
    (:func:`perfeditor.forms.narrative.narrative_paragraphs`)."""
    look = look or ProseLook()
    styles = {"section": ("SectionHeading", look.heading), "item": ("ItemHeading", look.item),
              "body": ("BodyText", look.body)}
    return [_para(x.clean(text), *styles[kind]) for text, kind in narrative_paragraphs(dep)]


def build_department(dep: Department, look: x.Look, with_part_headings: bool = True) -> list:
    if dep.form == "table":
        return build_department_table(dep, look)
    out = []
    if with_part_headings:
        out += [x.paragraph("第一部分", "PartHeading"), x.paragraph("部门整体绩效目标", "PartHeading")]
    return out + narrative_sections(dep)


def build_department_table(dep: Department, look: x.Look) -> list:
    """The national form (:func:`~perfeditor.forms.compose.compose_department`)."""
    return render(compose_department(dep), look)
