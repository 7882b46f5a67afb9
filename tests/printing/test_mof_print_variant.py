"""A project printed as the national form follows the variant its content is in: a 河北 project
with 成本指标 as a first level prints in the 2021 form (its 指标值设定依据 column), one without in the 2015
form — as the writers write it."""
from __future__ import annotations

from perfeditor.model import FormVariant, Indicator, Project
from perfeditor.printing.project_html import project_section


def _hebei(level1: str, level2: str) -> Project:
    return Project(name="城建管理经费", indicators=[Indicator(level1=level1, level2=level2, level3="成本",
                                                         value="≤100万元")],
                   variant=FormVariant(layout="hebei-project"))


def test_a_hebei_project_with_cost_indicators_prints_the_2021_form():
    assert "指标值设定依据" in project_section(_hebei("成本指标", "经济成本指标"), 1, "mof-project").html


def test_a_hebei_project_without_them_prints_the_2015_form():
    html = project_section(_hebei("产出指标", "数量指标"), 1, "mof-project").html
    assert "指标值设定依据" not in html and "资金总额" in html
