"""文件→新建 (Ctrl+N): the layout, the department's name and code, the budget year; then a new
document of one project whose indicator table holds the rule set's levels as starter rows.
Also 添加项目's new project (starter rows, 主管部门 from the document) and 打开示例 (a copy)."""
from __future__ import annotations

import datetime
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from perfeditor.authoring import FORM_KINDS, new_document
from perfeditor.authoring.new import project_for
from perfeditor.ui.commands import InsertProject
from perfeditor.ui.dialogs import ok_cancel

log = logging.getLogger(__name__)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample.docx"


@dataclass
class NewFormChoice:
    kind: str
    department: bool
    name: str
    code: str
    year: int


def default_year(today: datetime.date | None = None) -> int:
    """Forms are written in the autumn for the next year: from July on, next year."""
    today = today or datetime.date.today()
    return today.year + 1 if today.month >= 7 else today.year


class NewFormDialog(QDialog):
    def __init__(self, settings=None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("新建绩效目标表")
        form = QFormLayout(self)
        self.kind = QComboBox()
        for key, kind in FORM_KINDS.items():
            self.kind.addItem(kind.title, key)
        form.addRow("表格版式：", self.kind)
        self.department = QCheckBox("包含部门整体绩效目标")
        self.department.setChecked(True)
        form.addRow("", self.department)
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：定州市住房和城乡建设局")
        form.addRow("部门名称：", self.name)
        self.code = QLineEdit()
        self.code.setPlaceholderText("如：333002")
        form.addRow("部门代码：", self.code)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(default_year())
        self.year.setSuffix(" 年")
        form.addRow("预算年度：", self.year)
        note = QLabel("新表含一个项目，指标表已按所选指标体系列出一级、二级指标，填写三级指标和指标值即可。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        form.addRow(ok_cancel(self, "新建"))
        self._restore()

    def _get(self, key: str, default):
        if self.settings is None:
            return default
        try:
            return self.settings.get(key)
        except KeyError:
            return default

    def _restore(self) -> None:
        kind = self._get("new/layout", "hebei-project")
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.department.setChecked(bool(self._get("new/department", True)))
        self.name.setText(self._get("new/department_name", ""))
        self.code.setText(self._get("new/department_code", ""))

    def choice(self) -> NewFormChoice:
        return NewFormChoice(self.kind.currentData(), self.department.isChecked(), self.name.text().strip(),
                             self.code.text().strip(), self.year.value())

    def remember(self) -> None:
        if self.settings is None:
            return
        c = self.choice()
        for key, value in (("new/layout", c.kind), ("new/department", c.department),
                           ("new/department_name", c.name), ("new/department_code", c.code)):
            try:
                self.settings.set(key, value)
            except KeyError:
                log.warning("setting %s is not declared", key)


def ask_new_form(window) -> NewFormChoice | None:
    """The dialog, or the test's scripted answer (``window.dialogs.new_form``)."""
    scripted = getattr(window.dialogs, "new_form", None)
    if callable(scripted):
        return scripted()
    dialog = NewFormDialog(window.settings, window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        dialog.remember()
        return dialog.choice()
    finally:
        dialog.deleteLater()


def new_form(window, choice: NewFormChoice | None = None) -> bool:
    """文件→新建: ask, then show the new document (unsaved, untitled)."""
    if not window.maybe_save():
        return False
    choice = choice or ask_new_form(window)
    if choice is None:
        return False
    doc = new_document(choice.kind, choice.department, choice.name, choice.code, choice.year)
    window.autosaver.remove()
    window.suggested_path = None
    window.set_document(doc, None)
    project = doc.projects[0]
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.project.table
    table.setFocus()
    model = table.table_model()
    if model is not None and "level3" in model.columns and model.rowCount():
        table.setCurrentIndex(model.index(0, model.columns.index("level3")))
    window.session.start_checking()
    window.show_message("已新建绩效目标表：填写项目名称、绩效目标，在指标表中填写三级指标和指标值。")
    return True


def add_project(window) -> None:
    """添加项目: after the current project, shaped like it, with starter rows and the 主管部门."""
    from perfeditor.ui.project_ops import _current, show_new

    s = window.session
    current, index = _current(window)
    at = len(s.doc.projects) if index is None else index + 1
    new = project_for(s.doc, current)
    s.stack.push(InsertProject(s, at, new, "添加项目"))
    show_new(window, new, "已添加项目")


def sample_copy() -> Path | None:
    """A fresh copy of the sample form in the temporary folder (never the installed file)."""
    if not SAMPLE.exists():
        return None
    folder = Path(tempfile.mkdtemp(prefix="perfeditor-sample-"))
    out = folder / "示例-绩效目标表.docx"
    shutil.copyfile(SAMPLE, out)
    return out


def open_sample(window) -> bool:
    path = sample_copy()
    if path is None:
        window.dialogs.error("找不到示例文件。", "无法打开示例")
        return False
    ok = window.open_path(str(path), quiet=True)
    if ok:
        window.temporary_copy = True  # Ctrl+S asks where to keep it
        window.show_message(f"已打开示例的副本（{path}），修改不会影响程序自带的示例。")
    return ok
