"""项目→从往年文件复制 and 文件→比较 in the window."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from perfeditor.io import load_document, save_document
from perfeditor.model import dump_document
from perfeditor.ui.actions import A
from perfeditor.ui.compare_view import CompareDialog, segments_html
from perfeditor.ui.last_year import _FIRST_PART_COLUMN, LastYearDialog, copy_from_last_year
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES
from tests.ui.authoring_helpers import activate

LAST = PUBLIC_FIXTURES / "leting_2024.xlsx"


def _open_this_year(window, tmp_path):
    target = tmp_path / "leting_2025.docx"
    shutil.copy(OWN_FIXTURES / "last_year" / "leting_2025.docx", target)
    assert window.open_path(str(target))
    return target


def _toggle(qtbot, dialog: LastYearDialog, row: int, part_column: int) -> None:
    """Space on the cell of a part un-ticks or ticks it, as the clerk would."""
    tree = dialog.tree
    index = tree.model().index(row, _FIRST_PART_COLUMN + part_column)
    tree.setCurrentIndex(index)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Space)


def test_copy_exactly_the_ticked_parts_in_one_undo_step(window, dialogs, tmp_path, qtbot):
    _open_this_year(window, tmp_path)
    activate(qtbot, window)
    s = window.session
    before = dump_document(s.doc)
    old = load_document(LAST)
    dialogs.open_path = str(LAST)
    seen = {}

    def choose(dialog):
        ModelTester(None).check(dialog.tree.model())
        seen["rows"] = [(it.text(0), it.text(1), it.text(2)) for it in dialog.items()]
        dialog.set_all(False)
        _toggle(qtbot, dialog, 0, 0)  # project 1: goals
        _toggle(qtbot, dialog, 1, 1)  # project 2: indicators
        _toggle(qtbot, dialog, 4, 0)  # project 5 (matched by name): goals …
        _toggle(qtbot, dialog, 4, 2)  # … and plan
        assert dialog.selection() == [(0, 0, {"goals"}), (1, 1, {"indicators"}), (4, 4, {"goals", "plan"})]
        return True

    steps = s.stack.count()
    window.actions_[A.COPY_LAST_YEAR].setEnabled(True)
    assert copy_from_last_year(window, choose=choose)
    assert seen["rows"][4][2] == "项目名称相同" and seen["rows"][0][2] == "项目编码相同"
    assert s.stack.count() == steps + 1
    p = s.doc.projects
    assert p[0].goals == old.projects[0].goals  # 支付2019年…: not last year's budget year, stays
    assert [i.level3 for i in p[0].indicators] == [i.level3 for i in load_document(s.doc.path).projects[0].indicators]
    assert [i.level3 for i in p[1].indicators] == [i.level3 for i in old.projects[1].indicators]
    assert p[1].goals == ""
    assert list(p[4].spending_plan.values()) == list(old.projects[4].spending_plan.values())
    assert p[2].goals == "" and p[3].goals == "" and p[5].goals == ""
    review = window.review_dialog
    assert review.changes and all(c.kind == "changed" for c in review.changes)
    assert not [c for c in review.changes if c.field == "goals"]  # their years (2019, 2023) are not 2024
    deadlines = [c for c in review.changes if c.field == "value"]
    assert deadlines and all(c.project_a == 1 and "2024年" in c.old and "2025年" in c.new for c in deadlines)
    assert len(review.changes) == sum("2024年" in i.value for i in old.projects[1].indicators)
    activate(qtbot, review)
    for _ in range(len(review.items)):
        qtbot.keyClick(review, Qt.Key.Key_F8)
    last = review.changes[review.items[-1].data(0, Qt.ItemDataRole.UserRole)]
    table = window.editors.project.table
    assert table.table_model().project is p[last.project_a]
    assert table.table_model().indicator(table.currentIndex().row()) is p[1].indicators[last.indicator_a]
    review.close()
    s.stack.undo()
    assert dump_document(s.doc) == before


def test_the_dialog_ticks_what_last_year_has(window, tmp_path, qtbot):
    _open_this_year(window, tmp_path)
    dialog = LastYearDialog(window.session.doc, load_document(LAST), LAST.name, window)
    qtbot.addWidget(dialog)
    rows = dialog.items()
    assert len(rows) == len(load_document(LAST).projects) + 1
    assert rows[0].checkState(_FIRST_PART_COLUMN) == Qt.CheckState.Checked
    # this year's project that last year lacks: nothing to copy into it
    unmatched = [r for r in rows if r.text(1) == "（往年无对应项目）"]
    assert unmatched and all(not (r.flags() & Qt.ItemFlag.ItemIsEnabled) for r in unmatched)
    # last year's projects that this year lacks: offered as new projects, not ticked
    offered = [r for r in rows if r.text(0) == "新增项目"]
    assert len(offered) == len(rows) - len(window.session.doc.projects) and all(r.text(2) == "本年无此项目" for r in offered)
    assert all(r.flags() & Qt.ItemFlag.ItemIsEnabled and r.checkState(0) == Qt.CheckState.Unchecked for r in offered)
    dialog.tree.setCurrentItem(rows[0])
    assert "2025年" in dialog.preview.toPlainText() or "2019年" in dialog.preview.toPlainText()
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert dialog.selection() == []
    dialog.close()


def test_compare_a_file_with_itself_shows_no_difference(window, dialogs, tmp_path, qtbot):
    target = _open_this_year(window, tmp_path)
    dialogs.open_path = str(target)
    window.actions_[A.COMPARE].trigger()
    dialog = window.compare_dialog
    assert isinstance(dialog, CompareDialog) and dialog.changes == [] and dialog.tree.topLevelItemCount() == 0
    assert "内容相同" in dialog.summary.text()
    dialog.close()


def test_compare_shows_one_changed_value_and_jumps_to_it(window, dialogs, tmp_path, qtbot):
    source = PUBLIC_FIXTURES / "dingzhou_2020.docx"
    target = tmp_path / "mine.docx"
    shutil.copy(source, target)
    window.open_path(str(target))
    activate(qtbot, window)
    other = load_document(source)
    other.projects[3].indicators[2].value = "≥99%"
    theirs = tmp_path / "returned.docx"
    save_document(other, theirs)
    dialogs.open_path = str(theirs)
    window.actions_[A.COMPARE].trigger()
    dialog = window.compare_dialog
    assert len(dialog.changes) == 1 and dialog.changes[0].new == "≥99%"
    assert len(dialog.items) == 1 and dialog.items[0].text(1) == "指标值"
    activate(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F8)
    mine = window.session.doc.projects[3]
    assert window.editors.currentWidget() is window.editors.project
    table = window.editors.project.table
    current = table.currentIndex()
    assert table.table_model().indicator(current.row()) is mine.indicators[2]
    assert table.table_model().columns[current.column()] == "value"
    html = dialog.detail.toHtml()
    assert "99" in html and "#c8e6c9" in html
    dialog.close()


def test_changed_text_is_marked():
    old, new = segments_html("≥90%", "≥95%")
    assert "line-through" in old and ">0<" in old
    assert "#c8e6c9" in new and ">5<" in new


def test_each_row_says_where_and_what_once(window):
    """A changed project field read 资金用途 | 资金用途, and a changed field of an indicator whose
    name differs too read 三级指标 | 三级指标, not which indicator (found by the tour): the place
    names the indicator by its number, and 差异 says 修改 where the place is the field itself."""
    from perfeditor.compare import Change

    changes = [Change("changed", "field", "甲", None, "purpose", "资金用途", "用于支付", "", project_a=0),
               Change("changed", "field", "甲", None, "level3", "三级指标", "面积", "户数", project_a=0,
                      indicator_a=2),
               Change("changed", "field", "甲", "户数", "value", "指标值", "1", "2", project_a=0, indicator_a=2)]
    dialog = CompareDialog(window, changes, "比较", "")
    assert [(it.text(0), it.text(1)) for it in dialog.items] == [
        ("资金用途", "修改"), ("第 3 项指标", "三级指标"), ("指标“户数”", "指标值")]
    dialog.close()


def test_a_changed_value_the_other_file_lacks_says_empty(window, dialogs, tmp_path, qtbot):
    """Last year's form against this year's blank one: every 修改 row's 对比文件 column was blank, as if
    the list had lost the value; the other file has nothing there (its goals, plan and indicators
    are to be filled in), and the row now says （空）."""
    mine = tmp_path / "leting_2024.xlsx"
    shutil.copy(LAST, mine)
    assert window.open_path(str(mine))
    activate(qtbot, window)
    dialogs.open_path = str(OWN_FIXTURES / "last_year" / "leting_2025.docx")
    window.actions_[A.COMPARE].trigger()
    dialog = window.compare_dialog
    changed = [(c, it) for c, it in zip(dialog.changes, dialog.items, strict=True) if c.kind == "changed"]
    blank = [it for c, it in changed if c.new == ""]
    assert len(blank) == len(changed) - 2  # (all but project 5's 标题 and 项目名称, its year moved on)
    assert all(it.text(3) == "（空）" and it.text(2) not in ("", "（空）") for it in blank)
    assert [it.text(3) for c, it in changed if c.new] == [c.new for c, _ in changed if c.new]
    activate(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F8)
    assert dialog.changes[dialog.position].kind == "changed" and "（空）" in dialog.detail.toPlainText()
    dialog.close()


def test_enter_on_a_difference_stays_on_it(window, dialogs, tmp_path, qtbot):
    """Enter in the list of differences pressed 上一处 (the dialog's first button, its default):
    the list went back one difference and the window with it."""
    _open_this_year(window, tmp_path)
    dialogs.open_path = str(LAST)
    window.actions_[A.COMPARE].trigger()
    dialog = window.compare_dialog
    activate(qtbot, dialog)
    for _ in range(3):
        qtbot.keyClick(dialog.tree, Qt.Key.Key_F8)
    assert dialog.position == 2
    dialog.tree.setFocus()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    assert dialog.position == 2 and dialog.tree.currentItem() is dialog.items[2] and dialog.isVisible()
    dialog.close()


def test_the_preview_names_the_indicator_table(window, tmp_path, qtbot):
    """The preview's indicator table stood under 资金支出计划 unnamed, as if it were the plan."""
    _open_this_year(window, tmp_path)
    old = load_document(LAST)
    dialog = LastYearDialog(window.session.doc, old, LAST.name, window)
    qtbot.addWidget(dialog)
    dialog.tree.setCurrentItem(dialog.items()[1])
    text = dialog.preview.toPlainText()
    count = len(old.projects[1].indicators)
    assert text.index("资金支出计划") < text.index(f"绩效指标（{count} 项）") < text.index("一级指标")


def test_the_ticks_are_reached_with_the_arrow_keys(window, tmp_path, qtbot):
    """← → moved nothing (the caret stayed in 本年项目, the row selected): a clerk at the keyboard
    could only 全选 or 全不选. → now goes cell by cell to the ticks, and Space ticks or unticks."""
    _open_this_year(window, tmp_path)
    dialog = LastYearDialog(window.session.doc, load_document(LAST), LAST.name, window)
    dialog.show()
    activate(qtbot, dialog)
    tree = dialog.tree
    assert tree.hasFocus() and tree.currentIndex().column() == 0
    for _ in range(_FIRST_PART_COLUMN + 1):
        qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.currentIndex().column() == _FIRST_PART_COLUMN + 1
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert dialog.items()[0].checkState(_FIRST_PART_COLUMN + 1) == Qt.CheckState.Unchecked
    assert dialog.items()[0].checkState(_FIRST_PART_COLUMN) == Qt.CheckState.Checked
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Left)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert dialog.items()[1].checkState(_FIRST_PART_COLUMN) == Qt.CheckState.Unchecked
    dialog.close()
