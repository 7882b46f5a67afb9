"""绩效目标: filled in, no placeholders, no duplicates, no leftover markup."""
from __future__ import annotations

import pytest
from rules_builders import make_doc, make_project

from perfeditor.rules import check_project


def _check(goals: str):
    """The goal rules but goals.unmeasured (tested on its own: it also reads the indicators)."""
    doc = make_doc(make_project(goals=goals))
    return [(f.rule, f.severity) for f in check_project(doc, 0)
            if f.rule.startswith("goals.") and f.rule != "goals.unmeasured"]


@pytest.mark.parametrize("goals", [
    "1、完成资金拨付\n2、审核建设项目资料",
    "目标1: 保证单位办公场所公共清洁卫生, 创建文明机关",
    "1.用于支付2019年农村既有建筑节能改造项目剩余工程款",
    "该项目全部已完成建设并投入使用。",
    "1、提高既有居住建筑的保温性能，\n2、资金拨付到位",
    "1、提高目标完成质量\n2、目标内容明确的宣传",
])
def test_legal_goals(goals):
    assert _check(goals) == []


@pytest.mark.parametrize("goals", ["", "   ", "\n"])
def test_empty(goals):
    assert _check(goals) == [("goals.empty", "error")]


@pytest.mark.parametrize("goals", ["1.目标内容1", "目标1：", "1、XXX", "1、完成XXX项目改造", "目标内容",
                                   "1、完成改造\n目标2："])
def test_placeholders(goals):
    assert ("goals.placeholder", "error") in _check(goals)


def test_same_goal_twice():
    text = ("1、做好房产信息指标监测与评价，为区领导决策提供支撑。\n"
            "2、做好房产信息指标监测与评价，为区领导决策提供支撑。")
    assert _check(text) == [("goals.duplicate", "warning")]
    # differing only by the final full stop is still the same goal
    assert _check("1、保障设备安全。\n2、保障设备安全") == [("goals.duplicate", "warning")]


def test_markup_left_by_an_export():
    assert _check("<p>目标1: 开展法治政府示范创建活动</p") == [("goals.markup", "warning")]
