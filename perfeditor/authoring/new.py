"""New documents and new projects (文件→新建, 添加项目).

A new project's indicator table starts with one row per first and second level of the rule set's
indicator system (产出: 数量/质量/时效 …), so that the clerk fills in rather than builds; the
三级指标 and 指标值 of those rows are empty and the check says so until they are filled.
"""
from __future__ import annotations

from dataclasses import dataclass

from perfeditor.forms.layouts import SPENDING_MONTHS
from perfeditor.forms.titles import title_like
from perfeditor.model import Department, Document, FormVariant, Indicator, Project

#: (first level, second levels) of each indicator system, in the order the forms print them.
_SYSTEM_2015 = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_SYSTEM_2021 = (
    ("成本指标", ("经济成本指标", "社会成本指标", "生态环境成本指标")),
    ("产出指标", ("数量指标", "质量指标", "时效指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
_SYSTEM_HEBEI = (
    ("产出指标", ("数量指标", "质量指标", "时效指标")),
    ("效益指标", ("社会效益指标",)),
    ("满意度指标", ("服务对象满意度指标",)),
)
#: The graded layout has one level above the indicator's name only.
_SYSTEM_GRADED = (("产出指标", ()), ("效益指标", ()), ("满意度指标", ()))


@dataclass(frozen=True)
class FormKind:
    """One choice of 文件→新建: a layout with its indicator system."""

    key: str
    title: str          # Chinese, shown in the dialog
    layout: str         # the model's layout
    system: str         # FormVariant.system ("" / "2015" / "2021")
    ruleset: str        # the rule set that judges it
    levels: tuple


FORM_KINDS: dict[str, FormKind] = {k.key: k for k in (
    FormKind("hebei-project", "河北省项目绩效目标表", "hebei-project", "", "hebei", _SYSTEM_HEBEI),
    FormKind("hebei-graded", "河北省分级评价标准绩效目标表（优良中差）", "hebei-graded", "", "hebei", _SYSTEM_GRADED),
    FormKind("mof-2015", "财政部项目支出绩效目标申报表（2015 版，成本属于产出）", "mof-project", "2015", "mof-2015",
             _SYSTEM_2015),
    FormKind("mof-2021", "财政部项目支出绩效目标表（2021 版，成本指标为一级指标）", "mof-project", "2021", "mof-2021",
             _SYSTEM_2021),
)}

#: Rows of the national forms (FormVariant.rows) a new mof-project form is written with.
_MOF_ROWS_2015 = ["kind", "period", "implementer", "budget.midterm_total", "budget.midterm_fiscal",
                  "budget.midterm_other", "goals_midterm"]
_MOF_ROWS_2021 = ["kind", "period", "implementer"]


def kind_of(project: Project) -> FormKind:
    """The form kind a project was written in (for 添加项目 in an open file)."""
    layout = project.variant.layout
    if layout == "mof-project":
        from perfeditor.forms.variants import project_system

        return FORM_KINDS["mof-2021" if project_system(project) == "2021" else "mof-2015"]
    return FORM_KINDS.get(layout, FORM_KINDS["hebei-project"])


def starter_indicators(kind: FormKind, like: list[Indicator] | None = None) -> list[Indicator]:
    """One empty row per first/second level of ``kind``'s system. With ``like`` (another project's
    rows), its spelling of the first levels is kept where it names the same category
    (效果指标 for 效益指标, 产出 for 产出指标)."""
    spelling: dict[str, str] = {}
    if like:
        from perfeditor.rules.labels import level1_key, level2_key

        for ind in like:
            spelling.setdefault("1:" + level1_key(ind.level1), ind.level1)
            if ind.level2:
                spelling.setdefault("2:" + level2_key(ind.level2), ind.level2)

        def spelt(level: int, label: str) -> str:
            key = level1_key(label) if level == 1 else level2_key(label)
            return spelling.get(f"{level}:{key}", label) if key else label
    else:
        def spelt(level: int, label: str) -> str:
            return label
    rows: list[Indicator] = []
    for level1, level2s in kind.levels:
        for level2 in level2s or ("",):
            grades = {g: "" for g in ("优", "良", "中", "差")} if kind.layout == "hebei-graded" else None
            rows.append(Indicator(level1=spelt(1, level1), level2=spelt(2, level2) if level2 else "",
                                  grades=grades))
    return rows


def new_project(kind: FormKind, unit: str = "", ordinal: int = 1, name: str = "新项目",
                variant: FormVariant | None = None, like: list[Indicator] | None = None) -> Project:
    """A project of ``kind`` with starter rows; ``variant`` (another project's) keeps the file's look."""
    if variant is None:
        variant = FormVariant(layout=kind.layout, system=kind.system)  # type: ignore[arg-type]
        if kind.layout == "mof-project":
            variant.rows = list(_MOF_ROWS_2021 if kind.system == "2021" else _MOF_ROWS_2015)
            variant.indicator_side_label = True
    else:
        variant = variant.model_copy(deep=True)
    title = "项目支出绩效目标表" if kind.layout == "mof-project" else f"{ordinal}、{name}绩效目标表"
    project = Project(name=name, title=title, unit=unit, variant=variant,
                      indicators=starter_indicators(kind, like))
    if kind.layout == "hebei-project":
        project.spending_plan = {m: "" for m in SPENDING_MONTHS}
    if kind.layout == "mof-project":
        project.implementer = unit_name(unit)
    return project


def unit_text(kind: FormKind, name: str, code: str) -> str:
    """单位 / 主管部门及代码 as the layout prints it: ``333002定州市住房和城乡建设局`` (河北),
    ``黔南州住房和城乡建设局（333002）`` (财政部)."""
    name, code = name.strip(), code.strip()
    if not code:
        return name
    if kind.layout == "mof-project":
        return f"{name}（{code}）" if name else code
    return f"{code}{name}"


def unit_name(unit: str) -> str:
    """The department's name without its code (实施单位 of a new mof-project form)."""
    import re

    return re.sub(r"^\d+|[（(]\s*\d+\s*[)）]$", "", unit).strip()


def new_document(kind_key: str, department: bool = True, name: str = "", code: str = "",
                 year: int | None = None) -> Document:
    """A new document of one project (文件→新建)."""
    kind = FORM_KINDS[kind_key]
    unit = unit_text(kind, name, code) if kind.layout != "hebei-graded" else ""  # the graded form has no 单位
    doc = Document(layout=kind.layout)  # type: ignore[arg-type]
    if year:
        doc.preamble = f"{name.strip()}{year}年部门预算"
    if department:
        if kind.layout == "mof-project":
            doc.department = Department(form="table", name=name.strip())
        else:
            doc.department = Department(form="narrative")
    doc.projects.append(new_project(kind, unit))
    return doc


def document_unit(doc: Document) -> str:
    """The 主管部门 a new project of ``doc`` gets: the one most of its projects name."""
    from collections import Counter

    units = Counter(p.unit for p in doc.projects if p.unit.strip())
    if units:
        return units.most_common(1)[0][0]
    if doc.department is not None and doc.department.name:
        return doc.department.name
    return ""


def project_for(doc: Document, after: Project | None = None, name: str = "新项目",
                ordinal: int | None = None) -> Project:
    """添加项目: a project ``name`` shaped like ``after`` (or the file's last), with starter rows
    and the document's 主管部门, its title numbered ``ordinal`` (the next number by default)."""
    template = after or (doc.projects[-1] if doc.projects else None)
    kind = kind_of(template) if template is not None else FORM_KINDS.get(
        doc.layout if doc.layout != "mof-project" else "mof-2015", FORM_KINDS["hebei-project"])
    ordinal = ordinal if ordinal is not None else len(doc.projects) + 1
    project = new_project(kind, document_unit(doc), ordinal, name,
                          variant=template.variant if template is not None else None,
                          like=template.indicators if template is not None else None)
    if template is not None and template.spending_plan:
        project.spending_plan = {k: "" for k in template.spending_plan}
    if template is not None:  # the file's own title style: 3、新项目项目支出绩效目标表 in a 财政部 file
        project.title = title_like(template, project.name, ordinal, project.title)
    return project
