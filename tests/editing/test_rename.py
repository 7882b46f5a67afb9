"""A renamed project's form title follows its name (editing.rename)."""
from __future__ import annotations

from perfeditor.editing.rename import renamed_title


def test_the_title_follows_the_name():
    assert renamed_title("1、新项目绩效目标表", "新项目", "城区消防栓维护费") == "1、城区消防栓维护费绩效目标表"
    assert renamed_title("2、城建管理经费绩效目标表", "城建管理经费", "城建经费") == "2、城建经费绩效目标表"
    assert renamed_title("3.乐亭县城市体检项目绩效目标表", "乐亭县城市体检项目", "城市体检") == "3.城市体检绩效目标表"
    assert renamed_title("新项目绩效目标表", "新项目", "甲") == "甲绩效目标表"


def test_a_title_that_does_not_name_the_project_stays():
    assert renamed_title("项目支出绩效目标表", "城建管理经费", "城建经费") is None
    assert renamed_title("2、城建管理经费绩效目标表", "经费", "费用") is None  # not the title's start
    assert renamed_title("2、城建管理经费绩效目标表", "城建管理经费", "") is None
    assert renamed_title("2、城建管理经费绩效目标表", "", "甲") is None
