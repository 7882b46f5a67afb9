"""成本指标: no cost value above the project's budget, nor all of them together (万元 vs 元); a cost
indicator sits under 成本, not under 时效 or 质量."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from perfeditor.model.amounts import parse_amount as _parse_amount
from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule

parse_amount = lru_cache(maxsize=8192)(_parse_amount)

_COST_L2 = frozenset({"成本", "经济成本", "社会成本", "生态环境成本"})
_UNIT_FACTOR = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}


def _fmt(d: Decimal) -> str:
    d = d.quantize(Decimal("0.000001")).normalize()
    return format(d, "f")


def budget_total_wan(ctx: ProjectContext) -> Decimal | None:
    b = ctx.project.budget
    total = parse_amount(b.total)
    if total is None or total <= 0:
        return None
    return total * _UNIT_FACTOR.get((b.unit or "万元").strip(), Decimal(1))


def cost_rows(ctx: ProjectContext) -> list[tuple[int, Decimal]]:
    """(row, amount in 万元) of every 成本 indicator holding an absolute amount of money."""
    out = []
    for i, pv in enumerate(ctx.values):
        if pv.kind != "money" or pv.amount_wan is None or pv.per:
            continue
        if ctx.level1[i] == "成本" or ctx.level2[i] in _COST_L2:
            if pv.operator in ("＞",):  # "more than X" is no spending plan
                continue
            out.append((i, pv.amount_wan))
    return out


def check_over_budget(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    total = budget_total_wan(ctx)
    if total is None:
        return
    for i, amount in cost_rows(ctx):
        if amount > total:
            yield ctx.finding(rule, f"成本指标值“{ctx.values[i].text}”（{_fmt(amount)}万元）超过项目资金总额"
                                    f"{_fmt(total)}万元；请核对金额和单位（万元／元）。",
                              field="value", indicator_index=i)


def check_sum_over_budget(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    total = budget_total_wan(ctx)
    if total is None:
        return
    rows = cost_rows(ctx)
    if len(rows) < 2 or any(a > total for _, a in rows):
        return
    s = sum((a for _, a in rows), Decimal(0))
    if s > total:
        yield ctx.finding(rule, f"{len(rows)}项成本指标合计{_fmt(s)}万元，超过项目资金总额{_fmt(total)}万元；"
                                f"各项成本之和不应超过预算。", field="value", indicator_index=rows[0][0])


_COST_NAME = re.compile(r"成本|费用|经费|支出|资金|预算|投入|金额|造价|价格")


def check_misplaced(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """A money-valued cost indicator (``≤1.1万元``, ``…工作经费成本``) under 时效 or 质量."""
    for i, pv in enumerate(ctx.values):
        l2 = ctx.level2[i]
        if l2 not in ("时效", "质量"):
            continue
        name = ctx.indicators[i].level3
        money = pv.kind == "money" and not pv.per and (
            pv.operator in ("≤", "＜") or bool(_COST_NAME.search(name)))
        if not (money or (name.rstrip().endswith("成本") and pv.kind != "percentage")):
            continue
        where = "产出指标下的“成本指标”" if ctx.system != "2021" else "一级指标“成本指标”（经济成本指标）"
        own = "完成时限" if l2 == "时效" else "合格率、达标率等"
        yield ctx.finding(rule, f"“{name}”（{pv.text}）是成本指标，却放在“{ctx.indicators[i].level2}”下；"
                                f"金额类成本应放在{where}，{l2}指标应写{own}。",
                          field="level2", indicator_index=i)
