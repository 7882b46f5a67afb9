"""A project's values written into its form on a sheet, for an in-place save
(:mod:`perfeditor.io.xlsx.inplace`): each header value in the cell it was read from (the cell's
style kept), indicator rows changed one cell at a time while the rows and the 一级/二级 grouping
stay, else the indicator block rebuilt from its original rows as templates (horizontal merges
repeated, 一级/二级 merged down; the rows below shift).
"""
from __future__ import annotations

import copy

from perfeditor.forms import vocabulary as V
from perfeditor.io.source import FormPlace, IndicatorBlock
from perfeditor.io.xlsx.forms import indicator_digest, levels_digest
from perfeditor.io.xlsx.sheetxml import (
    _N,
    NotPatchable,
    SheetXML,
    col_letter,
    put_merges,
    set_value,
    shift_other_refs,
    shift_rows,
    split_ref,
)
from perfeditor.model import Project

_NUMERIC_FIELDS = ("budget.", "plan:")


def _field_text(p: Project, fld: str) -> str | None:
    if fld.startswith("plan:"):
        return p.spending_plan.get(fld[5:], "")
    if fld.startswith("budget."):
        return getattr(p.budget, fld[7:], None)
    return getattr(p, fld, None) if fld in Project.model_fields else None


def patch_project(xml: SheetXML, p: Project, ref: FormPlace, fmt_of, report: list[str]) -> int:
    cells = ref.cells
    for key, printed in ref.unit_texts.items():
        text = V.with_unit(printed, p.budget.unit)
        if key in cells and text != printed:
            set_value(xml.cell(*cells[key]), text, fmt_of, False)
    for fld, pos in cells.items():
        if fld.startswith(("unit_label", "unit_in:")):
            continue
        if fld.endswith(":more_rows"):  # goals spread over rows: all now go in the first
            for rr in range(pos[0], pos[1] + 1):
                el = xml.cell(rr, pos[2], create=False)
                if el is not None:
                    set_value(el, "", fmt_of, False)
            continue
        r, c = pos
        text = _field_text(p, fld)
        if text is None:
            continue
        set_value(xml.cell(r, c), text, fmt_of, fld.startswith(_NUMERIC_FIELDS))
    for month, value in p.spending_plan.items():
        if f"plan:{month}" not in cells and value:
            report.append(f"项目“{p.name}”：表中没有“{month}”的资金支出计划，未写入。")
    for fld in ("code", "name", "unit", "implementer", "kind", "period", "source", "purpose",
                "goals", "goals_midterm"):
        if fld == "name" and "title" in cells and p.name in p.title:
            continue  # a form without a 项目名称 row prints the name in its title (written above)
        if getattr(p, fld) and fld not in cells:
            report.append(f"项目“{p.name}”：原表中没有“{V.field_title(fld)}”一栏，该内容未写入。")
    return _patch_indicators(xml, p, ref, fmt_of, report)


def _patch_in_rows(xml: SheetXML, p: Project, block: IndicatorBlock, fmt_of) -> bool:
    """Indicators edited but still one to a recorded row with the same 一级/二级 grouping: only
    the cells of changed rows are rewritten (a split form keeps its repeated rows). False when
    the rows must be rebuilt."""
    rows, read = block.rows, block.read
    inds = p.indicators
    if rows is None or read is None or len(rows) != len(inds) or len(read) != len(inds):
        return False
    cols: dict[str, int] = block.cols
    now = [indicator_digest(i) for i in inds]
    if block.shape != levels_digest(inds):
        return False
    for r, ind, before, after in zip(rows, inds, read, now, strict=True):
        if before == after:
            continue
        for f, c in cols.items():
            if f in ("level1", "level2"):
                continue
            value = (ind.grades or {}).get(f[6:], "") if f.startswith("grade:") else getattr(ind, f, "")
            set_value(xml.cell(r, c), value, fmt_of, f == "weight")
    return True


