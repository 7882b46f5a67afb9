"""One project's 绩效目标表 as print HTML, in each official layout (``spec/forms.md``).

Labels come from the project's :class:`FormVariant` when it is printed in the layout it was read
from (labels exactly as printed), else from the layout's defaults. The form is two tables drawn
as one: the header block, then the indicator block whose column headers repeat on every page.
"""
from __future__ import annotations

from perfeditor.forms.layouts import SPENDING_MONTHS, column_label, indicator_columns, indicator_value, printed_label
from perfeditor.forms.variants import project_system
from perfeditor.model.document import Indicator, Project
from perfeditor.printing.bounded import MERGED_RUN_ROWS, parts
from perfeditor.printing.html import PROJECT_TITLE_PT, TITLE_PT, Section, cell, esc, table, title_html
from perfeditor.printing.widths import balanced_widths


def _spans(indicators: list[Indicator], field: str, longest: int = 0) -> list[int]:
    """Rowspan per row for a merged-down column: >0 starts a run, 0 is covered; ``longest``:
    no run longer than that (the label starts a new run)."""
    spans = [1] * len(indicators)
    i = 0
    while i < len(indicators):
        j = i + 1
        value = getattr(indicators[i], field)
        while (value and j < len(indicators) and getattr(indicators[j], field) == value
               and (field == "level1" or indicators[j].level1 == indicators[i].level1)
               and not (longest and j - i >= longest)):
            j += 1
        spans[i] = j - i
        for k in range(i + 1, j):
            spans[k] = 0
        i = j
    return spans


def is_wide(columns: list[str], layout: str) -> bool:
    """A form of more than 8 columns (mof's 绩效指标 side column counted) prints landscape."""
    return len(columns) + (1 if layout == "mof-project" else 0) > 8


def column_widths(columns: list[str], side: bool = False, layout: str = "hebei-project",
                  project: Project | None = None) -> tuple[str, list[str]]:
    """Percent widths (as ``"12%"``) of the side column and of each column, summing to 100:
    the official proportions of ``layout``, text columns balanced by ``project``'s content."""
    headers = {c: column_label(project, layout, c) for c in columns} if project is not None else {}
    side_pct, pct = balanced_widths(layout, columns, project.indicators if project else None,
                                    headers, side, is_wide(columns, layout))
    return (f"{side_pct:.1f}%" if side else ""), [f"{w:.1f}%" for w in pct]


def _header_rows(project: Project, layout: str, columns: list[str]) -> list[str]:
    """One header row, or two when the 优/良/中/差 standards sit under one spanning label."""
    widths = dict(zip(columns, column_widths(columns, layout == "mof-project", layout,
                                             project)[1], strict=False))
    grades = [c for c in columns if c.startswith("grade:")]
    first, second = [], []
    two = bool(grades)
    done_grades = False
    for col in columns:
        if col.startswith("grade:"):
            if not done_grades:
                first.append(cell(column_label(project, layout, "group:grades"), colspan=len(grades), header=True))
                done_grades = True
            second.append(cell(column_label(project, layout, col), header=True, width=widths[col]))
            continue
        first.append(cell(column_label(project, layout, col), rowspan=2 if two else 1, header=True, width=widths[col]))
    return ["".join(first)] + (["".join(second)] if two else [])


#: Columns printed left-aligned, by layout (the others centred), as in the official files.
_LEFT = {"hebei-project": ("description", "basis", "note"),
         "hebei-graded": ("description", "basis", "note"),
         "mof-project": ("level3", "description", "value", "value_midterm", "basis", "note")}


def _indicator_rows(project: Project, columns: list[str], layout: str, split: bool = False) -> list[str]:
    """The indicator rows; ``split``: a part of a form laid out in parts (see :mod:`bounded`):
    merged runs bounded, cells top-aligned."""
    inds = project.indicators
    longest = MERGED_RUN_ROWS if split else 0
    valign = "top" if split else "middle"
    merged = {f: _spans(inds, f, longest) for f in ("level1", "level2") if f in columns}
    rows = []
    for r, ind in enumerate(inds):
        cells = []
        for col in columns:
            if col in merged:
                span = merged[col][r]
                if span:
                    cells.append(cell(indicator_value(ind, col), rowspan=span, valign=valign))
                continue
            align = "left" if col in _LEFT.get(layout, ()) else "center"
            cells.append(cell(indicator_value(ind, col), align=align, valign=valign))
        rows.append("".join(cells))
    return rows


