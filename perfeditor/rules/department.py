"""The department part (部门整体绩效目标): an overall goal, and items with their goals."""
from __future__ import annotations

from typing import Iterator

from perfeditor.rules.context import DepartmentContext
from perfeditor.rules.findings import Finding, Rule


def check_overall(ctx: DepartmentContext, rule: Rule) -> Iterator[Finding]:
    if not (ctx.department.overall or "").strip():
        yield ctx.finding(rule, "部门总体绩效目标未填写；请概括本部门本年度要达到的总体目标。")


def check_items(ctx: DepartmentContext, rule: Rule) -> Iterator[Finding]:
    for n, item in enumerate(ctx.department.items, 1):
        if item.title.strip() and not (item.goal or "").strip() and not (item.indicator or "").strip():
            yield ctx.finding(rule, f"分项绩效目标“{item.title.strip()}”下没有内容；请填写该项的绩效目标。")
