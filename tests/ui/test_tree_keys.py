"""Keys on a project in the tree, as in a file manager: Delete deletes it (asked first, one undo
step), F2 goes to its 项目名称 to rename it. They did nothing (found by the tour). On a level node
(产出指标 …) neither acts: the project is not what the clerk pointed at."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import dump_doc

K = Qt.Key


def _on_tree(window, index) -> None:
    window.editors.select(index)
    window.tree.setFocus()


def test_delete_on_a_project_deletes_it_after_asking(shown, qtbot, dialogs):
    doc = dump_doc("dingzhou_2020.docx")
    window = shown(doc)
    second = doc.projects[1]
    _on_tree(window, window.tree_model.project_index(second))
    dialogs.question_answer = False
    qtbot.keyClick(window.tree, K.Key_Delete)
    assert dialogs.kinds() == ["question"] and second in doc.projects
    dialogs.question_answer = True
    qtbot.keyClick(window.tree, K.Key_Delete)
    assert second not in doc.projects
    assert window.statusBar().currentMessage() == f"已删除项目“{second.name}”（可撤销：Ctrl+Z）。"
    qtbot.keyClick(QApplication.focusWidget(), K.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.projects[1] is second


def test_f2_on_a_project_goes_to_its_name(shown, qtbot):
    doc = dump_doc("dingzhou_2020.docx")
    window = shown(doc)
    _on_tree(window, window.tree_model.project_index(doc.projects[2]))
    qtbot.keyClick(window.tree, K.Key_F2)
    name = window.editors.project.fields["name"]
    assert QApplication.focusWidget() is name and name.selectedText() == doc.projects[2].name


def test_neither_acts_on_a_level_node(shown, qtbot, dialogs):
    doc = dump_doc("dingzhou_2020.docx")
    window = shown(doc)
    project = window.tree_model.project_index(doc.projects[1])
    window.tree.expand(project)
    _on_tree(window, window.tree_model.index(0, 0, project))
    count = len(doc.projects)
    for key in (K.Key_Delete, K.Key_F2):
        qtbot.keyClick(window.tree, key)
    assert len(doc.projects) == count and not dialogs.calls and QApplication.focusWidget() is window.tree


def test_elsewhere_delete_and_f2_are_the_tables(shown, qtbot, dialogs):
    """Only in the tree: in the indicator table Delete clears the cell and F2 edits it."""
    doc = dump_doc("dingzhou_2020.docx")
    window = shown(doc)
    window.editors.select(window.tree_model.project_index(doc.projects[1]))
    table = window.editors.project.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, table.model().columns.index("value")))
    qtbot.keyClick(table, K.Key_Delete)
    assert not dialogs.calls and doc.projects[1].indicators[0].value == ""
    qtbot.keyClick(table, K.Key_F2)
    assert table.state() == table.State.EditingState
    qtbot.keyClick(QApplication.focusWidget(), K.Key_Escape)
