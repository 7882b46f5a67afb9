"""The editor of the department part (部门整体绩效目标): the narrative (overall goal, each item,
measures) or the national table form (部门名称, 年度主要任务, 金额合计, 年度总体目标, 年度绩效指标).
Fields with findings get the same red/amber frame and tooltip as a project's fields."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from perfeditor.ui.department_items import DepartmentItemsEditor
from perfeditor.ui.department_tables import DepartmentIndicatorModel, DepartmentTaskModel, TaskTable
from perfeditor.ui.field_widgets import FieldBinding, line_edit, text_edit
from perfeditor.ui.indicator_view import IndicatorTable
from perfeditor.ui.session import DEPARTMENT_UID, DocumentSession


class DepartmentForm(QScrollArea):
    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own before the fields
        #: mark key ("overall", "item0.goal", "budget.total", …) → its widget
        self.fields: dict[str, QWidget] = {}
        self.bindings: list[FieldBinding] = []
        self.task_table = TaskTable(self)
        self.indicator_table = IndicatorTable(self)
        self.indicator_table.setDragEnabled(False)
        self._built_for = None
        #: 二、分项绩效目标 of the narrative (None for the table form)
        self.items_editor: DepartmentItemsEditor | None = None

    def tables(self) -> list:
        return [self.task_table, self.indicator_table]

    def refresh(self) -> None:
        dep = self.session.doc.department
        if dep is None or dep is self._built_for:
            return
        self._built_for = dep
        for binding in self.bindings:
            binding.release()
        self.bindings = []
        self.fields = {}
        if self.items_editor is not None:
            self.items_editor.detach()
            self.items_editor = None
        page = QWidget()
        outer = QVBoxLayout(page)
        if dep.form == "table":
            self._build_table_form(dep, outer)
        else:
            self._build_narrative(dep, outer)
        outer.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            for table in self.tables():  # the tables live on; only their old page goes
                table.hide()
                table.setParent(self)
            old.deleteLater()
        self.setWidget(page)
        for table in self.tables():
            table.setVisible(table.parent() is not self)

    # --- the two forms -----------------------------------------------------------------------
    def _build_narrative(self, dep, outer: QVBoxLayout) -> None:
        box = QGroupBox("一、总体绩效目标")
        lay = QVBoxLayout(box)
        lay.addWidget(self._text(dep, "overall", 6))
        outer.addWidget(box)
        box = QGroupBox("二、分项绩效目标")
        lay = QVBoxLayout(box)
        self.items_editor = DepartmentItemsEditor(self.session, box)
        self.items_editor.fieldsChanged.connect(self._item_fields)
        self._item_fields()
        lay.addWidget(self.items_editor)
        outer.addWidget(box)
        box = QGroupBox("三、工作保障措施")
        lay = QVBoxLayout(box)
        lay.addWidget(self._text(dep, "measures", 5))
        outer.addWidget(box)

    def _build_table_form(self, dep, outer: QVBoxLayout) -> None:
        box = QGroupBox("部门整体支出绩效目标申报表")
        form = QFormLayout(box)
        form.addRow("部门名称", self._line(dep, "name"))
        outer.addWidget(box)

        box = QGroupBox("年度主要任务")
        lay = QVBoxLayout(box)
        self.task_table.set_task_model(DepartmentTaskModel(self.session))
        self.task_table.setMinimumHeight(170)
        lay.addWidget(self.task_table)
        lay.addLayout(self._buttons(self.task_table, "任务"))
        self.fields["tasks"] = self.task_table
        outer.addWidget(box)

        box = QGroupBox(f"金额合计（{dep.budget.unit or '万元'}）")
        grid = QGridLayout(box)
        for col, (field, label) in enumerate((("budget.total", "总额"), ("budget.fiscal", "财政拨款"),
                                              ("budget.other", "其他资金"))):
            grid.addWidget(QLabel(label), 0, col * 2)
            grid.addWidget(self._line(dep, field, right=True), 0, col * 2 + 1)
        outer.addWidget(box)

        box = QGroupBox("年度总体目标")
        lay = QVBoxLayout(box)
        lay.addWidget(self._text(dep, "overall", 5))
        outer.addWidget(box)

        box = QGroupBox("年度绩效指标")
        lay = QVBoxLayout(box)
        self.indicator_table.set_table_model(DepartmentIndicatorModel(self.session, dep))
        self.indicator_table.setMinimumHeight(260)
        lay.addWidget(self.indicator_table)
        lay.addLayout(self._buttons(self.indicator_table, "指标"))
        self.fields["indicators"] = self.indicator_table
        outer.addWidget(box)
        if dep.items or dep.measures:  # kept from a narrative part; the table form has no rows for them
            self._build_extra(dep, outer)

    def _build_extra(self, dep, outer: QVBoxLayout) -> None:
        box = QGroupBox("其他内容（申报表无对应栏目，保存为申报表时不写入）")
        form = QFormLayout(box)
        for n, item in enumerate(dep.items):
            form.addRow(f"{n + 1}. 标题", self._line(item, "title", f"item{n}.title"))
            form.addRow("绩效目标", self._text(item, "goal", 3, f"item{n}.goal"))
        if dep.measures:
            form.addRow("工作保障措施", self._text(dep, "measures", 3))
        outer.addWidget(box)

    @staticmethod
    def _buttons(table, noun: str) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in ((f"添加{noun}", table.append_row), (f"插入{noun}", lambda: table.insert_row(False)),
                           (f"删除所选{noun}", table.delete_rows), (f"上移{noun}", lambda: table.move_rows(-1)),
                           (f"下移{noun}", lambda: table.move_rows(1))):
            b = QPushButton(text)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps its selection
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        return row

    # --- bound fields ------------------------------------------------------------------------
    def _line(self, obj, field: str, key: str | None = None, right: bool = False):
        w = line_edit(right=right)
        self._bind(w, obj, field, key or field)
        return w

    def _text(self, obj, field: str, lines: int, key: str | None = None):
        w = text_edit(lines)
        self._bind(w, obj, field, key or field)
        return w

    def _bind(self, widget, obj, field: str, key: str) -> None:
        self.bindings.append(FieldBinding(self.session, widget, obj, field, None,
                                          mark_uid=DEPARTMENT_UID, mark_field=key))
        self.fields[key] = widget

    def _item_fields(self) -> None:
        """The chosen item's fields replace the last one's (mark keys ``item{n}.…``)."""
        self.fields = {k: w for k, w in self.fields.items() if not k.startswith("item")}
        if self.items_editor is not None:
            self.fields.update(self.items_editor.fields)

    def item_op(self, op: str) -> bool:
        """添加 / 删除 / 上移 / 下移 an item of 二、分项绩效目标 (the menu's actions); False when
        the part shown has no list of items."""
        if self.items_editor is None or self.session.doc.department is not self._built_for:
            return False
        self.items_editor.run(op)
        return True

    # --- going to a finding ------------------------------------------------------------------
    def focus_key(self, uid: int, key: str, field: str = "") -> bool:
        """Show the field (or table cell) a department finding is filed under."""
        if uid != DEPARTMENT_UID:  # a 年度绩效指标 row
            self.ensureWidgetVisible(self.indicator_table)
            self.indicator_table.setFocus()
            return self.indicator_table.select_uid_cell(uid, key)
        if key.startswith("task") and key[4:].isdigit():
            model = self.task_table.task_model()
            row = int(key[4:])
            if model is not None and row < model.rowCount():
                self.ensureWidgetVisible(self.task_table)
                self.task_table.setFocus()
                col = model.columns.index(field) if field in model.columns else 0
                self.task_table.go(model.index(row, col))
                return True
        if key.startswith("item") and self.items_editor is not None:
            number = key[4:].split(".", 1)[0]
            if number.isdigit() and self.items_editor.model.rowCount() > int(number):
                self.items_editor.select(int(number))  # its fields are shown (self.fields)
        w = self.fields.get(key) or self.fields.get("overall")
        if w is None:
            return False
        self.ensureWidgetVisible(w)
        w.setFocus()
        return True
