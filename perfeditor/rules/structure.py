"""Indicator structure: the first levels a rule set requires, second levels under the right first
level, 产出 with 数量 and 质量, no duplicates, no empty names or values."""
from __future__ import annotations

from typing import Iterator

from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule
from perfeditor.rules.labels import LEVEL1_NAMES, compact, owner_of


def required_level1(system: str) -> tuple[str, ...]:
    return ("成本", "产出", "效益", "满意度") if system == "2021" else ("产出", "效益", "满意度")


def check_level1(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """Every required first level is present (效果 counts as 效益)."""
    if not ctx.indicators:
        yield ctx.finding(rule, "没有填写任何绩效指标；至少应有产出、效益、满意度三类一级指标"
                                + ("及成本指标" if ctx.system == "2021" else "") + "。", field="indicators")
        return
    present = set(ctx.level1)
    for key in required_level1(ctx.system):
        if key not in present:
            extra = "（也可写作“效果指标”）" if key == "效益" else ""
            if key == "成本":
                extra = "（2021年起成本指标为一级指标，下设经济成本、社会成本、生态环境成本指标）"
            yield ctx.finding(rule, f"缺少一级指标“{LEVEL1_NAMES[key]}”{extra}；请至少添加一条。",
                              field="level1")


def check_level1_known(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, ind in enumerate(ctx.indicators):
        label = compact(ind.level1)
        if label in seen:
            continue
        key = ctx.level1[i]
        if not key:
            seen.add(label)
            what = f"“{ind.level1}”不是常见的一级指标" if label else "一级指标未填写"
            yield ctx.finding(rule, f"{what}；一级指标应为产出指标、效益指标（或效果指标）、满意度指标"
                                    + ("、成本指标" if ctx.system == "2021" else "") + "。",
                              field="level1", indicator_index=i)
        elif key == "成本" and ctx.system == "2015":
            seen.add(label)
            yield ctx.finding(rule, "按2015年指标体系，成本指标是产出指标下的二级指标，不是一级指标；"
                                    "如按2021年体系填报，请选用规则集“mof-2021”。",
                              field="level1", indicator_index=i)


def check_level2_parent(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    if ctx.graded:
        return
    system = "2021" if ctx.system == "2021" else "2015"
    seen: set[tuple[str, str]] = set()
    for i, ind in enumerate(ctx.indicators):
        l1, l2 = ctx.level1[i], ctx.level2[i]
        if not l1 or not l2 or (l1, l2) in seen:
            continue
        owner = owner_of(l2, system)
        if owner and owner != l1:
            seen.add((l1, l2))
            if system == "2021" and l2 == "成本" and l1 == "产出":
                msg = ("按2021年指标体系，成本指标是一级指标，不再放在产出指标下；请把“成本指标”改为一级指标，"
                       "二级填经济成本、社会成本或生态环境成本指标。")
            else:
                msg = (f"二级指标“{ind.level2}”不属于一级指标“{ind.level1}”，应放在"
                       f"“{LEVEL1_NAMES[owner]}”下。")
            yield ctx.finding(rule, msg, field="level2", indicator_index=i)


def check_level2_empty(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    if ctx.graded:
        return
    for i, ind in enumerate(ctx.indicators):
        if not ind.level2.strip():
            yield ctx.finding(rule, "二级指标未填写；如数量指标、质量指标、社会效益指标、服务对象满意度指标。",
                              field="level2", indicator_index=i)


def check_output_parts(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    if ctx.graded or "产出" not in ctx.level1:
        return
    l2 = {ctx.level2[i] for i, k in enumerate(ctx.level1) if k == "产出"}
    missing = [n for n in ("数量", "质量") if n not in l2]
    if missing:
        first = ctx.level1.index("产出")
        names = "和".join(f"{m}指标" for m in missing)
        yield ctx.finding(rule, f"产出指标下没有{names}；一般应同时设置数量指标和质量指标。",
                          field="level2", indicator_index=first)


def _row(ind) -> tuple:
    return (ind.level1, ind.level2, ind.level3, ind.description, ind.value, ind.value_midterm,
            ind.basis, ind.note, ind.weight, tuple(sorted(ind.grades.items())) if ind.grades else ())


def identical_pairs(ctx: ProjectContext) -> dict[int, int]:
    """Row index → the earlier row it repeats exactly (empty rows ignored); computed once."""
    cached = ctx.memo.get("identical")
    if cached is None:
        cached = ctx.memo["identical"] = _identical_pairs(ctx)
    return cached


def _identical_pairs(ctx: ProjectContext) -> dict[int, int]:
    first: dict[tuple, int] = {}
    out: dict[int, int] = {}
    for i, ind in enumerate(ctx.indicators):
        key = _row(ind)
        if not key[2].strip() and not key[4].strip():
            continue
        if key in first:
            out[i] = first[key]
        else:
            first[key] = i
    return out


def check_identical(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, j in identical_pairs(ctx).items():
        yield ctx.finding(rule, f"这一行与第{j + 1}行指标完全相同；请删去重复的一行。",
                          field="indicators", indicator_index=i)


def check_duplicate_level3(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    same = identical_pairs(ctx)
    seen: dict[tuple[str, str, str], int] = {}
    for i, ind in enumerate(ctx.indicators):
        name = compact(ind.level3)
        if not name:
            continue
        key = (ctx.level1[i] or compact(ind.level1), ctx.level2[i], name)
        if key in seen and i not in same:
            where = f"“{ind.level2}”" if ind.level2.strip() else f"“{ind.level1}”"
            yield ctx.finding(rule, f"三级指标“{ind.level3}”在{where}下出现了两次（第{seen[key] + 1}行和"
                                    f"第{i + 1}行）；请合并或改为不同的指标。",
                              field="level3", indicator_index=i)
        else:
            seen.setdefault(key, i)


def check_level3_empty(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.indicators):
        if not ind.level3.strip():
            yield ctx.finding(rule, "三级指标名称未填写；请写明具体指标，如“改造户数”“群众满意度”。",
                              field="level3", indicator_index=i)


def check_value_empty(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    if ctx.graded:
        return  # the graded layout has no 指标值: its grades play that role
    for i, ind in enumerate(ctx.indicators):
        if ind.grades is None and not ind.value.strip():
            yield ctx.finding(rule, "指标值未填写；请填写如“≥95%”“≥300户”“2024年12月底前”或定性描述。",
                              field="value", indicator_index=i)
