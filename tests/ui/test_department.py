"""The department part and the spending plan carry marks like every other field; the national
table form (部门整体支出绩效目标申报表) is editable: tasks, budget, indicators."""
from __future__ import annotations

from PySide6.QtCore import Qt

from perfeditor.model import Budget, Department, DepartmentTask, Indicator
from perfeditor.ui.department_tables import DepartmentIndicatorModel, DepartmentTaskModel
from perfeditor.ui.session import DocumentSession
from tests.ui.conftest import dump_doc


def _table_department() -> Department:
    return Department(
        form="table", name="某县住房和城乡建设局", overall="完成年度城乡建设任务",
        tasks=[DepartmentTask(name="老旧小区改造", content="改造12个小区", total="300", fiscal="300", other=""),
               DepartmentTask(name="市政维护", content="道路养护", total="200", fiscal="150", other="50")],
        budget=Budget(total="500", fiscal="450", other="50"),
        indicators=[Indicator(level1="产出指标", level2="数量指标", level3="改造小区数量", value="12个"),
                    Indicator(level1="满意度指标", level2="服务对象满意度指标", level3="群众满意度", value="≥90%")])


def _table_doc():
    doc = dump_doc("leting_2024.xlsx")
    doc.department = _table_department()
    return doc


def _problem_row(window, pred) -> int:
    model = window.problems.model
    return next(r for r in range(model.rowCount()) if pred(model.finding(r)))


def test_department_text_marked_and_reached_from_dock(make_window):
    window = make_window(dump_doc("dingzhou_2020.docx"))
    editors = window.editors
    editors.select(window.tree_model.department_index())
    overall = editors.department.fields["overall"]
    assert overall.property("mark") in ("", None)
    overall.setPlainText("")
    overall.setFocus()
    editors.department.bindings[0].commit()
    assert overall.property("mark") == "error"
    assert "总体绩效目标" in overall.toolTip()
    row = _problem_row(window, lambda f: f.rule == "department.overall")
    editors.select(window.tree_model.file_index())
    window.problems.activated.emit(window.problems.model.finding(row))
    assert editors.currentWidget() is editors.department
    window.session.stack.undo()
    assert overall.property("mark") == "" and overall.toPlainText()


def test_department_item_goal_marked(make_window):
    doc = dump_doc("dingzhou_2020.docx")
    window = make_window(doc)
    window.editors.select(window.tree_model.department_index())
    item = doc.department.items[0]
    from perfeditor.ui.commands import SetField

    s = window.session
    s.stack.push(SetField(s, item, "goal", "", None))
    s.stack.push(SetField(s, item, "indicator", "", None))
    goal = window.editors.department.fields["item0.goal"]
    assert goal.property("mark") == "warning" and item.title.strip() in goal.toolTip()


def test_spending_plan_month_marked_and_reached(make_window):
    doc = dump_doc("leting_2024.xlsx")
    window = make_window(doc)
    project = doc.projects[0]
    window.editors.select(window.tree_model.project_index(project))
    form = window.editors.project
    w = form.fields["spending_plan:6月底"]
    assert w.property("mark") in ("", None)
    w.setText("abc")
    w.editingFinished.emit()
    assert project.spending_plan["6月底"] == "abc"
    assert w.property("mark") == "error" and "6月底" in w.toolTip()
    assert form.fields["spending_plan:3月底"].property("mark") in ("", None)
    f = next(f for f in window.session.project_findings(project) if f.field == "spending_plan")
    window.editors.select(window.tree_model.file_index())
    window.editors.go_to_finding(f)
    assert window.editors.currentWidget() is form
    assert form.plan_field_for(f) == "spending_plan:6月底"
    window.session.stack.undo()
    assert w.text() == "50%" and w.property("mark") == ""


