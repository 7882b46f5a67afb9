"""Every string a clerk sees in a dialog or message box is Chinese: our own dialogs, Qt's standard
ones (Qt's own Simplified Chinese translation is installed), and names of layouts."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTableWidget,
)

from perfeditor.model import LAYOUTS
from perfeditor.ui import menus
from perfeditor.ui.dialogs import UserDialogService
from perfeditor.ui.files import layout_title
from tests.ui.conftest import dump_doc

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def foreign(text: str) -> bool:
    """A text with Latin words and no Chinese (``OK``, ``Cancel``, ``Print``, ``mof-project``)."""
    text = text.replace("&", "")
    if re.match(r"^(/|[A-Za-z]:\\)", text):  # a folder's path
        return False
    return bool(LATIN_WORD.search(text)) and not CJK.search(text)


def visible_texts(widget) -> list[str]:
    texts = [widget.windowTitle()]
    for w in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton) + widget.findChildren(QGroupBox):
        if not w.isVisibleTo(widget):
            continue
        texts.append(w.title() if isinstance(w, QGroupBox) else w.text())
    for combo in widget.findChildren(QComboBox):
        if combo.isVisibleTo(widget):
            texts += [combo.itemText(i) for i in range(combo.count())]
    for table in widget.findChildren(QTableWidget):
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    if isinstance(widget, QMenu):
        texts += [a.text() for a in widget.actions() if not a.isSeparator()]
    return [t for t in texts if t]


def assert_chinese(widget, allowed: tuple[str, ...] = ()) -> list[str]:
    texts = visible_texts(widget)
    bad = [t for t in texts if foreign(t) and t not in allowed]
    assert not bad, f"{type(widget).__name__}: not Chinese: {bad}"
    return texts


@pytest.fixture
def capture(monkeypatch):
    """Every modal dialog is checked when it would be shown, then closed."""
    seen: list[list[str]] = []

    def fake_exec(self, *args):
        self.show()
        seen.append(assert_chinese(self))
        buttons = self.findChildren(QAbstractButton)
        self.hide()
        if isinstance(self, QMessageBox) and buttons:
            self.setProperty("_clicked", True)
            return 0
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QDialog, "exec", fake_exec)
    monkeypatch.setattr(QInputDialog, "exec", fake_exec)
    return seen


def test_message_boxes_and_questions_are_chinese(window, capture):
    service = UserDialogService(window)
    service.error("无法打开文件。", "出错了")
    service.warning("部分内容未保存。")
    service.information("已保存。")
    service.question("删除项目？", "删除项目")
    service.ask_save_changes("示例.docx")
    service.choose("另存为", "选择表格版式：", [layout_title(k, window.session.doc) for k in LAYOUTS])
    assert len(capture) == 6
    question = capture[3]
    assert "是" in question and "否" in question


def test_save_questions_and_the_layout_choice_are_chinese(window, capture, tmp_path, monkeypatch):
    """The dialogs of saving: the question before a save that cannot keep something (继续保存 /
    取消), the one about a file changed on disk, and Save As's choice of layout."""
    from perfeditor.errors import FileChangedError
    from perfeditor.ui import files
    from perfeditor.ui.save_layouts import SAVE_CHOICES

    service = UserDialogService(window)

    class Plan:
        losses = ["工作表“备注”及其公式将不会保留。"]

        def cancel(self):
            pass

    monkeypatch.setattr("perfeditor.io.plan_save", lambda *a, **k: Plan())
    assert files.write(window.session.doc, str(tmp_path / "x.xlsx"), None, False, service) is None
    asked = capture[-1]
    assert "继续保存" in asked and "取消" in asked and "是" not in asked and "否" not in asked
    assert any("工作表“备注”" in t for t in asked)

    def changed(*a, **k):
        raise FileChangedError("文件“x.xlsx”在打开后已被其他程序修改。")

    monkeypatch.setattr("perfeditor.io.plan_save", changed)
    assert files.write(window.session.doc, str(tmp_path / "x.xlsx"), None, False, service) is None
    assert "覆盖保存" in capture[-1] and "取消" in capture[-1]

    service.choose("另存为", "选择表格版式：", [title for _, title in SAVE_CHOICES])
    assert {"财政部项目表(2015)", "财政部项目表(2021)", "确定", "取消"} <= set(capture[-1])


def test_department_items_editor_is_chinese(window):
    doc = dump_doc("dingzhou_2020.docx")
    window.set_document(doc, None)
    window.editors.select(window.tree_model.department_index())
    editor = window.editors.department.items_editor
    texts = [b.text() for b in editor.buttons.values()]
    assert texts == ["添加分项", "删除分项", "上移", "下移"]
    assert_chinese(window.editors.department)
    empty = dump_doc("dingzhou_2020.docx")
    empty.department.items = []
    window.set_document(empty, None)
    window.editors.select(window.tree_model.department_index())
    assert_chinese(window.editors.department)


def test_qt_standard_buttons_and_file_dialog_speak_chinese(window):
    box = QMessageBox(QMessageBox.Icon.Warning, "提示", "内容", QMessageBox.StandardButton.Ok
                      | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No, window)
    assert_chinese(box)
    box.deleteLater()
    from perfeditor.ui.dialogs import OPEN_FILTER, file_dialog

    dialog = file_dialog(window, "打开", "", OPEN_FILTER, save=False)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    texts = assert_chinese(dialog)
    assert any("取消" in t for t in texts)
    dialog.hide()
    dialog.deleteLater()


