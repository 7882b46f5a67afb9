"""The department part: the narrative (第一部分 部门整体绩效目标) and the national table form
(部门整体支出绩效目标申报表)."""
from __future__ import annotations

from perfeditor.forms.grid import Grid
from perfeditor.forms.recognize import detect_header, read_indicators
from perfeditor.forms.vocabulary import norm
from perfeditor.io.narrative import is_part_end, is_part_start, read_narrative, section_of
from perfeditor.model import Budget, Department, DepartmentTask

# The narrative's grammar is shared with the .xlsx reader.
__all__ = ["is_part_end", "is_part_start", "read_narrative", "section_of",
           "is_department_table", "read_department_table"]


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
