"""What a check reports (:class:`Finding`) and what a rule is (:class:`Rule`, :class:`RuleSet`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from perfeditor.rules.context import DepartmentContext, ProjectContext

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Finding:
    """One thing a rule found. ``to_json`` gives exactly the contract's keys."""

    severity: str
    rule: str
    project: str | None
    indicator: str | None
    field: str
    message: str
    project_index: int | None = None
    indicator_index: int | None = None
    #: Structured location, for the window (never parsed out of ``message``): the project's and
    #: the indicator's session identity (``Project.uid`` / ``Indicator.uid``) ...
    project_uid: int | None = None
    indicator_uid: int | None = None
    #: ... the department part's list (``"items"``, ``"tasks"``, ``"indicators"``) and the index
    #: into it, and a finer place inside the field (the spending plan's month label as printed,
    #: the budget figure ``budget.fiscal`` a department amount finding is about).
    part: str = ""
    item_index: int | None = None
    key: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"severity": self.severity, "rule": self.rule, "project": self.project,
                "indicator": self.indicator, "field": self.field, "message": self.message}

    def format_line(self) -> str:
        """One readable Chinese line: ``[错误] 项目“…” 三级指标“…”：message（rule）``."""
        where = f"项目“{self.project}”" if self.project is not None else "部门整体绩效目标"
        if self.indicator:
            where += f" 指标“{self.indicator}”"
        elif self.indicator_index is not None:
            where += f" 第{self.indicator_index + 1}行指标"
        return f"[{SEVERITY_LABELS.get(self.severity, self.severity)}] {where}：{self.message}（{self.rule}）"


ProjectCheck = Callable[["ProjectContext", "Rule"], Iterable[Finding]]
DepartmentCheck = Callable[["DepartmentContext", "Rule"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One rule: data (id, severity, one-line Chinese description, the field it looks at) and the
    small function that applies it. ``scope`` is ``"project"`` or ``"department"``."""

    id: str
    severity: str
    description: str
    field: str
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    scope: str = "project"


@dataclass
class RuleSet:
    """A named list of rules (a finance bureau's system)."""

    name: str
    title: str
    rules: list[Rule]

    def project_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.scope == "project"]

    def department_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.scope == "department"]

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