def test_own_dialogs_are_chinese(window, capture, tmp_path, monkeypatch):
    from perfeditor.ui.find_replace import FindReplaceDialog
    from perfeditor.ui.preferences import PreferencesDialog
    from perfeditor.ui.print_scope import PrintScopeDialog

    doc = dump_doc("dingzhou_2020.docx")
    window.set_document(doc, None)
    for dialog in (PreferencesDialog(window.settings, window), PrintScopeDialog(doc, 0, "打印", window),
                   FindReplaceDialog(window, window)):
        dialog.show()
        assert_chinese(dialog)
        dialog.hide()
        dialog.deleteLater()
    shortcuts = menus.show_shortcuts(window, modal=False)
    shortcuts.show()
    texts = assert_chinese(shortcuts, allowed=tuple(k for k, _ in menus.shortcut_rows(window)))
    assert "按键" in texts and "作用" in texts
    table = shortcuts.findChild(QTableWidget)
    meanings = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert not [m for m in meanings if foreign(m)]
    assert any("F1" in table.item(r, 0).text() for r in range(table.rowCount()))
    shortcuts.hide()
    shortcuts.deleteLater()


def test_menus_and_context_menus_are_chinese(window):
    doc = dump_doc("dingzhou_2020.docx")
    window.set_document(doc, None)
    for menu in window.menuBar().findChildren(QMenu):
        assert_chinese(menu)
    index = window.tree_model.project_index(doc.projects[0])
    menu = menus.tree_menu(window, window.tree.visualRect(index).center())
    texts = assert_chinese(menu)
    assert "添加项目" in texts and "删除项目" in texts
    menu.deleteLater()


def test_layouts_are_named_in_chinese(window):
    doc = dump_doc("qiannan_2022_part.docx")
    names = {layout_title(k, doc) for k in LAYOUTS}
    assert names <= {"河北项目表", "河北分级表", "财政部项目表(2015)", "财政部项目表(2021)"}
    window.set_document(doc, None)
    window.editors.select(window.tree_model.file_index())
    summary = window.editors.summary.text()
    assert "mof" not in summary and "财政部项目表(20" in summary


def test_no_latin_words_in_the_window(window):
    doc = dump_doc("pingxiang_2020_part.docx")
    window.set_document(doc, None)
    QApplication.processEvents()
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisibleTo(window):
            assert not foreign(widget.text()), widget.text()
    assert not foreign(window.windowTitle())


def test_every_place_a_finding_names_is_chinese(window):
    """The problems panel's 位置 column names each field a rule can point at in Chinese: a new
    graded form's empty 优/良/中/差 showed ``第 1 项指标，grades``."""
    from perfeditor.authoring import new_document
    from perfeditor.rules.rulesets import RULESETS

    fields = {r.field for rs in RULESETS.values() for r in rs.rules if r.field}
    assert "grades" in fields
    window.set_document(new_document("hebei-graded", True, "定州市住房和城乡建设局", "333002", 2025), None)
    model = window.problems.view.model()
    places = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert any("评价标准" in p for p in places), places
    assert not [p for p in places if LATIN_WORD.search(p)], places
    from perfeditor.ui.commands import field_title

    assert not [f for f in fields if LATIN_WORD.search(field_title(f))]


def test_the_file_dialog_names_folders_in_chinese(window, tmp_path):
    """Qt 6 looks up the 类型 column's words under QAbstractFileIconProvider; its Chinese
    catalogue has them under QFileDialog only, so the column said ``Folder``."""
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    (tmp_path / "a.docx").write_bytes(b"")
    provider = QFileIconProvider()
    assert provider.type(QFileInfo(str(tmp_path))) == "文件夹"
    assert not foreign(provider.type(QFileInfo(str(tmp_path / "a.docx"))))


def test_qt_file_dialogs_opened_without_our_labels_are_chinese(window, tmp_path):
    """批量审核's folder picker and the report / PDF save dialogs are Qt's own (static) dialogs:
    their 查找范围 and 文件类型 labels said ``Look in:`` and ``Files of type:``."""
    for mode in (QFileDialog.FileMode.Directory, QFileDialog.FileMode.AnyFile):
        dialog = QFileDialog(window, "选择要批量审核的文件夹", str(tmp_path), "Excel 工作簿 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(mode)
        dialog.show()
        labels = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
        dialog.hide()
        dialog.deleteLater()
        assert "查找范围(&L)：" in labels and not [t for t in labels if foreign(t)], labels


@pytest.mark.parametrize("kind", ["page_setup", "print"])
def test_qt_print_dialogs_have_no_english_labels(window, kind):
    """页面设置 said ``Pages per sheet:`` and ``Page order:``, 打印 said ``Page Set:``: Qt 6
    added accelerators to these labels (``Pages &per sheet:``), and its Chinese catalogue still
    has them without (found by the QA tour, under Xvfb)."""
    from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPageSetupDialog(printer, window) if kind == "page_setup" else QPrintDialog(printer, window)
    dialog.show()
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]  # 打印's are behind 选项 >>
    dialog.hide()
    dialog.deleteLater()
    assert labels and not [t for t in labels if foreign(t)], labels
