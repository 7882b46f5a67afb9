"""Issue 10: a save over the file itself (in place) names, before writing, the fields left out by
exactly the forms it composes anew (projects added, forms rebuilt after rows were added), and
nothing for the forms it keeps or patches cell by cell — one rule for .docx and .xlsx.

The header-only file (tests/workbooks.py): two 财政部 (mof-project) forms that carry a 项目编码
row, which the mof-project layout has not got. A value edit keeps that row (patched in place);
a .docx form rebuilt drops it.
"""
from __future__ import annotations

import json

import pytest

from perfeditor.cli import main
from perfeditor.io import plan_save, read_document
from perfeditor.model import Indicator, Project
from tests.workbooks import header_only_document, header_only_workbook

_MAKE = {".docx": header_only_document, ".xlsx": header_only_workbook}


def _file(tmp_path, suffix):
    return _MAKE[suffix](tmp_path / f"表{suffix}")


def _new_row() -> Indicator:
    return Indicator(level1="产出指标", level2="数量指标", level3="维护里程", value="20公里")


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_value_edit_reports_nothing_and_keeps_the_codes(tmp_path, suffix):
    path = _file(tmp_path, suffix)
    doc, smap = read_document(path)
    assert [p.code for p in doc.projects] == ["P-001", "P-002"]
    doc.projects[1].goals = "处理污水2万吨"
    plan = plan_save(doc, path, source_map=smap)
    assert plan.report == [] and plan.losses == []
    assert plan.write() == []
    again, _ = read_document(path)
    assert [p.code for p in again.projects] == ["P-001", "P-002"]
    assert again.projects[1].goals == "处理污水2万吨"


def test_docx_rows_added_to_project_1_name_project_1_only_before_writing(tmp_path):
    path = _file(tmp_path, ".docx")
    doc, smap = read_document(path)
    doc.projects[0].indicators.append(_new_row())  # the header-only form gets rows: rebuilt
    before = path.read_bytes()
    plan = plan_save(doc, path, source_map=smap)
    assert path.read_bytes() == before  # nothing written yet
    assert len(plan.report) == 1, plan.report
    line = plan.report[0]
    assert "项目编码" in line and "“道路维护”" in line and "污水处理" not in line
    assert plan.losses == []
    done = plan.write()
    assert done == plan.report  # said once, the same line
    again, _ = read_document(path)
    assert [p.code for p in again.projects] == ["", "P-002"]  # as the report said: only project 1's went
    assert [i.level3 for i in again.projects[0].indicators] == ["维护里程"]


def test_xlsx_rows_added_keep_the_code_and_report_nothing(tmp_path):
    """The .xlsx writes a block of rows under the form and keeps its 项目编码 cell: nothing to say."""
    path = _file(tmp_path, ".xlsx")
    doc, smap = read_document(path)
    doc.projects[0].indicators.append(_new_row())
    plan = plan_save(doc, path, source_map=smap)
    assert plan.report == [] and plan.losses == []
    plan.write()
    again, _ = read_document(path)
    assert [p.code for p in again.projects] == ["P-001", "P-002"]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_value_the_form_has_no_cell_for_is_named_before_writing(tmp_path, suffix):
    """Project 1 gets a 资金用途 its form has no row for: the plan names it (project 1 only) before
    anything is written; before, the .xlsx said so only after writing."""
    path = _file(tmp_path, suffix)
    doc, smap = read_document(path)
    doc.projects[0].purpose = "道路日常养护"
    before = path.read_bytes()
    plan = plan_save(doc, path, source_map=smap)
    assert path.read_bytes() == before
    assert any("资金用途" in line and "道路维护" in line for line in plan.report), plan.report
    assert not any("污水处理" in line for line in plan.report), plan.report
    plan.cancel()


def _dump(path, capsys) -> dict:
    assert main(["dump", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_apply_prints_nothing_for_a_value_edit(tmp_path, capsys, suffix):
    path = _file(tmp_path, suffix)
    data = _dump(path, capsys)
    data["projects"][1]["goals"] = "处理污水2万吨"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["apply", str(path), str(edited)]) == 0
    assert capsys.readouterr().err == ""


def test_apply_prints_the_line_of_the_form_rebuilt_once(tmp_path, capsys):
    path = _file(tmp_path, ".docx")
    data = _dump(path, capsys)
    data["projects"][0]["indicators"] = [dict(data["projects"][1]["indicators"][0])]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["apply", str(path), str(edited)]) == 0
    err = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(err) == 1, err
    assert "项目编码" in err[0] and "“道路维护”" in err[0] and "污水处理" not in err[0]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_new_project_is_the_only_one_named(tmp_path, suffix):
    """A project added: the .docx composes its form in the layout (no 项目编码 row) and names it
    alone before writing; the .xlsx writes it in a copy of the form above it (which has the row)
    and keeps its code, saying nothing."""
    path = _file(tmp_path, suffix)
    doc, smap = read_document(path)
    src = doc.projects[1]  # a copy with its own identity (uids are not dumped)
    new = Project.model_validate({**src.model_dump(), "name": "新项目", "code": "P-003"})
    new.variant = src.variant.model_copy(deep=True)
    assert new.uid != src.uid
    doc.projects.append(new)
    before = path.read_bytes()
    plan = plan_save(doc, path, source_map=smap)
    assert path.read_bytes() == before
    assert plan.losses == []
    if suffix == ".docx":
        assert len(plan.report) == 1 and "项目编码" in plan.report[0] and "“新项目”" in plan.report[0], plan.report
        assert "道路维护" not in plan.report[0] and "污水处理" not in plan.report[0]
    else:
        assert plan.report == []
    plan.write()
    again, _ = read_document(path)
    assert [p.code for p in again.projects] == ["P-001", "P-002", "" if suffix == ".docx" else "P-003"]
