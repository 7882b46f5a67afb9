"""The document model of a budget performance target file (预算绩效目标表).

Every text is kept exactly as the file shows it (leading/trailing white space dropped, paragraphs
of one cell joined with ``\\n``). Parsed views (amounts as ``Decimal``) are computed alongside,
never stored instead of the text.

Besides the content, each :class:`Project` remembers the :class:`FormVariant` it was read from
(column set, labels as printed, one table or two, title as paragraph or as a row), so that a writer
can put it back the same way. Where in the file each form sits is not part of the model: reading
gives a source map beside the document (:mod:`perfeditor.io.source`).
"""
from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from perfeditor.model.amounts import parse_amount

Layout = Literal["hebei-project", "hebei-graded", "mof-project"]
LAYOUTS: tuple[str, ...] = ("hebei-project", "hebei-graded", "mof-project")

#: The fields of one indicator row, in the order of the contract's dump.
INDICATOR_FIELDS: tuple[str, ...] = (
    "level1", "level2", "level3", "description", "value", "basis", "note", "grades", "weight",
)
#: The budget figures of the contract's dump.
BUDGET_FIELDS: tuple[str, ...] = ("total", "fiscal", "other", "superior", "local")
#: The four grades of the hebei-graded layout (绩效指标评价标准), best first.
GRADES: tuple[str, ...] = ("优", "良", "中", "差")

_uid_counter = itertools.count(1)


def _next_uid() -> int:
    return next(_uid_counter)


class _Model(BaseModel):
    model_config = ConfigDict(validate_assignment=False, extra="forbid")


class Indicator(_Model):
    """One row of the indicator block: 一级 · 二级 · 三级指标 and what describes it."""

    level1: str = ""        # 一级指标: 产出指标 / 效益指标 / 效果指标 / 满意度指标 / 成本指标 / 产出 …
    level2: str = ""        # 二级指标: 数量指标 / 质量指标 / 时效指标 / 成本指标 …
    level3: str = ""        # 三级指标 (the indicator's name) / 绩效指标 in hebei-graded
    description: str = ""   # 绩效指标描述 / 指标解释
    value: str = ""         # 指标值 (年度指标值 where the form has both)
    value_midterm: str = ""  # 中期指标值 (national 2015 form)
    basis: str = ""         # 指标值确定依据 / 评价标准确定依据 / 指标值设定依据
    note: str = ""          # 说明 / 备注
    grades: dict[str, str] | None = None  # {"优": "≥90%", "良": …, "中": …, "差": …}
    weight: str = ""        # 权重 / 分值
    #: Stable identity inside one session (undo, findings, tree nodes); never written to a file.
    uid: int = Field(default_factory=_next_uid, exclude=True)

    def copy_fresh(self) -> "Indicator":
        """A copy with its own identity (duplicate row, paste)."""
        return self.model_copy(update={"uid": _next_uid(),
                                       "grades": dict(self.grades) if self.grades else None})


class Budget(_Model):
    """Budget figures as the form shows them, in 万元 unless the form says otherwise."""

    total: str = ""     # 预算数 / 资金总额 / 年度资金总额
    fiscal: str = ""    # 财政资金 / 财政拨款
    other: str = ""     # 其他资金
    superior: str = ""  # 其中：上级补助
    local: str = ""     # 本级安排
    midterm_total: str = ""   # 中期资金总额 (national 2015 form)
    midterm_fiscal: str = ""  # 中期 其中：财政拨款
    midterm_other: str = ""   # 中期 其他资金
    unit: str = "万元"  # the unit the amounts are in (单位：万元 / 元)

    def amount(self, field: str) -> Decimal | None:
        """The figure of ``field`` as a Decimal, or None when empty or not a number."""
        return parse_amount(getattr(self, field))


class DepartmentItem(_Model):
    """One 分项绩效目标: a heading, its goal text and, where given, its indicator text."""

    title: str = ""
    goal: str = ""
    indicator: str = ""


class DepartmentTask(_Model):
    """One 年度主要任务 row of the national department form (部门整体支出绩效目标申报表)."""

    name: str = ""      # 任务名称
    content: str = ""   # 主要内容
    total: str = ""     # 预算申请 总额
    fiscal: str = ""    # 财政拨款
    other: str = ""     # 其他资金


class Department(_Model):
    """部门整体绩效目标: narrative headings, or the national table form."""

    overall: str = ""   # 一、总体绩效目标 / 年度总体目标
    items: list[DepartmentItem] = Field(default_factory=list)  # 二、分项绩效目标
    measures: str = ""  # 三、工作保障措施
    # National table form only:
    name: str = ""      # 部门名称
    tasks: list[DepartmentTask] = Field(default_factory=list)  # 年度主要任务
    budget: Budget = Field(default_factory=Budget)             # 金额合计
    indicators: list[Indicator] = Field(default_factory=list)  # 年度绩效指标
    form: Literal["narrative", "table"] = "narrative"

    def content_fingerprint(self) -> str:
        """A digest of everything the dump shows; equal for equal content, and only then."""
        from perfeditor.model.dump import dump_department

        return _digest(_canonical(dump_department(self)))


