"""The review report a finance bureau sends back: a summary sheet (one row a file) and a findings
sheet (one row a finding), as .xlsx (filter and frozen header) or .html."""
from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from pathlib import Path

from perfeditor.errors import FormWriteError
from perfeditor.forms.vocabulary import field_title
from perfeditor.review.batch import FileResult
from perfeditor.rules.findings import SEVERITY_LABELS, Finding

REPORT_SUFFIXES = (".xlsx", ".html")
SUMMARY_TITLE = "汇总"
FINDINGS_TITLE = "审核意见"
SUMMARY_HEADER = ("文件", "部门", "规则集", "项目数", "错误", "警告", "提示", "未能读取的原因")
#: 规则 is the rule's id (``goals.unmeasured``: what ``perfeditor rules`` lists), 规则说明 the rule
#: in Chinese, for the reviewer who reads the report (last, so that the earlier columns keep their
#: places for scripts that read the report).
FINDINGS_HEADER = ("文件", "项目", "指标", "字段", "严重程度", "规则", "说明", "规则说明")
_WIDTHS = {SUMMARY_TITLE: (40, 28, 10, 8, 8, 8, 8, 50), FINDINGS_TITLE: (36, 30, 26, 12, 10, 22, 80, 30)}


def summary_rows(results: Iterable[FileResult]) -> list[tuple]:
    return [(r.name or r.path, r.department, r.ruleset, r.projects if r.readable else "",
             r.count("error"), r.count("warning"), r.count("info"), r.error) for r in results]


def indicator_label(f: Finding) -> str:
    if f.indicator:
        return f.indicator
    if f.indicator_index is not None:
        return f"第{f.indicator_index + 1}行指标"
    return ""


@cache
def _rule_descriptions() -> dict[str, str]:
    from perfeditor.rules import RULESETS

    return {rule.id: rule.description for ruleset in RULESETS.values() for rule in ruleset.rules}


def rule_title(rule_id: str) -> str:
    """The rule in Chinese (its description); its id when no rule set knows it."""
    return _rule_descriptions().get(rule_id) or rule_id


def finding_row(name: str, f: Finding) -> tuple:
    return (name, f.project if f.project is not None else "部门整体绩效目标", indicator_label(f),
            field_title(f.field), SEVERITY_LABELS.get(f.severity, f.severity), f.rule, f.message,
            rule_title(f.rule))


def finding_rows(results: Iterable[FileResult]) -> list[tuple]:
    return [finding_row(r.name or r.path, f) for r in results for f in r.findings]


def write_report(results: list[FileResult], path: str | Path) -> Path:
    """Write the report in the format ``path``'s suffix names (.xlsx or .html)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise FormWriteError(f"审核报告只能保存为 .xlsx 或 .html，不能保存为“{path.suffix or path.name}”。")
    from perfeditor.io.atomic import atomic_write

    writer = _write_xlsx if suffix == ".xlsx" else _write_html
    atomic_write(path, lambda tmp: writer(results, tmp))
    return path


def _write_xlsx(results: list[FileResult], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    sheets = ((SUMMARY_TITLE, SUMMARY_HEADER, summary_rows(results)),
              (FINDINGS_TITLE, FINDINGS_HEADER, finding_rows(results)))
    for n, (title, header, rows) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        ws.append(header)
        for cell in ws[1]:
            cell.font, cell.fill = head_font, head_fill
        for r, row in enumerate(rows, 2):
            for c, value in enumerate(row, 1):
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and value.startswith("="):  # text, never a formula
                    cell.data_type = "s"
                    cell.quotePrefix = True
        for col, width in enumerate(_WIDTHS[title], 1):
            ws.column_dimensions[ws.cell(1, col).column_letter].width = width
        last = ws.cell(1, len(header)).column_letter
        ws.auto_filter.ref = f"A1:{last}{max(1, len(rows)) + 1}"
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        if title == FINDINGS_TITLE:
            for row in ws.iter_rows(min_row=2, min_col=7, max_col=8):  # 说明, 规则说明
                for cell in row:
                    cell.alignment = wrap
    wb.save(path)


def _write_html(results: list[FileResult], path: Path) -> None:
    def table(header, rows) -> str:
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "\n".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"

    read = [r for r in results if r.readable]
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    text = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>预算绩效目标审核报告</title>
<style>
body {{ font-family: "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 1em; }}
table {{ border-collapse: collapse; margin-bottom: 2em; }}
th, td {{ border: 1px solid #999; padding: 3px 6px; vertical-align: top; text-align: left; }}
thead th {{ position: sticky; top: 0; background: #ddebf7; }}
</style></head><body>
<h1>预算绩效目标审核报告</h1>
<p>{stamp}，共 {len(results)} 个文件，已审核 {len(read)} 个，未能读取 {len(results) - len(read)} 个；
错误 {sum(r.count("error") for r in results)} 个，警告 {sum(r.count("warning") for r in results)} 个，
提示 {sum(r.count("info") for r in results)} 个。</p>
<h2>{SUMMARY_TITLE}</h2>
{table(SUMMARY_HEADER, summary_rows(results))}
<h2>{FINDINGS_TITLE}</h2>
{table(FINDINGS_HEADER, finding_rows(results))}
</body></html>
"""
    path.write_text(text, encoding="utf-8")
