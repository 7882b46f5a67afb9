"""``read_xlsx(path) -> Document``: every form of every sheet, found by its labels."""
from __future__ import annotations

import gc
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Iterable

from perfeditor.forms import department as table_form
from perfeditor.forms import narrative
from perfeditor.forms.compose import parts_held
from perfeditor.forms.department import ItemRows
from perfeditor.forms.find import BodyForms, TableForm, sheet_body
from perfeditor.forms.grid import Rows
from perfeditor.forms.vocabulary import department_label, looks_like_title, name_from_title
from perfeditor.io.source import FormPlace, IndicatorBlock, Outside, SourceMap
from perfeditor.io.xlsx.cells import read_grids
from perfeditor.io.xlsx.form_values import (
    department_values,
    header_values,
    indicator_values,
    levels_digest,
    task_values,
)
from perfeditor.io.xlsx.grid import Grid
from perfeditor.io.xlsx.sheetnames import note_sheet_names
from perfeditor.model import Department, Document

PREAMBLE_LIMIT = 4000


def read_xlsx(path: str | Path, smap: SourceMap | None = None) -> Document:
    """Read a workbook (already checked by :mod:`perfeditor.io.safety`) into a Document; where
    each form and value sits goes into ``smap`` when given. The sheets' XML is read directly
    (:mod:`~perfeditor.io.xlsx.cells`)."""
    was_enabled = gc.isenabled()
    gc.disable()  # many small objects, no cycles worth collecting mid-read
    try:
        return read_sheets(read_grids(path), smap)
    finally:
        if was_enabled:
            gc.enable()


def read_sheets(grids: Iterable[Grid], smap: SourceMap | None = None) -> Document:
    doc = Document()
    places: list[FormPlace] = []
    dep_place: FormPlace | None = None
    preamble: list[str] = []
    size = 0
    outside = Outside()
    for grid in grids:
        blocks, firsts = sheet_body(grid, grid.bordered)
        forms = [form for form, _ in BodyForms(blocks).run().kept()]
        used: set[int] = set()
        table = None  # the national table form (most sheets have no 部门名称 label anywhere)
        if doc.department is None and any("名称" in t and department_label(t) == "name" for t in grid.text.values()):
            table = table_form.find_department_table(grid)
        if table is not None:
            dep, first, last = table.department, table.first, table.last
            forms = [f for f in forms if not first <= (f.header_row if f.header else f.first_row) <= last]
            used.update(range(first, last + 1))
            dep_place = FormPlace(format="xlsx", sheet=grid.title, first_row=first, last_row=last,
                                  digest=table_form.digest(dep), cells=table.where,
                                  values=department_values(dep, table.where), unit_texts=table.unit_texts,
                                  unit_read=dep.budget.unit, block=_rows_block(table.indicators, dep.indicators),
                                  tasks=_rows_block(table.tasks, dep.tasks, task_values))
            doc.department = dep
        for form in forms:
            p = form.project
            named = len(forms) == 1 and looks_like_title(grid.title) and name_from_title(grid.title)
            if named and not p.title:  # titled by its sheet's name (not just 绩效目标表)
                p.title, p.name = grid.title, p.name or named
            place = place_of(form, grid, blocks, firsts)
            used.update(range(place.first_row, place.last_row + 1))
            place.digest = form.project.content_fingerprint()
            doc.projects.append(form.project)
            places.append(place)
        cells = {r: t for r in sorted(grid.row_cols) if r not in used and (t := grid.row_texts(r))}
        rows = {r: "\n".join(t) for r, t in cells.items()}
        if doc.department is None:
            found = _narrative(grid, used)
            if found is not None:
                doc.department, dep_place = found
        _note_outside(outside, grid, rows, forms, dep_place)
        lone = [t[0] for t in cells.values() if len(t) == 1 and len(t[0]) <= 200]  # (several: a table's row)
        for text in lone + ([grid.title] if forms and narrative.YEAR.search(grid.title) else []):
            if size >= PREAMBLE_LIMIT:
                break
            preamble.append(text)
            size += len(text) + 1
    doc.preamble = "\n".join(preamble)[:PREAMBLE_LIMIT]
    ordinals: dict[str, int] = {}
    for n, place in enumerate(places):  # lets an in-place save notice projects removed or moved
        k = ordinals.get(place.sheet, 0)
        ordinals[place.sheet] = k + 1
        place.form_index, place.file_index, place.forms_in_file = k, n, len(places)
    if smap is not None:
        smap.format = "xlsx"
        smap.projects.update((p.uid, place) for p, place in zip(doc.projects, places, strict=True))
        smap.department = dep_place
        smap.outside = outside
        note_sheet_names(doc.projects, smap)  # sheets named after their forms follow their titles
    layouts = Counter(p.variant.layout for p in doc.projects)
    doc.layout = layouts.most_common(1)[0][0] if layouts else "hebei-project"
    return doc


def _note_outside(outside: Outside, grid: Grid, rows: dict[int, str], forms: list,
                  dep_place: FormPlace | None) -> None:
    """What ``grid``'s sheet holds outside the forms (``rows``: the text of each other row) and the
    department part: its rows of text on a sheet with forms, the sheet itself on one without."""
    dep = range(dep_place.first_row, dep_place.last_row + 1) \
        if dep_place is not None and dep_place.sheet == grid.title else range(0)
    texts = [t for r, t in rows.items() if r not in dep]
    if not texts:
        return
    if forms or dep:
        outside.paragraphs.extend(texts)
    else:
        outside.sheets.append(grid.title)


