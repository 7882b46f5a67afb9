"""Model-based property test of saving: random sequences of edits — values, indicator rows added
/ removed / moved / regrouped, projects renamed / added / copied / removed / moved, department
items edited, added and removed, the department table's values, tasks and indicators — applied to sample forms of both formats and their variants
(several projects in one table, split forms, two-table forms, titles as rows, graded forms between
other tables, a workbook with a notes sheet holding a formula and a picture, a form whose indicator
block has not come yet); after each save the file reads back as the edited document, and every zip
member outside the changed parts is byte-identical (derandomised: see tests/conftest.py)."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from perfeditor.editing import renumber_titles
from perfeditor.editing.rename import renamed_title
from perfeditor.forms.titles import next_item_title, renumber_items
from perfeditor.io import plan_save, read_document, save_document
from perfeditor.model import DepartmentItem, DepartmentTask, Indicator, Project, dump_document
from tests.conftest import PUBLIC_FIXTURES, collapse_ws
from tests.workbooks import (
    department_and_form_on_one_sheet,
    header_only_document,
    header_only_workbook,
    with_notes_sheet,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLES = {
    "several-in-one-table.docx": FIXTURES / "docx" / "multi_hebei_project.docx",
    "several-in-one-table.xlsx": FIXTURES / "xlsx" / "multi_mof_2021.xlsx",
    "graded-in-one-table.docx": FIXTURES / "docx" / "multi_hebei_graded.docx",
    "split.xlsx": FIXTURES / "acceptance" / "var_split.xlsx",
    "split.docx": FIXTURES / "acceptance" / "var_split.docx",
    "two-tables.docx": FIXTURES / "acceptance" / "var_two_tables.docx",
    "weight.xlsx": FIXTURES / "acceptance" / "var_weight.xlsx",
    "department-and-forms.docx": PUBLIC_FIXTURES / "dingzhou_2020.docx",
    "notes-sheet.xlsx": "notes",
    "title-row.docx": FIXTURES / "acceptance" / "var_title_row.docx",
    "title-row.xlsx": FIXTURES / "acceptance" / "var_title_row.xlsx",
    "graded-between-other-tables.docx": FIXTURES / "acceptance" / "seed003_pingxiang.docx",
    "graded-between-other-tables.xlsx": FIXTURES / "acceptance" / "seed003_pingxiang.xlsx",
    "header-only.xlsx": "header-only",  # a form without its indicator block yet, then a complete one
    "merged-down.docx": FIXTURES / "docx" / "merged_basis.docx",  # 指标值确定依据 merged over rows
    "merged-down.xlsx": FIXTURES / "xlsx" / "merged_basis.xlsx",
    "graded-in-one-table.xlsx": FIXTURES / "xlsx" / "multi_hebei_graded.xlsx",
    "several-in-one-table-2015.docx": FIXTURES / "docx" / "multi_mof_2015.docx",
    "two-tables.xlsx": FIXTURES / "acceptance" / "var_two_tables.xlsx",
    "weight.docx": FIXTURES / "acceptance" / "var_weight.docx",
    "empty-below.docx": FIXTURES / "acceptance" / "var_empty_below.docx",  # empty 一级/二级: as above
    "empty-below.xlsx": FIXTURES / "acceptance" / "var_empty_below.xlsx",
    "messy-labels.docx": FIXTURES / "acceptance" / "var_messy_labels.docx",
    "stacked.xlsx": FIXTURES / "xlsx" / "mof2015_national_stacked.xlsx",
    "sheets-named-after-forms.xlsx": PUBLIC_FIXTURES / "leting_2024.xlsx",
    "department-table.xlsx": FIXTURES / "xlsx" / "department_table.xlsx",  # 部门整体支出绩效目标申报表
    "department-table.docx": "department-table",  # the same, written as a new .docx
    "department-table-above-a-form.xlsx": "department-above",  # the project form under it, one sheet
}
TEXT = st.text(alphabet="甲乙丙丁城建项目一二三456%≥", min_size=1, max_size=8)
#: Parts an in-place save may change; every other member stays byte-identical.
_MAY_CHANGE = ("word/document.xml", "xl/worksheets/", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
               "[Content_Types].xml", "xl/calcChain.xml", "docProps/")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _comparable(doc) -> dict:
    out = collapse_ws(dump_document(doc))
    for p in out["projects"]:
        p["spending_plan"] = {k: v for k, v in (p["spending_plan"] or {}).items() if v} or ""
    return out


def _renumber(dep) -> None:
    """一、二、… titles in order again, as the window's item commands leave them."""
    for k, title in renumber_items([it.title for it in dep.items]).items():
        dep.items[k].title = title


