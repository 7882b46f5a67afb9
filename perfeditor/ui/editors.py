"""The right-hand side: the editor of the node selected in the tree (a QStackedWidget)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QTreeView, QVBoxLayout, QWidget

from perfeditor.model import Indicator, Project
from perfeditor.ui.department_form import DepartmentForm
from perfeditor.ui.field_widgets import bold_font
from perfeditor.ui.files import layout_title
from perfeditor.ui.indicator_model import IndicatorTableModel
from perfeditor.ui.indicator_view import IndicatorTable
from perfeditor.ui.project_form import ProjectForm
from perfeditor.ui.session import DEPARTMENT_UID, DocumentSession
from perfeditor.ui.tree_model import DocumentTreeModel


class LevelPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setContentsMargins(4, 4, 4, 4)
        self.title.setFont(bold_font())
        self.table = IndicatorTable()
        lay.addWidget(self.title)
        lay.addWidget(self.table)


class EditorStack(QStackedWidget):
    def __init__(self, session: DocumentSession, tree: QTreeView, model: DocumentTreeModel, parent=None):
        super().__init__(parent)
        self.session, self.tree, self.model = session, tree, model
        self.summary = QLabel()
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(16, 16, 16, 16)
        self.department = DepartmentForm(session)
        self.project = ProjectForm(session)
        self.level = LevelPage()
        for w in (self.summary, self.department, self.project, self.level):
            self.addWidget(w)
        tree.selectionModel().currentChanged.connect(self.show_index)
        session.findingsChanged.connect(self._update_summary)

    def tables(self) -> list[IndicatorTable]:
        return [self.project.table, self.level.table] + self.department.tables()

    def current_table(self) -> IndicatorTable | None:
        w = self.currentWidget()
        if w is self.department and self.session.doc.department is not None \
                and self.session.doc.department.form == "table":
            focus = QApplication.focusWidget()
            tasks = self.department.task_table
            if focus is not None and (focus is tasks or tasks.isAncestorOf(focus)):
                return tasks
            return self.department.indicator_table
        if w is self.project:
            return self.project.table
        if w is self.level:
            return self.level.table
        return None

    def _update_summary(self, *_):
        if self.currentWidget() is self.summary:
            self.show_index(self.tree.currentIndex())

    def show_index(self, index, _previous=None) -> None:
        node = self.model.node(index)
        if node is None or node.kind == "file":
            doc = self.session.doc
            e, w, i = self.session.counts()
            check = f"审核：错误 {e} 个，警告 {w} 个，提示 {i} 个。" if self.session.validator else \
                ("正在审核……" if self.session.pending else "审核规则尚不可用。")
            self.summary.setText(
                f"<h3>{self.model._title(node) if node else '未打开文件'}</h3>"
                f"<p>版式：{layout_title(doc.layout, doc)}　项目 {len(doc.projects)} 个"
                f"{'　含部门整体绩效目标' if doc.department is not None else ''}</p><p>{check}</p>"
                "<p>在左侧选择部门整体绩效目标、项目或指标层级进行编辑。</p>")
            self.setCurrentWidget(self.summary)
        elif node.kind == "department":
            self.department.refresh()
            self.setCurrentWidget(self.department)
        elif node.kind == "project":
            project = self.model.project_of(index)
            if project is not None:
                self.project.set_project(project)
                self.setCurrentWidget(self.project)
        else:
            project = self.model.project_of(index)
            if project is None:
                return
            level2 = node.level2 if node.kind == "level2" else None
            self.level.table.set_table_model(IndicatorTableModel(self.session, project, node.level1, level2))
            self.level.title.setText(" › ".join(x for x in (project.name, node.level1 or "（未填）",
                                                             level2) if x is not None))
            self.setCurrentWidget(self.level)

    def select(self, index) -> None:
        if index.isValid():
            parent = index.parent()
            while parent.isValid():
                self.tree.expand(parent)
                parent = parent.parent()
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.tree.scrollTo(index)

    def go_to(self, project: Project | None, obj, field: str) -> None:
        """Show ``obj``'s ``field`` (a project, an indicator, or a department text)."""
        if project is None:
            self.select(self.model.department_index())
            if isinstance(obj, Indicator):
                self.department.focus_key(obj.uid, field)
                return
            key = field
            for n, item in enumerate(getattr(self.session.doc.department, "items", [])):
                if item is obj:
                    key = f"item{n}.{field}"
            for n, task in enumerate(getattr(self.session.doc.department, "tasks", [])):
                if task is obj:
                    key = f"task{n}"
            self.department.focus_key(DEPARTMENT_UID, key, field)
            return
        level = self.level.table.table_model()
        if self.currentWidget() is self.level and isinstance(obj, Indicator) and level is not None \
                and level.project is project and level.row_of_uid(obj.uid) is not None:
            self.level.table.select_uid_cell(obj.uid, field)  # still visible where the clerk is
            self.level.table.setFocus()
            return
        self.select(self.model.project_index(project))
        if isinstance(obj, Indicator):
            self.project.table.select_uid_cell(obj.uid, field)
            self.project.table.setFocus()
        else:
            self.project.focus_field(field)

    def go_to_finding(self, f) -> None:
        doc = self.session.doc
        project = self.session.project_by_uid(f.project_uid) if f.project_uid is not None else None
        if project is None and f.project_index is not None and 0 <= f.project_index < len(doc.projects):
            project = doc.projects[f.project_index]
        if project is None:
            self.select(self.model.department_index())
            for uid, key in self.session.department_keys(f):
                self.department.focus_key(uid, key)
            return
        field = f.field or ""
        ind = next((i for i in project.indicators if i.uid == f.indicator_uid), None) \
            if f.indicator_uid is not None else None
        if ind is None and f.indicator_index is not None and 0 <= f.indicator_index < len(project.indicators):
            ind = project.indicators[f.indicator_index]
        if ind is not None:
            if field == "grades":
                field = "grade:优"
            self.go_to(project, ind, field)
        elif field == "spending_plan":
            self.select(self.model.project_index(project))
            self.project.focus_field(self.project.plan_field_for(f))
        else:
            self.go_to(project, project, field)
