"""The window's print dialogs with the system dialogs answered by the test: 打印 prints to a PDF
file through the QPrinter (pages, chosen range, orientation), cancelling prints nothing, 页面设置
is stored per layout, 导出 PDF writes the chosen file and reports write failures in Chinese."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from perfeditor.model import Document, FormVariant, Indicator, Project

pytestmark = pytest.mark.skipif(shutil.which("pdfinfo") is None or shutil.which("pdftotext")
                                is None, reason="poppler-utils is not installed")


def orientations(pdf: Path) -> list[str]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return ["L" if float(w) > float(h) else "P"
            for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out, re.M)]


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8").replace(" ", "")


def _inds():
    return [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{i}", value=f"{i}个")
            for i in range(3)]


WIDE = ["level1", "level2", "level3", "description", "value_midterm", "value", "basis", "note",
        "weight"]


def document() -> Document:
    """Four one-page projects; the second and fourth are wide (landscape)."""
    projects = []
    for i in range(4):
        cols = WIDE if i % 2 else []
        projects.append(Project(name=f"项目{i}", indicators=_inds(),
                                variant=FormVariant(layout="hebei-project",
                                                    indicator_columns=cols)))
    return Document(layout="hebei-project", projects=projects)


@pytest.fixture()
def warnings(monkeypatch):
    from perfeditor.printing import dialogs

    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "_warn", lambda parent, title, msg: seen.append((title, msg)))
    return seen


def answer_print_dialog(monkeypatch, out: Path, accept: bool = True, page_range=None,
                        orientation=None):
    """Make QPrintDialog.exec print to ``out`` (optionally a page range / an orientation)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    shown = []

    def exec_(dialog):
        printer = dialog.printer()
        shown.append((dialog.windowTitle(), printer.pageLayout().orientation()))
        if not accept:
            return QDialog.DialogCode.Rejected
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        if page_range:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(*page_range)
        if orientation is not None:
            printer.setPageOrientation(orientation)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return shown


def test_print_prints_every_page_each_form_in_its_orientation(tmp_path, settings, monkeypatch,
                                                              warnings):
    from perfeditor.printing import dialogs

    out = tmp_path / "printed.pdf"
    shown = answer_print_dialog(monkeypatch, out)
    assert dialogs.print_document(None, document(), None) is True
    assert shown and shown[0][0] == "打印"
    assert orientations(out) == ["P", "L", "P", "L"]
    text = text_of(out)
    assert [f"项目{i}" in text for i in range(4)] == [True] * 4
    assert "第4页共4页" in text
    assert warnings == []