def place_of(form: TableForm, grid: Grid, blocks: list, firsts: list[int]) -> FormPlace:
    """Where ``form`` (read from ``blocks``, :func:`~perfeditor.forms.find.sheet_body`) and each of
    its values sit on ``grid``'s sheet (1-based rows and columns, as the grid read them): its title
    paragraph's row, the rows a split form repeats between its tables (title to the next part's
    first indicator row) among them. A form whose indicator block has not come yet (a header
    block only) has no block, and records the columns its table spans (``cols``)."""
    p, head, header = form.project, form.head, form.header
    assert head is not None  # (kept forms have a header block)
    own, first, repeats = sorted(form.blocks), form.first_row, list(form.repeats)
    if isinstance(blocks[own[0]], str):  # the title above the table, where the sheet prints it
        first = firsts[own[0]]
        head.where["title"] = [first, next(c.col for c in Rows.of(grid).own(first) if c.text)]
    block = None
    if header is not None:
        first_ind = {id(window): row for window, row, _ in form.tables}
        tables = [b for b in own if not isinstance(blocks[b], str)]
        for prev, b in zip(tables, tables[1:], strict=False):  # (paragraphs between: the repeated title)
            if id(blocks[b]) in first_ind:
                repeats.extend(range(firsts[prev + 1], first_ind[id(blocks[b])]))
        block = IndicatorBlock(header_row=form.header_row, data_row=header.end, end=form.end,
                               repeats=sorted(repeats), rows=list(form.rows),
                               shape=levels_digest(p.indicators), cols={f: c for c, f in header.cols.items()})
        block.read = indicator_values(p.indicators, block.cols)
        if form.merges:
            block.remember_merges(form.merges, p.indicators)
    return FormPlace(format="xlsx", sheet=grid.title, first_row=first, last_row=max(form.end, form.header_row),
                     cells={k: list(pos) for k, pos in head.where.items()}, block=block,
                     values=header_values(p, head.where), unit_texts=head.unit_texts, unit_read=p.budget.unit,
                     split=_split(block, p) if block is not None else [],
                     cols=_table_columns(grid, form.first_row, form.end) if block is None else (0, 0))


def _table_columns(grid: Grid, first: int, last: int) -> tuple[int, int]:
    """The first and last column of the table in rows ``first`` … ``last`` (its bordered cells',
    else every cell's that starts there)."""
    g = Rows.of(grid)
    cells = [c for r in range(first, last + 1) for c in g.own(r)]
    boxed = [c for c in cells if grid.bordered(c.row, c.col)] or cells
    if not boxed:
        return (0, 0)
    return min(c.col for c in boxed), max(c.col + c.colspan - 1 for c in boxed)


def _split(block: IndicatorBlock, p) -> list[tuple[int, list[int]]]:
    """The parts of a split form (:attr:`FormPlace.split`): a new part after each run of repeated
    title / header rows."""
    rows = block.rows or []
    if not block.repeats or not rows or len(rows) != len(p.indicators):
        return []
    sizes = [1]
    for prev, row in pairwise(rows):
        if any(prev < r < row for r in block.repeats):
            sizes.append(0)
        sizes[-1] += 1
    return parts_held([(0, n) for n in sizes], [i.uid for i in p.indicators])


def _rows_block(rows: ItemRows | None, items: list, values=indicator_values) -> IndicatorBlock | None:
    """The department table's task or indicator rows as an in-place save rewrites them."""
    if rows is None:
        return None
    block = IndicatorBlock(header_row=rows.header, data_row=rows.data, end=rows.end, cols=dict(rows.cols),
                           rows=list(rows.rows) if len(rows.rows) == len(items) else None)
    block.read = values(items, block.cols)
    if values is indicator_values:
        block.shape = levels_digest(items)
    return block


def _paragraph(grid: Grid, r: int) -> str | None:
    """Row ``r``'s text as a paragraph: its one text, or that of a cell merged across three
    columns or more with notes right of it (备注, 已核 …); None for a row of a table."""
    cells = [c for c in grid.row_cells(r) if c.text]
    first = cells[0]
    if len(cells) == 1 or first.colspan >= 3 and cells[1].col >= first.col + first.colspan:
        return first.text
    return None


def _narrative(grid: Grid, used: set[int]) -> tuple[Department, FormPlace] | None:
    """The narrative on ``grid`` (rows in ``used`` belong to forms), one paragraph a row
    (:func:`perfeditor.forms.narrative.find_narrative` over the rows' texts), and its place: from
    the row after the part heading (where an in-place save rewrites from)."""
    rows: list[int] = []
    texts: list[str | None] = []
    for r in sorted(set(grid.row_cols) | used):
        row = grid.row_texts(r) if r not in used else None
        if row != []:  # an empty row is no paragraph and ends nothing
            rows.append(r)
            texts.append(_paragraph(grid, r) if row is not None else None)
    found = narrative.find_narrative(texts)
    if found is None:
        return None
    dep, picked = found
    body = [rows[i] for i in picked if not narrative.is_part_heading(texts[i] or "")]
    if not body:
        return None
    return dep, FormPlace(format="xlsx", sheet=grid.title, first_row=body[0], last_row=rows[picked[-1]],
                          digest=dep.content_fingerprint())
