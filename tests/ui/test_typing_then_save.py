"""Text typed into a table cell whose editor is still open (no Enter yet) is part of the
document for Ctrl+S and for closing the window: it was left out of the saved file, and closing
the window did not even ask (the document looked unchanged)."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from perfeditor.io import load_document
from tests.ui.authoring_helpers import activate, type_text
from tests.ui.conftest import fixture_path


def _typing_in_a_cell(window, qtbot, tmp_path, text):
    path = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), path)
    assert window.open_path(str(path))
    activate(qtbot, window)
    project = window.session.doc.projects[2]
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.project.table
    model = table.table_model()
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.columns.index("level3")))
    type_text(qtbot, table, text[0])  # the first key opens the cell's editor
    editor = QApplication.focusWidget()
    assert editor is not table
    type_text(qtbot, editor, text[1:])
    return path, editor


def test_ctrl_s_saves_the_text_being_typed_in_a_cell(window, qtbot, tmp_path):
    path, editor = _typing_in_a_cell(window, qtbot, tmp_path, "ABC")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.session.doc.projects[2].indicators[0].level3 == "ABC"
    assert load_document(path).projects[2].indicators[0].level3 == "ABC"
    assert window.session.stack.isClean()
    assert not [e for e in window.editors.project.table.findChildren(QPlainTextEdit) if e.isVisible()]


def test_closing_the_window_asks_about_the_text_being_typed_in_a_cell(window, dialogs, qtbot, tmp_path):
    path, _ = _typing_in_a_cell(window, qtbot, tmp_path, "XYZ")
    dialogs.save_answer = "save"
    assert window.close()
    assert ("ask_save", "定州.docx") in dialogs.calls
    assert load_document(path).projects[2].indicators[0].level3 == "XYZ"


def test_print_preview_and_pdf_show_the_text_being_typed_in_a_cell(window, qtbot, tmp_path, monkeypatch):
    from perfeditor.printing import dialogs as printing
    from perfeditor.ui.actions import A

    seen = []
    for name in ("print_preview", "export_pdf"):
        monkeypatch.setattr(printing, name, lambda parent, doc, indexes, smap=None: seen.append(
            doc.projects[2].indicators[0].level3))
    _typing_in_a_cell(window, qtbot, tmp_path, "PDF")
    window.actions_[A.EXPORT_PDF].trigger()
    _typing_in_a_cell(window, qtbot, tmp_path, "PRE")
    window.actions_[A.PRINT_PREVIEW].trigger()
    assert seen == ["PDF", "PRE"]
