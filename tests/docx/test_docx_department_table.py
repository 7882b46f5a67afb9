"""The national department table 部门整体支出绩效目标申报表 saved into the .docx it was read from."""
from __future__ import annotations

import re
import shutil
import zipfile

from perfeditor.io import load_document, plan_save, read_document
from perfeditor.model import DepartmentTask, dump_document
from tests.conftest import OWN_FIXTURES

FIXTURE = OWN_FIXTURES / "docx" / "department_table.docx"


def _cells(path) -> list[bytes]:
    """The XML of each ``w:tc`` of the main part, in order."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml")
    return re.findall(rb"<w:tc>.*?</w:tc>", xml, re.S)


def _saved(doc, path, smap):
    plan = plan_save(doc, path, source_map=smap)
    assert plan.losses == [] and plan.report == []
    plan.write()
    again = load_document(path)
    assert dump_document(again)["department"] == dump_document(doc)["department"]
    return again


def test_value_edits_change_only_their_cells(tmp_path):
    src = tmp_path / "dep.docx"
    shutil.copy(FIXTURE, src)
    before = _cells(src)
    doc, smap = read_document(src)
    dep = doc.department
    dep.name = "某县住房和城乡建设局（本级）"
    dep.tasks[0].content = "公租房维修及管理"
    dep.budget.fiscal = "181.00"
    dep.indicators[1].value = "≥1600座"
    _saved(doc, src, smap)
    after = _cells(src)
    assert len(after) == len(before)
    changed = [k for k, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 4  # the four cells edited, nothing else of the table rewritten
    assert all(b"w:tcPr" in after[k] for k in changed)  # (each keeps its cell properties)
    dep.tasks[1].name = "市政设施维护"  # saved again: the map points at the cells as written
    _saved(doc, src, smap)
    assert sum(a != b for a, b in zip(after, _cells(src), strict=True)) == 1


def test_a_task_added_rebuilds_the_table_and_reads_back(tmp_path):
    src = tmp_path / "dep.docx"
    shutil.copy(FIXTURE, src)
    doc, smap = read_document(src)
    doc.department.tasks.append(DepartmentTask(name="燃气安全", content="入户检查", total="30", fiscal="30"))
    _saved(doc, src, smap)


def test_the_amount_unit_alone_changed_is_saved(tmp_path):
    """万元 → 元 and nothing else: the 预算申请（万元） header says 元 (the unit is no part of the
    content fingerprint, and the save had taken the table for unedited)."""
    src = tmp_path / "dep.docx"
    shutil.copy(FIXTURE, src)
    doc, smap = read_document(src)
    doc.department.budget.unit = "元"
    again = _saved(doc, src, smap)
    assert again.department.budget.unit == "元"
    assert sum(a != b for a, b in zip(_cells(FIXTURE), _cells(src), strict=True)) == 1  # the header cell
