"""An in-place .docx save proves each patched form by reading it again, except when every change
is one value text for another that no reader can take for a label, a title or an empty row (the
bulk edit of `perfeditor apply`): then the proof is skipped, and the result still reads back."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.io import plan_save, read_document
from perfeditor.io.docx.writer_patch import _inert
from perfeditor.model import dump_document
from tests.conftest import PUBLIC_FIXTURES


@pytest.mark.parametrize("before, after, inert", [
    ("≥3个", "≥5个", True),
    ("1、完成改造小区3个\n2、改善居民居住环境", "完成改造小区5个", True),
    ("≥3个", "", False),              # an emptied cell may end a row's being an indicator
    ("", "≥3个", False),
    ("≥3个", "项目名称", False),       # reads as a label
    ("≥3个", "一级指标", False),
    ("≥3个", "2、城建管理经费绩效目标表", False),  # reads as a title
    ("≥3个", "单位：万元", False),
])
def test_which_changes_need_no_second_reading(before, after, inert):
    assert _inert(before, after) is inert


@pytest.mark.parametrize("goal", ["项目名称", "改为普通的目标文字"])
def test_a_patched_value_reads_back_either_way(tmp_path, goal):
    path = tmp_path / "d.docx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.docx", path)
    doc, places = read_document(path)
    doc.projects[3].goals = goal
    doc.projects[4].indicators[0].value = "≥999个"
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    again, _ = read_document(path)
    assert dump_document(again)["projects"] == dump_document(doc)["projects"]