class FormVariant(_Model):
    """How a project's table looked in the file, so that it can be written back the same way."""

    layout: Layout = "hebei-project"
    #: "2015" (成本 under 产出) or "2021" (成本指标 as a first level); only for mof-project.
    system: Literal["", "2015", "2021"] = ""
    #: The indicator block's columns in file order, as field names (``level1`` … ``weight``,
    #: ``value_midterm``; grades as ``grade:优`` …). Empty = the layout's default.
    indicator_columns: list[str] = Field(default_factory=list)
    #: Labels exactly as printed, keyed by field (``"budget.fiscal": "其中：财政    资金"``,
    #: ``"basis": "指标值设定依据"``, column headers keyed ``"col:value"``).
    labels: dict[str, str] = Field(default_factory=dict)
    #: The title is a full-width first row of the table instead of a paragraph above it.
    title_as_row: bool = False
    #: The header block and the indicator block are two tables.
    two_tables: bool = False
    #: The form's table continues in further tables (split over pages, repeated title between).
    split: bool = False
    #: The mof-project tables carry a leading 绩效指标 column merged down the indicator block.
    indicator_side_label: bool = False
    #: Rows present in the form (mof-project: 项目属性, 项目期, 中期资金总额 …), as field names.
    rows: list[str] = Field(default_factory=list)


class Project(_Model):
    """One budget project's performance target table (绩效目标表)."""

    title: str = ""         # 1、安居保障工程配套基础设施建设绩效目标表 / 项目支出绩效目标表
    name: str = ""          # 项目名称
    code: str = ""          # 项目编码
    unit: str = ""          # 单位 / 主管部门及代码
    implementer: str = ""   # 实施单位
    kind: str = ""          # 项目属性
    period: str = ""        # 项目期
    budget: Budget = Field(default_factory=Budget)
    source: str = ""        # 资金来源
    purpose: str = ""       # 资金用途
    #: 资金支出计划（%）: month label as printed → cumulative percentage text. Empty = no plan.
    spending_plan: dict[str, str] = Field(default_factory=dict)
    goals: str = ""         # 绩效目标 / 年度目标
    goals_midterm: str = ""  # 中期目标
    indicators: list[Indicator] = Field(default_factory=list)
    variant: FormVariant = Field(default_factory=FormVariant)
    uid: int = Field(default_factory=_next_uid, exclude=True)

    def copy_fresh(self) -> "Project":
        """A deep copy with its own identity, and its indicators theirs (复制项目): it has no place
        in the file it was read from."""
        copy = Project.model_validate(self.model_dump(exclude={"uid"}))
        copy.indicators = [i.copy_fresh() for i in self.indicators]
        return copy

    def content_fingerprint(self) -> str:
        """A digest of everything the dump shows (:func:`~perfeditor.model.dump.dump_project`);
        equal for equal content, and only then.

        Reading works one out per project, so it is taken from the fields themselves (a tuple,
        serialised in C, see :func:`_digest`) rather than from the dump's JSON: a third of the cost.
        A field added to the dump is added here too (``tests/test_source_map.py`` checks that
        every field of the dump changes the digest)."""
        b = self.budget
        plan = self.spending_plan
        key = (self.title, self.name, self.code, self.unit, self.implementer, self.kind, self.period,
               (b.total, b.fiscal, b.other, b.superior, b.local,
                b.midterm_total, b.midterm_fiscal, b.midterm_other),
               self.source, self.purpose, sorted(plan.items()) if plan else "",
               self.goals, self.goals_midterm,
               [(i.level1, i.level2, i.level3, i.description, i.value, i.basis, i.note,
                 sorted(i.grades.items()) if i.grades is not None else None, i.weight, i.value_midterm)
                for i in self.indicators])
        return _digest(key)


def _canonical(value):
    """A dump (dicts, lists, texts) as nested tuples, dict keys sorted: the same for equal dumps
    only."""
    if isinstance(value, dict):
        return tuple(sorted((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def _digest(value) -> str:
    """The digest of nested tuples and lists of texts (and None). Serialised by ``marshal`` at
    version 0, which writes every text in full as UTF-8 with its length (no back-references to
    objects met before, no interning marks): equal content, equal bytes; and three times quicker
    than ``repr``. Digests live only in memory (never written), so the format's changes between
    Python versions do not matter."""
    import hashlib
    import marshal

    return hashlib.blake2b(marshal.dumps(value, 0), digest_size=16).hexdigest()


class Document(_Model):
    """One file: the department part (or None) and its projects, in document order."""

    layout: Layout = "hebei-project"
    department: Department | None = None
    projects: list[Project] = Field(default_factory=list)
    #: Text around the forms that tells the budget year (``2020年部门预算``), capped in size.
    preamble: str = ""
    #: The file it was read from (absolute path) and its format; None for a new document.
    path: str | None = None
    format: Literal["docx", "xlsx", "json", ""] = ""
    #: (mtime_ns, size) of the file when it was read: a save refuses to overwrite a file that
    #: changed on disk since, unless the clerk confirms.
    source_stamp: tuple[int, int] | None = None
    #: The number of the first form title as read (``4、…`` in a file holding forms 4 to 6; 0
    #: when the titles are not numbered): numbering after projects are added or removed starts
    #: there. Never written to a file.
    first_number: int = Field(default=0, exclude=True)

