"""Budget figures (预算数 = 财政资金 + 其他资金; 财政拨款 = 上级补助 + 本级安排), as Decimal only."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from perfeditor.forms.layouts import DECLARATIONS, declaration
from perfeditor.forms.vocabulary import norm
from perfeditor.model.amounts import parse_amount as _parse_amount
from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule

parse_amount = lru_cache(maxsize=8192)(_parse_amount)

_FIELDS = ("total", "fiscal", "other", "superior", "local",
           "midterm_total", "midterm_fiscal", "midterm_other")
_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: A county project above 1000亿元 is a typing slip.
_ABSURD_WAN = Decimal("10000000")


def budget_label(ctx: ProjectContext, field: str) -> str:
    """The figure's name as the layout prints it (预算数 / 资金总额, 财政资金 / 财政拨款 …)."""
    layout = ctx.layout if ctx.layout in DECLARATIONS or ctx.layout == "mof-project" else "hebei-project"
    return norm(declaration(layout).label(f"budget.{field}"))


def has_budget(ctx: ProjectContext) -> bool:
    return not ctx.graded


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral() else format(d, "f")


def _example(text: str) -> str:
    m = _FIRST_NUMBER.search(text or "")
    if not m:
        return "“500.00”"
    d = Decimal(m.group(0))
    return f"“{d:.2f}”"


def check_sum(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """Every figure a number; 财政资金 + 其他资金 = 预算数; 上级补助 + 本级安排 = 财政拨款."""
    if not has_budget(ctx):
        return
    b = ctx.project.budget
    values: dict[str, Decimal | None] = {}
    bad = False
    for f in _FIELDS:
        text = getattr(b, f)
        if not text.strip():
            values[f] = None
            continue
        d = parse_amount(text)
        values[f] = d
        if d is None:
            bad = True
            yield ctx.finding(rule, f"{budget_label(ctx, f)}“{text}”不是有效金额，应填写数字，"
                                    f"例如{_example(text)}（单位：{b.unit or '万元'}）。",
                              field=f"budget.{f}")
    if bad:
        return
    total, fiscal, other = values["total"], values["fiscal"], values["other"]
    lt, lf = budget_label(ctx, "total"), budget_label(ctx, "fiscal")
    if total is None:
        if fiscal is not None or other is not None:
            yield ctx.finding(rule, f"{lt}未填写；应填写{lf}与其他资金之和。", field="budget.total")
        else:
            yield ctx.finding(rule, f"{lt}未填写；请填写本项目的预算金额（单位：{b.unit or '万元'}）。",
                              field="budget.total")
        return
    if fiscal is not None or other is not None:
        parts = (fiscal or Decimal(0)) + (other or Decimal(0))
        if parts != total:
            yield ctx.finding(
                rule, f"{lf}（{_fmt(fiscal or Decimal(0))}）＋其他资金（{_fmt(other or Decimal(0))}）"
                      f"＝{_fmt(parts)}，与{lt}（{_fmt(total)}）不相等；两者之和应等于{lt}。",
                field="budget.fiscal" if fiscal is not None else "budget.other")
    sup, loc = values["superior"], values["local"]
    if (sup is not None or loc is not None) and fiscal is not None:
        parts = (sup or Decimal(0)) + (loc or Decimal(0))
        if parts != fiscal:
            yield ctx.finding(
                rule, f"上级补助（{_fmt(sup or Decimal(0))}）＋本级安排（{_fmt(loc or Decimal(0))}）"
                      f"＝{_fmt(parts)}，与{lf}（{_fmt(fiscal)}）不相等；两者之和应等于{lf}。",
                field="budget.local" if loc is not None else "budget.superior")
    mt, mf, mo = values["midterm_total"], values["midterm_fiscal"], values["midterm_other"]
    if mt is not None and (mf is not None or mo is not None):
        parts = (mf or Decimal(0)) + (mo or Decimal(0))
        if parts != mt:
            yield ctx.finding(
                rule, f"中期财政拨款＋中期其他资金＝{_fmt(parts)}，与中期资金总额（{_fmt(mt)}）不相等。",
                field="budget.total")


def _decimals_allowed(unit: str) -> int:
    return 2 if unit.strip() == "元" else 6  # 万元: down to 分


def check_range(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """Negative figures, more decimals than the unit allows, absurd sizes."""
    if not has_budget(ctx):
        return
    b = ctx.project.budget
    places = _decimals_allowed(b.unit or "万元")
    limit = _ABSURD_WAN * (10000 if (b.unit or "").strip() == "元" else 1)
    for f in _FIELDS:
        d = parse_amount(getattr(b, f))
        if d is None:
            continue
        label = budget_label(ctx, f)
        if d < 0:
            yield ctx.finding(rule, f"{label}为负数（{getattr(b, f)}）；预算金额应为零或正数。",
                              field=f"budget.{f}")
        elif d > limit:
            yield ctx.finding(rule, f"{label}“{getattr(b, f)}”{b.unit or '万元'}大得不合常理，"
                                    f"请核对单位（万元／元）和小数点。", field=f"budget.{f}")
        exp = d.as_tuple().exponent
        if isinstance(exp, int) and -exp > places:
            yield ctx.finding(rule, f"{label}“{getattr(b, f)}”的小数位数超过{places}位，"
                                    f"{b.unit or '万元'}金额精确到{'分' if places == 2 else '元或分'}即可。",
                              field=f"budget.{f}")
