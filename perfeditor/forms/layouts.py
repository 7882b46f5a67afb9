"""One declaration per layout: its Chinese name, header-block rows, indicator columns (default,
required and allowed), their printed labels and widths — the one place everything reads them from.
The model's ``mof-project`` has two, by its indicator system (``FormVariant.system``: 2015 or 2021).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from perfeditor.forms.variants import BASIS_2021_LABEL, project_system, read_system
from perfeditor.forms.vocabulary import FIELD_TITLES
from perfeditor.model.document import GRADES, LAYOUTS, Indicator, Project

GRADE_COLUMNS: tuple[str, ...] = tuple(f"grade:{g}" for g in GRADES)
#: Every indicator column in the order the forms print them.
COLUMN_ORDER: tuple[str, ...] = ("level1", "level2", "level3", "description", "value_midterm", "value",
                                 *GRADE_COLUMNS, "basis", "note", "weight")
#: Column widths in twips, as in the official files' grids (the 优/良/中/差 standards and
#: mof-project's 绩效指标 side column apart): 定州/乐亭 1304 1191 1474 2438 1191 1361; 平乡 1020
#: 1474 1928 850×4 1247; 黔南 (绩效指标 1474) 907 1077 2438 1814 1361.
_HEBEI_WIDTHS = {"level1": 1304, "level2": 1191, "level3": 1474, "description": 2438, "value": 1191,
                 "value_midterm": 1191, "basis": 1361, "note": 1191, "weight": 680}
_GRADED_WIDTHS = {**_HEBEI_WIDTHS, "level1": 1020, "description": 1928, "basis": 1247}
_MOF_WIDTHS = {"level1": 907, "level2": 1077, "level3": 2438, "description": 2438, "value": 1814,
               "value_midterm": 1814, "basis": 1814, "note": 1361, "weight": 680}
GRADE_WIDTH = 850
SIDE_WIDTH = 1474
#: The months of the hebei-project 资金支出计划（%） row.
SPENDING_MONTHS: tuple[str, ...] = ("3月底", "6月底", "10月底", "12月底")
_OPTIONAL = ("level2", "description", "value", "value_midterm", "basis", "note", "weight")
#: The fields :func:`left_out_fields` names that are indicator columns.
INDICATOR_FIELDS = (*_OPTIONAL, "grades")


@dataclass(frozen=True)
class Row:
    """One header-block row; an ``optional`` one is printed when the form has it or it holds a value."""

    label: str
    field: str
    optional: bool = False


@dataclass(frozen=True)
class Layout:
    key: str                 # "hebei-project", "hebei-graded", "mof-project-2015", …
    model: str               # the model's layout ("mof-project" for both national systems)
    system: str              # FormVariant.system ("" / "2015" / "2021")
    name: str                # what a clerk knows it by: 河北项目表 …
    form_name: str           # the form's own name, in messages: 河北项目绩效目标表 …
    rows: tuple[Row, ...]
    columns: tuple[str, ...]           # default indicator columns
    required: frozenset[str]           # columns every form of the layout prints
    allowed: frozenset[str]            # columns some official variant has
    column_labels: dict[str, str] = field(default_factory=dict)
    widths: dict[str, int] = field(default_factory=dict)   # twips, by column

    def width(self, col: str) -> int:
        """The official width of ``col`` in twips."""
        return GRADE_WIDTH if col.startswith("grade:") else self.widths.get(col, 1191)

    @property
    def holds(self) -> frozenset[str]:
        """The header-block fields the layout can hold (group headings left out)."""
        return frozenset(r.field for r in self.rows if not r.field.startswith("group:"))

    @property
    def shown(self) -> frozenset[str]:
        """The header-block fields every form of the layout prints."""
        return frozenset(r.field for r in self.rows if not r.optional and not r.field.startswith("group:"))

    def column_label(self, col: str) -> str:
        return col[6:] if col.startswith("grade:") else self.column_labels.get(col) or FIELD_TITLES.get(col, col)

    def label(self, fld: str) -> str:
        """The default printed label of a header-block field."""
        return next((r.label for r in self.rows if r.field == fld), FIELD_TITLES.get(fld, fld))


_HEBEI_LABELS = {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述",
                 "value": "指标值", "value_midterm": "中期指标值", "basis": "指标值确定依据", "note": "备注",
                 "weight": "权重", "group:grades": "绩效指标评价标准"}
_MOF_LABELS = {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "指标解释",
               "value": "指标值", "value_midterm": "中期指标值", "basis": "指标值确定依据", "note": "说明",
               "weight": "权重", "side": "绩效指标"}  # (basis: the 2015 form has no such column of its own)
_MOF_ROWS = (
    Row("项目名称", "name"), Row("主管部门及代码", "unit"), Row("实施单位", "implementer"),
    Row("项目属性", "kind", True), Row("项目期", "period", True), Row("资金来源", "source", True),
    Row("项目资金（万元）", "group:budget", True), Row("中期资金总额", "budget.midterm_total", True),
    Row("资金总额(万元):", "budget.total"), Row("财政拨款", "budget.fiscal"),
    Row("中期财政拨款", "budget.midterm_fiscal", True), Row("其中: 上级补助", "budget.superior", True),
    Row("本级安排", "budget.local", True), Row("其他资金", "budget.other"),
    Row("中期其他资金", "budget.midterm_other", True),
    Row("总体目标", "group:goals"), Row("中期目标", "goals_midterm", True), Row("年度目标", "goals"),
)
_MOF_ALLOWED = frozenset({"level1", "level2", "level3", "description", "value", "value_midterm", "basis", "note",
                          "weight"})

DECLARATIONS: dict[str, Layout] = {d.key: d for d in (
    Layout(
        "hebei-project", "hebei-project", "", "河北项目表", "河北项目绩效目标表",
        rows=(Row("主管部门及代码", "unit"), Row("项目编码", "code"), Row("项目名称", "name"),
              Row("预算规模及资金用途", "group:purpose"), Row("预算数", "budget.total"),
              Row("其中：财政资金", "budget.fiscal"), Row("其他资金", "budget.other"), Row("资金用途", "purpose"),
              Row("资金支出计划（%）", "spending_plan"), Row("绩效目标", "goals")),
        columns=("level1", "level2", "level3", "description", "value", "basis"),
        required=frozenset({"level1", "level2", "level3", "description", "value", "basis"}),
        # no 说明/备注: a form with one reads as a national (mof-project) one
        allowed=frozenset({"level1", "level2", "level3", "description", "value", "basis", "weight"}),
        column_labels=_HEBEI_LABELS, widths=_HEBEI_WIDTHS),
    Layout(
        "hebei-graded", "hebei-graded", "", "河北分级表", "河北分级评价标准绩效目标表",
        rows=(Row("绩效目标", "goals"),),
        columns=("level1", "level3", "description", *GRADE_COLUMNS, "basis"),
        required=frozenset({"level1", "level3", *GRADE_COLUMNS}),
        allowed=frozenset({"level1", "level3", "description", *GRADE_COLUMNS, "basis", "note", "weight"}),
        column_labels={**_HEBEI_LABELS, "level1": "绩效指标分类", "level3": "绩效指标",
                       "basis": "评价标准确定依据"}, widths=_GRADED_WIDTHS),
    Layout(
        "mof-project-2015", "mof-project", "2015", "财政部项目表(2015)", "财政部项目支出绩效目标表",
        rows=_MOF_ROWS, columns=("level1", "level2", "level3", "value", "note"),
        required=frozenset({"level1", "level3"}), allowed=_MOF_ALLOWED, column_labels=_MOF_LABELS,
        widths=_MOF_WIDTHS),
    Layout(
        "mof-project-2021", "mof-project", "2021", "财政部项目表(2021)", "财政部项目支出绩效目标表",
        rows=_MOF_ROWS, columns=("level1", "level2", "level3", "value", "basis", "note"),
        required=frozenset({"level1", "level3"}), allowed=_MOF_ALLOWED,
        column_labels={**_MOF_LABELS, "basis": BASIS_2021_LABEL}, widths=_MOF_WIDTHS),
)}

#: The national department form (部门整体支出绩效目标申报表): its indicator columns.
DEPARTMENT_TABLE = Layout(
    "department-table", "", "", "部门整体支出绩效目标申报表", "部门整体支出绩效目标申报表",
    rows=(Row("部门名称", "name"), Row("年度主要任务", "group:tasks"), Row("金额合计", "budget.total"),
          Row("年度总体目标", "overall"), Row("年度绩效指标", "group:indicators")),
    columns=("level1", "level2", "level3", "value"), required=frozenset({"level1", "level2", "level3", "value"}),
    allowed=frozenset({"level1", "level2", "level3", "value"}), column_labels=_HEBEI_LABELS, widths=_HEBEI_WIDTHS)

assert {d.model for d in DECLARATIONS.values()} == set(LAYOUTS)


#: Header-block labels only the national (mof-project) forms print.
_MOF_ONLY = frozenset({"unit", "implementer", "source", "kind", "period", "budget.local", "budget.superior",
                       "group:goals", "goals_midterm", "budget.midterm_total"})


def infer_layout(project: Project) -> None:
    """Set the layout (and system) of a project just read, from its form's columns and labels:
    优/良/中/差 standards make the graded form; a 绩效指标 side column, a label only the national
    form prints, or a 说明 column without a 项目编码 the national form; else the Hebei project form.
    The system (2015 or 2021) as :func:`perfeditor.forms.variants.read_system` decides it."""
    v = project.variant
    cols, labels = set(v.indicator_columns), set(v.labels)
    if any(c.startswith("grade:") for c in cols):
        v.layout = "hebei-graded"
    elif v.indicator_side_label or _MOF_ONLY & labels or "note" in cols and "code" not in labels:
        v.layout = "mof-project"
        v.system = read_system(v.labels, [*v.rows, *v.indicator_columns], project.indicators)
    else:
        v.layout = "hebei-project"


def declaration(layout: str, project: Project | None = None, system: str = "") -> Layout:
    """The declaration of ``layout`` (a model layout or a declaration's key); for mof-project,
    by ``system`` or by the project's system."""
    if layout in DECLARATIONS:
        return DECLARATIONS[layout]
    if layout == "mof-project":
        system = system or (project_system(project) if project is not None else "2015")
        return DECLARATIONS[f"mof-project-{system}"]
    raise KeyError(layout)


def keeps_own_layouts(target: str | None, doc_layout: str) -> bool:
    """Writing a document of ``doc_layout`` in ``target`` keeps each project in its own layout (a
    file may mix them): no target, or the document's own; naming another layout converts every one."""
    return not target or target == doc_layout


def written_layout(project: Project, target: str | None, doc_layout: str, system: str = "") -> str:
    """The model layout ``project`` is written and printed in when its document (of ``doc_layout``)
    is written in ``target`` (None: its own); a national ``system`` named (2015 / 2021) puts every
    project in that form (:func:`perfeditor.authoring.variants.put_in_variant`)."""
    if not system and keeps_own_layouts(target, doc_layout):
        return project.variant.layout
    return target or doc_layout


def indicator_value(ind: Indicator, col: str) -> str:
    return (ind.grades or {}).get(col[6:], "") if col.startswith("grade:") else getattr(ind, col, "") or ""


def filled_columns(project: Project) -> set[str]:
    """The optional indicator columns some indicator of ``project`` fills, plus "grades" when a
    grade is filled."""
    inds = project.indicators
    out = {col for col in _OPTIONAL if any((getattr(ind, col, "") or "").strip() for ind in inds)}
    if any((v or "").strip() for ind in inds for v in (ind.grades or {}).values()):
        out.add("grades")
    return out


def insert_column(cols: list[str], col: str) -> None:
    """Put ``col`` where the forms print it: after the last column that comes before it."""
    def rank(c: str) -> int:
        return COLUMN_ORDER.index(c) if c in COLUMN_ORDER else len(COLUMN_ORDER)
    cols.insert(max((i + 1 for i, c in enumerate(cols) if rank(c) <= rank(col)), default=0), col)


def indicator_columns(project: Project, layout: str, filled: set[str] | None = None) -> list[str]:
    """The indicator columns, in order, of ``project`` in ``layout`` (editor, writers, printing): the
    form's own (extra ones kept) in its own layout, else the layout's defaults; plus those the layout
    requires and those it allows that the project fills (``filled``: :func:`filled_columns`)."""
    decl = declaration(layout, project)
    v = project.variant
    cols: list[str] = []
    if v.layout == decl.model and v.indicator_columns:
        cols = [c for c in dict.fromkeys(v.indicator_columns) if c in COLUMN_ORDER]  # its extra columns too
    if not ("level1" in cols and "level3" in cols):
        cols = list(decl.columns)
    filled = filled_columns(project) if filled is None else filled
    for col in COLUMN_ORDER:
        if col in cols or col not in decl.allowed:
            continue
        if col in decl.required or col in filled or col.startswith("grade:") and "grades" in filled:
            insert_column(cols, col)
    return cols


def column_label(project: Project, layout: str, col: str) -> str:
    """The printed header of ``col``: as the form printed it (same layout), else the layout's own."""
    decl = declaration(layout, project)
    own = project.variant.labels if project.variant.layout == decl.model else {}
    if got := own.get(f"col:{col}") or (own.get("basis") if col == "basis" else None):
        return got
    if decl.model == "mof-project" and col == "value" and "value_midterm" in indicator_columns(project, layout):
        return "年度指标值"
    return decl.column_label(col)


def left_out_fields(project: Project, layout: str, cols: list[str] | None = None,
                    filled: set[str] | None = None) -> list[str]:
    """The fields of ``project`` that hold something ``layout`` cannot hold (header-block fields,
    indicator columns, "grades")."""
    decl = declaration(layout, project)
    filled = filled_columns(project) if filled is None else filled
    cols = indicator_columns(project, layout, filled) if cols is None else cols
    b = project.budget
    values = {
        "code": project.code, "unit": project.unit, "implementer": project.implementer, "kind": project.kind,
        "period": project.period, "source": project.source, "purpose": project.purpose,
        "spending_plan": "".join(project.spending_plan.values()), "goals": project.goals,
        "goals_midterm": project.goals_midterm,
        **{f"budget.{k}": getattr(b, k) for k in ("total", "fiscal", "other", "superior", "local",
                                                   "midterm_total", "midterm_fiscal", "midterm_other")},
    }
    out = [f for f, value in values.items() if value.strip() and f not in decl.holds]
    out += [c for c in _OPTIONAL if c in filled and c not in cols]
    if "grades" in filled and not any(c.startswith("grade:") for c in cols):
        out.append("grades")
    return out


def left_out(projects: list[Project], layout: str, fields: list[list[str]] | None = None) -> list[str]:
    """Chinese lines naming the fields ``layout`` cannot hold, with the projects concerned
    (``fields``: each project's :func:`left_out_fields`, when already worked out)."""
    missing: dict[str, list[str]] = {}
    for k, p in enumerate(projects):
        for key in (fields[k] if fields is not None else left_out_fields(p, layout)):
            missing.setdefault(key, []).append(p.name or p.title or "（未命名项目）")
    lines = []
    for key, names in missing.items():
        target = declaration(layout, projects[0]).form_name
        shown = "、".join(f"“{n}”" for n in names[:3])
        more = f"等 {len(names)} 个项目" if len(names) > 3 else ""
        lines.append(f"{target}没有“{FIELD_TITLES.get(key, key)}”栏，{shown}{more}的该项内容未写入。")
    return lines
