"""财政部 项目支出绩效目标表 (mof-project): the 贵州 form, the national 2015 form (项目属性, 项目期,
中期/年度资金总额, 中期/年度目标, 中期/年度指标值) and the 2021 variant (成本指标, 设定依据)."""
from __future__ import annotations

from perfeditor.forms.layouts import (
    SIDE_WIDTH,
    column_label,
    column_widths,
    declaration,
    indicator_columns,
    printed_label,
)
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_table import C, TableBuilder, cont, grid_widths, indicator_rows
from perfeditor.io.docx.writer_table import label as lab
from perfeditor.model import Project

MOF_TITLE = "项目支出绩效目标表"
#: Rows of the 贵州 shape written when the project does not say which rows its form has.
DEFAULT_ROWS = ("source", "budget.superior", "budget.local")


def _has_row(project: Project, key: str, value: str) -> bool:
    if value.strip():
        return True
    if project.variant.layout == "mof-project" and project.variant.rows:
        return key in project.variant.rows
    return key in DEFAULT_ROWS


def build_mof_project(project: Project, index: int, look: x.Look, widths_override=None) -> list:
    layout = "mof-project"
    cols = indicator_columns(project, layout)
    side = project.variant.indicator_side_label if project.variant.layout == layout else True
    wts = column_widths(cols, layout)
    lead = [SIDE_WIDTH] if side else []
    n = len(cols) + len(lead)
    grid = widths_override if widths_override and len(widths_override) == n \
        else grid_widths(wts, [1] * len(cols), look.grid_total, lead)
    tb = TableBuilder(grid, look)
    g = tb.size
    b = project.budget

    def lb(key: str, default: str = "") -> str:  # the layout's own label unless another is given
        return printed_label(project, layout, key, default or declaration(layout, project).label(key))

    title = project.title.strip() if project.variant.layout == layout and project.title.strip() else MOF_TITLE
    blocks: list = []
    if project.variant.layout == layout and project.variant.title_as_row:
        tb.add([C(title, g, None, True, "center")])
    else:
        blocks.append(x.paragraph(title, None if look.title_ppr is not None
                                  else look.extras.get("mof_title_style", "FormTitleMof"),
                                  ppr=look.title_ppr, rpr=look.title_rpr))
    left = (g - 2 + 1) // 2
    right = g - 2 - left

    def pair(k1, d1, v1, k2, d2, v2):
        tb.add([lab(lb(k1, d1)), C(v1, left), lab(lb(k2, d2)), C(v2, right)])

    def single(k, d, v):
        tb.add([lab(lb(k, d)), C(v, g - 1)])

    single("name", "项目名称", project.name)
    pair("unit", "主管部门及代码", project.unit, "implementer", "实施单位", project.implementer)
    if _has_row(project, "kind", project.kind) or _has_row(project, "period", project.period):
        pair("kind", "项目属性", project.kind, "period", "项目期", project.period)
    if _has_row(project, "source", project.source):
        single("source", "资金来源", project.source)
    midterm = any(getattr(b, k).strip() for k in ("midterm_total", "midterm_fiscal", "midterm_other")) \
        or (project.variant.layout == layout and "budget.midterm_total" in project.variant.rows)
    if midterm:
        pair("budget.midterm_total", "中期资金总额", b.midterm_total,
             "budget.total", "年度资金总额", b.total)
        pair("budget.midterm_fiscal", "其中：财政拨款", b.midterm_fiscal,
             "budget.fiscal", "其中：财政拨款", b.fiscal)
        if _has_row(project, "budget.superior", b.superior) or _has_row(project, "budget.local", b.local):
            pair("budget.superior", "其中：上级补助", b.superior, "budget.local", "本级安排", b.local)
        pair("budget.midterm_other", "其他资金", b.midterm_other, "budget.other", "其他资金", b.other)
    else:
        single("budget.total", "资金总额(万元):", b.total)
        single("budget.fiscal", "财政拨款", b.fiscal)
        if _has_row(project, "budget.superior", b.superior):
            single("budget.superior", "其中: 上级补助", b.superior)
        if _has_row(project, "budget.local", b.local):
            single("budget.local", "本级安排", b.local)
        single("budget.other", "其他资金", b.other)
    two_goals = bool(project.goals_midterm.strip()) or \
        (project.variant.layout == layout and "goals_midterm" in project.variant.rows)
    if two_goals:
        gl = (g - 1 + 1) // 2
        tb.add([lab(lb("group:goals"), 1, "restart"),
                lab(lb("goals_midterm"), gl), lab(lb("goals"), g - 1 - gl)])
        tb.add([cont(), C(project.goals_midterm, gl), C(project.goals, g - 1 - gl)])
    else:
        tb.add([lab(lb("group:goals"), 1, "restart"), lab(lb("goals"), g - 1)])
        tb.add([cont(), C(project.goals, g - 1)])
    if project.variant.layout == layout and project.variant.two_tables or look.split_header:
        tb.break_table()
    head = [lab(column_label(project, layout, c)) for c in cols]
    if side:
        side_label = lb("side", "绩效指标")
        tb.add([lab(side_label, 1, "restart"), *head], header=True, cant_split=True, kind="head")
        indicator_rows(tb, project.indicators, cols, [1] * len(cols), lead=[cont()])
    else:
        tb.add(head, header=True, cant_split=True, kind="head")
        indicator_rows(tb, project.indicators, cols, [1] * len(cols))
    return blocks + tb.tables()
