"""Printing in bounded time: a cell of a megabyte of text and a form of thousands of rows lay out
and paint in time proportional to what is printed; the clerk can cancel a long job."""
from __future__ import annotations

import re
import shutil

import pytest

from perfeditor.model import Document, Indicator, Project
from perfeditor.printing import bounded
from perfeditor.printing.html import document_sections
from perfeditor.printing.paginate import PrintCancelled
from perfeditor.printing.pdf import write_pdf
from tests.printing.test_pdf_text import pdf_text, squash

pytestmark = pytest.mark.usefixtures("qapp")  # the widgets' QApplication, made before any QGuiApplication


def _rows(n: int) -> list[Indicator]:
    return [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{i}", value=f"≥{i}个") for i in range(n)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_megabyte_cell_prints_its_start_and_says_what_was_left_out(tmp_path):
    p = Project(title="长文字", name="长文字项目", goals="开头的目标" + "很长的文字" * 200_000,
                indicators=_rows(3))
    out = tmp_path / "long.pdf"
    pages = write_pdf(Document(projects=[p], layout="hebei-project"), out)
    assert pages < 20
    text = squash(pdf_text(out))
    assert "开头的目标" in text and "未打印" in text and "指标2" in text


def test_a_normal_form_is_one_section_and_a_huge_one_is_split_with_headers_repeated():
    normal = Project(name="普通", indicators=_rows(60))
    huge = Project(name="很长", indicators=_rows(bounded.ROWS_PER_PART * 3 + 7))
    doc = Document(projects=[normal, huge], layout="hebei-project")
    sections = document_sections(doc)
    assert len(sections) == 1 + 4
    assert "（续 3）" in sections[-1].html and "三级指标" in sections[-1].html
    assert f"指标{bounded.ROWS_PER_PART * 3 + 6}" in sections[-1].html
    joined = "".join(s.html for s in sections[1:])
    assert all(f"指标{i}<" in joined for i in range(0, bounded.ROWS_PER_PART * 3 + 7, 97))


@pytest.mark.parametrize("layout", ["hebei-project", "hebei-graded", "mof-project"])
def test_a_form_of_a_thousand_rows_exports(tmp_path, layout):
    p = Project(name="千行", title="千行绩效目标表", indicators=_rows(1000))
    out = tmp_path / "rows.pdf"
    pages = write_pdf(Document(projects=[p], layout=layout), out, layout=layout)
    assert 20 < pages < 80


def test_progress_is_reported_and_cancel_leaves_no_file(tmp_path):
    p = Project(name="进度", indicators=_rows(500))
    doc = Document(projects=[p], layout="hebei-project")
    seen = []
    write_pdf(doc, tmp_path / "ok.pdf", progress=lambda *a: seen.append(a) or True)
    stages = {s for s, _, _ in seen}
    assert stages == {"layout", "paint"} and seen[-1][1] == seen[-1][2]

    def cancel(stage, done, total):
        return not (stage == "paint" and done == 2)

    with pytest.raises(PrintCancelled):
        write_pdf(doc, tmp_path / "cancelled.pdf", progress=cancel)
    assert not (tmp_path / "cancelled.pdf").exists()
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".~")]


def test_a_split_form_bounds_its_merged_cells_and_top_aligns_its_rows_a_normal_form_is_unchanged():
    # every row under one 一级/二级 label: a merged cell as tall as the part would make Qt paint
    # the part from its first row on every page
    huge = Project(name="很长", indicators=_rows(bounded.ROWS_PER_PART * 2))
    normal = Project(name="普通", indicators=_rows(60))
    sections = document_sections(Document(projects=[normal, huge], layout="hebei-project"))
    assert [s.top_aligned for s in sections] == [False, False, True]
    assert 'rowspan="60"' in sections[0].html and 'valign="top"' not in sections[0].html
    for part in sections[1:]:
        spans = [int(x) for x in re.findall(r'rowspan="(\d+)"', part.html)]
        assert spans and max(spans) == bounded.MERGED_RUN_ROWS
        assert part.html.count(">产出指标<") == bounded.ROWS_PER_PART // bounded.MERGED_RUN_ROWS
    assert 'valign="top"' in sections[2].html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_big_job_lays_out_again_instead_of_keeping_every_section(tmp_path, monkeypatch):
    from perfeditor.printing import paginate

    projects = [Project(name=f"项目{k}", title=f"{k}、项目{k}绩效目标表", indicators=_rows(30 + k)) for k in range(6)]
    doc = Document(projects=projects, layout="hebei-project")
    kept = tmp_path / "kept.pdf"
    pages = write_pdf(doc, kept)

    made = []
    real = paginate.PagedSections.__init__

    def spy(self, *a, **k):
        real(self, *a, **k)
        made.append(self)

    monkeypatch.setattr(paginate.PagedSections, "__init__", spy)
    monkeypatch.setattr(paginate, "KEEP_HTML_CHARS", len(document_sections(doc)[0].html) + 1)
    again = tmp_path / "again.pdf"
    assert write_pdf(doc, again) == pages
    assert pdf_text(again) == pdf_text(kept)  # the same pages, footers (共 N 页) included
    parts = made[0].parts
    assert not parts[0].transient and all(p.transient for p in parts[1:])
    assert all(p.document is None for p in parts[1:])  # each dropped once painted
