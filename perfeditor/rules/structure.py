"""Indicator structure: the first levels a rule set requires, second levels under the right first
level, 产出 with 数量 and 质量, no duplicates, no empty names or values, no row pasted under a second first
level, no 满意度 standing in for 效益, no name longer than a budget system stores."""
from __future__ import annotations

import re
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
            yield ctx.finding(rule, f"{ctx.column('level3')}“{ind.level3}”在{where}下出现了两次（第{seen[key] + 1}行和"
                                    f"第{i + 1}行）；请合并或改为不同的指标。",
                              field="level3", indicator_index=i)
        else:
            seen.setdefault(key, i)


def check_level3_empty(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for i, ind in enumerate(ctx.indicators):
        if not ind.level3.strip():
            yield ctx.finding(rule, f"{ctx.column('level3')}名称未填写；请写明具体指标，如“改造户数”“群众满意度”。",
                              field="level3", indicator_index=i)


def check_value_empty(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    if ctx.graded:
        return  # the graded layout has no 指标值: its grades play that role
    for i, ind in enumerate(ctx.indicators):
        if ind.grades is None and not ind.value.strip():
            yield ctx.finding(rule, "指标值未填写；请填写如“≥95%”“≥300户”“2024年12月底前”或定性描述。",
                              field="value", indicator_index=i)


def check_cross_level(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """The same indicator (name, description and value) under two different first levels: a
    clerk's copy-paste (产出/数量 pasted again under 效益/经济效益)."""
    first: dict[tuple[str, str, str], int] = {}
    for i, ind in enumerate(ctx.indicators):
        key = (compact(ind.level3), compact(ind.description), compact(ind.value))
        if not key[0] or not (key[2] or key[1]) or not ctx.level1[i]:
            continue
        j = first.setdefault(key, i)
        if j != i and ctx.level1[j] != ctx.level1[i]:
            yield ctx.finding(rule, f"“{ind.level3}”与第{j + 1}行的指标名称、描述和指标值完全相同，却分别放在"
                                    f"“{ctx.indicators[j].level1}”和“{ind.level1}”下，像是复制粘贴所致；请把这一行改为"
                                    f"{LEVEL1_NAMES[ctx.level1[i]]}应衡量的内容，或删去。",
                              field="level3", indicator_index=i)


_SATISFACTION_NAME = re.compile(r"满意(?:度|率|程度)")


def check_satisfaction_as_benefit(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """A 满意度 indicator under 效益 stands in for a benefit; it belongs under 满意度指标."""
    benefit = [i for i, k in enumerate(ctx.level1) if k == "效益"]
    for i in benefit:
        ind = ctx.indicators[i]
        if not _SATISFACTION_NAME.search(ind.level3) or len(compact(ind.level3)) > 30:
            continue
        alone = all(_SATISFACTION_NAME.search(ctx.indicators[j].level3) for j in benefit)
        why = f"“{ind.level1}”下只有满意度类指标" if alone else f"满意度指标“{ind.level3}”放在了“{ind.level1}”下"
        yield ctx.finding(rule, f"{why}；满意度不能代替效益。效益指标应写项目带来的经济、社会、生态效益或可持续影响，"
                                f"如“群众居住条件改善”“受益人口≥5000人”；满意度请放在满意度指标下。",
                          field="level1", indicator_index=i)


#: The longest name a budget system stores (项目名称, 三级指标).
NAME_LIMIT = 100


def check_name_length(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    n = len(ctx.project.name.strip())
    if n > NAME_LIMIT:
        yield ctx.finding(rule, f"项目名称有{n}个字，超过预算系统允许的{NAME_LIMIT}字；请精简为项目的正式名称。",
                          field="name")
    for i, ind in enumerate(ctx.indicators):
        n = len(ind.level3.strip())
        if n > NAME_LIMIT:
            yield ctx.finding(rule, f"{ctx.column('level3')}名称有{n}个字，超过预算系统允许的{NAME_LIMIT}字；"
                                    f"名称应简短（如“改造户数”），说明性文字请写入指标描述。",
                              field="level3", indicator_index=i)
