"""Ctrl+S over a file whose forms hold a field their layout has not got (a 财政部 form with a
项目编码 row, tests/workbooks.py header-only file): a value edit keeps it and asks nothing; a form
rebuilt (rows added to project 1 of the .docx) drops it, and the window asks first, naming that
project only; Esc leaves the file as it was."""
from __future__ import annotations

import pytest

from perfeditor.io import load_document
from perfeditor.model import Indicator
from tests.workbooks import header_only_document, header_only_workbook

_MAKE = {".docx": header_only_document, ".xlsx": header_only_workbook}


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_value_edit_asks_nothing(window, qtbot, tmp_path, suffix):
    path = _MAKE[suffix](tmp_path / f"表{suffix}")
    assert window.open_path(str(path)), window.dialogs.calls
    window.session.doc.projects[1].goals = "处理污水2万吨"
    assert window.save()
    assert "question" not in window.dialogs.kinds(), window.dialogs.calls
    assert [p.code for p in load_document(path).projects] == ["P-001", "P-002"]


def test_a_form_rebuilt_asks_first_and_esc_keeps_the_file(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from perfeditor.ui.dialogs import UserDialogService

    path = header_only_document(tmp_path / "表.docx")
    assert window.open_path(str(path)), window.dialogs.calls
    window.session.doc.projects[0].indicators.append(
        Indicator(level1="产出指标", level2="数量指标", level3="维护里程", value="20公里"))
    before = path.read_bytes()
    fake, window.dialogs = window.dialogs, UserDialogService(window)
    seen: list[str] = []

    def fake_exec(self, *args):
        self.show()
        seen.append(self.text())
        qtbot.keyClick(self, Qt.Key.Key_Escape)
        self.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        assert not window.save()
    finally:
        window.dialogs = fake  # closing the window asks the scripted service
    assert path.read_bytes() == before
    assert len(seen) == 1, seen
    assert "项目编码" in seen[0] and "道路维护" in seen[0] and "污水处理" not in seen[0]
    # yes: saved, and the code of project 1 is the one that went
    fake.question_answer = True
    assert window.save()
    assert [p.code for p in load_document(path).projects] == ["", "P-002"]
