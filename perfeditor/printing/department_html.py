"""The department-wide part (部门整体绩效目标) as print HTML: the narrative of the Hebei files
(三 headings) or the national table form (部门整体支出绩效目标申报表)."""
from __future__ import annotations

from collections.abc import Sequence

from perfeditor.forms.compose import compose_department
from perfeditor.model.document import Department
from perfeditor.printing.html import TITLE_PT, Section, heading, paragraphs

#: Printed before the first project when the whole file (with its narrative part) is printed.
PROJECTS_PART_HEADING = ("第二部分", "预算项目绩效目标")


def _narrative(dep: Department) -> str:
    parts = [heading("第一部分", level=0), heading("部门整体绩效目标", level=0),
             heading("一、总体绩效目标"), paragraphs(dep.overall)]
    if dep.items:
        parts.append(heading("二、分项绩效目标"))
        for item in dep.items:
            if item.title:
                parts.append(heading(item.title, level=2))
            parts.append(paragraphs(item.goal))
            if item.indicator:
                parts.append(paragraphs(f"绩效指标：{item.indicator}"))
    if dep.measures:
        parts.append(heading("三、工作保障措施" if dep.items else "二、工作保障措施"))
        parts.append(paragraphs(dep.measures))
    return "".join(parts)


def _table_form(dep: Department, lines: Sequence[str]) -> str:
    """The national department form as composed (:func:`perfeditor.forms.compose.compose_department`),
    under the file's heading ``lines``, then what the form has no room for (分项绩效目标,
    工作保障措施) as text below it."""
    from perfeditor.printing.project_html import form_html

    extra = ""
    if dep.items or dep.measures:
        extra = "".join(heading(i.title, level=2) + paragraphs(i.goal)
                        + paragraphs(i.indicator and f"绩效指标：{i.indicator}")
                        for i in dep.items) + paragraphs(dep.measures)
    return form_html(compose_department(dep, lines), None, "department-table", title_pt=TITLE_PT) + extra


def department_sections(dep: Department, has_projects: bool = True, lines: Sequence[str] = ()) -> list[Section]:
    """The department part's printed section (empty when the part holds nothing); the table form
    under the file's heading ``lines`` (:func:`perfeditor.forms.narrative.heading_lines`)."""
    if dep.form == "table":
        body = _table_form(dep, lines)
    else:
        if not (dep.overall or dep.items or dep.measures):
            return []
        body = _narrative(dep)
    return [Section(html=f"<html><body>{body}</body></html>", title="部门整体绩效目标")]
