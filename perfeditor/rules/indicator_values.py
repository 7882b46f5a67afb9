"""Indicator values (指标值): readable, percentages within 100, 满意度 as a percentage, units where a
count needs one, deadlines inside the budget year, a time under 时效, no placeholder left in,
无涉及/不适用 shown as info."""
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
#: A value that is only a placeholder: ``*``, ``-``, ``_``, ``**``, ``/`` (full-width too), ``…``.
_PLACEHOLDER = re.compile(r"^[\s*＊_＿\-－—–/／\\、.。…·]+$")
#: Words that make a value a time (及时, 2024年12月底前, 5个工作日内, 每季度).
_TIME_HINT = re.compile(r"[年月日天周季时期前内后旬晨晚秒]|及时|按时|立即|随时|定期|每|即办|当场")


def is_placeholder(text: str) -> bool:
    """True for a value that holds only a placeholder mark (``*``, ``-``, ``_``, ``**``, ``/``)."""
    return bool(text) and bool(_PLACEHOLDER.match(text))


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
            if pv.kind == "broken" and not is_placeholder(text):
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
    yield from _grades_without_unit(ctx, rule)


def _grades_without_unit(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """Graded standards (优≥10 良≥8 …) of a count need a unit too, in the grade or in the name."""
    for i, ind in enumerate(ctx.indicators):
        if not ind.grades or is_satisfaction(ctx, i) or unit_in_name(ind.level3):
            continue
        bare = [f"{g}“{t}”" for g, t in ind.grades.items() if (pv := parse_value(t)).kind == "quantity" and not pv.unit]
        if bare:
            yield ctx.finding(rule, f"评价标准{'、'.join(bare)}没有计量单位；请在数值后写明单位（如“≥10人”“≥95%”），"
                                    f"或在指标名称后注明，如“培训人数（人）”。", field="grades", indicator_index=i)


def check_placeholder(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.indicators):
        for text in (ind.value, ind.value_midterm):
            if is_placeholder(text.strip()):
                yield ctx.finding(rule, f"指标值只填了占位符“{text.strip()}”；请填写实际的指标值，如“≥95%”“≥300户”"
                                        f"“2024年12月底前”，本项目确不涉及的写“无涉及”。",
                                  field="value", indicator_index=i)
                break


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
        elif _expects_date(ctx, i) and pv.kind in ("quantity", "qualitative", "money", "frequency"):
            example = f"{year}年12月底前" if year else "2024年12月底前"
            yield ctx.finding(rule, f"“{ind.level3}”应填写日期或期限，“{pv.text}”不是日期；"
                                    f"如“{example}”。", field="value", indicator_index=i)


def _expects_date(ctx: ProjectContext, i: int) -> bool:
    """A 时效 indicator whose name asks for a date (完成时限, 完成时间), not a rate."""
    name = ctx.indicators[i].level3
    return (ctx.level2[i] == "时效" and bool(_DATE_NAME.search(name))
            and not name.rstrip().endswith(("率", "%", "（%）", "(%)")))


def _is_time(pv: ParsedValue) -> bool:
    if pv.kind in ("deadline", "frequency", "percentage"):
        return True
    if pv.kind == "quantity":
        return not pv.unit or bool(_TIME_HINT.search(pv.unit + pv.prefix))
    if pv.kind == "qualitative":
        return bool(_TIME_HINT.search(pv.text))
    return pv.kind != "money"  # money under 时效 is cost.misplaced's


def check_timeliness(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """A 时效 indicator holds a time (a deadline, a number of days, 及时), not 良好 or 300户."""
    year = ctx.budget_year.year or 2024
    for i, pv in enumerate(ctx.values):
        if ctx.level2[i] != "时效" or _is_time(pv) or _expects_date(ctx, i):
            continue  # _expects_date: value.deadline already says it
        yield ctx.finding(rule, f"时效指标“{ctx.indicators[i].level3}”的指标值“{pv.text}”不是时间；时效指标应写"
                                f"完成时限或时长，如“{year}年12月底前”“≤30个工作日”“及时”，或改为比率如“按时完成率≥95%”。",
                          field="value", indicator_index=i)


def check_not_applicable(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, pv in enumerate(ctx.values):
        if pv.kind == "not_applicable" and not is_placeholder(pv.text.strip()):
            yield ctx.finding(rule, f"指标值为“{pv.text}”（不适用）；允许填写，审核时请确认本项目确实不涉及此项。",
                              field="value", indicator_index=i)
