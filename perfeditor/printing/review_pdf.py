"""The review report as PDF (审核→导出审核报告 … .pdf): the same two tables as the workbook,
landscape, the header row repeated on every page, page numbers in the footer."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from perfeditor.printing.html import Section, cell, heading, paragraphs, table, title_html
from perfeditor.review.batch import FileResult
from perfeditor.review.report import (
    FINDINGS_HEADER,
    FINDINGS_TITLE,
    SUMMARY_HEADER,
    SUMMARY_TITLE,
    finding_rows,
    summary_rows,
)

#: Column widths (percent of the page) of the two tables.
_SUMMARY_WIDTHS = (26, 20, 8, 6, 5, 5, 5, 25)
_FINDINGS_WIDTHS = (12, 12, 10, 6, 5, 15, 26, 14)


def _table(header: tuple, widths: tuple, rows: list[tuple]) -> str:
    head = "".join(cell(h, width=f"{w}%", header=True) for h, w in zip(header, widths, strict=True))
    body = ["".join(cell(str(v), align="left" if isinstance(v, str) else "center") for v in row)
            for row in rows]
    if not body:
        body = [cell("（无）", colspan=len(header))]
    return table(body, [head])


def review_sections(results: list[FileResult], when: datetime | None = None) -> list[Section]:
    when = when or datetime.now()
    errors, warnings, infos = (sum(r.count(s) for r in results) for s in ("error", "warning", "info"))
    unread = sum(not r.readable for r in results)
    intro = (f"{when:%Y年%m月%d日 %H:%M}审核，共 {len(results)} 个文件"
             + (f"（{unread} 个未能读取）" if unread else "")
             + f"：错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个。")
    html = (title_html("预算绩效目标审核报告") + paragraphs(intro, indent=False)
            + heading(SUMMARY_TITLE) + _table(SUMMARY_HEADER, _SUMMARY_WIDTHS, summary_rows(results))
            + heading(FINDINGS_TITLE) + _table(FINDINGS_HEADER, _FINDINGS_WIDTHS, finding_rows(results)))
    return [Section(html=html, title="预算绩效目标审核报告", landscape=True)]


def write_review_pdf(results: list[FileResult], path: str | Path) -> int:
    """Write the review report of ``results`` to ``path`` as PDF; returns the number of pages."""
    from perfeditor.printing.page_setup import PageSetup
    from perfeditor.printing.pdf import write_sections

    setup = PageSetup(orientation="landscape", margins=(15, 15, 15, 15))
    return write_sections(review_sections(results), path, setup, "预算绩效目标审核报告", resolution=300)
