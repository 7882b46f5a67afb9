"""One form as print HTML: the composed table (:mod:`perfeditor.forms.compose`, the same one the
.docx and .xlsx writers write) rendered as HTML, with what printing adds on top.

Rows, labels, merges and alignment come from the composition; printing adds the title set above
the table (its first row when the form has the title as a row), the unit line without borders,
the indicator block drawn as a second table joined to the first whose header rows repeat on every
page, the indicator columns' widths balanced by content (:mod:`widths`), and the parts of a form
far longer than any real one (:mod:`bounded`).
"""
from __future__ import annotations

from collections.abc import Sequence

from perfeditor.forms.compose import LABEL_ROLES, UNIT_ROLES, Cell, FormTable, compose, cut_merges
from perfeditor.forms.layouts import column_label, indicator_columns
from perfeditor.model.document import FormVariant, Project
from perfeditor.printing.bounded import MERGED_RUN_ROWS, parts
from perfeditor.printing.html import (
    PROJECT_TITLE_PT,
    TABLE_PT,
    TITLE_PT,
    Section,
    cell,
    esc,
    heading,
    table,
    title_html,
)
from perfeditor.printing.widths import balanced_widths


def is_wide(columns: list[str], layout: str) -> bool:
    """A form of more than 8 columns (mof's 绩效指标 side column counted) prints landscape."""
    return len(columns) + (1 if layout == "mof-project" else 0) > 8


def column_widths(columns: list[str], side: bool = False, layout: str = "hebei-project",
                  project: Project | None = None) -> tuple[str, list[str]]:
    """Percent widths (as ``"12%"``) of the side column and of each column, summing to 100:
    the official proportions of ``layout``, text columns balanced by ``project``'s content."""
    headers = {c: column_label(project, layout, c) for c in columns} if project is not None else {}
    side_pct, pct = balanced_widths(layout, columns, project.indicators if project else None,
                                    headers, side, is_wide(columns, layout))
    return (f"{side_pct:.1f}%" if side else ""), [f"{w:.1f}%" for w in pct]


def bounded_runs(t: FormTable, first: int) -> None:
    """Cut every cell merged down over rows from ``first`` on into runs of at most
    :data:`~perfeditor.printing.bounded.MERGED_RUN_ROWS` rows, its text repeated on each."""
    extra = []
    for c in t.cells:
        if c.row >= first and c.role == "ind" and c.rows > MERGED_RUN_ROWS:
            total, c.rows = c.rows, MERGED_RUN_ROWS
            for start in range(MERGED_RUN_ROWS, total, MERGED_RUN_ROWS):
                extra.append(Cell(c.row + start, c.col, c.text, c.role, min(MERGED_RUN_ROWS, total - start),
                                  c.cols, c.align))
    t.cells.extend(extra)


def _html_rows(rows: list[list[Cell]], grid: list[int], widths: list[str], valign: str) -> list[str]:
    """Each row's cells as ``<td>``: ``grid`` maps a composed grid column to its printed column
    (the printed columns are the distinct starts of the block's cells)."""
    out = []
    for row in rows:
        tds = []
        for c in row:
            start, end = grid[c.col], grid[c.col + c.cols]
            width = widths[start] if end - start == 1 and widths else ""
            label = c.role in LABEL_ROLES
            tds.append(cell(c.text, rowspan=c.rows, colspan=end - start, align=c.align, width=width,
                            header=label, valign="middle" if label else valign))
        out.append("".join(tds))
    return out


def _columns_of(t: FormTable, rows: list[list[Cell]]) -> list[int]:
    """Composed grid column → printed column, for a block of rows: one printed column per
    distinct start of a cell (the grid's extra split columns merged away)."""
    starts = sorted({c.col for row in rows for c in row} | {t.n_cols})
    grid, k = [], -1
    for col in range(t.n_cols + 1):
        if col in starts:
            k += 1
        grid.append(k)
    grid[t.n_cols] = len(starts) - 1
    return grid


def _grid_widths(t: FormTable, grid: list[int]) -> list[str]:
    """Percent widths of the printed columns: the declared widths of the grid columns they hold."""
    widths = [0.0] * grid[t.n_cols]
    for col, w in enumerate(t.widths):
        widths[grid[col]] += w
    total = sum(widths) or 1
    return [f"{w * 100 / total:.1f}%" for w in widths]


