"""资金支出计划（%）: cumulative percentages at 3/6/10/12月底."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from perfeditor.model.amounts import parse_percent
from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule

_MONTH = re.compile(r"(\d{1,2})\s*月")
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_CN = re.compile(r"(十二|十一|十|一|二|三|四|五|六|七|八|九)\s*月")
_HUNDRED = Decimal(100)
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
parse_percent = lru_cache(maxsize=8192)(parse_percent)


@lru_cache(maxsize=1024)
def _month(label: str) -> int | None:
    m = _MONTH.search(label.translate(_DIGITS))
    if m:
        return int(m.group(1))
    m = _CN.search(label)
    return _CN_MONTH[m.group(1)] if m else None


def plan_items(ctx: ProjectContext) -> list[tuple[str, str, int | None]]:
    """(label, text, month) in month order (file order where a label has no month)."""
    items = [(k, (v or "").strip(), _month(k)) for k, v in ctx.project.spending_plan.items()]
    if all(m is not None for _, _, m in items):
        items.sort(key=lambda it: it[2])
    return items


def check_percent(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for label, text, _ in plan_items(ctx):
        if not text:
            continue
        d = parse_percent(text)
        if d is None:
            yield ctx.finding(rule, f"支出计划“{label}”的“{text}”不是百分比；应填写累计支出比例，"
                                    f"如“25.00”或“25%”。", key=label)
        elif d > _HUNDRED or d < 0:
            yield ctx.finding(rule, f"支出计划“{label}”为{text}，超出0～100的范围；累计支出比例最多为100%。", key=label)


def check_monotonic(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    prev: tuple[str, Decimal] | None = None
    for label, text, _ in plan_items(ctx):
        d = parse_percent(text) if text else None
        if d is None:
            continue
        if prev is not None and d < prev[1]:
            yield ctx.finding(rule, f"支出计划是累计比例，“{label}”（{text}）不应低于“{prev[0]}”"
                                    f"（{prev[1]}）；请填写截至该月底累计支出的比例。", key=label)
        prev = (label, d)


def check_final(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for label, text, month in plan_items(ctx):
        if month == 12 and text:
            d = parse_percent(text)
            if d is not None and d != _HUNDRED and 0 <= d <= _HUNDRED:
                yield ctx.finding(rule, f"“{label}”累计支出为{text}，未达到100%；年底前预算一般应全部支出，"
                                        f"如确有结转请在说明中写明。", key=label)
