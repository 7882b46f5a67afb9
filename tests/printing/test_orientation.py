"""Orientation is decided per form within one print job: wide forms (more than 8 columns) get
landscape pages, narrow ones portrait, in the same PDF; a fixed orientation in the page setup
of a layout wins. Page sizes are read with ``pdfinfo``."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from perfeditor.model import Department, Document, FormVariant, Indicator, Project

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None,
                                reason="pdfinfo (poppler-utils) is not installed")

WIDE_COLUMNS = ["level1", "level2", "level3", "description", "value_midterm", "value", "basis",
                "note", "weight"]


def page_orientations(pdf: Path) -> list[str]:
    """"P" or "L" for each page of ``pdf``."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out, re.M)
    return ["L" if float(w) > float(h) else "P" for w, h in sizes]


def _inds(n=3, **extra):
    return [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{i}", value=f"{i}个",
                      **extra) for i in range(n)]


def narrow(name: str) -> Project:
    return Project(name=name, code="001", indicators=_inds(),
                   variant=FormVariant(layout="hebei-project"))


def wide_midterm_weight(name: str) -> Project:
    """A Hebei form with 中期指标值, 备注 and 权重 columns: 9 columns."""
    return Project(name=name, indicators=_inds(value_midterm="3个", weight="10", note="无"),
                   variant=FormVariant(layout="hebei-project", indicator_columns=WIDE_COLUMNS))


def wide_graded(name: str) -> Project:
    """A graded form with 二级指标 and 权重 next to 优良中差: 10 columns."""
    cols = ["level1", "level2", "level3", "description", "grade:优", "grade:良", "grade:中",
            "grade:差", "basis", "weight"]
    inds = [Indicator(level1="产出指标", level2="数量指标", level3="完成率", weight="20",
                      grades={"优": "≥95%", "良": "≥90%", "中": "≥80%", "差": "<80%"})]
    return Project(name=name, indicators=inds,
                   variant=FormVariant(layout="hebei-graded", indicator_columns=cols))


def mixed_document() -> Document:
    dep = Department(form="narrative", overall="全年完成各项工作任务。")
    return Document(layout="hebei-project", department=dep, projects=[
        narrow("窄表甲"), wide_midterm_weight("宽表乙"), narrow("窄表丙"), wide_graded("宽表丁")])


def test_mixed_document_gives_portrait_and_landscape_pages_in_one_pdf(tmp_path, qapp):
    from perfeditor.printing.pdf import write_pdf

    out = tmp_path / "mixed.pdf"
    pages = write_pdf(mixed_document(), out)
    # department part, 窄表甲, 宽表乙, 窄表丙, 宽表丁: one page each
    assert pages == 5
    assert page_orientations(out) == ["P", "P", "L", "P", "L"]


def test_selected_projects_each_get_their_own_orientation(tmp_path, qapp):
    from perfeditor.printing.pdf import write_pdf

    out = tmp_path / "sel.pdf"
    write_pdf(mixed_document(), out, project_indexes=[1, 2])
    assert page_orientations(out) == ["L", "P"]


def test_official_graded_form_with_eight_columns_stays_portrait(qapp):
    from perfeditor.printing.html import document_sections

    p = wide_graded("x")
    p.variant.indicator_columns = [c for c in p.variant.indicator_columns
                                   if c not in ("level2", "weight")]
    for ind in p.indicators:  # a filled 权重 is printed whatever the variant: the form would be wide
        ind.level2 = ind.weight = ""
    assert len(p.variant.indicator_columns) == 8
    assert not document_sections(Document(layout="hebei-graded", projects=[p]))[0].landscape
    assert document_sections(Document(layout="hebei-graded", projects=[wide_graded("y")]))[0] \
        .landscape


def test_fixed_orientation_in_page_setup_wins_for_its_layout_only(tmp_path, qapp):
    from perfeditor.printing.page_setup import PageSetup
    from perfeditor.printing.pdf import write_pdf

    setups = {"hebei-project": PageSetup(orientation="portrait"),
              "hebei-graded": PageSetup()}
    out = tmp_path / "fixed.pdf"
    write_pdf(mixed_document(), out, page_setup=lambda layout: setups[layout])
    # the Hebei project forms are all portrait now; the graded form still goes landscape
    assert page_orientations(out) == ["P", "P", "P", "P", "L"]

    out2 = tmp_path / "all_landscape.pdf"
    write_pdf(mixed_document(), out2, page_setup=PageSetup(orientation="landscape"))
    assert page_orientations(out2) == ["L"] * 5


def test_export_dialog_uses_the_page_setup_stored_per_layout(tmp_path, settings, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from perfeditor.printing import dialogs
    from perfeditor.printing.page_setup import PageSetup, save_page_setup

    save_page_setup("hebei-graded", PageSetup(orientation="portrait"))
    target = tmp_path / "导出.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")))
    assert dialogs.export_pdf(None, mixed_document(), None) == str(target)
    assert page_orientations(target) == ["P", "P", "L", "P", "P"]


def test_device_without_mixed_layouts_gets_one_orientation(tmp_path, qapp):
    """The print preview cannot change the page layout mid-job: all pages landscape then."""
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from perfeditor.printing import paginate
    from perfeditor.printing.html import document_sections
    from perfeditor.printing.page_setup import PageSetup

    sections = document_sections(mixed_document(), None, [0, 1])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    seen = []

    def paint(p):
        assert not paginate.mixed_layouts_possible(p)
        paged = paginate.PagedSections(sections, p, PageSetup())
        seen.extend(lay.orientation() for lay in paged.page_layouts())
        paged.paint()

    widget = QPrintPreviewWidget(printer)
    widget.paintRequested.connect(paint)
    widget.updatePreview()
    assert widget.pageCount() == 2
    assert seen == [QPageLayout.Orientation.Landscape] * 2
