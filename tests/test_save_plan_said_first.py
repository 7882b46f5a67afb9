"""Issue 10, point 3: a save plan says, before anything is written, what the save will not keep.

- .xlsx Save As over the file itself in another layout lists the fields that layout leaves out
  before writing, the same lines as the .docx plan (one rule: forms.compose.left_out_report);
- a new file of another format (or built anew in another layout) names what of the original it
  does not carry (other tables, sheets, paragraphs around the forms), nothing when the original
  held only forms; ``perfeditor convert`` prints that line on stderr.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from perfeditor.cli import main
from perfeditor.io import plan_save, read_document
from tests.conftest import OWN_FIXTURES

ACCEPTANCE = OWN_FIXTURES / "acceptance"
DROPPED_BY_GRADED = ("项目编码", "单位", "资金用途", "资金支出计划", "预算数", "财政资金", "二级指标", "指标值")


def _copy(name: str, tmp_path: Path) -> Path:
    out = tmp_path / name
    shutil.copy(ACCEPTANCE / name, out)
    return out


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_save_as_graded_over_the_file_itself_lists_the_dropped_fields_before_writing(tmp_path, suffix):
    path = _copy(f"seed000_dingzhou{suffix}", tmp_path)
    before = path.read_bytes()
    doc, smap = read_document(path)
    plan = plan_save(doc, path, layout="hebei-graded", source_map=smap)
    assert path.read_bytes() == before  # nothing written yet
    for field in DROPPED_BY_GRADED:
        assert any(f"没有“{field}”栏" in line for line in plan.report), (field, plan.report)
    assert plan.losses  # the file is rebuilt: the clerk is asked
    plan.cancel()


def test_the_xlsx_and_docx_plans_list_the_same_dropped_fields(tmp_path):
    plans = {}
    for suffix in (".xlsx", ".docx"):
        path = _copy(f"seed000_dingzhou{suffix}", tmp_path)
        doc, smap = read_document(path)
        plans[suffix] = plan_save(doc, path, layout="hebei-graded", source_map=smap)
        plans[suffix].cancel()
    assert plans[".xlsx"].report == plans[".docx"].report


def test_written_xlsx_reports_the_dropped_fields_once(tmp_path):
    path = _copy("seed000_dingzhou.xlsx", tmp_path)
    doc, smap = read_document(path)
    plan = plan_save(doc, path, layout="hebei-graded", source_map=smap)
    done = plan.write()
    assert len(done) == len(set(done))
    assert [line for line in done if line in plan.report] == plan.report


@pytest.mark.parametrize("target", [".xlsx", ".perf.json"])
def test_a_docx_saved_as_another_format_names_what_it_does_not_carry(tmp_path, target):
    path = _copy("seed003_pingxiang.docx", tmp_path)
    doc, smap = read_document(path)
    out = tmp_path / f"新{target}"
    plan = plan_save(doc, out, source_map=smap)
    assert not out.exists()
    assert len(plan.losses) == 1, plan.losses
    line = plan.losses[0]
    assert "4 个其他表格" in line and "段文字" in line
    assert "“一、部门职责及机构设置情况”" in line and "等 9 个标题" in line
    assert "部门整体绩效目标" in line  # what the new file does hold
    plan.cancel()


def test_an_xlsx_saved_as_docx_names_the_rows_and_sheets_it_does_not_carry(tmp_path):
    path = _copy("seed003_pingxiang.xlsx", tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("备注").append(["说明：本表由财务科汇总。"])
    wb.save(path)
    doc, smap = read_document(path)
    plan = plan_save(doc, tmp_path / "新.docx", source_map=smap)
    assert len(plan.losses) == 1, plan.losses
    line = plan.losses[0]
    assert "行文字" in line and "工作表“备注”" in line and "“一、部门职责及机构设置情况”" in line
    plan.cancel()


def test_a_docx_in_another_layout_as_a_new_docx_names_what_it_does_not_carry(tmp_path):
    path = _copy("seed003_pingxiang.docx", tmp_path)
    doc, smap = read_document(path)
    plan = plan_save(doc, tmp_path / "新.docx", layout="hebei-project", source_map=smap)
    assert any("4 个其他表格" in line for line in plan.losses), plan.losses
    plan.cancel()


def test_a_new_docx_in_the_same_layout_keeps_everything_and_says_nothing(tmp_path):
    path = _copy("seed003_pingxiang.docx", tmp_path)
    doc, smap = read_document(path)
    plan = plan_save(doc, tmp_path / "新.docx", source_map=smap)
    assert plan.losses == []
    plan.cancel()


@pytest.mark.parametrize("name,target", [("seed000_dingzhou.docx", ".xlsx"), ("seed000_dingzhou.xlsx", ".docx"),
                                         ("seed001_beidaihe.docx", ".xlsx")])
def test_a_file_of_forms_only_reports_nothing(tmp_path, name, target):
    path = _copy(name, tmp_path)
    doc, smap = read_document(path)
    plan = plan_save(doc, tmp_path / f"新{target}", source_map=smap)
    assert plan.losses == [], plan.losses
    plan.cancel()


def test_convert_prints_the_line_on_stderr(tmp_path, capsys):
    path = _copy("seed003_pingxiang.docx", tmp_path)
    out = tmp_path / "新.xlsx"
    assert main(["convert", str(path), str(out)]) == 0  # (exit code unchanged)
    err = capsys.readouterr().err
    assert "4 个其他表格" in err and "“一、部门职责及机构设置情况”" in err
    assert out.exists()


def test_convert_of_a_file_of_forms_only_prints_nothing(tmp_path, capsys):
    out = tmp_path / "新.xlsx"
    assert main(["convert", str(ACCEPTANCE / "seed000_dingzhou.docx"), str(out)]) == 0
    assert "不会写入新文件" not in capsys.readouterr().err


def test_an_xlsx_rebuilt_over_itself_names_the_rows_of_text_it_drops(tmp_path):
    path = _copy("seed003_pingxiang.xlsx", tmp_path)  # 六、政府采购预算情况 … below the forms
    doc, smap = read_document(path)
    plan = plan_save(doc, path, layout="hebei-project", source_map=smap)
    assert any("行文字" in line and "“一、部门职责及机构设置情况”" in line for line in plan.losses), plan.losses
    plan.cancel()
