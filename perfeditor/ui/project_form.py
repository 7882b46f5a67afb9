"""The editor of one project's form: the header fields with the form's own labels, budget figures
right-aligned, the spending plan, the goals; below it, all the project's indicators."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from perfeditor.forms.layouts import declaration
from perfeditor.model import Project
from perfeditor.ui.commands import SetField
from perfeditor.ui.field_widgets import FieldBinding, bold_font, clean_label, line_edit, show_mark, text_edit
from perfeditor.ui.indicator_model import IndicatorTableModel
from perfeditor.ui.indicator_view import IndicatorTable
from perfeditor.ui.session import DocumentSession

TEXT_FIELDS = ("title", "name", "code", "unit", "implementer", "kind", "period", "source")
BUDGET_FIELDS = ("budget.total", "budget.fiscal", "budget.other", "budget.superior", "budget.local",
                 "budget.midterm_total", "budget.midterm_fiscal", "budget.midterm_other")


def label_for(project: Project, field: str) -> str:
    printed = clean_label(project.variant.labels.get(field, ""))
    return printed or declaration(project.variant.layout, project).label(field)


def shown(project: Project, field: str) -> bool:
    from perfeditor.ui.session import get_field

    v = project.variant
    return bool(get_field(project, field)) or field in declaration(v.layout, project).shown \
        or field in v.rows or field in v.labels or field in ("title", "name")


class ProjectForm(QSplitter):
    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.session = session
        self.project: Project | None = None
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own before the fields
        self.addWidget(self.scroll)
        self.table = IndicatorTable()
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table_title = QLabel("绩效指标")
        self.table_title.setContentsMargins(2, 4, 2, 4)  # no style sheet: it would stop the zoom
        self.table_title.setFont(bold_font())  # bold, its size following the window's
        lay.addWidget(self.table_title)
        lay.addWidget(self.table)
        self.addWidget(box)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.fields: dict[str, QWidget] = {}
        self.bindings: list[FieldBinding] = []
        session.fieldChanged.connect(self._plan_changed)
        session.findingsChanged.connect(self._plan_marks)
        session.changed.connect(self._count_rows)

    def set_project(self, project: Project) -> None:
        if project is self.project and self.scroll.widget() is not None:
            return
        self.project = project
        self.fields = {}
        for binding in self.bindings:
            binding.release()
        self.bindings = []
        s = self.session
        page = QWidget()
        outer = QVBoxLayout(page)

        basic = QGroupBox("基本信息")
        form = QFormLayout(basic)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in TEXT_FIELDS:
            if shown(project, field):
                w = line_edit()
                self._bind(s, w, project, field, project, project.uid)
                form.addRow(label_for(project, field), w)
                self.fields[field] = w
        outer.addWidget(basic)

        money = QGroupBox(f"资金情况（{project.budget.unit or '万元'}）")
        grid = QGridLayout(money)
        col = 0
        for field in BUDGET_FIELDS:
            if shown(project, field):
                w = line_edit(right=True)
                w.setMinimumWidth(90)  # (120 made the page 612 wide: it scrolled sideways on a laptop)
                self._bind(s, w, project, field, project, project.uid)
                grid.addWidget(QLabel(label_for(project, field)), (col // 3), (col % 3) * 2)
                grid.addWidget(w, col // 3, (col % 3) * 2 + 1)
                self.fields[field] = w
                col += 1
        if shown(project, "purpose"):
            w = text_edit(2)
            self._bind(s, w, project, "purpose", project, project.uid)
            row = (col + 2) // 3
            grid.addWidget(QLabel(label_for(project, "purpose")), row, 0)
            grid.addWidget(w, row, 1, 1, 5)
            self.fields["purpose"] = w
            col += 1
        if col:  # the layout has budget figures or a purpose
            outer.addWidget(money)
        else:
            money.deleteLater()

        if project.spending_plan:
            plan = QGroupBox(clean_label(project.variant.labels.get("spending_plan", "")) or "资金支出计划（%）")
            pgrid = QGridLayout(plan)
            for i, month in enumerate(project.spending_plan):
                w = line_edit(right=True)
                w.setText(project.spending_plan[month])
                w.editingFinished.connect(lambda m=month, w=w: self._plan_edited(m, w.text().strip()))
                pgrid.addWidget(QLabel(month), 0, i)
                pgrid.addWidget(w, 1, i)
                self.fields[f"spending_plan:{month}"] = w
            outer.addWidget(plan)
            self._plan_marks()

        goals = QGroupBox("绩效目标")
        gform = QFormLayout(goals)
        for field in ("goals", "goals_midterm"):
            if shown(project, field):
                w = text_edit(4)
                self._bind(s, w, project, field, project, project.uid)
                gform.addRow(label_for(project, field), w)
                self.fields[field] = w
        outer.addWidget(goals)
        outer.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(page)
        if self.fields:  # the table was made before these fields: Tab from the last goes on to it
            QWidget.setTabOrder(list(self.fields.values())[-1], self.table)

        model = IndicatorTableModel(s, project)
        self.table.set_table_model(model)
        self._count_rows()
        QTimer.singleShot(0, self, self._balance)  # once the new page is laid out

    def _count_rows(self, *_):
        """绩效指标（共 N 项）, at once after a paste, insert or delete."""
        if self.project is not None:
            self.table_title.setText(f"绩效指标（共 {len(self.project.indicators)} 项）")

    def _balance(self) -> None:
        """Give the header fields the height they need (budget figures and plan visible), the
        indicator table the rest, but never less than about half when it has many rows."""
        total = self.height() - self.handleWidth()
        page = self.scroll.widget()
        model = self.table.table_model()
        if total <= 100 or page is None or model is None:
            return
        need_top = page.sizeHint().height() + 2 * self.scroll.frameWidth() + 2
        shown = min(model.rowCount(), 8)
        rows = sum(self.table.rowHeight(r) for r in range(shown)) \
            + self.table.verticalHeader().defaultSectionSize() * max(0, 3 - shown)
        need_table = self.table_title.sizeHint().height() + self.table.horizontalHeader().height() \
            + rows + 2 * self.table.frameWidth() + 16
        keep = min(need_table, total // 2)  # what the table keeps when space is short
        top = max(min(need_top, total - keep), total // 4)
        self.setSizes([top, total - top])

    def _plan_edited(self, month: str, text: str) -> None:
        p = self.project
        if p is None or p.spending_plan.get(month) == text:
            return
        plan = dict(p.spending_plan)
        plan[month] = text
        self.session.stack.push(SetField(self.session, p, "spending_plan", plan, p))

    def _plan_changed(self, obj, field: str) -> None:
        if obj is self.project and field == "spending_plan":
            for month, value in obj.spending_plan.items():
                w = self.fields.get(f"spending_plan:{month}")
                if w is not None and w.text() != value:
                    w.setText(value)

    def plan_field_for(self, finding) -> str:
        """The month field a spending-plan finding is about (its structured ``key``)."""
        project = self.project
        if project is not None and finding.key in project.spending_plan:
            return f"spending_plan:{finding.key}"
        return "spending_plan"

    def _plan_marks(self, uids=None, changed=None) -> None:
        p = self.project
        if p is None or not p.spending_plan or (uids is not None and p.uid not in uids):
            return
        marks = self.session.marks(p.uid, "spending_plan")
        per_month: dict[str, list] = {m: [] for m in p.spending_plan}
        for f in marks:
            field = self.plan_field_for(f)
            for month in per_month:  # a finding naming no month frames the whole plan
                if field in ("spending_plan", f"spending_plan:{month}"):
                    per_month[month].append(f)
        for month, found in per_month.items():
            w = self.fields.get(f"spending_plan:{month}")
            if w is not None:
                show_mark(w, found)

    def focus_field(self, field: str) -> bool:
        w = self.fields.get(field)
        if w is None and field == "spending_plan":
            w = next((v for k, v in self.fields.items() if k.startswith("spending_plan:")), None)
        if w is None:
            return False
        self.scroll.ensureWidgetVisible(w)
        w.setFocus()
        return True

    def _bind(self, *args) -> None:
        self.bindings.append(FieldBinding(*args))
