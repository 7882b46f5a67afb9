"""A project's values written into its form on a sheet, for an in-place save
(:mod:`perfeditor.io.xlsx.inplace`): each header value in the cell it was read from (the cell's
style kept), indicator rows changed one cell at a time while the rows and the 一级/二级 grouping
stay, else the indicator block rebuilt from its original rows as templates (horizontal merges
repeated, 一级/二级 merged down; the rows below shift). Also the department narrative
(部门整体绩效目标), one paragraph a row, with its original heading and paragraph rows as templates;
and an indicator block written under a form read without one.
"""
from __future__ import annotations

import hashlib
from itertools import accumulate, groupby

from lxml import etree

from perfeditor.forms import vocabulary as V
from perfeditor.forms.compose import LABEL_ROLES, FormTable, compose, cut_merges, follow_parts, merge_runs
from perfeditor.forms.department import field_text as department_text
from perfeditor.forms.department import task_value
from perfeditor.forms.layouts import INDICATOR_FIELDS, indicator_value, left_out, left_out_fields
from perfeditor.forms.narrative import narrative_paragraphs
from perfeditor.io.source import FormPlace, IndicatorBlock
from perfeditor.io.xlsx.book import text_lines, text_width
from perfeditor.io.xlsx.sheetxml import (
    _N,
    NotPatchable,
    SheetXML,
    area_ref,
    blank_copy,
    merge_area,
    put_merges,
    set_value,
    shift_below,
    split_ref,
)
from perfeditor.model import Department, DepartmentTask, Indicator, Project

_NUMERIC_FIELDS = ("budget.", "plan:")
#: The fields of indicator and task rows that hold amounts (权重; 预算申请 总额 · 财政拨款 · 其他资金).
_ROW_NUMBERS = {"weight", "total", "fiscal", "other"}


def indicator_values(inds: list[Indicator], cols) -> list[dict[str, str]]:
    """Each indicator's text per field of ``cols`` (an in-place save rewrites only the cells
    whose text changed)."""
    return [{f: indicator_value(i, f) for f in cols} for i in inds]


def levels_digest(inds: list[Indicator]) -> str:
    """A digest of the 一级/二级 grouping of an indicator block."""
    raw = "\x1e".join(f"{i.level1}\x1f{i.level2}" for i in inds)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def field_text(p: Project, fld: str) -> str | None:
    """The text of ``p``'s header field ``fld`` as a cell holds it (``budget.total``,
    ``plan:3月底`` …); None for a key that is no field (``goals:more_rows`` …)."""
    if fld.startswith("plan:"):
        return p.spending_plan.get(fld[5:], "")
    if fld.startswith("budget."):
        return getattr(p.budget, fld[7:], None)
    return getattr(p, fld, None) if fld in Project.model_fields else None


def header_values(p: Project, cells: dict) -> dict[str, str]:
    """The texts of ``p``'s header fields that have a cell (``cells``: field → its cell)."""
    return {fld: text for fld in cells if (text := field_text(p, fld)) is not None}


