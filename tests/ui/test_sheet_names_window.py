"""复制项目 in a workbook whose sheets are named after their forms (leting_2024.xlsx, issue 10): the
copy's title is numbered on saving, and its sheet is named as the title is."""
from __future__ import annotations

import re
import shutil
import zipfile

from perfeditor.io import read_document
from tests.conftest import PUBLIC_FIXTURES


def test_a_duplicated_project_gets_a_sheet_numbered_like_its_title(window, tmp_path):
    from perfeditor.ui import project_ops

    path = tmp_path / "乐亭.xlsx"
    shutil.copy(PUBLIC_FIXTURES / "leting_2024.xlsx", path)
    assert window.open_path(str(path)), window.dialogs.calls
    s = window.session
    window.editors.select(window.tree_model.project_index(s.doc.projects[20]))
    project_ops.duplicate_project(window)
    assert window.save(), window.dialogs.calls
    assert [p.title for p in s.doc.projects[20:]] == ["21.住建局办公楼局部改造工程绩效目标表",
                                                     "22.住建局办公楼局部改造工程（副本）绩效目标表"]
    with zipfile.ZipFile(path) as zf:
        sheets = re.findall(r'<sheet [^>]*name="([^"]*)"', zf.read("xl/workbook.xml").decode())
    assert sheets[20:] == ["21.住建局办公楼局部改造工程", "22.住建局办公楼局部改造工程（副本）"]
    doc, smap = read_document(path)
    assert [smap.of(p).sheet for p in doc.projects[20:]] == sheets[20:]
    # moved up (上移) and saved again: both sheets follow their titles
    project_ops.move_project(window, -1)
    assert window.save(), window.dialogs.calls
    with zipfile.ZipFile(path) as zf:
        sheets = re.findall(r'<sheet [^>]*name="([^"]*)"', zf.read("xl/workbook.xml").decode())
    assert sheets[20:] == ["21.住建局办公楼局部改造工程（副本）", "22.住建局办公楼局部改造工程"]
    assert [p.title for p in s.doc.projects[20:]] == ["21.住建局办公楼局部改造工程（副本）绩效目标表",
                                                     "22.住建局办公楼局部改造工程绩效目标表"]
