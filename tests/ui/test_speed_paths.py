"""The window's fast paths keep the same results as the slow ones: the first check deferred past
the first paint, the problems list patched per project, marks repainted only where they changed."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from perfeditor.ui.commands import SetField
from perfeditor.ui.problems import ProblemsModel, _sort_key
from perfeditor.ui.session import DocumentSession
from tests.ui.conftest import dump_doc, fixture_path


def test_shown_window_checks_after_first_paint(window, qtbot, tmp_path):
    target = tmp_path / "dingzhou_2020.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), target)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(str(target))
    s = window.session
    assert s.pending and not s.findings
    assert "正在审核" in window.status_counts.text()
    qtbot.waitUntil(lambda: not s.pending, timeout=3000)
    assert s.findings and "错误" in window.status_counts.text()
    assert window.problems.model.rowCount() == len(s.findings)


def test_hidden_window_checks_at_once(window, tmp_path):
    target = tmp_path / "leting_2024.xlsx"
    shutil.copy(fixture_path("leting_2024.xlsx"), target)
    assert window.open_path(str(target))
    assert not window.session.pending and window.session.findings


def test_edit_before_first_check_runs_it():
    session = DocumentSession(dump_doc("dingzhou_2020.docx"), check=False)
    assert session.pending and session.validator is None
    project = session.doc.projects[0]
    session.stack.push(SetField(session, project.indicators[0], "value", "", project))
    assert not session.pending
    assert session.marks(project.indicators[0].uid, "value")


def test_problems_patched_per_project_equal_a_full_sort(qtmodeltester):
    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
    model = ProblemsModel(session)
    qtmodeltester.check(model, force_py=True)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    doc = session.doc
    for n, project in enumerate(doc.projects[:4]):
        for ind in project.indicators[:3]:
            session.stack.push(SetField(session, ind, "value", "" if n % 2 == 0 else "无法识别？？", project))
        session.stack.push(SetField(session, project, "budget.total", "abc", project))
        assert model.items == sorted(session.findings, key=_sort_key)
    while session.stack.canUndo():
        session.stack.undo()
        assert model.items == sorted(session.findings, key=_sort_key)
    assert not resets  # edits never reset the whole list


def test_unchanged_findings_send_no_update():
    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
    project = session.doc.projects[0]
    seen = []
    session.findingsChanged.connect(lambda uids, changed: seen.append(uids))
    # a description edit that changes no finding: nothing to repaint
    session.stack.push(SetField(session, project.indicators[0], "note", "备注", project))
    assert seen == []
    session.stack.push(SetField(session, project.indicators[0], "value", "", project))
    assert seen == [[project.uid]]


def test_only_changed_rows_repainted():
    from perfeditor.ui.indicator_model import IndicatorTableModel

    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
    project = session.doc.projects[0]
    model = IndicatorTableModel(session, project)
    def marks():
        return [sorted(f.message for c in model.columns for f in session.marks(i.uid, c))
                for i in project.indicators]

    before = marks()
    rows = set()
    model.dataChanged.connect(lambda a, b: rows.update(range(a.row(), b.row() + 1)))
    session.stack.push(SetField(session, project.indicators[2], "value", "", project))
    after = marks()
    differ = {r for r, (a, b) in enumerate(zip(before, after, strict=False)) if a != b}
    assert 2 in differ and rows == differ | {2}
    assert len(rows) < len(project.indicators)


class _PaintCount:
    """Counts the paint events ``widget`` gets."""

    def __init__(self, widget):
        from PySide6.QtCore import QEvent, QObject

        self.count = 0
        outer = self

        class Filter(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    outer.count += 1
                return False

        self.widget, self.filter = widget, Filter()
        widget.installEventFilter(self.filter)

    def remove(self):
        self.widget.removeEventFilter(self.filter)


def test_row_edits_repaint_the_table_once(window, qtbot):
    """Inserting, removing a row and its undo repaint the indicator table and the problems list
    once each (Qt's zero-timer layout after a row change would repaint them a second time)."""
    from perfeditor.model import Indicator

    doc = dump_doc("dingzhou_2020.docx")
    # rows enough for the scroll bar to show before and after (its showing changes the layout)
    doc.projects[0].indicators += [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{n}", value="1个")
                                   for n in range(40)]
    window.set_document(doc, None)
    window.show()
    qtbot.waitExposed(window)
    window.editors.select(window.tree_model.project_index(doc.projects[0]))
    table = window.editors.project.table
    model = table.table_model()
    rows = model.rowCount()
    table.go(model.index(1, 2))
    qtbot.wait(50)
    for action in (table.insert_row, table.delete_rows, window.session.stack.undo):
        paints = _PaintCount(table.viewport())
        problems = _PaintCount(window.problems.view.viewport())
        action()
        qtbot.wait(50)
        paints.remove()
        problems.remove()
        assert paints.count == 1, action
        assert problems.count <= 1, action
    assert model.rowCount() == rows + 1  # inserted, removed, put back by the undo


def test_inserted_rows_fitted_to_their_text(window, qtbot):
    """A row inserted (here a copy of a wrapped one) is as high as its text, and the table's
    scroll range knows it by the next repaint."""
    from PySide6.QtWidgets import QApplication

    from perfeditor.model import Indicator

    doc = dump_doc("dingzhou_2020.docx")
    project = doc.projects[0]
    project.indicators[0].description = "很长的指标描述，" * 30
    project.indicators += [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{n}", value="1个")
                           for n in range(40)]
    window.set_document(doc, None)
    window.show()
    qtbot.waitExposed(window)
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.project.table
    model = table.table_model()
    high = table.rowHeight(0)
    assert high > table.verticalHeader().defaultSectionSize()
    table.go(model.index(0, 0))
    table.duplicate_rows()
    assert model.indicator(1).description == project.indicators[0].description
    assert table.rowHeight(1) == high
    QApplication.processEvents()  # the layout runs before the repaint, not within the edit
    scroll = table.verticalScrollBar()
    shown = (scroll.maximum(), scroll.pageStep())
    table.doItemsLayout()  # Qt's own layout of the table as it is now
    assert (scroll.maximum(), scroll.pageStep()) == shown


def test_row_numbers_as_wide_as_qt_measures_them(qtbot):
    """The row header measures a few row numbers, not all, for its width: the same width."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView

    from perfeditor.model import Indicator
    from perfeditor.ui.commands import InsertIndicators
    from perfeditor.ui.indicator_model import IndicatorTableModel
    from perfeditor.ui.indicator_view import IndicatorTable

    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
    project = session.doc.projects[0]
    table = IndicatorTable()
    qtbot.addWidget(table)
    model = IndicatorTableModel(session, project)
    table.set_table_model(model)
    plain = QHeaderView(Qt.Orientation.Vertical)
    qtbot.addWidget(plain)
    plain.setModel(model)
    for count in (0, 5, 120, 1200):
        more = count - model.rowCount()
        if more > 0:
            session.stack.push(InsertIndicators(session, project, 0, [Indicator() for _ in range(more)]))
        assert model.rowCount() == max(count, model.rowCount())
        assert table.verticalHeader().sizeHint() == plain.sizeHint()
    header = table.verticalHeader()
    assert header.sectionsClickable() and header.highlightSections()  # as QTableView's own


def test_row_insert_asks_few_row_numbers(window, qtbot):
    """Inserting a row in a long table asks the model for a few row numbers (their width), not
    for every row's (a Python call each)."""
    from perfeditor.model import Indicator
    from perfeditor.ui.indicator_model import IndicatorTableModel

    asked = []

    class Counting(IndicatorTableModel):
        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
            if orientation == Qt.Orientation.Vertical:
                asked.append(section)
            return super().headerData(section, orientation, role)

    doc = dump_doc("dingzhou_2020.docx")
    project = doc.projects[0]
    project.indicators += [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{n}", value="1个")
                           for n in range(200 - len(project.indicators))]
    window.set_document(doc, None)
    window.show()
    qtbot.waitExposed(window)
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.project.table
    table.set_table_model(Counting(window.session, project))
    table.go(table.model().index(50, 2))
    qtbot.wait(20)
    asked.clear()
    table.insert_row()
    qtbot.wait(20)
    assert 0 < len(set(asked)) <= 60


def _tree_shown(model) -> dict:
    """Every node of the tree (levels included) → what it shows: text, tooltip, colour."""
    shown = {}

    def walk(parent):
        for row in range(model.rowCount(parent)):
            idx = model.index(row, 0, parent)
            brush = idx.data(Qt.ItemDataRole.ForegroundRole)
            shown[model.node(idx).key] = (idx.data(), idx.data(Qt.ItemDataRole.ToolTipRole),
                                          brush.color().name() if brush is not None else None)
            walk(idx)

    walk(model.index(0, 0))  # the file node's children
    shown[model.node(model.index(0, 0)).key] = model.index(0, 0).data()
    return shown


def test_tree_notified_wherever_its_badges_change():
    """Random edits (values, levels, rows inserted, removed, moved, undone): every tree node whose
    badge, tooltip or colour changed was told (dataChanged), though only the levels holding a row
    whose marks changed are told."""
    import random

    from perfeditor.model import Indicator
    from perfeditor.ui.commands import InsertIndicators, MoveIndicators, RemoveIndicators
    from perfeditor.ui.tree_model import DocumentTreeModel

    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
    model = DocumentTreeModel(session)
    told: set = set()

    def on_changed(a, b):
        for row in range(a.row(), b.row() + 1):
            told.add(model.node(model.index(row, 0, a.parent())).key)

    model.dataChanged.connect(on_changed)
    rng = random.Random(11)
    projects = session.doc.projects[:3]
    labels = sorted({(i.level1, i.level2) for p in projects for i in p.indicators})
    for step in range(120):
        before = _tree_shown(model)
        told.clear()
        project = rng.choice(projects)
        n = len(project.indicators)
        op = rng.randrange(7)
        if op == 0 and n:
            ind = rng.choice(project.indicators)
            session.stack.push(SetField(session, ind, "value", rng.choice(["", "≥1个", "无法识别？？", "100%"]), project))
        elif op == 1 and n:
            ind = rng.choice(project.indicators)
            l1, l2 = rng.choice(labels)
            session.stack.push(SetField(session, ind, rng.choice(["level1", "level2"]),
                                        l1 if rng.random() < 0.5 else l2, project))
        elif op == 2:
            l1, l2 = rng.choice(labels + [("", "")])
            session.stack.push(InsertIndicators(session, project, rng.randint(0, n),
                                                [Indicator(level1=l1, level2=l2)]))
        elif op == 3 and n > 1:
            session.stack.push(RemoveIndicators(session, project, [rng.randrange(n)]))
        elif op == 4 and n > 2:
            session.stack.push(MoveIndicators(session, project, [rng.randrange(n)], rng.randint(0, n)))
        elif session.stack.canUndo():
            session.stack.undo()
        after = _tree_shown(model)
        stale = {key for key, shown in after.items() if key in before and before[key] != shown
                 and key not in told}
        assert not stale, (step, op, stale)


def _marks_of(session) -> dict:
    return {key: sorted((f.severity, f.rule, f.message, f.indicator_index) for f in found)
            for key, found in session.cell_marks.items() if found}


def test_marks_after_random_edits_equal_a_full_check():
    """Marks kept up to date edit by edit (one project re-checked, texts' words remembered) are
    the marks a full check of the document gives."""
    import random

    from perfeditor.model import Indicator
    from perfeditor.ui.commands import InsertIndicators, MoveIndicators, RemoveIndicators

    session = DocumentSession(dump_doc("dingzhou_2020.docx"))
    rng = random.Random(7)
    projects = session.doc.projects[:3]
    texts = ["", "≥1个", "无法识别？？", "100%", "2025年12月底前", "完成改造300户"]
    for _step in range(80):
        project = rng.choice(projects)
        n = len(project.indicators)
        op = rng.randrange(6)
        if op == 0 and n:
            session.stack.push(SetField(session, rng.choice(project.indicators),
                                        rng.choice(["value", "level3", "description"]), rng.choice(texts), project))
        elif op == 1:
            session.stack.push(InsertIndicators(session, project, rng.randint(0, n),
                                                [Indicator(level1="产出指标", level3=rng.choice(texts))]))
        elif op == 2 and n > 1:
            session.stack.push(RemoveIndicators(session, project, [rng.randrange(n)]))
        elif op == 3 and n > 2:
            session.stack.push(MoveIndicators(session, project, [rng.randrange(n)], rng.randint(0, n)))
        elif op == 4:
            session.stack.push(SetField(session, project, "goals", rng.choice(
                ["1. 完成改造300户\n2. 群众满意度达到90%", "1. 完成道路建设\n2. 提升服务"]), project))
        elif session.stack.canUndo():
            session.stack.undo()
        fresh = DocumentSession(session.doc)
        assert _marks_of(session) == _marks_of(fresh)
        assert sorted(map(repr, session.findings)) == sorted(map(repr, fresh.findings))


def test_badge_change_asks_the_tree_little(window, qtbot):
    """A typed value changing a project's badge: the window's tree asks its model for the rows it
    repaints, not to measure the changed rows again (its rows are one line each)."""
    from perfeditor.ui.tree_model import DocumentTreeModel

    asked = []

    class Counting(DocumentTreeModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            asked.append(role)
            return super().data(index, role)

    doc = dump_doc("dingzhou_2020.docx")
    window.set_document(doc, None)
    window.show()
    qtbot.waitExposed(window)
    model = Counting(window.session, window.tree)
    window.tree.setModel(model)
    window.tree.expandAll()
    qtbot.wait(20)
    project = doc.projects[0]
    asked.clear()
    window.session.stack.push(SetField(window.session, project.indicators[0], "value", "", project))
    measured = len(asked)  # before any repaint
    qtbot.wait(20)
    assert window.session.marks(project.indicators[0].uid, "value")
    assert measured <= 10, measured


def test_a_longer_text_typed_grows_its_row_and_undo_shrinks_it(window, qtbot):
    """Typing a long 绩效指标描述 into a one-line row makes the row as high as the wrapped text
    (nothing cut off); undoing the edit gives the row its height back."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_excel_keys import press

    doc = dump_doc("dingzhou_2020.docx")
    project = doc.projects[0]
    window.set_document(doc, None)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editors.select(window.tree_model.project_index(project))
    table = window.editors.project.table
    model = table.table_model()
    col = model.columns.index("description")
    row = max(range(model.rowCount()), key=lambda r: -table.rowHeight(r))  # a low row
    low = table.rowHeight(row)
    table.setFocus()
    table.go(model.index(row, col))
    for k in ("type:" + "很长的指标描述" * 12, "enter"):
        press(qtbot, k)
    assert model.indicator(row).description == "很长的指标描述" * 12
    assert table.rowHeight(row) > low
    window.session.stack.undo()
    assert table.rowHeight(row) == low
