"""The national department form 部门整体支出绩效目标申报表 read from and written to .xlsx."""
from __future__ import annotations

import shutil
import zipfile

import pytest
from xlsx_helpers import comparable

from perfeditor.io import load_document, read_document, save_document
from perfeditor.model import DepartmentTask, Indicator, dump_document
from tests.conftest import OWN_FIXTURES, load_expected_dump

FIXTURE = OWN_FIXTURES / "xlsx" / "department_table.xlsx"
DOCX = OWN_FIXTURES / "docx" / "department_table.docx"


def test_libreoffice_table_form_is_read_by_labels():
    doc, doc_map = read_document(FIXTURE)
    dep = doc.department
    assert dep is not None and dep.form == "table"
    assert dep.name == "某县住房和城乡建设局" and dep.budget.unit == "万元"
    assert [t.total for t in dep.tasks] == ["120.00", "80.50"] and dep.tasks[1].other == ""
    assert dep.budget.total == "200.50"
    assert [(i.level1, i.level2) for i in dep.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标"),
        ("满意度指标", "服务对象满意度指标")]
    assert doc_map.department.sheet == "部门整体支出绩效目标" and doc_map.department.first_row == 1
    assert doc_map.department.digest.startswith(dep.content_fingerprint())
    # its indicator header is not taken for a project form
    assert len(doc.projects) == 1 and doc_map.of(doc.projects[0]).sheet == "老旧小区改造1"
    assert "部门整体支出绩效目标申报表" not in doc.preamble.split("\n")
    want = load_expected_dump(FIXTURE)
    assert comparable(dump_document(doc), want)["department"] == comparable(want)["department"]


@pytest.mark.parametrize("src", [FIXTURE, DOCX], ids=lambda p: p.name)
def test_round_trip_through_a_new_workbook(src, tmp_path):
    doc, doc_map = read_document(src)
    out = tmp_path / "out.xlsx"
    assert save_document(doc, out, source_map=doc_map) == []
    again = load_document(out)
    assert again.department.form == "table"
    assert comparable(dump_document(again)) == comparable(dump_document(doc))


def test_edited_table_form_is_written(tmp_path):
    src = tmp_path / "dep.xlsx"
    shutil.copy(FIXTURE, src)
    doc, doc_map = read_document(src)
    dep = doc.department
    dep.tasks.append(DepartmentTask(name="燃气安全", content="=入户检查", total="30", fiscal="30"))
    dep.indicators.insert(1, Indicator(level1="产出指标", level2="时效指标", level3="完成时间",
                                       value="2024年12月底前"))
    dep.overall = "新的年度总体目标"
    dep.budget.unit = "元"
    save_document(doc, src, source_map=doc_map)
    again = load_document(src)
    assert again.department.budget.unit == "元"
    assert comparable(dump_document(again)) == comparable(dump_document(doc))


def test_unedited_table_form_saved_in_place_keeps_every_member(tmp_path):
    src = tmp_path / "dep.xlsx"
    shutil.copy(FIXTURE, src)
    with zipfile.ZipFile(src) as zf:
        before = {n: zf.read(n) for n in zf.namelist()}
    doc, doc_map = read_document(src)
    doc.projects[0].goals = "改过的目标"
    save_document(doc, src, source_map=doc_map)
    with zipfile.ZipFile(src) as zf:
        after = {n: zf.read(n) for n in zf.namelist()}
    assert [n for n in before if before[n] != after[n]] == ["xl/worksheets/sheet2.xml"]
    assert dump_document(load_document(src))["department"] == dump_document(doc)["department"]


def test_every_project_removed_is_not_an_unchanged_copy(tmp_path):
    doc, doc_map = read_document(FIXTURE)
    doc.projects = []
    out = tmp_path / "only_department.xlsx"
    save_document(doc, out, source_map=doc_map)
    again = load_document(out)
    assert again.projects == [] and again.department.form == "table"
    assert dump_document(again)["department"] == dump_document(doc)["department"]
