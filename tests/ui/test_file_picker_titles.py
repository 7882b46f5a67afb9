"""文件→比较 and 项目→从往年文件复制 choose a file in a dialog titled for what it is for; both
said 打开, as if the chosen file would replace the one being edited (found by the QA tour)."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QFileDialog

from perfeditor.ui import compare_view, last_year
from perfeditor.ui.dialogs import UserDialogService
from tests.ui.conftest import fixture_path


@pytest.fixture
def titles(monkeypatch):
    seen: list[str] = []

    def fake_exec(self):
        seen.append(self.windowTitle())
        return QFileDialog.DialogCode.Rejected

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    return seen


@pytest.mark.parametrize("pick, title", [
    (lambda w: compare_view.compare_with(w), "选择要比较的文件"),
    (lambda w: last_year.copy_from_last_year(w), "选择往年的绩效目标表"),
])
def test_the_file_pickers_say_what_the_file_is_for(make_window, titles, tmp_path, pick, title):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    window = make_window()
    assert window.open_path(str(path))
    window.dialogs = UserDialogService(window)  # the real dialogs, their exec answered above
    pick(window)
    assert titles == [title]


def test_open_is_still_titled_open(make_window, titles):
    window = make_window()
    UserDialogService(window).open_file_name("")
    assert titles == ["打开"]
