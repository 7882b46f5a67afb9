"""审核 → 批量审核… and 审核 → 导出审核报告…: progress that can be cancelled (no worker process left),
a sortable and filterable results table, a row opening its file at its finding, the open file's
report as .xlsx and .pdf."""
from __future__ import annotations

import re
import shutil

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from perfeditor.ui import batch_review
from perfeditor.ui.actions import A
from tests.review.review_builders import EXPECTED_SUMMARY, child_processes, make_batch_folder
from tests.ui.conftest import fixture_path


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_batch_folder(tmp_path_factory.mktemp("batch-ui"))


def _menu_texts(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _run_batch(window, qtbot, folder, monkeypatch, workers=1):
    monkeypatch.setattr(batch_review, "pick_folder", lambda w: str(folder))
    monkeypatch.setattr(batch_review, "WORKERS", workers)
    window.actions_[A.BATCH_REVIEW].trigger()
    batch = window.batch_review
    with qtbot.waitSignal(batch.ended, timeout=120_000):
        pass
    return batch


def test_the_check_menu_offers_batch_review_and_the_report(window):
    assert _menu_texts(window, "审核(&K)")[-2:] == ["批量审核(&B)…", "导出审核报告(&R)…"]


def test_batch_results_table(window, qtbot, folder, monkeypatch, qtmodeltester):
    batch = _run_batch(window, qtbot, folder, monkeypatch)
    dialog = batch.results_dialog
    assert dialog is not None and dialog.isVisible()
    proxy = batch_review.BatchFilter()
    proxy.setSourceModel(batch_review.BatchResultsModel(dialog.results, proxy))
    proxy.set_filter("满意度", "warning")
    qtmodeltester.check(proxy, force_py=True)  # the dialog's own are deleted with it, before the tester's end
    model, proxy, view = dialog.model, dialog.proxy, dialog.view
    files = [r.name for r in model.results]
    assert files == [row[0] for row in EXPECTED_SUMMARY]
    unread = [model.text(r, 7) for r in range(model.rowCount()) if model.text(r, 5) == "未能读取"]
    assert len(unread) == 2 and "文件中没有找到预算绩效目标表。" in unread
    assert model.rowCount() == 2 + sum(len(r.findings) for r in model.results)

    # filter by typing
    qtbot.keyClicks(dialog.filter_edit, "goals.duplicate")
    assert 0 < proxy.rowCount() < model.rowCount()
    assert {proxy.index(r, 6).data() for r in range(proxy.rowCount())} == {batch_review.rule_title("goals.duplicate")}
    assert not [t for t in (model.text(r, 6) for r in range(model.rowCount()))
                if re.search(r"[a-z]+\.[a-z-]+", t)]  # the clerk sees no rule ids
    dialog.filter_edit.selectAll()
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Delete)
    assert proxy.rowCount() == model.rowCount()
    # by level, with the keyboard
    dialog.severity_box.setFocus()
    qtbot.keyClick(dialog.severity_box, Qt.Key.Key_Down)
    assert dialog.severity_box.currentText() == "错误"
    assert {proxy.index(r, 5).data() for r in range(proxy.rowCount())} == {"错误"}
    assert proxy.rowCount() == 13
    dialog.severity_box.setCurrentIndex(0)
    # sort by level: errors first, then warnings, then infos
    view.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    levels = [proxy.index(r, 5).data() for r in range(proxy.rowCount())]
    readable = [lv for lv in levels if lv != "未能读取"]
    assert readable == sorted(readable, key=["错误", "警告", "提示"].index)
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, reverse=True)
    dialog.close()