def patch_project(xml: SheetXML, p: Project, ref: FormPlace, fmt_of, report: list[str],
                  merges: list | None = None, own: bool = False) -> int:
    """``p``'s values written into its form at ``ref``; returns how many rows the sheet gained.
    ``merges``: the cells to merge down over its indicator rows (None: those ``ref`` recorded,
    followed through the edits; a new project in a copy of another form's rows passes its own,
    :meth:`~perfeditor.io.source.SourceMap.merges_of`). ``own``: ``ref`` is ``p``'s own form as
    read or last written, whose header cells hold ``ref.values``: only the cells whose value
    changed are rewritten (a new project's copied rows get every value)."""
    cells = ref.cells
    same = ref.values if own else {}
    for key, printed in ref.unit_texts.items():
        text = V.with_unit(printed, p.budget.unit)
        if key in cells and text != printed:
            set_value(xml.cell(*cells[key]), text, fmt_of, False)
    for fld, pos in cells.items():
        if fld.startswith(("unit_label", "unit_in:")):
            continue
        if fld.endswith(":more_rows"):  # goals spread over rows: all now go in the first
            base = fld.removesuffix(":more_rows")
            if base in same and same[base] == field_text(p, base):
                continue  # (unchanged: its rows stay as they are)
            for rr in range(pos[0], pos[1] + 1):
                el = xml.cell(rr, pos[2], create=False)
                if el is not None:
                    set_value(el, "", fmt_of, False)
            continue
        r, c = pos
        text = field_text(p, fld)
        if text is None or fld in same and same[fld] == text:
            continue
        set_value(xml.cell(r, c), text, fmt_of, fld.startswith(_NUMERIC_FIELDS))
        if fld == "title" and ref.block is not None:  # a split form repeats its title: all say the same
            for full in (_filled(xml, rr) for rr in ref.block.repeats):
                if len(full) == 1 and split_ref(full[0].get("r"))[1] == c:  # (the repeated title alone)
                    set_value(full[0], text, fmt_of, False)
    for month, value in p.spending_plan.items():
        if f"plan:{month}" not in cells and value:
            report.append(f"项目“{p.name}”：表中没有“{month}”的资金支出计划，未写入。")
    for fld in ("code", "name", "unit", "implementer", "kind", "period", "source", "purpose",
                "goals", "goals_midterm"):
        if fld == "name" and ("title" in cells or ref.sheet_named) and p.name in p.title:
            continue  # a form without a 项目名称 row prints the name in its title (written above, or its sheet's name)
        if getattr(p, fld) and fld not in cells:
            report.append(f"项目“{p.name}”：原表中没有“{V.field_title(fld)}”一栏，该内容未写入。")
    if ref.block is not None:  # indicator columns the form has not got (指标值 on a graded form …)
        lost = [f for f in left_out_fields(p, p.variant.layout, cols=list(ref.block.cols))
                if f in INDICATOR_FIELDS]
        report += left_out([p], p.variant.layout, [lost]) if lost else []
    return _patch_indicators(xml, p, ref, fmt_of, report, merges)


def _filled(xml: SheetXML, r: int) -> list:
    """The cells of row ``r`` holding a value."""
    row = xml.rows.get(r)
    return [el for el in (row.findall(f"{_N}c") if row is not None else [])
            if el.get("r") and (el.find(f"{_N}v") is not None or el.find(f"{_N}is") is not None)]


def _patch_in_rows(xml: SheetXML, inds: list, block: IndicatorBlock, fmt_of, merges: list,
                   value=indicator_value) -> bool:
    """Indicators (or the department table's tasks, ``value`` reading their fields) edited but
    still one to a recorded row with the same 一级/二级 grouping and the same cells merged down
    (``merges``: the recorded ones followed through the edits; a value written into a row a merged
    cell covers would not show): only the cells whose text changed are rewritten (a split form
    keeps its repeated rows). False when the rows must be rebuilt."""
    rows, read = block.rows, block.read
    if rows is None or read is None or len(rows) != len(inds) or len(read) != len(inds):
        return False
    if sorted(merges) != sorted(block.merges) or value is indicator_value and block.shape != levels_digest(inds):
        return False
    for r, ind, before in zip(rows, inds, read, strict=True):
        for f, c in block.cols.items():
            text = value(ind, f)
            if f not in ("level1", "level2") and before.get(f) != text:
                set_value(xml.cell(r, c), text, fmt_of, f in _ROW_NUMBERS)
    return True


def _patch_indicators(xml: SheetXML, p: Project, ref: FormPlace, fmt_of, report: list[str],
                      merges: list | None = None) -> int:
    block = ref.block
    if block is None:  # a form read without an indicator block: one written under it when it has rows
        return _add_block(xml, p, ref, fmt_of, list(merges or ())) if p.indicators else 0
    if merges is None:
        merges = block.merges_over(p.indicators)  # cells merged down (指标值确定依据 …), kept
    if _patch_in_rows(xml, p.indicators, block, fmt_of, merges):
        return 0
    data, end = block.data_row, block.end
    if block.rows:  # rows after the last indicator (a note inside the block) stay as they are
        end = min(end, block.rows[-1])
    parts = _parts(block, data, end, [i.uid for i in p.indicators], [us for _, us in ref.split])
    merges = cut_merges(merges, [b - a for _, (a, b) in parts])  # (a split form: each ends in its part)
    delta = 0
    for (first, last), (a, b) in reversed(parts):  # bottom up: the rows above stay where they are
        own = [(f, x - a, y - a) for f, x, y in merges if a <= x < b]
        delta += _rewrite_rows(xml, p.indicators[a:b], block, first, last, fmt_of, own)
    return delta


