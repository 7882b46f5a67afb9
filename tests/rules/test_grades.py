"""Graded standards 优/良/中/差 (hebei-graded)."""
from __future__ import annotations

import pytest
from rules_builders import make_doc, make_project

from perfeditor.model import Indicator
from perfeditor.rules import check_project


def _check(grades):
    inds = [Indicator(level1="产出指标", level3="物业人员专业人数（人）", grades=grades),
            Indicator(level1="效果指标", level3="环境容貌整洁率（%）",
                      grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "＜70%"}),
            Indicator(level1="满意度指标", level3="服务对象满意度(%)",
                      grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"})]
    doc = make_doc(make_project(indicators=inds, layout="hebei-graded", goals="完成任务"), layout="hebei-graded")
    return [(f.rule, f.severity) for f in check_project(doc, 0) if f.rule.startswith("grades.")]


G = lambda a, b, c, d: {"优": a, "良": b, "中": c, "差": d}  # noqa: E731


@pytest.mark.parametrize("grades", [
    G("≥90%", "≥80%", "≥70%", "<70%"), G("≥90%", "≥80%", "≥70%", "＜70%"),
    G("≥68人", "≥66人", "≥64人", "＜64人"), G("≥20", "≥18", "≥17", "＜17"),
    G("≥5次", "≥4次", "≥2次", "<2次"), G("≤1天", "≤2天", "≤3天", "＞3天"),
    G(">90%", ">80%", ">70%", "≤70%"),
])
def test_legal_grades(grades):
    assert _check(grades) == []


def test_seed_003_gap():
    found = _check(G("≥10人", "≥8人", "≥7人", "<2人"))
    assert found == [("grades.complement", "error")]


def test_overlap():
    assert _check(G("≥90%", "≥80%", "≥70%", "≤70%")) == [("grades.complement", "error")]
    assert _check(G("≥90%", "≥80%", "≥70%", "<75%")) == [("grades.complement", "error")]


def test_wrong_direction_for_poor():
    assert _check(G("≥90%", "≥80%", "≥70%", "≥60%")) == [("grades.complement", "error")]


def test_order():
    assert _check(G("≥80%", "≥90%", "≥70%", "<70%")) == [("grades.order", "error")]


def test_units_must_agree():
    assert ("grades.order", "error") in _check(G("≥90%", "≥80人", "≥70%", "<70%"))


def test_unreadable_or_missing_grade():
    assert _check(G("≥9090%", "≥80%", "≥70%", "<70%")) == [("grades.parse", "error")]
    assert _check(G("≥90%", "", "≥70%", "<70%")) == [("grades.parse", "error")]
    assert _check(G("", "", "", "")) == [("grades.parse", "error")]


def test_graded_row_without_grades():
    assert _check(None) == [("grades.parse", "error")]
