"""The window's session holds the source map of the file it opened: Ctrl+S patches the file in
place, and so does the next Ctrl+S (the map follows the file as saved)."""
from __future__ import annotations

import shutil
import zipfile

import pytest

from perfeditor.io import load_document
from perfeditor.model import dump_document
from tests.conftest import PUBLIC_FIXTURES


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _press_ctrl_s(window) -> None:
    from perfeditor.ui.actions import A

    action = window.actions_[A.SAVE]
    assert "Ctrl+S" in [s.toString() for s in action.shortcuts()]
    action.trigger()


@pytest.mark.parametrize("name", ["dingzhou_2020.docx", "dingzhou_2020.xlsx"])
def test_two_saves_in_a_row_both_patch_in_place(window, tmp_path, name):
    path = tmp_path / name
    shutil.copy(PUBLIC_FIXTURES / name, path)
    assert window.open_path(str(path))
    session = window.session
    places = session.source_map
    assert places is not None and set(places.projects) == {p.uid for p in session.doc.projects}
    doc = session.doc
    doc.projects[1].indicators.pop()  # rows removed: the forms below move up
    session.stack.resetClean()
    _press_ctrl_s(window)
    assert session.source_map is places  # brought up to date, not read again
    before = _members(path)
    doc.projects[4].goals = "第二次保存"
    session.stack.resetClean()
    _press_ctrl_s(window)
    assert "question" not in window.dialogs.kinds()  # nothing of the file had to be dropped
    after = _members(path)
    assert len([n for n in before if before[n] != after[n]]) == 1
    assert dump_document(load_document(path)) == dump_document(doc)


def test_save_as_takes_the_map_of_the_new_file(window, tmp_path):
    path = tmp_path / "a.docx"
    shutil.copy(PUBLIC_FIXTURES / "pingxiang_2020_part.docx", path)
    assert window.open_path(str(path))
    other = tmp_path / "b.docx"
    window.session.doc.projects[0].goals = "另存后再改"
    assert window._save_to(str(other), None)
    places = window.session.source_map
    assert places is not None and places.path == str(other.resolve())
    assert set(places.projects) == {p.uid for p in window.session.doc.projects}
    before = _members(other)
    window.session.doc.projects[1].goals = "存到新文件后再改"
    assert window.save()
    assert "question" not in window.dialogs.kinds()
    after = _members(other)
    assert [n for n in before if before[n] != after[n]] == ["word/document.xml"]
    assert load_document(path).projects[1].goals != "存到新文件后再改"  # the first file is left alone