def test_print_closes_its_progress_dialog(tmp_path, settings, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from perfeditor.printing import dialogs

    answer_print_dialog(monkeypatch, tmp_path / "printed.pdf")
    window = QWidget()
    try:
        assert dialogs.print_document(window, document(), None) is True
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert window.findChildren(QProgressDialog) == []  # not left behind (shown, full) after a long print
    finally:
        window.deleteLater()


def test_print_honours_the_chosen_page_range(tmp_path, settings, monkeypatch):
    from perfeditor.printing import dialogs

    out = tmp_path / "range.pdf"
    answer_print_dialog(monkeypatch, out, page_range=(2, 3))
    assert dialogs.print_document(None, document(), None) is True
    assert orientations(out) == ["L", "P"]
    text = text_of(out)
    assert "项目1" in text and "项目2" in text
    assert "项目0" not in text and "项目3" not in text
    assert "第2页共4页" in text and "第3页共4页" in text


def test_print_of_chosen_projects_only(tmp_path, settings, monkeypatch):
    from perfeditor.printing import dialogs

    out = tmp_path / "chosen.pdf"
    answer_print_dialog(monkeypatch, out)
    assert dialogs.print_document(None, document(), [3]) is True
    assert orientations(out) == ["L"]
    assert "项目3" in text_of(out) and "项目0" not in text_of(out)


def test_orientation_chosen_in_the_print_dialog_applies_to_all_and_is_remembered(
        tmp_path, settings, monkeypatch):
    from PySide6.QtGui import QPageLayout

    from perfeditor.printing import dialogs
    from perfeditor.printing.page_setup import load_page_setup

    out = tmp_path / "portrait.pdf"
    # the dialog opens in landscape (the job holds wide forms); the clerk picks portrait
    shown = answer_print_dialog(monkeypatch, out, orientation=QPageLayout.Orientation.Portrait)
    assert dialogs.print_document(None, document(), None) is True
    assert shown[0][1] == QPageLayout.Orientation.Landscape
    assert orientations(out) == ["P"] * 4
    assert load_page_setup("hebei-project").orientation == "portrait"


def test_cancelling_the_print_dialog_prints_nothing(tmp_path, settings, monkeypatch, warnings):
    from perfeditor.printing import dialogs
    from perfeditor.printing.page_setup import PageSetup, load_page_setup

    out = tmp_path / "never.pdf"
    shown = answer_print_dialog(monkeypatch, out, accept=False)
    painted = []
    monkeypatch.setattr(dialogs, "paint_to", lambda *a, **k: painted.append(a) or 1)
    assert dialogs.print_document(None, document(), None) is False
    assert shown and painted == [] and not out.exists()
    assert warnings == []
    assert load_page_setup("hebei-project") == PageSetup()  # nothing remembered either


def test_print_with_nothing_to_print_warns_in_chinese(settings, monkeypatch, warnings):
    from perfeditor.printing import dialogs

    shown = answer_print_dialog(monkeypatch, Path("/nonexistent/x.pdf"))
    assert dialogs.print_document(None, document(), [9]) is False
    assert shown == []  # no dialog for an empty job
    assert warnings and warnings[0][0] == "打印" and "没有可打印" in warnings[0][1]


def answer_page_setup(monkeypatch, accept: bool, orientation: str | None = None, paper: str | None = None):
    """页面设置 answered: ``orientation`` (auto/portrait/landscape) and ``paper`` (A4, A3 …) chosen."""
    from PySide6.QtWidgets import QDialog

    from perfeditor.printing.dialogs import PageSetupDialog

    shown = []

    def exec_(dialog):
        shown.append(dialog.windowTitle())
        for box, value in ((dialog.orientation, orientation), (dialog.paper, paper)):
            if value is not None:
                box.setCurrentIndex(box.findData(value))
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(PageSetupDialog, "exec", exec_)
    return shown


def test_page_setup_stores_the_choice_for_the_files_layout(tmp_path, settings, monkeypatch):
    from perfeditor.printing import dialogs
    from perfeditor.printing.page_setup import PageSetup, load_page_setup
    shown = answer_page_setup(monkeypatch, True, "landscape", "A3")
    dialogs.page_setup(None, document())
    assert shown == ["页面设置"]
    stored = load_page_setup("hebei-project")
    assert (stored.paper, stored.orientation) == ("A3", "landscape")
    assert load_page_setup("mof-project") == PageSetup()  # other layouts untouched

    # export then follows the stored choice: every page A3 landscape
    target = tmp_path / "a3.pdf"
    from PySide6.QtWidgets import QFileDialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    assert dialogs.export_pdf(None, document(), None) == str(target)
    assert orientations(target) == ["L"] * 4
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert "A3" in info


def test_page_setup_cancelled_stores_nothing(settings, monkeypatch):
    from perfeditor.printing import dialogs
    from perfeditor.printing.page_setup import PageSetup, load_page_setup

    answer_page_setup(monkeypatch, False, "landscape")
    dialogs.page_setup(None, document())
    assert load_page_setup("hebei-project") == PageSetup()


def test_page_setup_keeps_auto_orientation_when_only_paper_changes(settings, monkeypatch):
    from perfeditor.printing import dialogs
    from perfeditor.printing.page_setup import load_page_setup

    answer_page_setup(monkeypatch, True, paper="B5")
    dialogs.page_setup(None, document())
    stored = load_page_setup("hebei-project")
    assert (stored.paper, stored.orientation) == ("B5", "auto")


def patch_save_dialog(monkeypatch, answer: str):
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def ask(parent, caption, start, filters, *rest, **kw):
        asked.append((caption, start, filters))
        return answer, filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return asked


def test_export_pdf_writes_the_file_proposing_a_name(tmp_path, settings, monkeypatch, warnings):
    from perfeditor.printing import dialogs

    doc = document()
    doc.path = str(tmp_path / "某县2024年部门预算.docx")
    target = tmp_path / "out.pdf"
    asked = patch_save_dialog(monkeypatch, str(target))
    assert dialogs.export_pdf(None, doc, None) == str(target)
    caption, start, filters = asked[0]
    assert caption == "导出 PDF" and start == str(tmp_path / "某县2024年部门预算.pdf")
    assert "*.pdf" in filters
    assert orientations(target) == ["P", "L", "P", "L"]
    assert warnings == []


def test_export_pdf_cancelled_writes_nothing(tmp_path, settings, monkeypatch, warnings):
    from perfeditor.printing import dialogs

    patch_save_dialog(monkeypatch, "")
    assert dialogs.export_pdf(None, document(), None) is None
    assert list(tmp_path.glob("*.pdf")) == [] and warnings == []


def test_export_pdf_write_failure_is_reported_in_chinese(tmp_path, settings, monkeypatch,
                                                         warnings):
    from perfeditor.printing import dialogs

    patch_save_dialog(monkeypatch, str(tmp_path / "没有这个文件夹" / "out.pdf"))
    assert dialogs.export_pdf(None, document(), None) is None
    assert len(warnings) == 1
    title, message = warnings[0]
    assert title == "导出 PDF"
    assert "不存在" in message and "Traceback" not in message
    assert re.search(r"[\u4e00-\u9fff]", message)


def test_export_pdf_failure_inside_qt_is_reported_in_chinese(tmp_path, settings, monkeypatch,
                                                             warnings):
    """The PDF writer cannot start (e.g. its file vanished): a Chinese message, no file."""
    from PySide6.QtGui import QPainter

    from perfeditor.printing import dialogs

    monkeypatch.setattr(QPainter, "begin", lambda self, device: False)
    target = tmp_path / "x.pdf"
    patch_save_dialog(monkeypatch, str(target))
    assert dialogs.export_pdf(None, document(), None) is None
    assert warnings and "无法开始打印" in warnings[0][1]
    assert not target.exists()


def test_print_preview_opens_as_large_as_the_window(settings, monkeypatch, qtbot):
    """Qt's preview opened at about 700×500 (the page at 38 %): it takes the window's size."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from PySide6.QtWidgets import QDialog, QWidget

    from perfeditor.printing import dialogs

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1200, 800)
    sizes = []

    def exec_(dialog):
        sizes.append(dialog.size())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    dialogs.print_preview(parent, document(), None)
    assert len(sizes) == 1
    screen = parent.screen().availableGeometry().size()
    assert sizes[0].width() >= min(1200, int(screen.width() * 0.9)) - 1
    assert sizes[0].height() >= min(800, int(screen.height() * 0.9)) - 1