def test_a_row_opens_its_file_at_its_finding(window, qtbot, folder, monkeypatch, tmp_path):
    batch = _run_batch(window, qtbot, folder, monkeypatch)
    dialog = batch.results_dialog
    dialog.filter_edit.setText("道路维修 民众满意度 value.broken")
    assert dialog.proxy.rowCount() == 1
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.proxy.index(0, 0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    doc = window.session.doc
    assert doc.path.endswith("seed001.perf.json")
    table = window.editors.current_table()
    indicator = table.table_model().indicator(table.currentIndex().row())
    project = next(p for p in doc.projects if p.name == "道路维修")
    assert indicator is next(i for i in project.indicators if i.level3 == "民众满意度")
    # the unreadable file's row says so and opens nothing
    dialog.filter_edit.setText("通知.docx")
    dialog.view.setCurrentIndex(dialog.proxy.index(0, 0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert window.session.doc.path.endswith("seed001.perf.json")
    assert any(kind == "error" and "没有找到预算绩效目标表" in text for kind, text in window.dialogs.calls)
    dialog.close()


def test_cancelling_leaves_no_worker_process(window, qtbot, folder, monkeypatch, tmp_path):
    many = tmp_path / "很多"
    for n in range(12):
        shutil.copytree(folder, many / f"{n:02d}")
    monkeypatch.setattr(batch_review, "pick_folder", lambda w: str(many))
    batch = batch_review.start_batch(window, workers=2)
    assert batch is not None and batch.progress.isVisible()
    with qtbot.waitSignal(batch.thread.progressed, timeout=120_000):
        pass
    assert child_processes()  # the workers are running
    qtbot.keyClick(batch.progress, Qt.Key.Key_Escape)
    assert batch.thread.isFinished() and batch.thread.cancelled
    qtbot.waitUntil(lambda: child_processes() == [], timeout=10_000)
    with qtbot.waitSignal(batch.ended, timeout=10_000):
        pass
    assert batch.results_dialog is None
    assert window.statusBar().currentMessage() == "批量审核已取消。"


def test_an_empty_folder_says_so(window, tmp_path, monkeypatch):
    (tmp_path / "空").mkdir()
    monkeypatch.setattr(batch_review, "pick_folder", lambda w: str(tmp_path / "空"))
    window.actions_[A.BATCH_REVIEW].trigger()
    assert window.dialogs.calls[-1][0] == "information" and "没有可审核的文件" in window.dialogs.calls[-1][1]


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_export_the_open_files_report(window, tmp_path, monkeypatch, suffix):
    from perfeditor.io import load_document
    from perfeditor.rules import check_document
    from tests.conftest import PUBLIC_FIXTURES

    path = tmp_path / "leting_2024.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "leting_2024.xlsx", path)
    assert window.open_path(str(path))
    out = tmp_path / f"乐亭审核报告{suffix}"
    asked = []
    monkeypatch.setattr(batch_review, "pick_report_path", lambda w, start, *a: asked.append(start) or str(out))
    window.actions_[A.EXPORT_REVIEW].trigger()
    assert asked == [str(tmp_path / "leting_2024-审核报告.xlsx")]
    assert out.exists()
    findings = window.session.findings
    assert len(findings) == len(check_document(load_document(path)))
    if suffix == ".xlsx":
        wb = load_workbook(out)
        summary = list(wb["汇总"].iter_rows(min_row=2, values_only=True))
        assert summary[0][:7] == ("leting_2024.xlsx", "乐亭县住房和城乡建设局本级", "hebei", 21,
                                  sum(f.severity == "error" for f in findings),
                                  sum(f.severity == "warning" for f in findings),
                                  sum(f.severity == "info" for f in findings))
        assert wb["审核意见"].max_row == 1 + len(findings)
    else:
        assert out.read_bytes()[:5] == b"%PDF-"
        if shutil.which("pdftotext"):
            import subprocess

            text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
            assert "预算绩效目标审核报告" in text and "goals.placeholder" in text.replace("\n", "")
    assert window.statusBar().currentMessage() == f"审核报告已保存：{out}"


def test_a_folder_of_other_formats_is_reviewed_and_the_skipped_files_counted(window, qtbot, tmp_path, monkeypatch):
    from tests.conftest import OWN_FIXTURES

    monkeypatch.setenv("PERFEDITOR_SOFFICE", "none")
    markup = OWN_FIXTURES / "formats" / "markup"
    folder = tmp_path / "其他格式"
    folder.mkdir()
    shutil.copy(markup / "acceptance--seed000_dingzhou.gbk.xls", folder / "定州.xls")
    shutil.copy(markup / "acceptance--seed000_dingzhou.w2003.doc", folder / "定州.doc")
    shutil.copy(markup / "acceptance--seed000_dingzhou.utf8.xls", folder / "定州.htm")
    shutil.copy(markup / "acceptance--seed000_dingzhou.ss2003.xls", folder / "定州.xml")
    (folder / "说明.txt").write_text("请于月底前报送。", encoding="utf-8")
    batch = _run_batch(window, qtbot, folder, monkeypatch)
    dialog = batch.results_dialog
    assert sorted(r.name for r in dialog.results) == ["定州.doc", "定州.htm", "定州.xls", "定州.xml"]
    assert all(r.readable and r.projects for r in dialog.results)
    assert dialog.summary_label.text().startswith("共审核 4 个文件：")
    assert dialog.summary_label.text().endswith("另有 1 个文件不是本程序能打开的表格格式，已跳过（说明.txt）。")
    dialog.close()


def test_a_folder_of_no_form_kind_says_what_it_skipped(window, tmp_path, monkeypatch):
    (tmp_path / "通知").mkdir()
    (tmp_path / "通知" / "说明.txt").write_text("x", encoding="utf-8")
    monkeypatch.setattr(batch_review, "pick_folder", lambda w: str(tmp_path / "通知"))
    window.actions_[A.BATCH_REVIEW].trigger()
    assert window.dialogs.calls[-1] == ("information", "所选文件夹中没有可审核的文件（.docx、.xlsx 等预算绩效目标表）。"
                                        "另有 1 个文件不是本程序能打开的表格格式，已跳过（说明.txt）。")


def test_the_folder_asked_for_starts_where_the_open_file_is(make_window, tmp_path, monkeypatch):
    """批量审核's folder dialog opened in the program's working folder, far from the forms: it
    starts in the open file's folder, where the other forms usually are (found by the tour)."""
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "各单位"
    folder.mkdir()
    shutil.copy(fixture_path("leting_2024.xlsx"), folder / "乐亭.xlsx")
    window = make_window()
    assert window.open_path(str(folder / "乐亭.xlsx"))
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: asked.append(args[2]) or "")
    assert batch_review.start_batch(window) is None
    assert asked == [str(folder)]