def test_department_table_models_contract(qtmodeltester):
    session = DocumentSession(_table_doc())
    tasks = DepartmentTaskModel(session)
    qtmodeltester.check(tasks, force_py=True)
    indicators = DepartmentIndicatorModel(session, session.doc.department)
    qtmodeltester.check(indicators, force_py=True)
    assert [indicators.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == \
        ["一级指标", "二级指标", "三级指标", "指标值"]
    assert tasks.data(tasks.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) is not None


def test_department_table_form_editable(make_window):
    doc = _table_doc()
    window = make_window(doc)
    s = window.session
    editors = window.editors
    editors.select(window.tree_model.department_index())
    form = editors.department
    dep = doc.department
    assert form.task_table.isVisibleTo(form) and form.indicator_table.isVisibleTo(form)
    tasks = form.task_table.task_model()
    # a task cell: one undo step; amounts that do not add up mark the row
    assert tasks.setData(tasks.index(1, 3), "100")
    assert dep.tasks[1].fiscal == "100"
    assert tasks.data(tasks.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "市政维护" in tasks.data(tasks.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    s.stack.undo()
    assert dep.tasks[1].fiscal == "150"
    assert tasks.data(tasks.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None
    # rows: add, delete, each one step
    form.task_table.append_row()
    assert len(dep.tasks) == 3
    form.task_table.setCurrentIndex(tasks.index(0, 0))
    form.task_table.delete_rows()
    assert [t.name for t in dep.tasks] == ["市政维护", ""]
    s.stack.undo()
    s.stack.undo()
    assert [t.name for t in dep.tasks] == ["老旧小区改造", "市政维护"]
    # budget fields are bound and marked
    total = form.fields["budget.total"]
    total.setText("600")
    total.editingFinished.emit()
    assert dep.budget.total == "600" and total.property("mark") == "error"
    s.stack.undo()
    assert total.text() == "500" and total.property("mark") == ""
    # indicators: edit a value, insert a row, all undoable
    model = form.indicator_table.table_model()
    assert model.setData(model.index(0, 3), "")
    assert model.data(model.index(0, 3), Qt.ItemDataRole.BackgroundRole) is not None
    form.indicator_table.setCurrentIndex(model.index(0, 0))
    form.indicator_table.insert_row()
    assert len(dep.indicators) == 3 and dep.indicators[0].level3 == ""
    while s.stack.canUndo():
        s.stack.undo()
    assert [i.value for i in dep.indicators] == ["12个", "≥90%"]
    assert s.stack.isClean()


def test_department_findings_go_to_task_and_indicator(make_window):
    doc = _table_doc()
    doc.department.tasks[1].fiscal = "10"
    doc.department.indicators[1].value = ""
    window = make_window(doc)
    editors = window.editors
    form = editors.department
    task_f = next(f for f in window.session.doc_findings if "市政维护" in f.message)
    value_f = next(f for f in window.session.doc_findings if "群众满意度" in f.message)
    editors.go_to_finding(task_f)
    assert editors.currentWidget() is form and form.task_table.currentIndex().row() == 1
    editors.go_to_finding(value_f)
    idx = form.indicator_table.currentIndex()
    assert idx.row() == 1 and form.indicator_table.table_model().columns[idx.column()] == "value"


def test_real_department_table_file_edit_save_reopen(window, tmp_path):
    """The national form read from a real .xlsx: edit a task and an indicator, save, read back."""
    import shutil
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "fixtures" / "xlsx" / "department_table.xlsx"
    target = tmp_path / "department_table.xlsx"
    shutil.copy(source, target)
    assert window.open_path(str(target)), window.dialogs.calls
    dep = window.session.doc.department
    assert dep is not None and dep.form == "table" and dep.tasks and dep.indicators
    window.editors.select(window.tree_model.department_index())
    form = window.editors.department
    tasks = form.task_table.task_model()
    assert tasks.rowCount() == len(dep.tasks)
    tasks.setData(tasks.index(0, 1), "改过的主要内容")
    model = form.indicator_table.table_model()
    model.setData(model.index(0, 3), "≥77%")
    window.dialogs.calls.clear()
    assert window.save()
    assert window.dialogs.calls == []  # saved in place: nothing of the workbook to ask about
    from perfeditor.io import load_document

    again = load_document(str(target)).department
    assert again.tasks[0].content == "改过的主要内容"
    assert again.indicators[0].value == "≥77%"
