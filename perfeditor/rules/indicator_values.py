"""Indicator values (指标值): readable, percentages within 100, 满意度 as a percentage, units where a
count needs one, deadlines inside the budget year, 无涉及/不适用 shown as info."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule
from perfeditor.rules.values import ParsedValue, parse_value

_HUNDRED = Decimal(100)
#: Names whose percentage may exceed 100 (growth, ratios).
_GROWTH = re.compile(r"增长|增幅|增加|提高|提升|同比|环比|倍|涨幅|比上年")
#: A unit written into the indicator's name: 完工率（%）, 发放人数（人）.
_UNIT_IN_NAME = re.compile(r"[（(]\s*([^（）()]{1,6})\s*[)）]\s*$")
_DATE_NAME = re.compile(r"时限|期限|时间|日期|截止|完成时|完工时")
_SATISFACTION = re.compile(r"满意")


def _good_example(pv: ParsedValue) -> str:
    if pv.kind == "broken" and pv.number is not None and pv.unit and "%" in pv.unit:
        digits = str(pv.number)
        half = digits[: len(digits) // 2] if len(digits) >= 4 else digits
        return f"“{pv.operator or '≥'}{half}%”"
    return "“≥95%”“≥300户”或“2024年12月底前”"


def check_broken(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.indicators):
        for text, pv in ((ind.value, ctx.values[i]), (ind.value_midterm, None)):
            if pv is None:
                if not text:
                    continue
                pv = parse_value(text)
            if pv.kind == "broken":
                why = pv.problem or "格式无法识别"
                yield ctx.finding(rule, f"指标值“{text}”无法识别（{why}）；应写成如{_good_example(pv)}。",
                                  field="value", indicator_index=i)


def is_satisfaction(ctx: ProjectContext, i: int) -> bool:
    return ctx.level1[i] == "满意度" or bool(_SATISFACTION.search(ctx.indicators[i].level3))


def check_percent_range(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, pv in enumerate(ctx.values):
        if pv.kind != "percentage":
            continue
        high = max(n for n in (pv.number, pv.number_high) if n is not None) if (
            pv.number is not None or pv.number_high is not None) else None
        if high is None or high <= _HUNDRED:
            continue
        if _GROWTH.search(ctx.indicators[i].level3) and not is_satisfaction(ctx, i):
            continue
        yield ctx.finding(rule, f"指标值“{pv.text}”超过100%；比例最高为100%，如“≥95%”或“100%”。",
                          field="value", indicator_index=i)


def check_satisfaction(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, pv in enumerate(ctx.values):
        if pv.kind in ("percentage", "empty", "broken", "not_applicable") or not is_satisfaction(ctx, i):
            continue
        if ctx.level1[i] != "满意度" and pv.kind != "quantity":
            continue  # a 满意 word in another category: only a bare number is suspicious
        if pv.kind == "quantity" and not pv.unit:
            hint = f"如“{pv.operator}{pv.number}%”"
        else:
            hint = "如“≥90%”"
        yield ctx.finding(rule, f"满意度指标的指标值“{pv.text}”不是百分比；满意度应以百分比表示，{hint}。",
                          field="value", indicator_index=i)


def unit_in_name(name: str) -> str:
    m = _UNIT_IN_NAME.search(name or "")
    return m.group(1) if m else ""


def check_unit(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, pv in enumerate(ctx.values):
        if pv.kind != "quantity" or pv.unit or is_satisfaction(ctx, i):
            continue
        name = ctx.indicators[i].level3
        if unit_in_name(name):
            continue
        num = f"{pv.operator}{pv.number}"
        if name.rstrip().endswith(("率", "比例", "比重", "占比")):
            hint = f"比率请写成“{num}%”"
        else:
            hint = f"如“{num}个”“{num}户”“{num}次”"
        yield ctx.finding(rule, f"指标值“{pv.text}”没有计量单位；定量指标必须写明单位，{hint}。",
                          field="value", indicator_index=i)


def _allowed_years(ctx: ProjectContext, year: int) -> range:
    m = re.search(r"(\d+)\s*年", ctx.project.period or "")
    span = int(m.group(1)) if m and 1 <= int(m.group(1)) <= 10 else 1
    return range(year, year + span)


def check_deadline(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    year = ctx.budget_year.year
    for i, pv in enumerate(ctx.values):
        ind = ctx.indicators[i]
        if pv.kind == "deadline":
            if year and pv.year and pv.year not in _allowed_years(ctx, year):
                yield ctx.finding(rule, f"完成时限“{pv.text}”不在预算年度{year}年内（预算年度取自"
                                        f"{ctx.budget_year.source}）；一般应为“{year}年12月底前”。",
                                  field="value", indicator_index=i)
        elif (ctx.level2[i] == "时效" and _DATE_NAME.search(ind.level3)
              and not ind.level3.rstrip().endswith(("率", "%", "（%）", "(%)"))
              and pv.kind in ("quantity", "qualitative", "money", "frequency")):
            example = f"{year}年12月底前" if year else "2024年12月底前"
            yield ctx.finding(rule, f"“{ind.level3}”应填写日期或期限，“{pv.text}”不是日期；"
                                    f"如“{example}”。", field="value", indicator_index=i)


def check_not_applicable(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, pv in enumerate(ctx.values):
        if pv.kind == "not_applicable":
            yield ctx.finding(rule, f"指标值为“{pv.text}”（不适用）；允许填写，审核时请确认本项目确实不涉及此项。",
                              field="value", indicator_index=i)
