"""The department part: the narrative (第一部分 部门整体绩效目标) and the national table form
(部门整体支出绩效目标申报表)."""
from __future__ import annotations

import re

from perfeditor.io.docx.grid import Grid
from perfeditor.io.docx.indicators import detect_header, read_indicators
from perfeditor.io.docx.labels import norm
from perfeditor.model import Budget, Department, DepartmentItem, DepartmentTask

_ORDINAL = r"(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+[、.．]|[0-9]+[、.．])"
_HEADING = re.compile(rf"^\s*{_ORDINAL}\s*\S")
_SECTION = re.compile(rf"^\s*(?:{_ORDINAL})?\s*(总体绩效目标|分项绩效目标|工作保障措施)\s*[:：]?\s*$")
_GOAL = re.compile(r"^\s*(?:绩效)?目标\s*[:：]\s*")
_INDICATOR = re.compile(r"^\s*(?:绩效)?指标\s*[:：]\s*")


def is_part_start(text: str) -> bool:
    t = norm(text)
    return "部门整体绩效目标" in t and len(t) <= 20 and "表" not in t


def is_part_end(text: str) -> bool:
    t = norm(text)
    return t.startswith("第二部分") or ("预算项目绩效目标" in t and len(t) <= 20)


def section_of(text: str) -> str | None:
    m = _SECTION.match(text)
    return m.group(1) if m else None


def _is_item_heading(text: str) -> bool:
    t = text.strip()
    return bool(_HEADING.match(t)) and len(t) <= 30 and not t.endswith(("。", "；", ";")) \
        and not _GOAL.match(_strip_ordinal(t)) and not _INDICATOR.match(_strip_ordinal(t))


def _ordinal_kind(t: str) -> str:
    """``一、`` → "cn", ``（一）`` → "paren", ``1.`` / ``1、`` → "num"."""
    t = t.lstrip()
    if t[:1] in "（(":
        return "paren"
    return "num" if t[:1].isdigit() else "cn"


def _strip_ordinal(t: str) -> str:
    return re.sub(rf"^\s*{_ORDINAL}\s*", "", t)


def read_narrative(paras: list[str]) -> Department:
    """The narrative from its paragraphs (part heading first, if any)."""
    dep = Department(form="narrative")
    section = "overall"
    overall: list[str] = []
    measures: list[str] = []
    item: DepartmentItem | None = None
    mode = "goal"
    heading_kind = ""  # the ordinal style of the first item heading; later headings match it
    for text in paras:
        t = text.strip()
        if not t or is_part_start(t) or norm(t) in ("第一部分",):
            continue
        sec = section_of(t)
        if sec is not None:
            section = {"总体绩效目标": "overall", "分项绩效目标": "items",
                       "工作保障措施": "measures"}[sec]
            item = None
            heading_kind = ""
            continue
        if section == "overall":
            overall.append(t)
        elif section == "measures":
            measures.append(t)
        else:
            if _is_item_heading(t) and heading_kind in ("", _ordinal_kind(t)):
                heading_kind = _ordinal_kind(t)
                item = DepartmentItem(title=t)
                dep.items.append(item)
                mode = "goal"
                continue
            if item is None:
                item = DepartmentItem()
                dep.items.append(item)
            m_goal, m_ind = _GOAL.match(t), _INDICATOR.match(t)
            if m_goal:
                mode, t = "goal", t[m_goal.end():]
            elif m_ind:
                mode, t = "indicator", t[m_ind.end():]
            if mode == "goal":
                item.goal = f"{item.goal}\n{t}" if item.goal else t
            else:
                item.indicator = f"{item.indicator}\n{t}" if item.indicator else t
    dep.overall = "\n".join(overall)
    dep.measures = "\n".join(measures)
    return dep


# --- the national table form ----------------------------------------------------------------

def is_department_table(grid: Grid) -> bool:
    names = {norm(c.text) for r in range(min(len(grid), 3)) for c in grid.row_cells(r)[:2]
             if c.row == r and len(c.text) <= 20}
    if not any(n.startswith("部门") or n == "单位名称" for n in names):
        return False
    names |= {norm(c.text) for r in range(3, min(len(grid), 40)) for c in grid.row_cells(r)[:2]
              if c.row == r and len(c.text) <= 20}
    has_name = any(n in ("部门名称", "部门单位名称", "单位名称") or n.startswith("部门名称") for n in names)
    return has_name and any(n.startswith(("年度主要任务", "年度总体目标", "年度绩效指标")) for n in names)


def read_department_table(grid: Grid) -> Department:
    dep = Department(form="table")
    r, n = 0, len(grid)
    task_cols: dict[int, str] = {}
    while r < n:
        header = detect_header(grid, r)
        if header is not None:
            dep.indicators, r = read_indicators(grid, header.end, header)
            continue
        cells = grid.row_cells(r)
        own = [c for c in cells if c.row == r]
        texts = [norm(c.text) for c in own]
        if any(t.startswith("部门名称") or t in ("部门单位名称", "单位名称") for t in texts):
            i = next(i for i, t in enumerate(texts) if t.startswith("部门") or t == "单位名称")
            dep.name = own[i + 1].text if i + 1 < len(own) else ""
        elif any(t in ("任务名称", "主要内容", "总额") for t in texts):
            for c in own:
                f = {"任务名称": "name", "主要内容": "content", "总额": "total",
                     "财政拨款": "fiscal", "其他资金": "other"}.get(norm(c.text))
                if f:
                    task_cols[c.col] = f
        elif any(t.startswith("金额合计") or t == "合计" for t in texts):
            i = next(i for i, t in enumerate(texts) if t.startswith("金额合计") or t == "合计")
            start = own[i].col + own[i].colspan
            row = grid.rows[r]
            vals = {f: (row[c].text if c < len(row) and row[c] is not None and row[c].col == c
                        and c >= start else "") for c, f in task_cols.items()}
            dep.budget = Budget(total=vals.get("total", ""), fiscal=vals.get("fiscal", ""),
                                other=vals.get("other", ""))
        elif any(t.startswith("年度总体目标") for t in texts):
            i = next(i for i, t in enumerate(texts) if t.startswith("年度总体目标"))
            dep.overall = "\n".join(c.text for c in own[i + 1:] if c.text)
        elif task_cols:
            row = grid.rows[r]
            vals = {f: (row[c].text if c < len(row) and row[c] is not None and row[c].col == c
                        else "") for c, f in task_cols.items()}
            if any(vals.values()):
                dep.tasks.append(DepartmentTask(**vals))
        r += 1
    return dep
