"""Graded standards (绩效指标评价标准 优/良/中/差, hebei-graded): each parses, 优 ≥ 良 ≥ 中 for a
'higher is better' indicator, and 差 is exactly the complement of 中 (no gap, no overlap)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from perfeditor.model.document import GRADES
from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule
from perfeditor.rules.values import ParsedValue, parse_value

_HIGHER = ("≥", "＞")
_LOWER = ("≤", "＜")
_PERCENT = {"%", "百分比", "百分点"}
_COMPLEMENT = {"≥": "＜", "＞": "≤", "≤": "＞", "＜": "≥"}


def _unit(pv: ParsedValue) -> str:
    return "%" if pv.unit in _PERCENT else pv.unit


def graded_rows(ctx: ProjectContext) -> Iterator[tuple[int, dict[str, str]]]:
    graded = ctx.graded  # asked once, not once per row
    for i, ind in enumerate(ctx.indicators):
        if ind.grades is not None:
            yield i, ind.grades
        elif graded:
            yield i, {}


def _parsed(grades: dict[str, str]) -> dict[str, ParsedValue]:
    return {g: parse_value(grades.get(g) or "") for g in GRADES}


def _numeric(pvs: dict[str, ParsedValue], names: tuple[str, ...]) -> bool:
    return all(pvs[g].is_quantitative and pvs[g].number is not None and pvs[g].operator
               and pvs[g].number_high is None for g in names)


def check_parse(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, grades in graded_rows(ctx):
        pvs = _parsed(grades)
        empty = [g for g in GRADES if pvs[g].kind == "empty"]
        if len(empty) == len(GRADES):
            yield ctx.finding(rule, "评价标准（优、良、中、差）未填写；应填写如“≥90%”“≥80%”“≥70%”“<70%”。",
                              indicator_index=i)
            continue
        for g in empty:
            yield ctx.finding(rule, f"“{g}”的评价标准未填写；四个等级都应填写，如“{g}”填“≥80%”。",
                              indicator_index=i)
        for g in GRADES:
            pv = pvs[g]
            if pv.kind == "broken":
                yield ctx.finding(rule, f"“{g}”的评价标准“{pv.text}”无法识别（{pv.problem or '格式有误'}）；"
                                        f"应写成如“≥90%”。", indicator_index=i)
            elif pv.kind == "percentage" and pv.number is not None and pv.number > 100:
                yield ctx.finding(rule, f"“{g}”的评价标准“{pv.text}”超过100%；比例最高为100%。",
                                  indicator_index=i)


def _direction(pvs: dict[str, ParsedValue]) -> str:
    ops = {pvs[g].operator for g in ("优", "良", "中")}
    if ops <= set(_HIGHER):
        return "higher"
    if ops <= set(_LOWER):
        return "lower"
    return ""


def check_order(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, grades in graded_rows(ctx):
        pvs = _parsed(grades)
        if not _numeric(pvs, ("优", "良", "中")):
            continue
        units = {_unit(pvs[g]) for g in GRADES if pvs[g].is_quantitative}
        if len(units) > 1:
            shown = "、".join(f"{g}“{pvs[g].text}”" for g in GRADES if pvs[g].is_quantitative)
            yield ctx.finding(rule, f"各等级的单位不一致（{shown}）；四个等级应使用同一单位。",
                              indicator_index=i)
            continue
        direction = _direction(pvs)
        if not direction:
            yield ctx.finding(rule, "优、良、中的比较方向不一致（有“≥”也有“≤”）；越高越好的指标都用“≥”，"
                                    "越低越好的都用“≤”。", indicator_index=i)
            continue
        a, b, c = (pvs[g].number for g in ("优", "良", "中"))
        ok = (a >= b >= c) if direction == "higher" else (a <= b <= c)
        if not ok:
            want = "优 ≥ 良 ≥ 中" if direction == "higher" else "优 ≤ 良 ≤ 中"
            yield ctx.finding(rule, f"评价标准顺序不对：优“{pvs['优'].text}”、良“{pvs['良'].text}”、"
                                    f"中“{pvs['中'].text}”，应满足{want}。", indicator_index=i)


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f")


def check_complement(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, grades in graded_rows(ctx):
        pvs = _parsed(grades)
        mid, low = pvs["中"], pvs["差"]
        if not _numeric(pvs, ("中", "差")) or _unit(mid) != _unit(low):
            continue
        want_op = _COMPLEMENT.get(mid.operator)
        if not want_op:
            continue
        unit = mid.unit
        want = f"{want_op}{_fmt(mid.number)}{unit}"
        higher = mid.operator in _HIGHER
        if (low.operator in _HIGHER) == higher or low.operator not in _COMPLEMENT:
            yield ctx.finding(rule, f"“差”的标准“{low.text}”与“中”“{mid.text}”方向相同；差应是中以外的部分，"
                                    f"即“{want}”。", indicator_index=i)
            continue
        m, d = mid.number, low.number
        gap = (d < m) if higher else (d > m)
        over = (d > m) if higher else (d < m)
        if d == m:
            inclusive = {mid.operator, low.operator} & {"≥", "≤"}
            if len(inclusive) == 2:
                over = True
            elif not inclusive:
                gap = True
        if gap:
            lo, hi = (d, m) if higher else (m, d)
            yield ctx.finding(rule, f"“中”为“{mid.text}”、“差”为“{low.text}”，{_fmt(lo)}～{_fmt(hi)}{unit}"
                                    f"之间没有对应等级；“差”应为“{want}”。", indicator_index=i)
        elif over:
            yield ctx.finding(rule, f"“中”为“{mid.text}”、“差”为“{low.text}”，两个等级有重叠；"
                                    f"“差”应为“{want}”。", indicator_index=i)