def _parts(block: IndicatorBlock, data: int, end: int, uids: list[int],
           held: list[list[int]] | None = None) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The runs of indicator rows between a split form's repeated title and header rows, each
    with the slice of the indicators (``uids``) it now holds, each indicator in the part that
    held it (``held``, :func:`perfeditor.forms.compose.follow_parts`)."""
    repeats = set(block.repeats)
    runs = [list(rows) for repeated, rows in groupby(range(data, end + 1), key=repeats.__contains__)
            if not repeated]
    if len(runs) <= 1:
        return [((data, end), (0, len(uids)))]
    counts = follow_parts([len(run) for run in runs], held, uids)
    if counts is None:
        raise NotPatchable("fewer indicators than parts of a split form")
    out, at = [], 0
    for run, count in zip(runs, counts, strict=True):
        out.append(((run[0], run[-1]), (at, at + count)))
        at += count
    return out


def _rewrite_rows(xml: SheetXML, inds: list, block: IndicatorBlock, data: int, end: int, fmt_of,
                  down: list = (), value=indicator_value) -> int:
    """The indicator rows ``data`` … ``end`` rewritten to hold ``inds`` (templates: the old rows),
    the cells listed in ``down`` ((field, first, last) indexes into ``inds``) merged down;
    returns how many rows the sheet gained. ``value``: the field's text of an item (tasks)."""
    cols: dict[str, int] = block.cols
    old_rows, spans, merges = _cut_rows(xml, data, end, len(inds))
    templates = old_rows or ([xml.rows[block.header_row]] if block.header_row in xml.rows else [])
    if not templates:
        raise NotPatchable("no template row")
    anchor = xml.row_before(data)
    new_merges: list[str] = []
    runs = {}
    if value is indicator_value:  # each run of one 一级/二级 merged down
        l1 = [i.level1 for i in inds]
        runs = {"level1": merge_runs(l1), "level2": merge_runs([i.level2 for i in inds], l1)}
    widths = _sheet_widths(xml, 1, max([*cols.values(), *(c2 for s in spans.values() for _, c2 in s)]))
    line = min((h for t in templates if (h := _height(t))), default=0.0)  # a row of one line of text
    for i, ind in enumerate(inds):
        tmpl = templates[min(i, len(templates) - 1)]
        r = data + i
        row = blank_copy(tmpl, r)
        anchor = xml.put_row_after(anchor, row, r)
        tmpl_r = int(tmpl.get("r")) if tmpl in old_rows else None
        lines = 1
        for f, c in cols.items():
            text = "" if f in runs and not runs[f][i] else value(ind, f)
            set_value(xml.cell(r, c), text, fmt_of, f in _ROW_NUMBERS)
            if text and runs.get(f, (1,) * len(inds))[i] == 1:  # (not a cell merged down over rows)
                c1, c2 = next(((a, b) for a, b in spans.get(tmpl_r, []) if a <= c <= b), (c, c))
                lines = max(lines, text_lines(text, sum(widths[c1 - 1:c2])))
        if line and row.get("ht"):  # a row of fixed height fits its text, as where it was read from
            row.set("ht", f"{line + (lines - 1) * (line - 1.4):.2f}")
        new_merges += [area_ref(r, c1, r, c2) for c1, c2 in spans.get(tmpl_r, [])]
    for f, heights in runs.items():
        new_merges += [area_ref(data + i, cols[f], data + i + h - 1, cols[f]) for i, h in enumerate(heights)
                       if f in cols and h > 1]
    new_merges += [area_ref(data + a, cols[f], data + b, cols[f]) for f, a, b in down
                   if f in cols and f not in ("level1", "level2") and 0 <= a < b < len(inds)]
    put_merges(xml, merges, new_merges)
    return len(inds) - (end - data + 1)


