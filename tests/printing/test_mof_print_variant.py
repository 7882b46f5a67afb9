"""A project printed as the national form follows the variant its content is in: a 河北 project
with 成本指标 as a first level prints in the 2021 form (年度资金总额), one without in the 2015 form."""
from __future__ import annotations

from perfeditor.model import FormVariant, Indicator, Project
from perfeditor.printing.project_html import mof_project_html


def _hebei(level1: str, level2: str) -> Project:
    return Project(name="城建管理经费", indicators=[Indicator(level1=level1, level2=level2, level3="成本",
                                                         value="≤100万元")],
                   variant=FormVariant(layout="hebei-project"))


def test_a_hebei_project_with_cost_indicators_prints_the_2021_form():
    assert "年度资金总额" in mof_project_html(_hebei("成本指标", "经济成本指标"), 1)


def test_a_hebei_project_without_them_prints_the_2015_form():
    html = mof_project_html(_hebei("产出指标", "数量指标"), 1)
    assert "年度资金总额" not in html and "资金总额" in html
