"""The department narrative (部门整体绩效目标) rewritten in place on its sheet, one paragraph a
row, with the original heading and paragraph rows as templates (used by the in-place save)."""
from __future__ import annotations

import copy

from perfeditor.forms.narrative import narrative_paragraphs
from perfeditor.io.xlsx.sheetxml import (
    _N,
    NotPatchable,
    SheetXML,
    col_letter,
    put_merges,
    set_value,
    shift_other_refs,
    shift_ref_text,
    shift_rows,
    split_ref,
)


def patch_department(xml: SheetXML, dep, place) -> int:
    """Rewrite the narrative rows (一、总体绩效目标 … last paragraph; ``place`` says which), one
    paragraph a row, with the original heading and paragraph rows as templates."""
    first, last = place.first_row, place.last_row
    old_rows = [xml.rows[r] for r in range(first, last + 1) if r in xml.rows]
    if not old_rows:
        raise NotPatchable("department rows")
    heading_tmpl = old_rows[0]
    para_tmpl = old_rows[1] if len(old_rows) > 1 else old_rows[0]
    merges = xml.root.find(f"{_N}mergeCells")
    spans: dict[int, tuple[int, int]] = {}
    for m in list(merges) if merges is not None else []:
        (r1, c1), (r2, c2) = (split_ref(x) for x in m.get("ref").split(":"))
        if first <= r1 and r2 <= last:
            spans.setdefault(r1, (c1, c2))
            merges.remove(m)
    rows = narrative_paragraphs(dep)
    delta = len(rows) - (last - first + 1)
    for row in old_rows:
        xml.data.remove(row)
        del xml.rows[int(row.get("r"))]
    if delta:
        shift_rows(xml, last, delta)
        if merges is not None:
            for m in merges:
                ref = m.get("ref")
                m.set("ref", shift_ref_text(ref, last, delta))
        shift_other_refs(xml.root, last, delta)
    anchor = next((xml.rows[r] for r in range(first - 1, 0, -1) if r in xml.rows), None)
    new_refs = []
    for i, (text, kind) in enumerate(rows):
        tmpl = para_tmpl if kind == "body" else heading_tmpl
        r = first + i
        row = copy.deepcopy(tmpl)
        row.set("r", str(r))
        row.attrib.pop("spans", None)
        first_cell = None
        for el in row.findall(f"{_N}c"):
            _, cc = split_ref(el.get("r"))
            el.set("r", f"{col_letter(cc)}{r}")
            for child in list(el):
                el.remove(child)
            el.attrib.pop("t", None)
            first_cell = first_cell if first_cell is not None else el
        anchor = xml.put_row_after(anchor, row, r)
        set_value(xml.cell(r, 1), text, lambda s: "General", False)
        if row.get("customHt") or row.get("ht"):
            width = sum(2 if ord(ch) > 0x2e80 else 1 for ch in text)
            row.set("ht", str(max(float(tmpl.get("ht") or 20), 15.0 * -(-width // 80) + 6)))
            row.set("customHeight", "1")
        span = spans.get(int(tmpl.get("r")))
        if span and span[1] > span[0]:
            new_refs.append(f"{col_letter(span[0])}{r}:{col_letter(span[1])}{r}")
    put_merges(xml, merges, new_refs)
    return delta
