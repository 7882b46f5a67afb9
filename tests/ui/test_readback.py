"""另存为 into another file reads the file back, as ``perfeditor convert`` does: a file the program
cannot read back is removed and the clerk told so in Chinese; the window stays on the original,
which is untouched."""
from __future__ import annotations

import shutil

import perfeditor.io
from perfeditor.errors import FormReadError
from tests.ui.conftest import fixture_path


def _open(window, tmp_path, name="dingzhou_2020.docx"):
    path = tmp_path / name
    shutil.copy(fixture_path(name), path)
    assert window.open_path(str(path))
    return path


def _refusing(monkeypatch, suffix: str, seen: list):
    """The reader refuses files ending in ``suffix`` (a writer bug the read-back must catch)."""
    real = perfeditor.io.read_document

    def load(path):
        if str(path).endswith(suffix):
            seen.append(str(path))
            raise FormReadError("Excel 文件已损坏：测试")
        return real(path)

    monkeypatch.setattr(perfeditor.io, "read_document", load)


def test_save_as_another_format_that_does_not_read_back_is_removed_and_said(window, tmp_path, monkeypatch):
    original = _open(window, tmp_path)
    before = original.read_bytes()
    doc = window.session.doc
    doc.projects[0].indicators[0].value = "≥77%"
    window.session.stack.resetClean()  # an unsaved edit
    seen: list = []
    _refusing(monkeypatch, ".xlsx", seen)
    window.dialogs.save_path = str(tmp_path / "转换.xlsx")
    window.dialogs.choice = 0
    assert not window.save_as()
    assert seen == [str(tmp_path / "转换.xlsx")]  # written, then read back
    assert not (tmp_path / "转换.xlsx").exists()
    kind, text = window.dialogs.calls[-1]
    assert kind == "error" and "“转换.xlsx”写出后本程序无法读回，已删除；原文件未被改动" in text
    assert original.read_bytes() == before
    assert window.session.doc is doc and doc.path == str(original.resolve()) and doc.format == "docx"
    assert not window.session.stack.isClean()  # the edit is still there, still unsaved
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]


def test_save_as_another_format_reads_back_once_and_switches(window, tmp_path, monkeypatch):
    _open(window, tmp_path)
    real = perfeditor.io.read_document
    reads: list = []
    monkeypatch.setattr(perfeditor.io, "read_document", lambda p: reads.append(str(p)) or real(p))
    window.dialogs.save_path = str(tmp_path / "转换.xlsx")
    window.dialogs.choice = 0
    assert window.save_as()
    assert reads == [str(tmp_path / "转换.xlsx")]  # the check's reading also refreshes the sources
    assert window.session.doc.path == str((tmp_path / "转换.xlsx").resolve())
    assert window.session.doc.format == "xlsx"


def test_ctrl_s_in_place_is_not_read_back(window, tmp_path, monkeypatch):
    path = _open(window, tmp_path)
    seen: list = []
    _refusing(monkeypatch, ".docx", seen)
    assert window.save()
    assert path.exists() and seen == []  # saved in place: the session's source map is kept, nothing read
    assert "error" not in window.dialogs.kinds()
