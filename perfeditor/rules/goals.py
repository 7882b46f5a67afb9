"""绩效目标 / 年度目标: filled in, no template placeholders, no goal twice."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from perfeditor.rules.context import ProjectContext
from perfeditor.rules.findings import Finding, Rule

_ORDINAL = re.compile(
    r"^\s*(?:(?:年度|中期)?目标\s*[0-9０-９一二三四五六七八九十]+\s*[:：、.．]?"
    r"|[（(]\s*[0-9０-９一二三四五六七八九十]+\s*[)）]\s*[、.．:：]?"
    r"|[0-9０-９]+\s*[、.．:：)）]|[一二三四五六七八九十]+\s*[、.．:：]|[①-⑳])\s*"
)
_PLACEHOLDER = re.compile(
    r"^(?:目标(?:内容)?\s*[0-9０-９一二三四五六七八九十]*|[xXｘＸ×*＊]{2,}.*|.*[xXｘＸ×＊]{3,}.*"
    r"|请(?:输入|填写|录入).*|此处(?:填写|输入).*|（?填写.*?）?|内容|无|待定|略)$"
)
_MARKUP = re.compile(r"</?\s*(?:p|br|div|span|b|strong|font)\b[^>]*>?|&nbsp;|&lt;|&gt;", re.I)
_TRAIL = "。.；;，,、!！ \u3000"
_WS = re.compile(r"\s+")


def goal_lines(text: str) -> list[str]:
    return [ln for ln in (text or "").split("\n") if ln.strip()]


def goal_body(line: str) -> str:
    """The goal without its ordinal (``1、``, ``目标1:``, ``（1）``) and markup."""
    line = _MARKUP.sub("", line)
    return _ORDINAL.sub("", line, count=1).strip()


def _key(line: str) -> str:
    return _WS.sub("", goal_body(line)).rstrip(_TRAIL)


def check_empty(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    if not _MARKUP.sub("", ctx.project.goals or "").strip():
        yield ctx.finding(rule, "绩效目标未填写；请写明本项目年度要达到的产出和效果，"
                                "如“1、完成××改造300户”。")


def check_placeholder(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    lines = goal_lines(ctx.project.goals)
    for n, line in enumerate(lines, 1):
        body = goal_body(line)
        if not body:
            if len(lines) > 1 or _MARKUP.sub("", line).strip():
                yield ctx.finding(rule, f"第{n}条目标“{line.strip()}”后面没有内容；请填写具体目标，"
                                        f"或删去这一条。")
        elif _PLACEHOLDER.match(_WS.sub("", body)):
            yield ctx.finding(rule, f"第{n}条目标“{line.strip()}”是模板里的占位文字；请改为本项目的"
                                    f"具体目标，如“完成××改造300户”。")


def check_duplicate(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for n, line in enumerate(goal_lines(ctx.project.goals), 1):
        key = _key(line)
        if len(key) < 2:
            continue
        if key in seen:
            yield ctx.finding(rule, f"第{n}条目标与第{seen[key]}条相同；请删去重复的一条，"
                                    f"或写出另一项具体目标。")
        else:
            seen[key] = n


def check_markup(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    for field, text in (("goals", ctx.project.goals), ("goals", ctx.project.goals_midterm)):
        m = _MARKUP.search(text or "")
        if m:
            yield ctx.finding(rule, f"目标中含有系统导出残留的标记“{m.group(0)}”，会原样打印出来；请删去。",
                              field=field)
            return


#: Two-character words every goal and indicator use; they say nothing about what is measured.
_COMMON_WORDS = frozenset(
    "完成 提高 提升 保障 确保 工作 项目 开展 加强 做好 进一 一步 实现 保证 推进 全面 有效 年度 相关 各项 正常 持续"
    " 促进 我县 我区 我市 我州 全区 全县 全市 全州 资金 经费 用于 主要 进行 不断 切实 积极 通过 建设 管理 服务 发展"
    " 水平 能力 质量 情况 目标 任务 要求 规定 标准 达到 按照 根据 以及 及时 按时 的工 作的 作正 常运 运转 本项 内容"
    " 一是 二是 三是 四是 五是 全年 当年 年度 计划 有序 顺利 良好 稳定 支出 使用 合理 效益 满意 群众 社会".split())
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    """The text's two-character pieces (bigrams of its Chinese runs), less the common ones.

    Remembered per text: the window re-checks a project after every edit, and all its rows but
    the edited one ask again for the same texts."""
    out: set[str] = set()
    for run in _CJK_RUN.findall(text or ""):
        out.update(run[k:k + 2] for k in range(len(run) - 1))
    return frozenset(out - _COMMON_WORDS)


def check_unmeasured(ctx: ProjectContext, rule: Rule) -> Iterator[Finding]:
    """A 年度目标 no indicator measures: none of its words appears in any indicator's name,
    description or value. Judged only where the goals are numbered (two or more)."""
    lines = goal_lines(ctx.project.goals)
    if len(lines) < 2 or not ctx.indicators:
        return
    measured: set[str] = set()
    for ind in ctx.indicators:
        measured |= _words(f"{ind.level3} {ind.description} {ind.value}")
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        words = _words(goal_body(_MARKUP.sub("", line)))
        key = _key(line)
        if len(words) < 2 or key in seen:
            continue
        seen.add(key)
        if not words & measured:
            yield ctx.finding(rule, f"第{n}条目标“{goal_body(line)[:40]}”没有对应的绩效指标；"
                                    f"每条年度目标都应有指标衡量，如目标“完成改造300户”对应数量指标“改造户数 ≥300户”。")