def _plan_cells(plan: dict[str, str], width: int) -> tuple[str, str]:
    """The month labels and percentages of 资金支出计划, spread over ``width`` columns."""
    months = list(plan)
    if not months or len(months) > width:
        text = "；".join(f"{m}：{v}" for m, v in plan.items())
        return cell(text, colspan=width, align="left"), cell("", colspan=width)
    base, extra = divmod(width, len(months))
    spans = [base + (1 if i < extra else 0) for i in range(len(months))]
    labels = "".join(cell(m, colspan=s) for m, s in zip(months, spans, strict=False))
    values = "".join(cell(plan[m], colspan=s) for m, s in zip(months, spans, strict=False))
    return labels, values


def hebei_project_html(project: Project, number: int, split: bool = False) -> str:
    L = "hebei-project"
    b = project.budget
    unit_line = table([cell(project.unit, align="left", width="70%")
                       + cell(printed_label(project, L, "unit_marker", f"单位：{b.unit or '万元'}"),
                             align="right", width="30%")],
                      border=False)
    plan_labels, plan_values = _plan_cells(project.spending_plan or
                                           {m: "" for m in SPENDING_MONTHS}, 6)
    top = [
        cell(printed_label(project, L, "code", "项目编码"), header=True, width="14%")
        + cell(project.code, colspan=2) + cell(printed_label(project, L, "name", "项目名称"), header=True)
        + cell(project.name, colspan=3),
        cell(printed_label(project, L, "group:purpose", "预算规模及资金用途"), rowspan=2, header=True)
        + cell(printed_label(project, L, "budget.total", "预算数")) + cell(b.total)
        + cell(printed_label(project, L, "budget.fiscal", "其中：财政资金")) + cell(b.fiscal)
        + cell(printed_label(project, L, "budget.other", "其他资金")) + cell(b.other),
        cell(project.purpose, colspan=6, align="left"),
        cell(printed_label(project, L, "spending_plan", "资金支出计划（%）"), rowspan=2, header=True)
        + plan_labels,
        plan_values,
        cell(printed_label(project, L, "goals", "绩效目标"), header=True)
        + cell(project.goals, colspan=6, align="left"),
    ]
    columns = indicator_columns(project, L)
    return (unit_line + table(top)
            + table(_indicator_rows(project, columns, L, split), _header_rows(project, L, columns),
                    join=True))


def hebei_graded_html(project: Project, number: int, split: bool = False) -> str:
    L = "hebei-graded"
    columns = indicator_columns(project, L)
    width = column_widths(columns, False, L, project)[1][0] if columns else "12%"
    top = [cell(printed_label(project, L, "goals", "绩效目标"), header=True, width=width)
           + cell(project.goals, align="left")]
    return table(top) + table(_indicator_rows(project, columns, L, split),
                              _header_rows(project, L, columns), join=True)


