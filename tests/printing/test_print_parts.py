"""The parts of printing: HTML structure (merges, header rows, labels), page setup memory,
the print path of the dialogs (a QPrinter in PDF mode)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from perfeditor.model import Document, FormVariant, Indicator, Project
from perfeditor.printing.html import document_sections
from perfeditor.printing.project_html import column_widths, indicator_columns


def _inds():
    return [Indicator(level1="产出指标", level2="数量指标", level3="a", value="1"),
            Indicator(level1="产出指标", level2="数量指标", level3="b", value="2"),
            Indicator(level1="产出指标", level2="质量指标", level3="c", value="3"),
            Indicator(level1="效益指标", level2="质量指标", level3="d", value="4")]


def test_level1_and_level2_merge_down_within_their_group():
    html = document_sections(Document(projects=[Project(name="x", indicators=_inds())]))[0].html
    # 产出指标 over 3 rows; 数量指标 over 2; 质量指标 under 效益指标 does not continue the one under 产出指标
    assert re.search(r'rowspan="3"[^>]*>产出指标</td>', html)
    assert re.search(r'rowspan="2"[^>]*>数量指标</td>', html)
    assert html.count(">质量指标</td>") == 2


def test_html_has_rowspans_thead_and_escaped_text():
    doc = Document(projects=[Project(name="A&B<C>", indicators=_inds())])
    html = document_sections(doc)[0].html
    assert 'rowspan="3"' in html and "<thead>" in html
    assert "A&amp;B&lt;C&gt;" in html and "<C>" not in html


def test_mof_side_label_spans_header_and_every_indicator_row():
    doc = Document(layout="mof-project",
                   projects=[Project(name="x", indicators=_inds(),
                                     variant=FormVariant(layout="mof-project", indicator_side_label=True))])
    html = document_sections(doc)[0].html
    assert 'rowspan="5"' in html and "绩效指标" in html  # 1 header row + 4 rows
    assert "项目支出绩效目标表" in html


def test_labels_as_printed_are_kept_in_the_same_layout_only():
    variant = FormVariant(layout="hebei-project", labels={"budget.fiscal": "其中：财政    资金"})
    doc = Document(projects=[Project(name="x", variant=variant)])
    assert "其中：财政    资金" in document_sections(doc)[0].html
    assert "其中：财政    资金" not in document_sections(doc, "mof-project")[0].html


def test_graded_columns_and_two_header_rows():
    p = Project(name="x", variant=FormVariant(layout="hebei-graded"), indicators=[
        Indicator(level1="产出指标", level3="完工率", grades={"优": "≥90%", "良": "≥80%",
                                                         "中": "≥70%", "差": "<70%"})])
    assert indicator_columns(p, "hebei-graded")[3:7] == ["grade:优", "grade:良", "grade:中",
                                                         "grade:差"]
    html = document_sections(Document(layout="hebei-graded", projects=[p]))[0].html
    assert html.count("<thead><tr>") == 1 and 'colspan="4"' in html and "&lt;70%" in html


def test_wide_forms_ask_for_landscape_and_widths_sum_to_100():
    cols = ["level1", "level2", "level3", "description", "value_midterm", "value", "basis",
            "note", "weight"]
    p = Project(name="x", variant=FormVariant(layout="hebei-project", indicator_columns=cols))
    assert document_sections(Document(projects=[p]))[0].landscape
    assert not document_sections(Document(projects=[Project(name="y")]))[0].landscape
    side, widths = column_widths(cols, side=True)
    assert abs(sum(float(w[:-1]) for w in widths) + float(side[:-1]) - 100) < 0.5


def test_page_setup_remembered_per_layout(tmp_path, qapp):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QPageLayout

    from perfeditor.printing.page_setup import PageSetup, load_page_setup, save_page_setup

    settings = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    assert load_page_setup("mof-project", settings) == PageSetup()
    save_page_setup("mof-project", PageSetup("A3", "landscape", (10, 12, 14, 16)), settings)
    again = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    got = load_page_setup("mof-project", again)
    assert got == PageSetup("A3", "landscape", (10.0, 12.0, 14.0, 16.0))
    assert load_page_setup("hebei-project", again) == PageSetup()
    assert got.page_layout().orientation() == QPageLayout.Orientation.Landscape
    assert PageSetup().page_layout(wide=True).orientation() == QPageLayout.Orientation.Landscape
    again.setValue("printing/page_setup/hebei-project/margin_left", "garbage")
    assert load_page_setup("hebei-project", again) == PageSetup()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_print_path_honours_page_range(tmp_path, qapp):
    from PySide6.QtPrintSupport import QPrinter

    from perfeditor.printing.dialogs import paint_to
    from perfeditor.printing.html import document_sections

    doc = Document(projects=[Project(name=f"项目{i}", indicators=_inds()) for i in range(4)])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert paint_to(printer, document_sections(doc)) == 2
    text = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "项目1" in text and "项目2" in text and "项目0" not in text and "项目3" not in text
    assert "第2页共4页" in text.replace(" ", "")


def test_export_pdf_dialog_writes_the_chosen_file(tmp_path, qapp, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from perfeditor.printing import dialogs

    target = tmp_path / "导出"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF 文件 (*.pdf)")))
    doc = Document(projects=[Project(name="甲", indicators=_inds())])
    assert dialogs.export_pdf(None, doc, [0]) == str(target) + ".pdf"
    assert (tmp_path / "导出.pdf").stat().st_size > 1000

    warnings = []
    monkeypatch.setattr(dialogs, "_warn", lambda parent, title, msg: warnings.append(msg))
    assert dialogs.export_pdf(None, doc, [7]) is None
    assert warnings and "没有可打印" in warnings[0]


def test_mof_2015_midterm_rows_and_columns():
    from perfeditor.model import Budget

    p = Project(name="x", goals="年度", goals_midterm="中期", budget=Budget(midterm_total="30"),
                variant=FormVariant(layout="mof-project"),
                indicators=[Indicator(level1="产出", level2="数量", level3="a", value="1",
                                      value_midterm="3")])
    html = document_sections(Document(layout="mof-project", projects=[p]))[0].html
    for text in ("中期资金总额", "中期目标", "中期指标值", "年度指标值"):
        assert text in html
    assert html.index("中期指标值") < html.index("年度指标值")


def test_print_preview_paints_and_closes(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from perfeditor.printing import dialogs

    old_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # page setup goes to tmp_path
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    monkeypatch.setattr(dialogs, "save_page_setup", lambda *a, **k: None)
    painted = []
    real = dialogs.paint_to
    monkeypatch.setattr(dialogs, "paint_to", lambda printer, sections, **kw: painted.append(
        real(printer, sections, **kw)))
    closed = []

    def close_dialog():
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(50, close_dialog)
            return
        closed.append(widget.windowTitle())
        widget.reject()

    QTimer.singleShot(50, close_dialog)
    doc = Document(projects=[Project(name="预览项目", indicators=_inds())])
    try:
        dialogs.print_preview(None, doc, [0])
    finally:
        QSettings.setDefaultFormat(old_format)
    assert closed and closed[0].startswith("打印预览")
    assert painted and painted[0] >= 1


def test_narrative_paragraphs_indent_their_first_line_two_characters(qapp):
    """The official narrative indents each paragraph by two characters on every device."""
    from PySide6.QtGui import QTextDocument

    from perfeditor.model import Department
    from perfeditor.printing.html import TEXT_PT

    dep = Department(form="narrative", overall="认真贯彻落实。\n完成各项任务。")
    html = document_sections(Document(department=dep, projects=[Project(name="甲")]))[0].html
    doc = QTextDocument()
    doc.setHtml(html)
    doc.setTextWidth(600)
    doc.size()  # lays the document out
    block = doc.findBlock(doc.toPlainText().index("认真"))
    layout = block.layout()
    assert layout.lineCount() >= 1
    first = block.text().index("认")
    indent = layout.lineAt(0).cursorToX(first)[0] - layout.lineAt(0).cursorToX(0)[0]
    em = TEXT_PT * 96 / 72  # no paint device: the screen's 96 dpi
    assert indent >= 1.8 * em


@pytest.mark.parametrize("layout", ["hebei-project", "hebei-graded", "mof-project"])
def test_the_printed_form_is_the_composed_form_the_writers_write(layout):
    from perfeditor.forms.compose import compose
    from perfeditor.printing.html import esc

    p = Project(name="x", title="2、x绩效目标表", indicators=_inds(),
                variant=FormVariant(layout=layout, labels={"goals": "年度绩效目标"}))
    html = document_sections(Document(layout=layout, projects=[p]), layout)[0].html
    composed = compose(p, layout, 2)
    texts = [c.text for c in composed.cells if c.text]
    assert "年度绩效目标" in texts or layout == "mof-project"
    pos = 0
    for text in texts:  # every cell, in the writers' order
        found = html.find(f">{esc(text)}</td>", pos)
        assert found >= 0 or text == composed.title, text
        pos = max(pos, found)
    assert html.count("<tr>") == composed.n_rows - (1 if composed.cells[0].role == "titlerow" else 0)


@pytest.mark.parametrize(("layout", "want"), [
    (None, ["hebei-project", "hebei-graded"]), ("hebei-project", ["hebei-project", "hebei-graded"]),
    ("mof-project", ["mof-project"] * 2), ("mof-project-2021", ["mof-project"] * 2)])
def test_a_mixed_file_prints_each_form_in_the_layout_the_writers_write_it_in(layout, want):
    doc = Document(layout="hebei-project", projects=[
        Project(name="甲", indicators=_inds()),
        Project(name="乙", indicators=_inds(), variant=FormVariant(layout="hebei-graded"))])
    assert [s.layout for s in document_sections(doc, layout)] == want


def test_the_department_form_prints_the_files_heading_its_title_and_unit_line():
    from perfeditor.model import Department

    dep = Department(form="table", name="某县住房和城乡建设局")
    dep.budget.unit = "元"
    doc = Document(department=dep, preamble="某县住房和城乡建设局2024年部门预算", projects=[Project(name="x")])
    html = document_sections(doc)[0].html
    at = [html.find(t) for t in ("2024年部门预算", "部门整体支出绩效目标申报表", "（单位：元）", "部门名称")]
    assert -1 not in at and at == sorted(at)
