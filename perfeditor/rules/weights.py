"""权重 / 分值: where a form gives indicators weights, they are numbers and add up to 100."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Iterator

from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule

_WEIGHT = re.compile(r"^(\d+(?:\.\d+)?)(?:分|%|％)?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_HUNDRED = Decimal(100)


def parse_weight(text: str) -> Decimal | None:
    """``"10"`` / ``"10分"`` / ``"12.5%"`` → Decimal; anything else → None."""
    m = _WEIGHT.match(re.sub(r"\s+", "", text or "").translate(_FULLWIDTH))
    if not m:
        return None
    try:
        return Decimal(m.group(1))
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        return None


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f")


def check_total(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """Quiet when no row has a weight (the form has no 权重 column, or it is left to the system)."""
    filled = [(i, ind.weight.strip()) for i, ind in enumerate(ctx.indicators) if ind.weight.strip()]
    if not filled:
        return
    total = Decimal(0)
    for i, text in filled:
        w = parse_weight(text)
        if w is None:
            yield ctx.finding(rule, f"权重“{text}”不是数字；权重应填写分值，如“10”，全部指标合计100。",
                              field="indicators", indicator_index=i)
            return
        total += w
    empty = [i for i, ind in enumerate(ctx.indicators) if not ind.weight.strip() and ind.level3.strip()]
    if total != _HUNDRED:
        missing = f"（另有{len(empty)}行未填写权重）" if empty else ""
        yield ctx.finding(rule, f"各指标权重合计为{_fmt(total)}{missing}，应为100；请调整各行分值，使合计恰为100。",
                          field="indicators", indicator_index=filled[0][0])
    elif empty:
        yield ctx.finding(rule, f"有{len(empty)}行指标未填写权重；每项指标都应有分值，合计100。",
                          field="indicators", indicator_index=empty[0])
