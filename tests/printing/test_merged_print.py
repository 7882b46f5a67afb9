"""Printing, print preview and PDF (the window's and ``convert … x.pdf``) merge the cells the file
merged down over indicator rows (指标值确定依据, issue 10), followed through the edits, as the file
saved does: one cell with a rowspan over the run, no empty cells under it."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from perfeditor.io import read_document
from perfeditor.model import Indicator
from perfeditor.printing import bounded
from perfeditor.printing.html import document_sections
from tests.conftest import OWN_FIXTURES

FIXTURES = {"docx": OWN_FIXTURES / "docx" / "merged_basis.docx",
            "xlsx": OWN_FIXTURES / "xlsx" / "merged_basis.xlsx"}
FIRST, LAST = "县政府2024年民生实事方案", "上年度群众满意度调查"  # the values merged over rows 0–2, 4–5


def _rowspan_of(html: str, text: str) -> int:
    """The rowspan of the one cell holding ``text`` (1 without one)."""
    (attrs,) = re.findall(rf"<td ([^>]*)>{re.escape(text)}</td>", html)
    got = re.search(r'rowspan="(\d+)"', attrs)
    return int(got.group(1)) if got else 1


def _html(path, edit=None, **kw) -> tuple[str, str]:
    """The printed form's HTML with the file's source map and without it."""
    doc, smap = read_document(path)
    if edit is not None:
        edit(doc)
    return document_sections(doc, source_map=smap, **kw)[-1].html, document_sections(doc, **kw)[-1].html


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_print_html_merges_the_runs_the_file_merged(kind):
    html, plain = _html(FIXTURES[kind])
    assert (_rowspan_of(html, FIRST), _rowspan_of(html, LAST)) == (3, 2)
    assert (_rowspan_of(plain, FIRST), _rowspan_of(plain, LAST)) == (1, 1)
    assert plain.count("<td") - html.count("<td") == 3  # the covered cells are not printed as well
    assert html.count(FIRST) == html.count(LAST) == 1


def test_print_html_follows_the_runs_through_the_edits():
    def edit(doc):
        doc.projects[0].indicators.insert(1, Indicator(level1="产出指标", level2="数量指标", level3="新增井盖数量"))

    html, _ = _html(FIXTURES["docx"], edit)
    assert (_rowspan_of(html, FIRST), _rowspan_of(html, LAST)) == (4, 2)


def test_a_copy_not_yet_saved_prints_merged_as_its_original():

    doc, smap = read_document(FIXTURES["docx"])
    origin = doc.projects[0]
    copy = origin.copy_fresh()
    doc.projects.append(copy)
    assert _rowspan_of(document_sections(doc, source_map=smap)[-1].html, LAST) == 1  # not told: a new project
    smap.note_copy(copy, origin)  # (as 复制项目 does)
    html = document_sections(doc, source_map=smap)[-1].html
    assert (_rowspan_of(html, FIRST), _rowspan_of(html, LAST)) == (3, 2)


def test_a_form_printed_in_another_layout_is_not_merged():
    html, plain = _html(FIXTURES["xlsx"], layout="mof-project")
    assert html == plain


def _basis_cells(html: str) -> list[str]:
    """The texts of the 指标值确定依据 column's cells of a printed part (its last column)."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-1] for row in rows if "<td" in row]


def test_a_run_across_printed_parts_ends_at_the_part_boundary(monkeypatch):
    """Parts of two rows (0–1, 2–3, 4–5): the run over rows 0–2 ends at the first part's last row,
    its text printed once, as the .docx and .xlsx end it at a split (issue 10: the second part
    printed it again on row 2)."""
    monkeypatch.setattr(bounded, "ROWS_PER_PART", 2)
    doc, smap = read_document(FIXTURES["docx"])
    sections = document_sections(doc, source_map=smap)[-3:]
    first, second, third = (s.html for s in sections)
    assert _rowspan_of(first, FIRST) == 2
    assert FIRST not in second
    assert _basis_cells(second)[-2:] == ["", "项目实施计划"]  # row 2 as it is (empty), row 3
    assert _rowspan_of(third, LAST) == 2
    assert sum(s.html.count(FIRST) for s in sections) == 1


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")


def _assert_merged_in_pdf(pdf) -> None:
    text = pdf_text(pdf)
    squashed = re.sub(r"\s+", "", text)
    assert squashed.count(FIRST) == squashed.count(LAST) == 1
    # merged over two rows, the text sits on the line between them (unmerged: on 明显改善's line)
    assert LAST in [line.strip() for line in text.splitlines()]


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


@needs_pdftotext
def test_convert_to_pdf_merges_the_runs(tmp_path):
    out = tmp_path / "表.pdf"
    done = subprocess.run([sys.executable, "-m", "perfeditor", "convert", str(FIXTURES["docx"]), str(out)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    _assert_merged_in_pdf(out)


@needs_pdftotext
def test_the_windows_pdf_export_merges_the_runs(tmp_path, settings, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from perfeditor.printing import dialogs

    doc, smap = read_document(FIXTURES["xlsx"])
    out = tmp_path / "导出.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    assert dialogs.export_pdf(None, doc, None, smap) == str(out)
    _assert_merged_in_pdf(out)
    dialogs.write_pdf(doc, tmp_path / "plain.pdf")  # (without the map: one row's line holds it)
    assert LAST not in [line.strip() for line in pdf_text(tmp_path / "plain.pdf").splitlines()]