def _shape(p: Project) -> tuple:
    """How the project's form is laid out in the file: kept by every save."""
    v = p.variant
    return v.layout, v.split, v.two_tables, v.title_as_row, tuple(v.indicator_columns)


class SaveMachine(RuleBasedStateMachine):
    source: Path
    path: Path

    def __init__(self):
        super().__init__()
        shutil.copy(self.source, self.path)  # each example starts from the sample as it was
        self.doc, self.map = read_document(self.path)
        self.original = _members(self.path)
        self.read = {p.uid for p in self.doc.projects}  # the projects the file holds

    def _renumber(self) -> None:
        """Form titles count 1, 2, 3 … again, as the window's project commands leave them."""
        renumber_titles(self.doc, self.read)

    def _project(self, data) -> Project:
        return self.doc.projects[data.draw(st.integers(0, len(self.doc.projects) - 1))]

    # --- edits ------------------------------------------------------------------------------
    @rule(data=st.data(), text=TEXT)
    def edit_value(self, data, text):
        p = self._project(data)
        if p.indicators and data.draw(st.booleans()):
            ind = p.indicators[data.draw(st.integers(0, len(p.indicators) - 1))]
            ind.level3 = text
        else:
            p.goals = text

    @rule(data=st.data(), text=TEXT)
    def rename_project(self, data, text):
        """The name changed as the window renames a project: its title follows."""
        p = self._project(data)
        name = f"{p.name}{text}"
        p.title = renamed_title(p.title, p.name, name) or p.title
        p.name = name

    @rule(data=st.data())
    def regroup_row(self, data):
        """One indicator moved to another 一级 category (its merged group, if any, splits)."""
        p = self._project(data)
        if p.indicators:
            ind = p.indicators[data.draw(st.integers(0, len(p.indicators) - 1))]
            ind.level1 = data.draw(st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"]))

    @rule(data=st.data(), text=TEXT)
    def add_row(self, data, text):
        p = self._project(data)
        if p.indicators:
            k = data.draw(st.integers(0, len(p.indicators) - 1))
            new = p.indicators[k].copy_fresh()
            new.level3 = text
            p.indicators.insert(k + 1, new)

    @rule(data=st.data(), text=TEXT)
    def add_first_row(self, data, text):
        p = self._project(data)
        if not p.indicators:  # a form whose indicator block has not come yet
            p.indicators.append(Indicator(level1="产出指标", level2="数量指标", level3=text, value="≥1"))

    @rule(data=st.data())
    def remove_row(self, data):
        p = self._project(data)
        if len(p.indicators) > 1:
            del p.indicators[data.draw(st.integers(0, len(p.indicators) - 1))]

    @rule(data=st.data())
    def move_row(self, data):
        p = self._project(data)
        if len(p.indicators) > 1:
            k = data.draw(st.integers(0, len(p.indicators) - 2))
            a, b = p.indicators[k], p.indicators[k + 1]
            if (a.level1, a.level2) == (b.level1, b.level2):  # within its group
                p.indicators[k], p.indicators[k + 1] = b, a

    @rule(data=st.data(), text=TEXT)
    def copy_project(self, data, text):
        k = data.draw(st.integers(0, len(self.doc.projects) - 1))
        p = self.doc.projects[k]
        copy = p.copy_fresh()  # as the window's 复制项目
        self.map.note_copy(copy, p)
        copy.name = f"{p.name}{text}"
        copy.title = renamed_title(p.title, p.name, copy.name) or p.title  # as the window renames
        self.doc.projects.insert(k + 1, copy)
        self._renumber()

    @rule(data=st.data())
    def remove_project(self, data):
        if len(self.doc.projects) > 1:
            del self.doc.projects[data.draw(st.integers(0, len(self.doc.projects) - 1))]
            self._renumber()

    @rule(data=st.data())
    def move_project(self, data):
        if len(self.doc.projects) > 1:
            k = data.draw(st.integers(0, len(self.doc.projects) - 2))
            ps = self.doc.projects
            ps[k], ps[k + 1] = ps[k + 1], ps[k]
            self._renumber()

    @rule(data=st.data(), text=TEXT)
    def edit_department(self, data, text):
        dep = self.doc.department
        if dep is not None and dep.items:
            dep.items[data.draw(st.integers(0, len(dep.items) - 1))].goal = text

    @precondition(lambda self: self.doc.department is not None and self.doc.department.form == "table")
    @rule(what=st.sampled_from(["name", "overall", "sum", "task", "add task", "remove task", "indicator",
                                "add indicator", "remove indicator"]), k=st.integers(0, 9), text=TEXT)
    def edit_department_table(self, what, k, text):
        """The national department table: a value, a task or a 年度绩效指标 row edited, added or removed."""
        dep = self.doc.department
        rows = dep.tasks if "task" in what else dep.indicators
        k = k % max(len(rows), 1)
        if what in ("name", "overall"):
            setattr(dep, what, text)
        elif what == "sum":
            dep.budget.fiscal = str(len(text) * 7)
        elif what == "task" and rows:
            rows[k].content = text
        elif what == "add task":
            rows.insert(k, DepartmentTask(name=text, content=f"{text}工作", total="10", fiscal="10"))
        elif what == "indicator" and rows:
            rows[k].value = f"≥{text}"
        elif what == "add indicator":
            like = rows[k] if rows else Indicator(level1="产出指标", level2="数量指标")
            rows.insert(k, Indicator(level1=like.level1, level2=like.level2, level3=text, value="≥1"))
        elif what.startswith("remove") and len(rows) > 1:
            del rows[k]

    @rule(data=st.data(), text=TEXT)
    def add_department_item(self, data, text):
        dep = self.doc.department
        if dep is not None and dep.form != "table":
            k = data.draw(st.integers(0, len(dep.items)))
            title = next_item_title([it.title for it in dep.items], k) + f"{text}工作"
            dep.items.insert(k, DepartmentItem(title=title, goal=text, indicator=f"{text}≥1"))
            _renumber(dep)

    @rule(data=st.data())
    def remove_department_item(self, data):
        dep = self.doc.department
        if dep is not None and len(dep.items) > 1:
            del dep.items[data.draw(st.integers(0, len(dep.items) - 1))]
            _renumber(dep)

    # --- the save and what must hold after it -----------------------------------------------
    @rule()
    def save(self):
        """Ctrl+S as the window does it: with the source map of the file; afterwards the map of
        the file as saved (kept up to date by an in-place save, else the file read again)."""
        plan = plan_save(self.doc, self.path, source_map=self.map)
        assert plan.losses == [], plan.losses  # every structural edit is saved in place
        plan.write()
        self.read = {p.uid for p in self.doc.projects}
        again, again_map = read_document(self.path)
        assert _comparable(again) == _comparable(self.doc)
        assert [_shape(p) for p in again.projects] == [_shape(p) for p in self.doc.projects]
        self.map = plan.source_map or again_map.rekeyed(again, self.doc)
        after = _members(self.path)
        for name, data in self.original.items():
            if not name.startswith(_MAY_CHANGE):
                assert after.get(name) == data, name
        # saving again at once changes nothing
        again_plan = plan_save(self.doc, self.path, source_map=self.map)
        assert again_plan.losses == []
        again_plan.write()
        assert _members(self.path) == after

    @invariant()
    def still_a_document(self):
        assert self.doc.projects


@pytest.mark.parametrize("name", list(SAMPLES))
def test_random_edit_sequences_save_faithfully(name, tmp_path):
    source = SAMPLES[name]
    if source == "notes":
        source, _ = with_notes_sheet(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", tmp_path / "source.xlsx")
    elif source == "department-above":
        source = department_and_form_on_one_sheet(SAMPLES["department-table.xlsx"], tmp_path / "source.xlsx")
    elif source == "department-table":
        doc, _ = read_document(SAMPLES["department-table.xlsx"])
        source = tmp_path / "source.docx"
        save_document(doc, source)
    elif source == "header-only":
        make = header_only_workbook if name.endswith(".xlsx") else header_only_document
        source = make(tmp_path / f"source{Path(name).suffix}")

    class Machine(SaveMachine):
        pass

    Machine.source, Machine.path = source, tmp_path / name
    # (each example runs a random subset of the rules: a sample with a rule of its own gets more)
    examples = 40 if name.startswith("department-table") else 12
    run_state_machine_as_test(Machine, settings=settings(max_examples=examples, stateful_step_count=8,
                                                         deadline=None))
