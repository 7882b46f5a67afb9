"""Which budget year a document is for (``2020年部门预算``), to judge deadlines.

Looked for, in order: the file's preamble and titles (``2020年部门预算``, ``2022年度预算``), the
department part, then the deadlines themselves when most of them agree. When nothing says it,
the year is unknown and deadlines are not judged against it (no wild guesses).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from perfeditor.model import Document
from perfeditor.rules.values import parse_value

_BUDGET = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:部门|单位|县级|市级|本级)?\s*(?:预算|项目支出预算)")
_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年\s*度?\s*(?:部门预算|预算公开|预算信息公开|绩效目标)")


@dataclass(frozen=True)
class BudgetYear:
    year: int | None
    source: str  # Chinese: where it was read ("文件标题" …), "" when unknown


def _from_text(text: str) -> int | None:
    if not text:
        return None
    m = _BUDGET.search(text) or _YEAR_TITLE.search(text)
    return int(m.group(1)) if m else None


def deadline_years(doc: Document) -> list[int]:
    years: list[int] = []
    for p in doc.projects:
        for ind in p.indicators:
            pv = parse_value(ind.value)
            if pv.kind == "deadline" and pv.year:
                years.append(pv.year)
    return years


def year_from_deadlines(years: list[int]) -> int | None:
    """The year most deadlines share, when at least three agree and they are 2/3 of all."""
    if len(years) < 3:
        return None
    year, n = Counter(years).most_common(1)[0]
    return year if n >= 3 and n * 3 >= len(years) * 2 else None


def find_budget_year(doc: Document, years: list[int] | None = None) -> BudgetYear:
    y = _from_text(doc.preamble)
    if y:
        return BudgetYear(y, "文件标题")
    for p in doc.projects[:50]:
        m = _YEAR_TITLE.search(p.title or "")
        if m:
            y = int(m.group(1))
            return BudgetYear(y, "表格标题")
    dep = doc.department
    if dep is not None:
        y = _from_text(dep.overall) or _from_text(dep.name)
        if y:
            return BudgetYear(y, "部门整体绩效目标")
    y = year_from_deadlines(deadline_years(doc) if years is None else years)
    if y:
        return BudgetYear(y, "多数指标的完成时限")
    return BudgetYear(None, "")
