"""The department-wide part (部门整体绩效目标) as print HTML: the narrative of the Hebei files
(三 headings) or the national table form (部门整体支出绩效目标申报表)."""
from __future__ import annotations

from perfeditor.model.document import Department
from perfeditor.printing.html import Section, cell, heading, paragraphs, table, title_html

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


def _table_form(dep: Department) -> str:
    b = dep.budget
    tasks = dep.tasks or []
    rows = [cell("部门名称", header=True, width="14%") + cell(dep.name, colspan=6, align="left")]
    rows.append(cell("年度主要任务", rowspan=len(tasks) + 2, header=True)
                + cell("任务名称", rowspan=2, header=True)
                + cell("主要内容", rowspan=2, colspan=2, header=True)
                + cell("预算申请", colspan=3, header=True))
    rows.append(cell("总额", header=True) + cell("财政拨款", header=True)
                + cell("其他资金", header=True))
    for t in tasks:
        rows.append(cell(t.name) + cell(t.content, colspan=2, align="left") + cell(t.total)
                    + cell(t.fiscal) + cell(t.other))
    rows.append(cell("金额合计", colspan=4, header=True) + cell(b.total) + cell(b.fiscal)
                + cell(b.other))
    rows.append(cell("年度总体目标", header=True) + cell(dep.overall, colspan=6, align="left"))
    inds = dep.indicators
    if inds:
        rows.append(cell("年度绩效指标", rowspan=len(inds) + 1, header=True)
                    + cell("一级指标", header=True) + cell("二级指标", header=True)
                    + cell("三级指标", colspan=2, header=True) + cell("指标值", colspan=2,
                                                                   header=True))
        for ind in inds:
            rows.append(cell(ind.level1) + cell(ind.level2) + cell(ind.level3, colspan=2)
                        + cell(ind.value, colspan=2))
    extra = ""
    if dep.items or dep.measures:
        extra = "".join(heading(i.title, level=2) + paragraphs(i.goal)
                        + paragraphs(i.indicator and f"绩效指标：{i.indicator}")
                        for i in dep.items) + paragraphs(dep.measures)
    return title_html("部门整体支出绩效目标申报表") + table(rows) + extra


def department_sections(dep: Department, has_projects: bool = True) -> list[Section]:
    """The department part's printed section (empty when the part holds nothing)."""
    if dep.form == "table":
        body = _table_form(dep)
    else:
        if not (dep.overall or dep.items or dep.measures):
            return []
        body = _narrative(dep)
    return [Section(html=f"<html><body>{body}</body></html>", title="部门整体绩效目标")]
