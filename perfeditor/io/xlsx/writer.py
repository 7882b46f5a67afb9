"""``write_xlsx(doc, path, layout=None) -> list[str]``: a workbook of official forms.

Saving over the workbook the document was read from (same layout) patches it in place
(:mod:`perfeditor.io.xlsx.inplace`); otherwise a new workbook is built: the department part on
its own sheet, then the projects — stacked on the sheets they came from when the source was an
.xlsx, else one sheet per project.
"""
from __future__ import annotations

import logging
import zipfile
from pathlib import Path

from perfeditor.errors import FormWriteError
from perfeditor.forms.compose import Cell, FormTable, compose, compose_department, left_out_report
from perfeditor.forms.layouts import keeps_own_layouts, left_out, written_layout
from perfeditor.forms.narrative import heading_lines, narrative_paragraphs
from perfeditor.io.atomic import atomic_write, same_file
from perfeditor.io.outside import not_carried
from perfeditor.io.source import SourceMap
from perfeditor.io.xlsx.book import Book, Sheet, text_lines
from perfeditor.io.xlsx.sheetnames import clean, new_sheet_name, sheet_name_for
from perfeditor.io.xlsx.sheetxml import sheet_paths
from perfeditor.model import Document, Project
from perfeditor.model.document import LAYOUTS

log = logging.getLogger(__name__)

DEPARTMENT_SHEET = "部门整体绩效目标"
#: Twips of the declared (official) widths per character of an .xlsx column width.
_TWIPS_PER_CHAR = 100


def write_xlsx(doc: Document, path: str | Path, layout: str | None = None,
               smap: SourceMap | None = None) -> list[str]:
    """Write ``doc`` to ``path``; returns what the layout could not hold and what the save
    could not keep (see :func:`plan_xlsx`)."""
    report, losses, run = plan_xlsx(doc, path, layout, smap)
    return list(dict.fromkeys(report + losses + run()))


def plan_xlsx(doc: Document, path: str | Path, layout: str | None = None,
              smap: SourceMap | None = None):
    """(report, losses, run), worked out before anything is written: what the forms written
    cannot hold, the Chinese lines saying what of the original workbook this save cannot keep,
    and the function that writes the file and returns its report.

    Saving over the workbook the document was read from (``smap``: where its forms sit)
    patches it in place and updates ``smap``; when that cannot be done, the workbook would be
    rebuilt from the official layout — the losses say what that drops (other sheets, formulas,
    pictures), so that the caller can ask the clerk first."""
    path = Path(path)
    target = layout or doc.layout
    if target not in LAYOUTS:
        raise FormWriteError(f"未知的版式“{target}”。")
    from perfeditor.io.xlsx import inplace

    losses: list[str] = []
    if inplace.can_patch(doc, path, target, smap, keep_own=keeps_own_layouts(layout, doc.layout)):
        assert smap is not None
        try:
            report, commit = inplace.prepare(doc, path, smap)
            return report, [], commit
        except FormWriteError:
            raise
        except inplace.NotPatchable as why:
            log.info("in-place xlsx save of %s not possible: %s", path, why)
            losses = rebuild_losses(doc, _REASONS.get(str(why), ""), smap)
        except Exception:  # noqa: BLE001 - an original we cannot patch: the clerk is told what a rebuild drops
            log.exception("in-place xlsx save of %s failed", path)
            losses = rebuild_losses(doc, "", smap)
    elif doc.format == "xlsx" and doc.path and same_file(Path(doc.path), path):
        losses = rebuild_losses(doc, "改用了其他版式" if target != doc.layout else "", smap)
        losses += not_carried(doc, smap, sheets=False)  # (its other sheets: named above)
    else:  # a new workbook from the templates: what of the original it does not carry
        losses = not_carried(doc, smap)
    told = left_out_report(doc, target)  # (what build_workbook reports again when it writes)

    def run() -> list[str]:
        report: list[str] = []
        try:
            wb = build_workbook(doc, target, report, smap=smap)
        except (MemoryError, RecursionError, ValueError, TypeError, KeyError, IndexError) as exc:
            log.exception("building the workbook for %s failed", path)
            raise FormWriteError("未能生成 Excel 文件（程序内部出错，详情已记入日志）；原文件未被改动。") from exc

        def save(tmp: Path) -> None:
            try:
                wb.save(tmp)
            except OSError:
                raise
            except Exception as exc:  # noqa: BLE001 - never a traceback for the clerk
                log.exception("writing %s failed", tmp)
                raise FormWriteError("未能写入 Excel 文件（程序内部出错，详情已记入日志）；原文件未被改动。") from exc

        atomic_write(path, save)
        if smap is not None and smap.path and same_file(Path(smap.path), path):
            smap.forget_places()  # the file was rebuilt: recorded cell positions no longer hold
        return [line for line in report if line not in told]
    return told, losses, run


