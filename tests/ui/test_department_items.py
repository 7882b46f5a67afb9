"""二、分项绩效目标: add, remove, move up and down an item of the department narrative, from the
buttons and from the 部门 menu (shortcuts listed in 帮助 → 快捷键); each one undo step, the list
model stepping its rows (never a reset)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from perfeditor.model import DepartmentItem
from perfeditor.ui import menus
from perfeditor.ui.actions import A
from perfeditor.ui.department_items import DepartmentItemModel
from perfeditor.ui.session import DocumentSession
from tests.ui.conftest import dump_doc


def _titles(doc) -> list[str]:
    return [i.title for i in doc.department.items]


def _open_department(make_window):
    doc = dump_doc("dingzhou_2020.docx")
    window = make_window(doc)
    window.editors.select(window.tree_model.department_index())
    editor = window.editors.department.items_editor
    assert editor is not None
    return doc, window, editor


def test_item_model_contract(qtmodeltester):
    session = DocumentSession(dump_doc("dingzhou_2020.docx"), check=False)
    model = DepartmentItemModel(session)
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0)) == "一、推进城乡建设"
    session.doc.department.items.append(DepartmentItem(title="新增"))
    from perfeditor import editing

    session.apply(editing.ChangeSet([editing.RowsInserted(("items", editing.DEPARTMENT), 7,
                                                          (session.doc.department.items[-1],))]))
    assert model.rowCount() == 8 and model.data(model.index(7)) == "8. 新增"
    qtmodeltester.check(model, force_py=True)


def _names(doc) -> list[str]:
    """The titles without their ordinals (一、)."""
    return [t.split("、", 1)[-1] for t in _titles(doc)]


def _in_order(doc) -> bool:
    from perfeditor.forms.titles import chinese_numeral

    return [t.split("、", 1)[0] for t in _titles(doc)] == [chinese_numeral(n) for n in range(1, len(_titles(doc)) + 1)]


def test_buttons_add_remove_move_each_one_undo_step(make_window, qtbot):
    doc, window, editor = _open_department(make_window)
    s = window.session
    before = doc.model_dump()
    names = _names(doc)
    signals: list[str] = []
    model = editor.model
    model.modelReset.connect(lambda: signals.append("reset"))
    model.rowsInserted.connect(lambda *a: signals.append("inserted"))
    model.rowsRemoved.connect(lambda *a: signals.append("removed"))
    model.rowsMoved.connect(lambda *a: signals.append("moved"))
    window.show()

    editor.select(1)
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)  # after the item chosen
    assert len(doc.department.items) == 8 and doc.department.items[2].title == "三、"  # numbered as the rest
    assert _titles(doc)[3] == "四、安全生产" and _in_order(doc)
    assert editor.current_row() == 2
    title = window.editors.department.fields["item2.title"]
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClicks(title, "xin")  # typed after the number
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert doc.department.items[2].title == "三、xin"
    assert model.data(model.index(2)) == "三、xin"

    qtbot.mouseClick(editor.buttons["up"], Qt.MouseButton.LeftButton)
    assert _titles(doc)[1:3] == ["二、xin", "三、工程质量"] and editor.current_row() == 1
    qtbot.mouseClick(editor.buttons["down"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.buttons["down"], Qt.MouseButton.LeftButton)
    assert _titles(doc)[3] == "四、xin" and editor.current_row() == 3 and _in_order(doc)
    editor.select(0)
    qtbot.mouseClick(editor.buttons["remove"], Qt.MouseButton.LeftButton)
    assert _names(doc) == [names[1], names[2], "xin", *names[3:]] and _in_order(doc)
    assert "reset" not in signals and {"inserted", "removed", "moved"} <= set(signals)
    assert model.rowCount() == len(doc.department.items)
    assert [model.item(r) for r in range(model.rowCount())] == doc.department.items

    steps = s.stack.count()
    assert steps == 6  # add, title, up, down, down, remove: the numbers go with each
    after = doc.model_dump()
    for _ in range(steps):
        s.stack.undo()
    assert doc.model_dump() == before
    assert [model.item(r) for r in range(model.rowCount())] == doc.department.items
    for _ in range(steps):
        s.stack.redo()
    assert doc.model_dump() == after
    s.stack.undo()  # the removal: undo goes to the item put back, its number back too
    assert editor.current_row() == 0 and _titles(doc)[:2] == ["一、推进城乡建设", "二、工程质量"]
    window.hide()


def test_items_without_numbers_keep_their_titles(make_window):
    doc = dump_doc("dingzhou_2020.docx")
    for item in doc.department.items:
        item.title = item.title.split("、", 1)[1]
    window = make_window(doc)
    window.editors.select(window.tree_model.department_index())
    editor = window.editors.department.items_editor
    names = _titles(doc)
    editor.select(0)
    editor.run("down")
    editor.run("add")
    assert _titles(doc) == [names[1], names[0], "", *names[2:]]
    assert editor.model.data(editor.model.index(0)) == f"1. {names[1]}"


def test_typed_text_goes_to_its_own_item_when_a_button_moves_it(make_window, qtbot):
    doc, window, editor = _open_department(make_window)
    window.show()
    editor.select(4)
    goal = window.editors.department.fields["item4.goal"]
    goal.setFocus()
    qtbot.waitUntil(goal.hasFocus)
    goal.moveCursor(goal.textCursor().MoveOperation.End)
    qtbot.keyClicks(goal, "ABC")
    item = doc.department.items[4]
    qtbot.mouseClick(editor.buttons["up"], Qt.MouseButton.LeftButton)  # the button takes no focus
    assert item.goal.endswith("ABC") and doc.department.items[3] is item
    assert not doc.department.items[4].goal.endswith("ABC")
    window.hide()


def test_menu_actions_and_their_shortcuts(make_window, qtbot):
    doc = dump_doc("dingzhou_2020.docx")
    window = make_window(doc)
    window.editors.select(window.tree_model.file_index())
    rows = dict(menus.shortcut_rows(window))
    for aid in (A.ITEM_ADD, A.ITEM_DELETE, A.ITEM_UP, A.ITEM_DOWN):
        key = window.actions_[aid].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert key and key in rows and "分项绩效目标" in rows[key]
    titles = _titles(doc)
    window.actions_[A.ITEM_ADD].trigger()  # from the file's summary: the department is shown first
    assert window.editors.currentWidget() is window.editors.department
    editor = window.editors.department.items_editor
    assert len(doc.department.items) == 8 and editor.current_row() == 1
    window.actions_[A.ITEM_DOWN].trigger()
    assert doc.department.items[2].title == "三、" and editor.current_row() == 2
    assert doc.department.items[1].title == "二、工程质量"
    window.actions_[A.ITEM_UP].trigger()
    window.actions_[A.ITEM_DELETE].trigger()
    assert _titles(doc) == titles
    assert window.session.stack.count() == 4
    for _ in range(4):
        window.session.stack.undo()
    assert _titles(doc) == titles


def test_an_empty_list_and_a_form_without_items(make_window):
    doc = dump_doc("dingzhou_2020.docx")
    doc.department.items = []
    window = make_window(doc)
    window.editors.select(window.tree_model.department_index())
    editor = window.editors.department.items_editor
    assert not editor.buttons["remove"].isEnabled() and editor.model.rowCount() == 0
    editor.run("add")
    assert len(doc.department.items) == 1 and "item0.title" in window.editors.department.fields
    QApplication.processEvents()
    window.session.stack.undo()
    assert doc.department.items == [] and not [k for k in window.editors.department.fields if k.startswith("item")]
    plain = dump_doc("leting_2024.xlsx")  # no department part at all
    other = make_window(plain)
    other.actions_[A.ITEM_ADD].trigger()
    assert plain.department is None


def test_a_finding_on_an_item_shows_that_item(make_window):
    doc, window, editor = _open_department(make_window)
    s = window.session
    from perfeditor.ui.commands import SetField

    item = doc.department.items[5]
    s.stack.push(SetField(s, item, "goal", "", None))
    f = next(f for f in s.findings if f.part == "items" and f.item_index == 5)
    editor.select(0)
    window.editors.select(window.tree_model.file_index())
    window.editors.go_to_finding(f)
    assert window.editors.currentWidget() is window.editors.department
    assert editor.current_row() == 5
    goal = window.editors.department.fields["item5.goal"]
    assert goal.property("mark") in ("warning", "error")
    model = editor.model
    assert model.data(model.index(5), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0), Qt.ItemDataRole.BackgroundRole) is None


def test_the_table_form_moves_tasks_and_indicators_with_buttons(make_window, qtbot):
    from PySide6.QtWidgets import QPushButton

    from tests.ui.test_department import _table_doc

    doc = _table_doc()
    window = make_window(doc)
    window.editors.select(window.tree_model.department_index())
    form = window.editors.department
    buttons = {b.text(): b for b in form.findChildren(QPushButton)}
    assert {"上移任务", "下移任务", "上移指标", "下移指标"} <= set(buttons)
    before = doc.model_dump()
    tasks = form.task_table
    tasks.setCurrentIndex(tasks.model().index(0, 0))
    qtbot.mouseClick(buttons["下移任务"], Qt.MouseButton.LeftButton)
    assert [t.name for t in doc.department.tasks] == ["市政维护", "老旧小区改造"]
    table = form.indicator_table
    table.setCurrentIndex(table.model().index(1, 2))
    qtbot.mouseClick(buttons["上移指标"], Qt.MouseButton.LeftButton)
    assert doc.department.indicators[0].level3 == "群众满意度"
    window.session.stack.undo()
    window.session.stack.undo()
    assert doc.model_dump() == before
