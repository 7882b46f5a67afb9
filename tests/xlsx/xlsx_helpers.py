"""Comparing dumps the way the contract does (white space collapsed, {} and "" alike for plans)."""
from __future__ import annotations

from tests.conftest import collapse_ws


def saved_as_asked(doc, path, places):
    """``doc`` saved over ``path`` (read with the source map ``places``) by a plan that has
    nothing to ask first; the document read back."""
    from perfeditor.io import load_document, plan_save

    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    return load_document(path)


def comparable(dump: dict, keys_of: dict | None = None) -> dict:
    """``dump`` with white space collapsed, empty plans as "", and — when ``keys_of`` (an
    expected dump) is given — only the keys it has (extra keys must then be empty)."""
    out = collapse_ws(dump)
    for p in out["projects"]:
        if not p.get("spending_plan"):
            p["spending_plan"] = ""
    if keys_of is not None:
        out = _restrict(out, collapse_ws(keys_of))
    return out


def _restrict(got, exp):
    if isinstance(got, dict) and isinstance(exp, dict):
        res = {}
        for k, v in got.items():
            if k in exp:
                res[k] = _restrict(v, exp[k])
            elif v not in ("", None, {}, []):
                res[k] = v  # an extra non-empty key shows up as a difference
        return res
    if isinstance(got, list) and isinstance(exp, list):
        return [_restrict(g, e) for g, e in zip(got, exp, strict=False)] + got[len(exp):]
    return got


def expected(exp: dict) -> dict:
    out = collapse_ws(exp)
    for p in out["projects"]:
        if not p.get("spending_plan"):
            p["spending_plan"] = ""
    return out


def openpyxl_grids(path) -> list:
    """The grids of ``path``'s sheets as openpyxl's normal mode reads them (texts through their
    number formats, merges, left/top borders): the reference the fast reader is compared with."""
    import openpyxl
    from openpyxl.cell.cell import MergedCell

    from perfeditor.io.xlsx.grid import Grid, clean_text
    from perfeditor.io.xlsx.numfmt import format_value

    def text(cell) -> str:
        if cell.value is None:
            return ""
        if isinstance(cell.value, str):
            return clean_text(cell.value)
        return format_value(cell.value, cell.number_format).strip()

    def border_of(ws):
        def bordered(r, c) -> bool:
            cell = ws._cells.get((r, c))
            return cell is not None and bool(cell.border.left.style or cell.border.top.style)
        return bordered

    wb = openpyxl.load_workbook(path, data_only=True)
    grids = []
    for ws in wb.worksheets:
        texts = {(r, c): t for (r, c), cell in ws._cells.items()
                 if cell.__class__ is not MergedCell and (t := text(cell))}
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        grids.append(Grid.from_parts(ws.title, texts, merges, border_of(ws)))
    return grids


def read_with_openpyxl(path, smap=None):
    """``path`` read as the reader reads it, from :func:`openpyxl_grids`."""
    from perfeditor.io.xlsx.reader import read_sheets

    return read_sheets(openpyxl_grids(path), smap)