_REASONS = {
    "projects moved": "调整了项目的先后顺序",
    "projects duplicated or reordered": "调整了项目的先后顺序",
    "projects both added and removed": "同时新增和删除了项目",
    "every project removed": "删除了全部项目",
    "a formula points into moved forms": "调整了项目的先后顺序，而有公式引用了移动的表格",
    "a defined name points into moved forms": "调整了项目的先后顺序，而有名称引用了移动的表格",
    "a formula not understood": "调整了项目的先后顺序，而有无法识别的公式",
    "a defined name not understood": "调整了项目的先后顺序，而有无法识别的名称",
    "department sheet": "部门整体绩效目标与项目表在同一工作表中且都有修改",
    "the file changed since it was read": "文件在打开后已被修改",
    "the form has too few columns for its indicator block": "原表格的列数不够写入新增的绩效指标",
    "notes beside the narrative": "部门整体绩效目标的段落旁另有批注文字，改写段落时无法保留",
}


def rebuild_losses(doc: Document, reason: str, smap: SourceMap | None = None) -> list[str]:
    """What rebuilding the workbook ``doc`` was read from would drop, in Chinese."""
    places = [smap.of(p) for p in doc.projects] if smap is not None else []
    kept_sheets = {ref.sheet for ref in places if ref is not None and ref.format == "xlsx"}
    if doc.department is not None and smap is not None and smap.department is not None:
        kept_sheets.add(smap.department.sheet)
    dropped: list[str] = []
    try:
        with zipfile.ZipFile(doc.path) as zf:
            names = {name: member for name, member in sheet_paths(zf).items() if member in zf.namelist()}
            dropped = [f"工作表“{n}”" for n in names if n not in kept_sheets]
            if any(b"<f>" in (data := zf.read(member)) or b"<f " in data for member in names.values()):
                dropped.append("公式（只留下按表格重新写入的内容）")
            if any(n.startswith(("xl/media/", "xl/drawings/")) for n in zf.namelist()):
                dropped.append("图片和图形")
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        log.warning("cannot list what %s holds: %s", doc.path, exc)
    dropped.append("原有的格式、列宽和打印设置")
    why = f"（{reason}）" if reason else ""
    return [f"无法只改动原工作簿中修改过的表格{why}，需要按官方版式重新生成整个工作簿；"
            f"以下内容将不会保留：{'、'.join(dropped)}。"]


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """``name`` as a sheet name may hold it (:func:`~perfeditor.io.xlsx.sheetnames.clean`), unique among ``taken``."""
    base = clean(name) or "项目"
    candidate, k = base, 2
    while candidate.lower() in taken:
        suffix = f"({k})"
        candidate = base[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(candidate.lower())
    return candidate


def _groups(doc: Document, smap: SourceMap | None) -> list[tuple[str, list[Project]]]:
    """Sheets and their projects: the source arrangement for an .xlsx, else one per project."""
    groups: list[tuple[str, list[Project]]] = []
    index: dict[str, int] = {}
    places = [smap.of(p) if smap is not None and doc.format == "xlsx" else None for p in doc.projects]
    places = [ref if ref is not None and ref.format == "xlsx" else None for ref in places]
    near = next((ref for ref in places if ref is not None), None)  # (a sheet named like it: new ones)
    for p, ref in zip(doc.projects, places, strict=True):
        near = ref or near
        if ref is None:
            groups.append((new_sheet_name(p, near), [p]))
        elif index.get(ref.sheet) == len(groups) - 1:
            groups[-1][1].append(p)  # (a sheet's projects no longer together: the later ones get a sheet of their own)
        else:
            index[ref.sheet] = len(groups)  # named after its form: after its title now
            name = sheet_name_for(ref.sheet_named, p.title, p.name) if ref.sheet_named else None
            groups.append((name or ref.sheet, [p]))
    return groups


def build_workbook(doc: Document, layout: str | None, report: list[str], smap: SourceMap | None = None) -> Book:
    """A new workbook of ``doc`` in ``layout`` (each project in the layout
    :func:`~perfeditor.forms.layouts.written_layout` gives it). Every sheet is set up for A4,
    fitted to the page width (see :mod:`~perfeditor.io.xlsx.book`)."""
    wb = Book()
    taken: set[str] = set()
    notes: list[str] = []
    heading = heading_lines(doc)  # (on top of the file: of its department part, else of its first form)
    if doc.department is not None:
        src = smap.department if smap is not None else None
        sheet = src.sheet if src is not None and src.format == "xlsx" and src.sheet else DEPARTMENT_SHEET
        write_department(wb.sheet(safe_sheet_name(sheet, taken)), doc.department, notes, heading)
        heading = []
    index = {id(p): n for n, p in enumerate(doc.projects, 1)}
    lost: dict[str, tuple[list[Project], list[list[str]]]] = {}
    for sheet, projects in _groups(doc, smap):
        write_projects(wb.sheet(safe_sheet_name(sheet, taken)), projects, layout, doc.layout, report, index, lost,
                       smap, heading)
        heading = []
    report += [line for lay, (ps, fields) in lost.items() for line in left_out(ps, lay, fields)] + notes
    if not wb.sheets:  # nothing to write: an empty form sheet, under the file's heading
        put_lines(wb.sheet("绩效目标表"), [(text, "heading") for text in heading], len(heading))
    return wb


def render(ws: Sheet, table: FormTable, top: int, heights: dict[int, float]) -> int:
    """Put a composed form on ``ws`` from row ``top`` (1-based): its heading lines, its title
    above the table unless it is the table's first row and its unit line, each a row across the
    table, then its cells (the cells a merge covers carry the form's style, its borders, too).
    Returns the sheet row of the table's first row."""
    widths = [round(w / _TWIPS_PER_CHAR, 1) for w in table.widths]
    lines = [*((t, "heading", "center") for t in table.heading), (table.title, "title", "center"),
             (table.unit_line, "unit", "right")]
    first = top
    for text, role, align in lines:
        if text:
            _put(ws, Cell(0, 0, text, role, cols=table.n_cols, align=align), first, widths, heights)
            first += 1
    for cell in table.cells:
        _put(ws, cell, first, widths, heights)
    return first


def _put(ws: Sheet, cell: Cell, top: int, widths: list[float], heights: dict[int, float]) -> None:
    r, c = top + cell.row, cell.col + 1
    ws.put(r, c, cell.text, cell.role, cell.align, numeric=cell.role == "number" or cell.field == "weight")
    if cell.role not in ("title", "unit"):
        for rr in range(r, r + cell.rows):
            for cc in range(c, c + cell.cols):
                if rr != r or cc != c:
                    ws.put(rr, cc, "", cell.role, cell.align)  # (covered: the form's borders)
    if cell.rows > 1 or cell.cols > 1:
        ws.merges.append((r, c, r + cell.rows - 1, c + cell.cols - 1))
    if cell.text:
        chars = sum(widths[k - 1] if k - 1 < len(widths) else 10 for k in range(c, c + cell.cols)) * 0.9 - 1
        lines = text_lines(cell.text, chars)
        need = (lines * 15.0 + 6) / cell.rows if cell.role not in ("title", "titlerow") \
            else max(30.0, lines * 22.0)
        if need > heights.get(r, 0):
            heights[r] = need


def write_projects(ws: Sheet, projects: list[Project], layout: str | None, doc_layout: str, report: list[str],
                   index: dict[int, int], lost: dict[str, tuple[list[Project], list[list[str]]]],
                   smap: SourceMap | None, heading: list[str]) -> None:
    """``projects`` (of a document of ``doc_layout``) stacked on ``ws`` in ``layout`` (see
    :func:`~perfeditor.forms.layouts.written_layout`), a page break between them; ``index``: each project's
    number in the file (by ``id``), for titles without one; ``lost`` gathers, by layout, the
    projects and the fields it could not hold; ``smap``: where the document was read from (a project
    written in its own layout merges the cells its file merged down, 指标值确定依据 …); ``heading``:
    the file's heading lines, above the first form."""
    tables = []
    for k, p in enumerate(projects):
        written = written_layout(p, layout, doc_layout)
        table = compose(p, written, index[id(p)], smap.merges_of(p, written) if smap is not None else [])
        table.heading = heading if not k else []
        if table.left_out:
            ps, fields = lost.setdefault(written, ([], []))
            ps.append(p)
            fields.append(table.left_out)
        tables.append(table)
    write_tables(ws, tables, report)


def write_tables(ws: Sheet, tables: list[FormTable], report: list[str]) -> None:
    """The composed ``tables`` (one at least) stacked on ``ws``, a page break between them, their
    notes reported; the columns as wide as the widest table's, the rows as high as their texts
    need (within Excel's limits); a lone table's header rows printed on every page."""
    heights: dict[int, float] = {}
    top = 1
    for k, table in enumerate(tables):
        report.extend(table.notes)
        if k:
            ws.breaks.append(top - 1)
        first = render(ws, table, top, heights)
        top = first + table.n_rows + 1
    widths = max((table.widths for table in tables), key=len)
    ws.widths.update(enumerate((round(w / _TWIPS_PER_CHAR, 1) for w in widths), start=1))
    for r, h in heights.items():
        ws.heights[r] = min(max(h, 20.0), 409.0)
    if len(tables) == 1:
        ws.print_rows = (first + tables[0].header_rows[0], first + tables[0].header_rows[1])
    ws.landscape = max(table.n_cols for table in tables) > 8


def write_department(ws: Sheet, dep, report: list[str], heading: list[str]) -> None:
    """The narrative part, one paragraph per row (merged across the page width); the national
    table form (部门整体支出绩效目标申报表) as that table; either under the file's ``heading`` lines."""
    if dep.form == "table":
        write_tables(ws, [compose_department(dep, heading)], report)
        return
    top = [*heading, "第一部分", "部门整体绩效目标"]
    rows = [(text, "heading") for text in top]
    rows += [(text, "para" if kind == "body" else "heading") for text, kind in narrative_paragraphs(dep)]
    put_lines(ws, rows, len(top))


def put_lines(ws: Sheet, rows: list[tuple[str, str]], centred: int) -> None:
    """``rows`` (text, role) one a row across the page width, the first ``centred`` centred."""
    for r, (text, role) in enumerate(rows, start=1):
        ws.put(r, 1, text, role, "center" if r <= centred else "left")
        ws.merges.append((r, 1, r, 7))
        ws.heights[r] = max(20.0, text_lines(text, int(7 * 13 * 0.9)) * 15.0 + 6)
    ws.widths.update((i, 13) for i in range(1, 8))