def _patch_indicators(xml: SheetXML, p: Project, ref: FormPlace, fmt_of, report: list[str]) -> int:
    block = ref.block
    if block is None:
        raise NotPatchable("no indicator block")
    if _patch_in_rows(xml, p, block, fmt_of):
        return 0
    cols: dict[str, int] = block.cols
    data, end = block.data_row, block.end
    if block.rows:  # rows after the last indicator (a note inside the block) stay as they are
        end = min(end, block.rows[-1])
    old_rows = [xml.rows[r] for r in range(data, end + 1) if r in xml.rows]
    repeats = set(block.repeats)  # a split form's repeated title / header rows
    header = block.header_row
    templates = ([row for row in old_rows if int(row.get("r")) not in repeats] or old_rows
                 or ([xml.rows[header]] if header in xml.rows else []))
    if not templates:
        raise NotPatchable("no template row")
    merges = xml.root.find(f"{_N}mergeCells")
    merge_list = [] if merges is None else list(merges)
    tmpl_hmerges: dict[int, list[tuple[int, int]]] = {}  # template row → [(c1, c2)]
    for m in merge_list:
        (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
        if r1 == r2 and data <= r1 <= end and c2 > c1:
            tmpl_hmerges.setdefault(r1, []).append((c1, c2))
    n_old, inds = end - data + 1, p.indicators
    n_new = len(inds)
    delta = n_new - n_old
    # remove the old indicator rows and merges inside the block
    for row in old_rows:
        xml.data.remove(row)
        del xml.rows[int(row.get("r"))]
    kept = []
    for m in merge_list:
        (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
        if data <= r1 and r2 <= end:
            merges.remove(m)
            continue
        kept.append((m, r1, c1, r2, c2))
    # shift everything below the block
    if delta:
        shift_rows(xml, end, delta)
        for m, r1, c1, r2, c2 in kept:
            if r1 > end:
                r1 += delta
            if r2 >= end:
                r2 = max(r2 + delta, r1)
            m.set("ref", f"{col_letter(c1)}{r1}:{col_letter(c2)}{r2}")
        shift_other_refs(xml.root, end, delta)
    # new rows from templates
    anchor = None
    for r in range(data - 1, 0, -1):
        if r in xml.rows:
            anchor = xml.rows[r]
            break
    new_merges: list[str] = []
    for i, ind in enumerate(inds):
        tmpl = templates[min(i, len(templates) - 1)]
        r = data + i
        row = copy.deepcopy(tmpl)
        row.set("r", str(r))
        if "spans" in row.attrib:
            del row.attrib["spans"]
        for el in row.findall(f"{_N}c"):
            rr, cc = split_ref(el.get("r"))
            el.set("r", f"{col_letter(cc)}{r}")
            for child in list(el):
                el.remove(child)
            if "t" in el.attrib:
                del el.attrib["t"]
        values = {f: (ind.grades or {}).get(f[6:], "") if f.startswith("grade:") else getattr(ind, f, "")
                  for f in cols}
        for f in ("level1", "level2"):
            if f in cols and i > 0 and _same_run(inds, i, f):
                values[f] = ""
        anchor = xml.put_row_after(anchor, row, r)
        for f, c in cols.items():
            set_value(xml.cell(r, c), values[f], fmt_of, f == "weight")
        tmpl_r = int(tmpl.get("r")) if tmpl in old_rows else None
        for c1, c2 in tmpl_hmerges.get(tmpl_r, []):
            new_merges.append(f"{col_letter(c1)}{r}:{col_letter(c2)}{r}")
    for f in ("level1", "level2"):
        if f not in cols:
            continue
        i = 0
        while i < n_new:
            j = i
            while j + 1 < n_new and _same_run(inds, j + 1, f):
                j += 1
            if j > i:
                c = cols[f]
                new_merges.append(f"{col_letter(c)}{data + i}:{col_letter(c)}{data + j}")
            i = j + 1
    put_merges(xml, merges, new_merges)
    return delta


def _same_run(inds, i: int, f: str) -> bool:
    a, b = inds[i - 1], inds[i]
    if not getattr(b, f) or getattr(a, f) != getattr(b, f):
        return False
    return f == "level1" or a.level1 == b.level1
