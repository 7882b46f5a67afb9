"""Find and Replace across the whole file (department texts, project fields, indicator cells)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton

from perfeditor.model import Document, Project
from perfeditor.ui.commands import SetField, set_many
from perfeditor.ui.dialogs import uncover
from perfeditor.ui.session import get_field

PROJECT_FIELDS = ("title", "name", "code", "unit", "implementer", "kind", "period", "source",
                  "purpose", "goals", "goals_midterm", "budget.total", "budget.fiscal",
                  "budget.other", "budget.superior", "budget.local")
INDICATOR_FIELDS = ("level1", "level2", "level3", "description", "value", "value_midterm",
                    "basis", "note", "weight", "grade:优", "grade:良", "grade:中", "grade:差")


@dataclass(frozen=True)
class Location:
    project: Project | None
    obj: Any
    field: str


def all_locations(doc: Document):
    dep = doc.department
    if dep is not None:
        if dep.form == "table":
            yield Location(None, dep, "name")
            for task in dep.tasks:
                for f in ("name", "content", "total", "fiscal", "other"):
                    yield Location(None, task, f)
            for f in ("budget.total", "budget.fiscal", "budget.other"):
                yield Location(None, dep, f)
        yield Location(None, dep, "overall")
        for item in dep.items:
            for f in ("title", "goal", "indicator"):
                yield Location(None, item, f)
        yield Location(None, dep, "measures")
        for ind in dep.indicators:
            for f in ("level1", "level2", "level3", "value"):
                yield Location(None, ind, f)
    for p in doc.projects:
        for f in PROJECT_FIELDS:
            yield Location(p, p, f)
        for ind in p.indicators:
            for f in INDICATOR_FIELDS:
                yield Location(p, ind, f)


def find_all(doc: Document, text: str) -> list[Location]:
    if not text:
        return []
    return [loc for loc in all_locations(doc) if text in (get_field(loc.obj, loc.field) or "")]


def replace_all_command(session, text: str, replacement: str):
    edits = [(loc.obj, loc.field, get_field(loc.obj, loc.field).replace(text, replacement), loc.project)
             for loc in find_all(session.doc, text)]
    return set_many(session, edits, f"全部替换“{text}”"), len(edits)


class FindReplaceDialog(QDialog):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.setWindowTitle("查找和替换")
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.status = QLabel("")
        grid = QGridLayout(self)
        grid.addWidget(QLabel("查找内容："), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(QLabel("替换为："), 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        buttons = QHBoxLayout()
        for text, slot in (("查找下一个", self.find_next), ("替换", self.replace_one),
                           ("全部替换", self.replace_all), ("关闭", self.close)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.addWidget(self.status, 3, 0, 1, 2)
        self._pos = -1
        self._current: Location | None = None
        self.resize(460, 150)

    def find_next(self) -> Location | None:
        hits = find_all(self.window_.session.doc, self.find_edit.text())
        if not hits:
            self.status.setText("未找到。")
            self._current = None
            return None
        self._pos = (self._pos + 1) % len(hits)
        self._current = hits[self._pos]
        self.status.setText(f"第 {self._pos + 1} 处，共 {len(hits)} 处。")
        self.window_.editors.go_to(self._current.project, self._current.obj, self._current.field)
        uncover(self, self.window_)
        return self._current

    def replace_one(self) -> None:
        text = self.find_edit.text()
        loc = self._current
        session = self.window_.session
        if loc is None or not text or text not in get_field(loc.obj, loc.field):
            self.find_next()
            return
        new = get_field(loc.obj, loc.field).replace(text, self.replace_edit.text(), 1)
        session.stack.push(SetField(session, loc.obj, loc.field, new, loc.project))
        self._pos -= 1
        self.find_next()

    def replace_all(self) -> int:
        session = self.window_.session
        cmd, count = replace_all_command(session, self.find_edit.text(), self.replace_edit.text())
        if cmd is not None:
            session.stack.push(cmd)
        self.status.setText(f"已替换 {count} 处。" if count else "未找到。")
        return count