def _height(row) -> float:
    """A row's declared height in points (0: none)."""
    try:
        return float(row.get("ht") or 0)
    except ValueError:
        return 0.0


def _cut_rows(xml: SheetXML, first: int, last: int, n_new: int):
    """Rows ``first`` … ``last`` taken out of the sheet, to be written anew as ``n_new`` rows (the
    rows below move): (the rows taken, the templates of the new ones; each one's horizontal merges
    (c1, c2) by its row; the sheet's ``<mergeCells>``, without the merges inside them). A merge
    reaching into them keeps its first row and grows or shrinks with them."""
    old_rows = [xml.rows[r] for r in range(first, last + 1) if r in xml.rows]
    merges, merge_list = xml.merges()
    spans: dict[int, list[tuple[int, int]]] = {}
    kept = []
    for m in merge_list:
        r1, c1, r2, c2 = merge_area(m)
        if first <= r1 and r2 <= last:
            merges.remove(m)
            if r1 == r2 and c2 > c1:
                spans.setdefault(r1, []).append((c1, c2))
        else:
            kept.append((m, r1, c1, r2, c2))
    for row in old_rows:
        xml.data.remove(row)
        del xml.rows[int(row.get("r"))]
    delta = n_new - (last - first + 1)
    if delta:  # everything below moves; a range ending on the last row (a print area, a 合计's
        shift_below(xml, None, last - 1, delta)  # SUM, a conditional format) grows or shrinks with them
        for m, r1, c1, r2, c2 in kept:
            if r1 > last:
                r1 += delta
            if r2 >= last:
                r2 = max(r2 + delta, r1)
            m.set("ref", area_ref(r1, c1, r2, c2))
    return old_rows, spans, merges


