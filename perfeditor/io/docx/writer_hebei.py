"""The 河北 layouts: 项目绩效目标表 (hebei-project) and 分级评价标准 (hebei-graded)."""
from __future__ import annotations

import re

from perfeditor.forms.layouts import (
    SPENDING_MONTHS,
    column_label,
    column_widths,
    declaration,
    indicator_columns,
    printed_label,
)
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_table import C, TableBuilder, column_spans, cont, grid_widths, indicator_rows
from perfeditor.io.docx.writer_table import label as lab
from perfeditor.model import Project


def hebei_title(project: Project, index: int) -> str:
    title = project.title.strip()
    if title and title != "项目支出绩效目标表":
        return title
    return f"{index}、{project.name}绩效目标表"


def _title_blocks(tb: TableBuilder, project: Project, layout: str, title: str, look: x.Look):
    """The title paragraph above the table, or a full-width first row when the variant says so."""
    if project.variant.layout == layout and project.variant.title_as_row:
        tb.add([C(title, tb.size, None, True, "center")])
        return []
    return [x.paragraph(title, None if look.title_ppr is not None else look.title_style,
                        ppr=look.title_ppr, rpr=look.title_rpr)]


def _indicator_header(tb: TableBuilder, project: Project, layout: str, cols, spans) -> None:
    tb.add([lab(column_label(project, layout, c), s) for c, s in zip(cols, spans, strict=False)], header=True,
           cant_split=True, kind="head")


def build_hebei_project(project: Project, index: int, look: x.Look, widths_override=None) -> list:
    layout = "hebei-project"
    cols = indicator_columns(project, layout)
    wts = column_widths(cols, layout)
    spans = column_spans(wts, 7)
    grid = widths_override if widths_override and len(widths_override) == sum(spans) \
        else grid_widths(wts, spans, look.grid_total)
    tb = TableBuilder(grid, look)
    g = tb.size
    title = hebei_title(project, index)
    blocks = _title_blocks(tb, project, layout, title, look)

    def lb(key: str, default: str = "") -> str:  # the layout's own label unless another is given
        return printed_label(project, layout, key, default or declaration(layout, project).label(key))

    b = project.budget
    unit_text = lb("unit_marker", f"单位：{b.unit or '万元'}")
    tb.add([C(project.unit, g - 2, bare=True), C(unit_text, 2, None, False, "right", bare=True)])
    tb.add([lab(lb("code")), C(project.code, 2), lab(lb("name")),
            C(project.name, g - 4)])
    tb.add([lab(lb("group:purpose"), 1, "restart"), lab(lb("budget.total")),
            C(b.total, 1, None, False, "center"), lab(lb("budget.fiscal")),
            C(b.fiscal, 1, None, False, "center"), lab(lb("budget.other")),
            C(b.other, g - 6, None, False, "center")])
    tb.add([cont(), C(project.purpose, g - 1)])
    months = list(project.spending_plan) or list(SPENDING_MONTHS)
    mspans = x.spans(g - 1, len(months))
    months = months[:len(mspans)]
    tb.add([lab(lb("group:plan", lb("spending_plan")), 1, "restart"),
            *(lab(m, s) for m, s in zip(months, mspans, strict=False))])
    tb.add([cont(), *(C(project.spending_plan.get(m, ""), s, None, False, "center")
                      for m, s in zip(months, mspans, strict=False))])
    tb.add([lab(lb("goals")), C(project.goals, g - 1)])
    if project.variant.two_tables and project.variant.layout == layout or look.split_header:
        tb.break_table()
    _indicator_header(tb, project, layout, cols, spans)
    indicator_rows(tb, project.indicators, cols, spans)
    return blocks + tb.tables()


_TITLE_PARTS = re.compile(r"^\s*([0-9一二三四五六七八九十]+\s*[、.．]\s*)?(.*?)\s*(绩效目标表)?\s*$", re.S)


def graded_title(project: Project, index: int) -> str:
    """The graded layout has no name cell: the title carries the name, so it follows the name."""
    title = hebei_title(project, index)
    m = _TITLE_PARTS.match(title)
    if m and project.name.strip() and m.group(2).strip() != project.name.strip():
        return f"{m.group(1) or f'{index}、'}{project.name.strip()}绩效目标表"
    return title


def build_hebei_graded(project: Project, index: int, look: x.Look, widths_override=None) -> list:
    layout = "hebei-graded"
    cols = indicator_columns(project, layout)
    wts = column_widths(cols, layout)
    spans = [1] * len(cols)
    grid = widths_override if widths_override and len(widths_override) == len(cols) \
        else grid_widths(wts, spans, look.grid_total)
    tb = TableBuilder(grid, look)
    g = tb.size
    blocks = _title_blocks(tb, project, layout, graded_title(project, index), look)
    tb.add([lab(printed_label(project, layout, "goals", "绩效目标")), C(project.goals, g - 1)])
    grade_cols = [c for c in cols if c.startswith("grade:")]
    if project.variant.layout == layout and project.variant.two_tables or look.split_header:
        tb.break_table()
    top: list[C] = []
    bottom: list[C] = []
    for c in cols:
        if c.startswith("grade:"):
            if c == grade_cols[0]:
                top.append(lab(column_label(project, layout, "group:grades"), len(grade_cols)))
            bottom.append(lab(column_label(project, layout, c)))
        else:
            top.append(lab(column_label(project, layout, c), 1, "restart" if grade_cols else None))
            if grade_cols:
                bottom.append(cont())
    tb.add(top, header=True, cant_split=True, kind="head")
    if grade_cols:
        tb.add(bottom, header=True, cant_split=True, kind="head")
    indicator_rows(tb, project.indicators, cols, spans)
    return blocks + tb.tables()
