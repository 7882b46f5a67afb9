"""The department-wide narrative (部门整体绩效目标) as one paragraph per row.

Headings 一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施 split the paragraphs; under 分项绩效目标
each short ordinal heading (一、推进城乡建设) starts an item whose goal is the paragraphs after it
(``绩效目标：`` / ``绩效指标：`` prefixes go to ``goal`` / ``indicator``).
"""
from __future__ import annotations

import re

from perfeditor.model import Department, DepartmentItem

_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．])?\s*"
                      r"(总体绩效目标|分项绩效目标|工作保障措施)\s*$")
_ITEM_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*、|[（(]\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*[）)])")
_GOAL = re.compile(r"^\s*绩效目标\s*[:：]\s*")
_INDICATOR = re.compile(r"^\s*绩效指标\s*[:：]\s*")


def section_of(text: str) -> str | None:
    """"overall" / "items" / "measures" when ``text`` is one of the three headings."""
    m = _SECTION.match(text)
    if not m:
        return None
    return {"总体绩效目标": "overall", "分项绩效目标": "items", "工作保障措施": "measures"}[m.group(1)]


def is_item_heading(text: str) -> bool:
    return bool(_ITEM_HEADING.match(text)) and len(text) <= 40 and "。" not in text


def parse_department(paragraphs: list[str]) -> Department | None:
    """A :class:`Department` from paragraphs in order, or None without the section headings."""
    if not any(section_of(t) for t in paragraphs):
        return None
    dep = Department()
    section = None
    overall: list[str] = []
    measures: list[str] = []
    for text in paragraphs:
        sec = section_of(text)
        if sec:
            section = sec
            continue
        if section == "overall":
            overall.append(text)
        elif section == "measures":
            measures.append(text)
        elif section == "items":
            if is_item_heading(text):
                dep.items.append(DepartmentItem(title=text))
                continue
            if not dep.items:
                dep.items.append(DepartmentItem())
            item = dep.items[-1]
            if _INDICATOR.match(text):
                body = _INDICATOR.sub("", text, count=1)
                item.indicator = f"{item.indicator}\n{body}" if item.indicator else body
            else:
                body = _GOAL.sub("", text, count=1)
                item.goal = f"{item.goal}\n{body}" if item.goal else body
    dep.overall = "\n".join(overall)
    dep.measures = "\n".join(measures)
    return dep
