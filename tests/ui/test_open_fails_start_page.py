"""A file that cannot be opened when nothing else is open (``perfeditor 空文件.docx``, or 打开方式
on a damaged file) leaves the start page (新建, 打开, 打开示例, recent files) after the message, not
an empty 未命名文件 of 0 projects under a 河北项目表 heading (found by the QA tour); a document
already open stays as it was."""
from __future__ import annotations

import shutil

from perfeditor.ui import start_page
from tests.ui.conftest import fixture_path


def test_a_file_that_cannot_be_opened_first_leaves_the_start_page(make_window, dialogs, tmp_path):
    empty = tmp_path / "空文件.docx"
    empty.write_bytes(b"")
    window = make_window()
    window.show()
    assert not window.open_path(str(empty))
    assert dialogs.kinds() == ["error"]
    assert start_page.showing(window)


def test_a_document_already_open_stays(make_window, dialogs, tmp_path):
    good = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), good)
    empty = tmp_path / "空文件.docx"
    empty.write_bytes(b"")
    window = make_window()
    window.show()
    assert window.open_path(str(good))
    assert not window.open_path(str(empty))
    assert not start_page.showing(window)
    assert window.session.doc.path == str(good.resolve())
