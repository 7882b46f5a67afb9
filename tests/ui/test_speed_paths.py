"""The window's fast paths keep the same results as the slow ones: the first check deferred past
the first paint, the problems list patched per project, marks repainted only where they changed."""
from __future__ import annotations

import shutil

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