def form_html(t: FormTable, project: Project | None, layout: str, *, split: bool = False,
              indicators_only: bool = False, title_pt: float = PROJECT_TITLE_PT, suffix: str = "") -> str:
    """``t`` as print HTML: its heading lines, its title, the unit line(s), the block above the indicators as one
    table and the indicator block (header rows in ``<thead>``) as a second one joined to it.
    ``split``: a part of a form laid out in parts (merged runs bounded, body cells top-aligned);
    ``indicators_only``: the indicator block alone (a later part of such a form), its title
    followed by ``suffix``."""
    rows = t.rows()
    head0, head1 = t.header_rows
    if split:
        bounded_runs(t, head1 + 1)
        rows = t.rows()
    first = 1 if rows and rows[0] and rows[0][0].role == "titlerow" else 0
    title = form_title(t)
    out = [heading(h, level=0) for h in t.heading]
    if title:
        out.append(title_html(title + suffix, title_pt))
    if t.unit_line and not indicators_only:
        out.append(f'<p align="right" style="font-size:{TABLE_PT}pt; margin-top:0px; margin-bottom:2px;">'
                   f"{esc(t.unit_line)}</p>")
    if not indicators_only:
        while first < head0 and rows[first] and rows[first][0].role in UNIT_ROLES:
            unit = rows[first]
            span = sum(c.cols for c in unit) or 1
            out.append(table(["".join(cell(c.text, align=c.align, width=f"{c.cols * 100 // span}%")
                                      for c in unit)], border=False))
            first += 1
        top = rows[first:head0]
        if top:
            grid = _columns_of(t, top)
            out.append(table(_html_rows(top, grid, _grid_widths(t, grid), "middle")))
    block = rows[head0:]
    grid = _columns_of(t, block)
    cols = indicator_columns(project, layout) if project is not None else []
    side = grid[t.n_cols] == len(cols) + 1
    if grid[t.n_cols] in (len(cols), len(cols) + 1):
        side_w, col_w = column_widths(cols, side, layout, project)
        widths = ([side_w] if side else []) + col_w
    else:  # (the department form: its own columns)
        widths = _grid_widths(t, grid)
    valign = "top" if split else "middle"
    head = _html_rows(block[:head1 - head0 + 1], grid, widths, valign)
    body = _html_rows(block[head1 - head0 + 1:], grid, widths, valign)
    out.append(table(body, head, join=not indicators_only and bool(out)))
    return "".join(out)


def form_title(t: FormTable) -> str:
    """The composed form's title: above the table, or its first row."""
    if t.title or not t.cells:
        return t.title
    first = min(t.cells, key=lambda c: (c.row, c.col))
    return first.text if first.role == "titlerow" else ""


def _in_system(project: Project, system: str) -> Project:
    """``project`` printed as the national form of ``system`` (2015 / 2021) when one is asked for:
    a form of another layout as a new national form of that system."""
    v = project.variant
    if not system or v.system == system and v.layout == "mof-project":
        return project
    if v.layout == "mof-project":
        variant = v.model_copy(update={"system": system})
    else:
        variant = FormVariant(layout="mof-project", system=system, indicator_side_label=True)
    return project.model_copy(update={"variant": variant})


def project_section(project: Project, number: int, layout: str, system: str = "",
                    split: bool = False, merges: Sequence[tuple[str, int, int]] = ()) -> Section:
    """The printed form of ``project`` (``number`` is its 1-based place in the file); ``split``:
    the first part of a form laid out in parts (its indicator rows top-aligned; the block above
    them still gets the page-break pass); ``merges``: the cells its file merged down over indicator
    rows (指标值确定依据 …, :meth:`~perfeditor.io.source.SourceMap.merges_of`), merged in print too."""
    if layout == "mof-project":
        project = _in_system(project, system)
    columns = indicator_columns(project, layout)
    t = compose(project, layout, number, merges)
    # the Hebei files set each project's title in 四号 (14 pt), the national form in 三号
    size = TITLE_PT if layout == "mof-project" else PROJECT_TITLE_PT
    title = project.name or form_title(t)
    body = form_html(t, project, layout, split=split, title_pt=size)
    return Section(html=f"<html><body>{body}</body></html>",
                   title=title, landscape=is_wide(columns, layout), layout=layout)


def _part_merges(project: Project, merges: Sequence[tuple[str, int, int]], start: int,
                 end: int) -> tuple[Project, list[tuple[str, int, int]]]:
    """The indicators ``start`` … ``end - 1`` of ``project`` as a printed part, with the cells
    merged down over them (``merges`` already cut at the parts' ends,
    :func:`~perfeditor.forms.compose.cut_merges`: a run reaching past a part's last row ends there,
    its text printed once, and the rows it covered in the next part print as they are, empty)."""
    own = [(f, a - start, b - start) for f, a, b in merges if start <= a and b < end]
    return project.model_copy(update={"indicators": list(project.indicators[start:end])}), own


def project_sections(project: Project, number: int, layout: str, system: str = "",
                     merges: Sequence[tuple[str, int, int]] = ()) -> list[Section]:
    """The printed form of ``project``: one section, or for a form of more indicator rows than
    :data:`~perfeditor.printing.bounded.ROWS_PER_PART` one per part (see :mod:`bounded`), the
    later ones titled 续 with the column headers repeated; ``merges``: see :func:`project_section`."""
    spans = parts(len(project.indicators))
    if len(spans) == 1:
        return [project_section(project, number, layout, system, merges=merges)]
    if layout == "mof-project":
        project = _in_system(project, system)
    out = []
    cut = cut_merges(merges, [end - start for start, end in spans])  # as the .docx and .xlsx at a split
    for k, (start, end) in enumerate(spans):
        piece, own = _part_merges(project, cut, start, end)
        if k == 0:
            out.append(project_section(piece, number, layout, split=True, merges=own))
            continue
        first = out[0]
        size = TITLE_PT if layout == "mof-project" else PROJECT_TITLE_PT
        body = form_html(compose(piece, layout, number, own), piece, layout, split=True, indicators_only=True,
                         title_pt=size, suffix=f"（续 {k}）")
        out.append(Section(html=f"<html><body>{body}</body></html>", title=first.title,
                           landscape=first.landscape, layout=first.layout, top_aligned=True))
    return out


__all__ = ["form_html", "project_section", "project_sections", "indicator_columns", "form_title", "esc"]
