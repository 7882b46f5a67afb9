"""The start page, 文件→新建 (Ctrl+N), 添加项目 with starter rows, and the sample opened as a copy."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfeditor.authoring import FORM_KINDS
from perfeditor.io import load_document
from perfeditor.model import LAYOUTS, dump_document
from perfeditor.ui import start_page
from perfeditor.ui.new_form import SAMPLE, NewFormChoice, NewFormDialog, default_year
from tests.authoring.test_new import EMPTY_FORM_RULES
from tests.ui.authoring_helpers import activate, type_text
from tests.ui.conftest import fixture_path


def test_the_start_page_lists_recent_files_with_their_folders(make_window, settings, tmp_path, qtbot):
    target = tmp_path / "去年" / "dingzhou.docx"
    target.parent.mkdir()
    shutil.copy(fixture_path("dingzhou_2020.docx"), target)
    settings.set("files/recent", [str(target), str(tmp_path / "gone.docx")])
    window = make_window()
    window.show_start_page()
    page = window.start_page
    assert start_page.showing(window)
    assert page.recent.count() == 2
    texts = [page.recent.itemWidget(page.recent.item(i)).text() for i in range(2)]
    assert "dingzhou.docx" in texts[0] and str(target.parent) in texts[0]
    assert "文件已不存在" in texts[1]
    page.recent.setFocus()
    page.recent.setCurrentRow(0)
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert not start_page.showing(window)
    assert window.session.doc.path == str(target.resolve())


def test_open_sample_opens_a_copy_never_the_installed_file(make_window, qtbot):
    window = make_window()
    window.show_start_page()
    qtbot.mouseClick(window.start_page.sample_button, Qt.MouseButton.LeftButton)
    path = window.session.doc.path
    assert path and window.session.doc.projects
    assert path != str(SAMPLE.resolve()) and not path.startswith(str(SAMPLE.parent.resolve()))
    assert not start_page.showing(window)
    shutil.rmtree(str(__import__("pathlib").Path(path).parent), ignore_errors=True)


@pytest.mark.parametrize("kind", list(FORM_KINDS))
def test_ctrl_n_makes_a_form_to_fill_in(make_window, dialogs, qtbot, tmp_path, kind):
    dialogs.new_form = lambda: NewFormChoice(kind, True, "定州市住房和城乡建设局", "333002", 2025)
    window = make_window()
    activate(qtbot, window)
    window.show_start_page()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not start_page.showing(window)
    doc = window.session.doc
    assert doc.layout == FORM_KINDS[kind].layout and len(doc.projects) == 1 and doc.department is not None
    assert {f.rule for f in window.session.findings} <= EMPTY_FORM_RULES
    table = window.editors.project.table
    assert window.editors.currentWidget() is window.editors.project
    model = table.table_model()
    assert model.rowCount() == len(doc.projects[0].indicators) >= 3
    assert model.columns[table.currentIndex().column()] == "level3"
    out = tmp_path / "new.docx"
    dialogs.save_path = str(out)
    dialogs.choice = LAYOUTS.index(doc.layout)  # 另存为 asks the layout: keep the form's own
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert out.exists(), dialogs.calls
    back, mine = dump_document(load_document(out)), dump_document(doc)
    assert back == mine, [(k, back["projects"][0][k], mine["projects"][0][k]) for k in mine["projects"][0]
                          if back["projects"][0][k] != mine["projects"][0][k]]


def test_the_new_form_dialog_by_keyboard(settings, qtbot):
    dialog = NewFormDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.year.value() == default_year()
    dialog.kind.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind.currentData() == "mof-2021"
    qtbot.keyClick(dialog.department, Qt.Key.Key_Space)
    type_text(qtbot, dialog.name, "黔南州住建局")
    type_text(qtbot, dialog.code, "401001")
    dialog.year.selectAll()
    type_text(qtbot, dialog.year, "2026")
    assert dialog.choice() == NewFormChoice("mof-2021", False, "黔南州住建局", "401001", 2026)
    dialog.remember()
    again = NewFormDialog(settings)
    qtbot.addWidget(again)
    assert again.choice().kind == "mof-2021" and again.choice().name == "黔南州住建局"
    dialog.close()
    again.close()


def test_add_project_has_starter_rows_and_the_documents_unit(window, tmp_path, qtbot):
    target = tmp_path / "d.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), target)
    window.open_path(str(target))
    s = window.session
    n = len(s.doc.projects)
    window.editors.select(window.tree_model.project_index(s.doc.projects[0]))
    window.actions_[__import__("perfeditor.ui.actions", fromlist=["A"]).A.ADD_PROJECT].trigger()
    assert len(s.doc.projects) == n + 1
    new = s.doc.projects[1]
    assert new.unit == "333002定州市住房和城乡建设局"
    assert [i.level2 for i in new.indicators][:3] == ["数量指标", "质量指标", "时效指标"]
    assert window.editors.project.table.table_model().project is new
    s.stack.undo()
    assert len(s.doc.projects) == n
    QApplication.processEvents()


def test_the_start_pages_new_button_asks_in_the_real_dialog(make_window, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    window = make_window()
    window.show_start_page()
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewFormDialog)
        type_text(qtbot, dialog.name, "乐亭县住建局")
        type_text(qtbot, dialog.code, "130225")
        ok = dialog.findChild(QDialogButtonBox).buttons()[0]
        seen.append(ok.text())
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.start_page.new_button, Qt.MouseButton.LeftButton)
    assert seen == ["新建"]
    assert window.session.doc.projects[0].unit == "130225乐亭县住建局"
    assert window.settings.get("new/department_name") == "乐亭县住建局"


def test_saving_the_sample_asks_where_to_keep_it(make_window, dialogs, qtbot, tmp_path):
    """Ctrl+S on the sample's copy (in a temporary folder) asks for a name in the clerk's own
    folder instead of saving where she would never find it; afterwards Save writes there."""
    from pathlib import Path

    window = make_window()
    window.show_start_page()
    qtbot.mouseClick(window.start_page.sample_button, Qt.MouseButton.LeftButton)
    copy = Path(window.session.doc.path)
    before = copy.read_bytes()
    dialogs.save_path = ""  # the clerk cancels the name dialog: nothing is written
    assert not window.save()
    assert dialogs.calls[-1][0] == "save_file_name" and dialogs.calls[-1][1].startswith(str(Path.home()))
    assert copy.read_bytes() == before
    dialogs.save_path = str(tmp_path / "我的示例.docx")
    dialogs.choice = 0
    assert window.save()
    assert (tmp_path / "我的示例.docx").exists() and window.session.doc.path == str((tmp_path / "我的示例.docx").resolve())
    assert not window.temporary_copy
    shutil.rmtree(str(copy.parent), ignore_errors=True)
