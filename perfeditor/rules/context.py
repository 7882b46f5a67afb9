"""What a rule sees: one project (or the department part) with its values already understood.

Built once per check of a project; parsed values and level keys are cached per text, so building
it costs a few dictionary look-ups per indicator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfeditor.forms.layouts import column_label
from perfeditor.model import Department, Document, Indicator, Project
from perfeditor.rules.budget_year import BudgetYear
from perfeditor.rules.findings import Finding, Rule
from perfeditor.rules.labels import level1_key, level2_key
from perfeditor.rules.values import ParsedValue, parse_value

#: How each rule set sees indicator levels.
SYSTEM_OF_RULESET: dict[str, str] = {"mof-2015": "2015", "mof-2021": "2021", "hebei": "hebei"}


def project_label(project: Project, index: int) -> str:
    return project.name or project.title or f"第{index + 1}个项目"


@dataclass
class ProjectContext:
    doc: Document
    project: Project
    index: int
    ruleset: str
    budget_year: BudgetYear
    layout: str = ""
    name: str = ""
    values: list[ParsedValue] = field(default_factory=list)
    level1: list[str] = field(default_factory=list)   # canonical keys (产出/效益/满意度/成本/"")
    level2: list[str] = field(default_factory=list)   # canonical keys
    memo: dict = field(default_factory=dict)           # results shared between rules

    @classmethod
    def build(cls, doc: Document, index: int, ruleset: str, year: BudgetYear) -> "ProjectContext":
        p = doc.projects[index]
        inds = p.indicators
        return cls(
            doc=doc, project=p, index=index, ruleset=ruleset, budget_year=year,
            layout=(p.variant.layout if p.variant else "") or doc.layout,
            name=project_label(p, index),
            values=[parse_value(i.value) for i in inds],
            level1=[level1_key(i.level1) for i in inds],
            level2=[level2_key(i.level2) for i in inds],
        )

    @property
    def system(self) -> str:
        """"2015", "2021" or "hebei": which indicator system the rule set expects."""
        return SYSTEM_OF_RULESET.get(self.ruleset, "2015")

    @property
    def graded(self) -> bool:
        return self.layout == "hebei-graded"

    def column(self, field: str) -> str:
        """An indicator column's name as the project's form prints it (河北分级表: 绩效指标 for
        level3, 绩效指标分类 for level1), so that a message names the column the clerk sees."""
        return re.sub(r"\s+", "", column_label(self.project, self.layout, field))

    @property
    def indicators(self) -> list[Indicator]:
        return self.project.indicators

    def finding(self, rule: Rule, message: str, field: str | None = None,
                indicator_index: int | None = None, key: str = "") -> Finding:
        ind = uid = None
        if indicator_index is not None and 0 <= indicator_index < len(self.project.indicators):
            ind = self.project.indicators[indicator_index].level3 or None
            uid = self.project.indicators[indicator_index].uid
        return Finding(severity=rule.severity, rule=rule.id, project=self.name, indicator=ind,
                       field=field or rule.field, message=message, project_index=self.index,
                       indicator_index=indicator_index, project_uid=self.project.uid,
                       indicator_uid=uid, key=key)


@dataclass
class DepartmentContext:
    doc: Document
    department: Department
    ruleset: str

    def finding(self, rule: Rule, message: str, field: str | None = None, part: str = "",
                item_index: int | None = None, key: str = "") -> Finding:
        """``part``/``item_index`` say which item, task or indicator row it is about."""
        uid = None
        if part == "indicators" and item_index is not None and 0 <= item_index < len(self.department.indicators):
            uid = self.department.indicators[item_index].uid
        return Finding(severity=rule.severity, rule=rule.id, project=None, indicator=None,
                       field=field or rule.field, message=message, indicator_uid=uid, part=part,
                       item_index=item_index, key=key)
