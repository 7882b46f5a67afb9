"""The editor of the department part (部门整体绩效目标): overall goal, each item, measures."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from perfeditor.ui.field_widgets import FieldBinding, line_edit, text_edit
from perfeditor.ui.session import DocumentSession


class DepartmentForm(QScrollArea):
    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.fields: dict[str, QWidget] = {}
        self.bindings: list[FieldBinding] = []
        self._built_for = None

    def refresh(self) -> None:
        dep = self.session.doc.department
        if dep is None or dep is self._built_for:
            return
        self._built_for = dep
        for binding in self.bindings:
            binding.release()
        self.bindings = []
        s = self.session
        page = QWidget()
        outer = QVBoxLayout(page)
        if dep.form == "table":
            box = QGroupBox("部门信息")
            form = QFormLayout(box)
            w = line_edit()
            self._bind(s, w, dep, "name", None)
            form.addRow("部门名称", w)
            outer.addWidget(box)
        box = QGroupBox("一、总体绩效目标")
        lay = QVBoxLayout(box)
        w = text_edit(6)
        self._bind(s, w, dep, "overall", None)
        lay.addWidget(w)
        self.fields["overall"] = w
        outer.addWidget(box)
        if dep.items:
            box = QGroupBox("二、分项绩效目标")
            form = QFormLayout(box)
            for n, item in enumerate(dep.items, 1):
                title = line_edit()
                self._bind(s, title, item, "title", None)
                form.addRow(f"{n}. 标题", title)
                goal = text_edit(3)
                self._bind(s, goal, item, "goal", None)
                form.addRow("目标", goal)
                if item.indicator:
                    ind = text_edit(2)
                    self._bind(s, ind, item, "indicator", None)
                    form.addRow("指标", ind)
            outer.addWidget(box)
        box = QGroupBox("三、工作保障措施")
        lay = QVBoxLayout(box)
        w = text_edit(5)
        self._bind(s, w, dep, "measures", None)
        lay.addWidget(w)
        self.fields["measures"] = w
        outer.addWidget(box)
        if dep.form == "table" and dep.indicators:
            outer.addWidget(QLabel(f"年度绩效指标 {len(dep.indicators)} 项（本版本在此处只读显示数量）"))
        outer.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(page)

    def _bind(self, *args) -> None:
        self.bindings.append(FieldBinding(*args))
