"""The department part (部门整体绩效目标): an overall goal, and items with their goals."""
from __future__ import annotations

from typing import Iterator

from perfeditor.rules.context import DepartmentContext
from perfeditor.rules.findings import Finding, Rule


def check_overall(ctx: DepartmentContext, rule: Rule) -> Iterator[Finding]:
    if not (ctx.department.overall or "").strip():
        yield ctx.finding(rule, "部门总体绩效目标未填写；请概括本部门本年度要达到的总体目标。", key="overall")


def check_items(ctx: DepartmentContext, rule: Rule) -> Iterator[Finding]:
    for n, item in enumerate(ctx.department.items):
        if item.title.strip() and not (item.goal or "").strip() and not (item.indicator or "").strip():
            yield ctx.finding(rule, f"分项绩效目标“{item.title.strip()}”下没有内容；请填写该项的绩效目标。",
                              part="items", item_index=n)


def check_table(ctx: DepartmentContext, rule: Rule) -> Iterator[Finding]:
    """The national table form: 金额合计 adds up, tasks add up, indicator values readable."""
    from perfeditor.model.amounts import parse_amount
    from perfeditor.rules.values import parse_value

    dep = ctx.department
    if dep.form != "table":
        return
    b = dep.budget
    for label, text, key in (("金额合计", b.total, "budget.total"), ("财政拨款", b.fiscal, "budget.fiscal"),
                             ("其他资金", b.other, "budget.other")):
        if text.strip() and parse_amount(text) is None:
            yield ctx.finding(rule, f"{label}“{text}”不是有效金额，应填写数字，如“500.00”。", "budget.total",
                              key=key)
    total, fiscal, other = (parse_amount(x) for x in (b.total, b.fiscal, b.other))
    if total is not None and (fiscal is not None or other is not None):
        parts = (fiscal or 0) + (other or 0)
        if parts != total:
            yield ctx.finding(rule, f"财政拨款＋其他资金＝{parts}，与金额合计（{total}）不相等。", "budget.total")
    for n, t in enumerate(dep.tasks):
        tt, tf, to = (parse_amount(x) for x in (t.total, t.fiscal, t.other))
        if tt is not None and (tf is not None or to is not None) and (tf or 0) + (to or 0) != tt:
            yield ctx.finding(rule, f"年度主要任务“{t.name}”的财政拨款＋其他资金与预算申请总额（{t.total}）不相等。",
                              "budget.total", part="tasks", item_index=n)
    for n, ind in enumerate(dep.indicators):
        pv = parse_value(ind.value)
        if pv.kind == "broken":
            yield ctx.finding(rule, f"年度绩效指标“{ind.level3}”的指标值“{ind.value}”无法识别（{pv.problem}）。",
                              "value", part="indicators", item_index=n)
        elif pv.kind == "empty" and ind.level3.strip():
            yield ctx.finding(rule, f"年度绩效指标“{ind.level3}”的指标值未填写。", "value",
                              part="indicators", item_index=n)
