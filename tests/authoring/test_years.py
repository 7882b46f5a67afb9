"""Years inside texts move forward; numbers that are not years stay."""
from __future__ import annotations

import pytest

from perfeditor.authoring.years import shift_years, years_in


@pytest.mark.parametrize(("text", "moved"), [
    ("2024年12月底前", "2025年12月底前"),
    ("2024年底前", "2025年底前"),
    ("2024-12-31完成", "2025-12-31完成"),
    ("2024.12", "2025.12"),
    ("1、完成2024年度保护工作\n2、做好2024 年验收", "1、完成2025年度保护工作\n2、做好2025 年验收"),
])
def test_years_move(text, moved):
    assert shift_years(text, 1)[0] == moved
    assert shift_years(text, 1)[1] == len(years_in(text)) >= 1


@pytest.mark.parametrize("text", ["2024户", "2024.50万元", "≥2024个", "12024年", "≥98%", "", "优"])
def test_numbers_that_are_not_years_stay(text):
    assert shift_years(text, 1) == (text, 0)


def test_only_last_years_budget_year_moves_when_known():
    text = "用于支付2019年项目剩余工程款，2024年12月底前完成"
    assert shift_years(text, 1, only=2024) == ("用于支付2019年项目剩余工程款，2025年12月底前完成", 1)
    assert shift_years(text, 2) == ("用于支付2021年项目剩余工程款，2026年12月底前完成", 2)
