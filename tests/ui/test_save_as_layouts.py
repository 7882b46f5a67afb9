"""另存为 offers the national form in its 2015 and its 2021 variant; the file saved holds the
chosen variant's rows and columns."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QInputDialog

from perfeditor.io import load_document
from perfeditor.ui.dialogs import UserDialogService
from tests.conftest import OWN_FIXTURES
from tests.ui.authoring_helpers import activate
from tests.ui.conftest import fixture_path

MIDTERM_ROWS = {"budget.midterm_total", "goals_midterm"}


def _drive_layout_choice(monkeypatch, qtbot, wanted: str, seen: list):
    """The real 选择表格版式 dialog, answered with the keyboard: Down in the list until
    ``wanted`` shows, then a click on 确定."""
    def fake_exec(self, *args):
        self.show()
        combo = self.findChild(QComboBox)
        seen.append([combo.itemText(i) for i in range(combo.count())])
        combo.setFocus()
        for _ in range(combo.count()):
            if combo.currentText() == wanted:
                break
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        ok = next(b for b in self.findChildren(QDialogButtonBox)[0].buttons() if b.text() == "确定")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        self.hide()
        return self.result()

    monkeypatch.setattr(QInputDialog, "exec", fake_exec)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("variant", ["2015", "2021"])
def test_save_as_the_national_form_in_either_variant(window, qtbot, tmp_path, monkeypatch, suffix, variant):
    source = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), source)
    assert window.open_path(str(source))
    target = tmp_path / f"财政部{variant}{suffix}"
    fake = window.dialogs
    service = UserDialogService(window)
    monkeypatch.setattr(service, "save_file_name", lambda start="": str(target))
    monkeypatch.setattr(service, "warning", lambda *a, **k: None)  # what the layout cannot hold
    window.dialogs = service
    seen: list = []
    _drive_layout_choice(monkeypatch, qtbot, f"财政部项目表({variant})", seen)
    try:
        assert window.save_as()
    finally:
        window.dialogs = fake
    assert seen == [["河北项目表", "河北分级表", "财政部项目表(2015)", "财政部项目表(2021)"]]
    back = load_document(target)
    assert back.layout == "mof-project"
    p = back.projects[0]
    columns, rows = p.variant.indicator_columns, set(p.variant.rows)
    if variant == "2021":
        assert "basis" in columns and not rows & MIDTERM_ROWS
    else:
        assert "basis" not in columns and MIDTERM_ROWS <= rows
    assert [q.name for q in back.projects] == [q.name for q in window.session.doc.projects]
    # the window shows the form saved: its title and the layout's name
    assert window.windowTitle().startswith(target.name)
    assert window.session.doc.layout == "mof-project"
    assert all(q.variant.system == variant for q in window.session.doc.projects)


def test_cancelled_save_as_keeps_the_projects_forms(window, tmp_path, monkeypatch):
    """A save that does not happen (the clerk cancels the question) leaves every form as it was."""
    source = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), source)
    assert window.open_path(str(source))
    doc = window.session.doc
    before = [q.variant.model_dump() for q in doc.projects]
    window.dialogs.save_path = str(source)  # over the file itself: a rebuild, the clerk is asked
    window.dialogs.choice = 3
    window.dialogs.question_answer = False
    assert not window.save_as()
    assert [q.variant.model_dump() for q in doc.projects] == before
    assert doc.layout == "hebei-project"
    assert window.dialogs.buttons[-1] == ("继续保存", "取消")


def test_what_another_layout_cannot_hold_fits_in_one_short_message(window, dialogs, tmp_path):
    """Save As .xlsx in 河北分级表 of a 21-project file: the box lists each missing field once
    (with the number of projects), not 150 lines per project and field running off the screen."""
    from perfeditor.ui.save_layouts import SAVE_CHOICES

    source = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), source)
    assert window.open_path(str(source))
    dialogs.save_path = str(tmp_path / "分级.xlsx")
    dialogs.choice = [name for name, _ in SAVE_CHOICES].index("hebei-graded")
    assert window.save_as()
    warnings = [text for kind, text in dialogs.calls if kind == "warning"]
    assert len(warnings) == 1
    lines = warnings[0].splitlines()
    assert len(lines) <= 16, len(lines)
    assert any("项目编码" in line and "等 21 个项目" in line for line in lines), lines


def test_after_save_as_the_window_shows_what_the_file_holds(window, dialogs, qtbot, tmp_path):
    """定州 (河北项目表) saved as 财政部项目表(2021) .xlsx: that form has no 项目编码, 资金用途 or
    资金支出计划, so the window clears them (one undo step, marked saved) instead of showing texts
    the file does not hold; Ctrl+Z brings them back as an unsaved change."""
    from perfeditor.model.dump import dump_document

    source = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), source)
    assert window.open_path(str(source))
    before = [(p.code, p.purpose, dict(p.spending_plan)) for p in window.session.doc.projects]
    assert any(code for code, _, _ in before)
    target = tmp_path / "财政部2021.xlsx"
    dialogs.save_path, dialogs.choice = str(target), 3
    assert window.save_as()
    doc = window.session.doc
    assert window.session.stack.isClean() and not window.isWindowModified()
    assert all(not p.code and not p.purpose and not any(p.spending_plan.values()) for p in doc.projects)
    back = dump_document(load_document(target))
    shown = dump_document(doc)
    for mine, theirs in zip(shown["projects"], back["projects"], strict=True):
        assert {k: mine[k] for k in ("name", "code", "purpose", "goals", "budget")} == \
               {k: theirs[k] for k in ("name", "code", "purpose", "goals", "budget")}
    message = window.statusBar().currentMessage()
    assert "项目编码、资金用途、资金支出计划已从窗口中清除" in message and "Ctrl+Z" in message
    assert "已从窗口中清除" in [text for kind, text in dialogs.calls if kind == "warning"][-1]
    activate(qtbot, window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_group.undoText() == ""  # the clearing was the one step
    assert [(p.code, p.purpose, dict(p.spending_plan)) for p in doc.projects] == before
    assert not window.session.stack.isClean()


def test_a_save_as_that_holds_everything_clears_nothing(window, dialogs, tmp_path):
    source = tmp_path / "定州.docx"
    shutil.copy(fixture_path("dingzhou_2020.docx"), source)
    assert window.open_path(str(source))
    dialogs.save_path, dialogs.choice = str(tmp_path / "定州.xlsx"), 0
    assert window.save_as()
    assert window.session.stack.count() == 0
    assert window.statusBar().currentMessage() == "已保存到“定州.xlsx”。"


def test_save_as_then_save_keeps_the_names_a_form_prints_only_in_its_title(window, dialogs, tmp_path):
    """黔南's forms are titled just 项目支出绩效目标表; saved as 河北分级表 .xlsx (no 项目名称 row) each
    is titled “1、名称绩效目标表”. The window takes those titles, so an edit saved in place afterwards
    does not write the generic title back over them (the names were gone on reopening)."""
    from perfeditor.ui.commands import set_many

    source = tmp_path / "黔南.docx"
    shutil.copy(fixture_path("qiannan_2022_part.docx"), source)
    assert window.open_path(str(source))
    names = [p.name for p in window.session.doc.projects]
    target = tmp_path / "分级.xlsx"
    dialogs.save_path, dialogs.choice = str(target), 1
    assert window.save_as()
    doc = window.session.doc
    assert [p.title for p in doc.projects] == [p.title for p in load_document(target).projects]
    project = doc.projects[0]
    window.session.stack.push(set_many(window.session, [(project, "goals", project.goals + "。", project)], "改"))
    assert window.save()
    back = load_document(target)
    assert [p.name for p in back.projects] == names
    assert back.projects[0].goals == project.goals


_SOURCES = {"河北项目表": fixture_path("dingzhou_2020.docx"),
            "河北分级表": OWN_FIXTURES / "docx" / "multi_hebei_graded.docx",
            "财政部2015": OWN_FIXTURES / "xlsx" / "multi_mof_2015.xlsx",
            "财政部2021": OWN_FIXTURES / "docx" / "mof_2021.docx"}


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("choice", [0, 1, 2, 3])
@pytest.mark.parametrize("name", list(_SOURCES))
def test_after_save_as_the_document_is_the_file_read_back(window, dialogs, tmp_path, name, choice, suffix):
    """Issue 10: after 另存为 into another layout the window held empty grades where the file
    reads none (or none where it reads the four empty ones), no spending plan where it reads the
    months, empty, and the old form's columns, labels and rows: the document after the save is,
    field for field, what reading the new file gives."""
    source = tmp_path / _SOURCES[name].name
    shutil.copy(_SOURCES[name], source)
    assert window.open_path(str(source))
    target = tmp_path / f"另存{suffix}"
    dialogs.save_path, dialogs.choice = str(target), choice
    assert window.save_as()
    skip = {"path", "format", "source_stamp"}
    assert window.session.doc.model_dump(exclude=skip) == load_document(target).model_dump(exclude=skip)


def test_undo_after_save_as_gives_the_grades_back_as_they_were(window, dialogs, tmp_path):
    """河北分级表 saved as 河北项目表: the rows read back without grades, so the window has none;
    Ctrl+Z (the clearing step) gives each row its four grades back, as before the save."""
    from perfeditor.model.dump import dump_document

    source = tmp_path / "分级.docx"
    shutil.copy(_SOURCES["河北分级表"], source)
    assert window.open_path(str(source))
    doc = window.session.doc
    before = [[i["grades"] for i in p["indicators"]] for p in dump_document(doc)["projects"]]
    assert any(g and g["优"] for grades in before for g in grades)
    dialogs.save_path, dialogs.choice = str(tmp_path / "项目表.xlsx"), 0
    assert window.save_as()
    assert all(i.grades is None for p in doc.projects for i in p.indicators)
    window.session.stack.undo()
    assert [[i["grades"] for i in p["indicators"]] for p in dump_document(doc)["projects"]] == before
