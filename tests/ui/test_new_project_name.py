"""添加项目 and 复制项目 show the new project with its 项目名称 selected and the caret in it, and
say so: the clerk types the name at once (it stayed in the indicator table, or the tree, and the
new project was called 新项目 until the clerk found the field)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfeditor.ui.actions import A
from tests.ui.authoring_helpers import type_text
from tests.ui.conftest import dump_doc


@pytest.mark.parametrize("action", [A.ADD_PROJECT, A.DUPLICATE_PROJECT])
def test_a_new_project_waits_for_its_name(shown, qtbot, action):
    window = shown(dump_doc("dingzhou_2020.docx"))
    s = window.session
    window.editors.select(window.tree_model.project_index(s.doc.projects[0]))
    window.tree.setFocus()
    window.actions_[action].trigger()
    new = s.doc.projects[1]
    field = window.editors.project.fields["name"]
    assert QApplication.focusWidget() is field and field.selectedText() == new.name
    assert "请填写项目名称" in window.statusBar().currentMessage()
    type_text(qtbot, field, "危房改造补助")  # typed over the whole name
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert new.name == "危房改造补助"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert new.name in ("新项目", f"{s.doc.projects[0].name}（副本）")
