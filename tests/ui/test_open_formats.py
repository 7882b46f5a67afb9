"""Files in other formats in the window: the Open dialog lists them, a drop opens them, and Ctrl+S
on one asks where to save it as .docx/.xlsx (the same name proposed), never over the original."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from perfeditor.io import OPENABLE_SUFFIXES, load_document
from perfeditor.model.dump import dump_document
from perfeditor.ui.dialogs import OPEN_FILTER
from tests.conftest import OWN_FIXTURES
from tests.ui.conftest import drag_and_drop

FORMATS = OWN_FIXTURES / "formats"


def test_open_dialog_lists_every_kind():
    first = OPEN_FILTER.split(";;")[0]
    for suffix in OPENABLE_SUFFIXES:
        assert f"*{suffix}" in first, suffix


def _ctrl_s(window, qtbot):
    import warnings

    from PySide6.QtWidgets import QApplication

    window.show()
    qtbot.waitExposed(window)
    with warnings.catch_warnings():  # the offscreen platform activates a window only this way
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    qtbot.waitActive(window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_s_on_an_xls_saves_a_new_xlsx_and_leaves_the_xls(window, qtbot, tmp_path):
    src = tmp_path / "乐亭2024.xls"
    shutil.copy(FORMATS / "soffice" / "public--leting_2024.xls", src)
    before = src.read_bytes()
    assert window.open_path(str(src)), window.dialogs.calls
    assert ".xlsx" in window.statusBar().currentMessage()
    window.session.doc.projects[0].indicators[0].value = "≥99%"
    window.dialogs.save_path = str(tmp_path / "乐亭2024.xlsx")
    _ctrl_s(window, qtbot)
    assert ("save_file_name", str(tmp_path / "乐亭2024.xlsx")) in window.dialogs.calls
    assert "choose" not in window.dialogs.kinds()  # the same layout: no question about it
    assert src.read_bytes() == before
    saved = load_document(tmp_path / "乐亭2024.xlsx")
    assert saved.projects[0].indicators[0].value == "≥99%"
    assert dump_document(saved)["projects"] == dump_document(window.session.doc)["projects"]
    assert window.session.doc.path == str((tmp_path / "乐亭2024.xlsx").resolve())
    assert window.session.doc.format == "xlsx"


def test_save_of_a_word_2003_xml_proposes_docx_and_cancel_keeps_everything(window, qtbot, tmp_path):
    src = tmp_path / "黔南.doc"
    shutil.copy(FORMATS / "markup" / "public--qiannan_2022_part.w2003.doc", src)
    assert window.open_path(str(src))
    window.dialogs.save_path = ""  # the clerk cancels
    _ctrl_s(window, qtbot)
    assert ("save_file_name", str(tmp_path / "黔南.docx")) in window.dialogs.calls
    assert not (tmp_path / "黔南.docx").exists()
    assert window.session.doc.path == str(src.resolve())


def test_dropping_an_html_table_named_xls_opens_it(window, qtbot, tmp_path):
    target = tmp_path / "网页导出.xls"
    shutil.copy(FORMATS / "markup" / "public--leting_2024.gbk.xls", target)
    assert drag_and_drop(window, target)
    qtbot.waitUntil(lambda: window.session.doc.path == str(target.resolve()), timeout=5000)
    assert len(window.session.doc.projects) > 10
