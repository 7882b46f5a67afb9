"""Rows cut by a page break: their vertically centred cells would be centred over the break and
the repeated header, printing on top of the header on the next page. They are top-aligned."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfeditor.model import Document
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")

#: The page body starts below the 22 mm top margin (62.4 pt); text above is clipped away.
BODY_TOP_PT = 60.0


def words_by_page(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = []
    for page in out.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)]
        pages.append([w for w in words if w[1] >= BODY_TOP_PT])
    return pages


def overlaps(words) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > 1 and dy > 1:
                found.append((a[4], b[4]))
    return found


@pytest.fixture(scope="module")
def generated():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import make_document
    return make_document(6)


def test_no_text_prints_over_other_text_on_any_page(tmp_path, qapp, generated):
    from perfeditor.printing.pdf import write_pdf

    out = tmp_path / "g.pdf"
    pages = write_pdf(generated, out, project_indexes=list(range(len(generated.projects))))
    assert pages > len(generated.projects)  # some forms run over a page: rows are cut
    for number, words in enumerate(words_by_page(out), 1):
        assert overlaps(words) == [], f"page {number}"


def test_split_rows_are_found_and_top_aligned(qapp, generated):
    from PySide6.QtGui import QPdfWriter, QTextCharFormat

    from perfeditor.printing import paginate
    from perfeditor.printing.html import document_sections
    from perfeditor.printing.page_setup import PageSetup

    writer = QPdfWriter(str(Path("/dev/null")))
    writer.setResolution(600)
    calls = []
    real = paginate.top_align_split_cells
    paginate.top_align_split_cells = lambda doc, h: calls.append(real(doc, h)) or calls[-1]
    # a row taller than a page: some of its cells are cut by a page break whatever the layout above
    project = generated.projects[0].model_copy(deep=True)
    project.indicators[2].description = "按年度计划开展宣传教育，" * 200
    try:
        paged = paginate.PagedSections(document_sections(Document(projects=[project])), writer,
                                       PageSetup())
    finally:
        paginate.top_align_split_cells = real
    assert paged.page_count >= 2 and calls and calls[0] > 0
    # a second pass finds nothing left to change
    assert real(paged.documents[0], paged.parts[0].body_height) == 0
    top = QTextCharFormat.VerticalAlignment.AlignTop
    aligned = [c for t in paginate._tables(paged.documents[0].rootFrame())
               for c in paginate._cells(t) if c.format().verticalAlignment() == top]
    assert len(aligned) == calls[0]