def mof_project_html(project: Project, number: int, system: str = "", split: bool = False) -> str:
    L = "mof-project"
    b = project.budget
    columns = indicator_columns(project, L)
    k = len(columns)
    rows_present = set(project.variant.rows) if project.variant.layout == L else set()
    system = system or project_system(project)  # a 河北 project printed as the national form: by its rows

    def line(key: str, default: str, value: str) -> str:
        return cell(printed_label(project, L, key, default), header=True) + cell(value, colspan=k,
                                                                         align="left")

    side_width = column_widths(columns, True, L, project)[0]
    half = max(1, (k - 1) // 2)
    rest = max(1, k - 1 - half)
    top = [cell(printed_label(project, L, "name", "项目名称"), header=True, width=side_width)
           + cell(project.name, colspan=k, align="left"),
           cell(printed_label(project, L, "unit", "主管部门及代码"), header=True)
           + cell(project.unit, colspan=half) + cell(printed_label(project, L, "implementer", "实施单位"),
                                                     header=True)
           + cell(project.implementer, colspan=rest)]
    if project.kind or project.period or {"kind", "period"} & rows_present or system == "2021":
        top.append(cell(printed_label(project, L, "kind", "项目属性"), header=True)
                   + cell(project.kind, colspan=half)
                   + cell(printed_label(project, L, "period", "项目期"), header=True)
                   + cell(project.period, colspan=rest))
    top.append(line("source", "资金来源", project.source))
    if b.midterm_total or "budget.midterm_total" in rows_present:
        top += [line("budget.midterm_total", "中期资金总额(万元)", b.midterm_total),
                line("budget.midterm_fiscal", "其中：财政拨款", b.midterm_fiscal),
                line("budget.midterm_other", "其他资金", b.midterm_other)]
    total_label = "年度资金总额(万元)" if system == "2021" else "资金总额(万元)"
    top += [line("budget.total", total_label, b.total),
            line("budget.fiscal", "财政拨款", b.fiscal),
            line("budget.superior", "其中: 上级补助", b.superior),
            line("budget.local", "本级安排", b.local),
            line("budget.other", "其他资金", b.other)]
    goals_label = printed_label(project, L, "group:goals", "总体目标")
    if project.goals_midterm or "goals_midterm" in rows_present:
        top += [cell(goals_label, rowspan=2, header=True)
                + cell(printed_label(project, L, "goals_midterm", "中期目标"), colspan=half)
                + cell(printed_label(project, L, "goals", "年度目标"), colspan=k - half),
                cell(project.goals_midterm, colspan=half, align="left")
                + cell(project.goals, colspan=k - half, align="left")]
    else:
        top += [cell(goals_label, rowspan=2, header=True)
                + cell(printed_label(project, L, "goals", "年度目标"), colspan=k),
                cell(project.goals, colspan=k, align="left")]
    head = _header_rows(project, L, columns)
    body = _indicator_rows(project, columns, L, split)
    side = printed_label(project, L, "side", "绩效指标")
    side_cell = cell(side, rowspan=len(head) + max(len(body), 1), header=True, width=side_width)
    head[0] = side_cell + head[0]
    return table(top) + table(body, head, join=True)


def project_title(project: Project, number: int, layout: str) -> str:
    if project.title and project.variant.layout == layout:
        return project.title
    if layout == "mof-project":
        return "项目支出绩效目标表"
    return f"{number}、{project.name}绩效目标表"


def project_section(project: Project, number: int, layout: str, system: str = "",
                    split: bool = False) -> Section:
    """The printed form of ``project`` (``number`` is its 1-based place in the file); ``split``:
    the first part of a form laid out in parts (its indicator rows top-aligned; the block above
    them still gets the page-break pass)."""
    if layout == "hebei-graded":
        body = hebei_graded_html(project, number, split)
    elif layout == "mof-project":
        body = mof_project_html(project, number, system, split)
    else:
        body = hebei_project_html(project, number, split)
    columns = indicator_columns(project, layout)
    landscape = is_wide(columns, layout)
    title = project_title(project, number, layout)
    # the Hebei files set each project's title in 四号 (14 pt), the national form in 三号
    size = TITLE_PT if layout == "mof-project" else PROJECT_TITLE_PT
    return Section(html=f"<html><body>{title_html(title, size)}{body}</body></html>",
                   title=project.name or title, landscape=landscape, layout=layout)


def _continued_table(project: Project, layout: str) -> str:
    """The indicator table alone (headers repeated) of a part of a long form."""
    columns = indicator_columns(project, layout)
    head = _header_rows(project, layout, columns)
    body = _indicator_rows(project, columns, layout, split=True)
    if layout == "mof-project":
        side_width = column_widths(columns, True, layout, project)[0]
        side = printed_label(project, layout, "side", "绩效指标")
        head[0] = cell(side, rowspan=len(head) + max(len(body), 1), header=True, width=side_width) + head[0]
    return table(body, head)


def project_sections(project: Project, number: int, layout: str, system: str = "") -> list[Section]:
    """The printed form of ``project``: one section, or for a form of more indicator rows than
    :data:`~perfeditor.printing.bounded.ROWS_PER_PART` one per part (see :mod:`bounded`), the
    later ones titled 续 with the column headers repeated."""
    spans = parts(len(project.indicators))
    if len(spans) == 1:
        return [project_section(project, number, layout, system)]
    out = []
    for k, (start, end) in enumerate(spans):
        piece = project.model_copy(update={"indicators": project.indicators[start:end]})
        if k == 0:
            out.append(project_section(piece, number, layout, system, split=True))
            continue
        first = out[0]
        title = f"{project_title(project, number, layout)}（续 {k}）"
        size = TITLE_PT if layout == "mof-project" else PROJECT_TITLE_PT
        html = f"<html><body>{title_html(title, size)}{_continued_table(piece, layout)}</body></html>"
        out.append(Section(html=html, title=first.title, landscape=first.landscape, layout=first.layout,
                           top_aligned=True))
    return out


__all__ = ["project_section", "project_sections", "indicator_columns", "project_title", "esc"]