def patch_department(xml: SheetXML, dep, place) -> int:
    """Rewrite the narrative rows (一、总体绩效目标 … last paragraph; ``place`` says which)."""
    first, last = place.first_row, place.last_row
    if any(len(_filled(xml, r)) > 1 for r in range(first, last + 1)):
        raise NotPatchable("notes beside the narrative")  # (rows written anew would lose them)
    rows = narrative_paragraphs(dep)
    old_rows, spans, merges = _cut_rows(xml, first, last, len(rows))
    if not old_rows:
        raise NotPatchable("department rows")
    heading_tmpl, para_tmpl = old_rows[0], old_rows[min(1, len(old_rows) - 1)]
    anchor = xml.row_before(first)
    new_refs = []
    for i, (text, kind) in enumerate(rows):
        tmpl = para_tmpl if kind == "body" else heading_tmpl
        r = first + i
        row = blank_copy(tmpl, r)
        anchor = xml.put_row_after(anchor, row, r)
        set_value(xml.cell(r, 1), text, lambda s: "General", False)
        if row.get("customHt") or row.get("ht"):
            row.set("ht", str(max(float(tmpl.get("ht") or 20), 15.0 * -(-text_width(text) // 80) + 6)))
            row.set("customHeight", "1")
        new_refs += [area_ref(r, c1, r, c2) for c1, c2 in spans.get(int(tmpl.get("r")), [])]
    put_merges(xml, merges, new_refs)
    return len(rows) - (last - first + 1)


def task_values(tasks: list[DepartmentTask], cols) -> list[dict[str, str]]:
    """Each 年度主要任务 row's text per field of ``cols``."""
    return [{f: task_value(t, f) for f in cols} for t in tasks]


def department_values(dep: Department, cells: dict) -> dict[str, str]:
    """The texts of the department table's fields that have a cell (``cells``: field → its cell)."""
    return {fld: text for fld in cells if (text := department_text(dep, fld)) is not None}


def patch_department_table(xml: SheetXML, dep: Department, place: FormPlace, fmt_of,
                           report: list[str]) -> int:
    """The national department table's edits written where ``place`` recorded its cells and rows,
    bottom up so that no recorded row is stale: its 年度绩效指标 rows (as a project's indicator
    rows), 年度总体目标 and the 金额合计 sums, its 年度主要任务 rows (spare empty rows kept), then
    部门名称 and the amount unit in the 预算申请 header. Returns how many rows the sheet gained."""
    delta = 0
    block, tasks = place.block, place.tasks
    if block is not None and not _patch_in_rows(xml, dep.indicators, block, fmt_of, []):
        delta += _rewrite_rows(xml, dep.indicators, block, block.data_row, block.end, fmt_of)
    cells, same = place.cells, place.values

    def put(fld: str) -> None:
        text = department_text(dep, fld)
        if fld not in cells:
            if text:
                title = {"name": "部门名称", "overall": "年度总体目标"}.get(fld, "金额合计")
                report.append(f"部门整体支出绩效目标表：原表中没有“{title}”一栏，该内容未写入。")
            return
        if text is None or same.get(fld) == text:
            return
        set_value(xml.cell(*cells[fld][:2]), text, fmt_of, fld.startswith("budget."))
        if fld == "overall" and "overall:more_rows" in cells:  # all of it now in the first row
            r1, r2, c = cells["overall:more_rows"]
            for r in range(r1, r2 + 1):
                if (el := xml.cell(r, c, create=False)) is not None:
                    set_value(el, "", fmt_of, False)

    for fld in ("overall", "budget.other", "budget.fiscal", "budget.total"):
        put(fld)
    if tasks is not None and not _patch_in_rows(xml, dep.tasks, tasks, fmt_of, [], task_value):
        size = tasks.end - tasks.data_row + 1  # a run with empty rows left for more tasks keeps its size
        spare = size - len(dep.tasks) if tasks.rows is not None and size > len(tasks.rows) else 0
        rows = dep.tasks + [DepartmentTask()] * max(spare, 0)
        delta += _rewrite_rows(xml, rows, tasks, tasks.data_row, tasks.end, fmt_of, value=task_value)
    for item, rows_at, items in (("年度绩效指标", block, dep.indicators), ("年度主要任务", tasks, dep.tasks)):
        if rows_at is None and items:
            report.append(f"部门整体支出绩效目标表：原表中没有“{item}”一栏，该内容未写入。")
    put("name")
    for key, printed in place.unit_texts.items():
        if key in cells and (text := V.with_unit(printed, dep.budget.unit)) != printed:
            set_value(xml.cell(*cells[key]), text, fmt_of, False)
    return delta


#: Excel's default column width (characters) when the sheet declares none.
_DEFAULT_WIDTH = 8.43


def _add_block(xml: SheetXML, p: Project, ref: FormPlace, fmt_of, merges: list) -> int:
    """``p``'s indicator block under the header block of its form at ``ref``, read without one (a
    clerk's form not filled in, or its indicator table deleted): the composed form's indicator rows
    go under the header block, across the columns its table spans (``ref.cols``, fitted by width),
    in the styles of its labels and values; ``merges``: cells merged down over the indicator rows.
    Returns how many rows the sheet gained."""
    c0, c1 = ref.cols
    if not c0 or c1 < c0:
        raise NotPatchable("no columns for the indicator block")
    table = compose(p, p.variant.layout, merges=merges)
    top = table.header_rows[0]
    cells = [c for c in table.cells if c.row >= top]
    n_rows = table.n_rows - top
    widths = _sheet_widths(xml, c0, c1)
    at = _fit(table, cells, widths)
    after = _last_row(xml, ref)
    label_s, value_s = _styles(xml, ref)
    shift_below(xml, xml.merges()[0], after, n_rows)
    anchor = xml.row_before(after + 1)
    heights = [20.0] * n_rows
    for k in range(n_rows):
        anchor = xml.put_row_after(anchor, etree.Element(f"{_N}row", r=str(after + 1 + k)), after + 1 + k)
    refs = []
    for cell in cells:
        r, a, b = after + 1 + cell.row - top, c0 + at[cell.col], c0 + at[cell.col + cell.cols] - 1
        style = label_s if cell.role in LABEL_ROLES else value_s
        for rr in range(r, r + cell.rows):
            for cc in range(a, b + 1):
                el = xml.cell(rr, cc)
                if style is not None:
                    el.set("s", style)
                else:
                    el.attrib.pop("s", None)
        set_value(xml.cell(r, a), cell.text, fmt_of, cell.field == "weight")  # as form_values writes it
        if cell.rows > 1 or b > a:
            refs.append(area_ref(r, a, r + cell.rows - 1, b))
        lines = text_lines(cell.text, sum(widths[a - c0:b - c0 + 1]) * 0.9 - 1)
        k = r - after - 1
        heights[k] = max(heights[k], (lines * 15.0 + 6) / cell.rows)
    for k, h in enumerate(heights):
        row = xml.rows[after + 1 + k]
        row.set("ht", str(min(h, 409.0)))
        row.set("customHeight", "1")
    put_merges(xml, xml.merges()[0], refs)
    return n_rows


def _sheet_widths(xml: SheetXML, c0: int, c1: int) -> list[float]:
    """The widths (characters) of columns ``c0`` … ``c1`` as the sheet declares them."""
    fmt = xml.root.find(f"{_N}sheetFormatPr")
    default = float(fmt.get("defaultColWidth") or _DEFAULT_WIDTH) if fmt is not None else _DEFAULT_WIDTH
    out = [default] * (c1 - c0 + 1)
    for col in xml.root.iter(f"{_N}col"):
        try:
            lo, hi, w = int(col.get("min")), int(col.get("max")), float(col.get("width") or default)
        except (TypeError, ValueError):
            continue
        for c in range(max(lo, c0), min(hi, c1) + 1):
            out[c - c0] = w
    return out


def _fit(table: FormTable, cells: list, widths: list[float]) -> dict[int, int]:
    """Each column boundary the composed ``cells`` use → a boundary of the sheet's columns
    (0 … ``len(widths)``): the nearest by width, each cell at least one column wide."""
    bounds = sorted({c.col for c in cells} | {c.col + c.cols for c in cells})
    n = len(widths)
    if len(bounds) - 1 > n:
        raise NotPatchable("the form has too few columns for its indicator block")
    total = sum(table.widths) or 1.0
    done, sheet = [0.0, *accumulate(table.widths)], [0.0, *accumulate(widths)]
    pos = [min(range(n + 1), key=lambda j, f=done[b] / total: abs(sheet[j] / sheet[-1] - f)) for b in bounds]
    pos[0], pos[-1] = 0, n
    for i in range(1, len(pos)):  # strictly increasing, within 0 … n
        pos[i] = max(pos[i], pos[i - 1] + 1)
    for i in range(len(pos) - 2, -1, -1):
        pos[i] = min(pos[i], pos[i + 1] - 1)
    return dict(zip(bounds, pos, strict=True))


def _last_row(xml: SheetXML, ref: FormPlace) -> int:
    """The header block's last row: the lowest value cell read, past the cells merged down over it."""
    last = max(pos[1] if len(pos) == 3 else pos[0] for pos in ref.cells.values())
    areas = [merge_area(m) for m in xml.merges()[1]]
    grown = True
    while grown:
        grown = False
        for r1, _, r2, _ in areas:
            if r1 <= last < r2:
                last, grown = r2, True
    return last


def _styles(xml: SheetXML, ref: FormPlace) -> tuple[str | None, str | None]:
    """The style of a label cell of the header block (the one left of 项目名称's / 项目编码's value)
    and of a value cell (绩效目标's, else 项目名称's)."""
    def style(r: int, c: int) -> str | None:
        el = xml.cell(r, c, create=False)
        return None if el is None else el.get("s")

    value_at = next((ref.cells[k] for k in ("goals", "name", "code") if k in ref.cells), None)
    value = style(*value_at[:2]) if value_at is not None else None
    label = value
    for key in ("name", "code"):
        if key in ref.cells and ref.cells[key][1] > ref.cols[0]:
            r, c = ref.cells[key][:2]
            left = [el for el in _filled(xml, r) if split_ref(el.get("r"))[1] < c]
            if left:
                label = left[-1].get("s")
                break
    return label, value

