"""Arbitrary documents never make the checks raise."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfeditor.model import Budget, Department, DepartmentItem, Document, FormVariant, Indicator, Project
from perfeditor.rules import RULESETS, Validator, check_document

_WORDS = ["产出指标", "效益指标", "效果指标", "满意度指标", "成本指标", "产出", "满意度", "数量指标", "质量",
          "时效指标", "成本", "社会效益", "环境效益指标", "服务对象满意度指标", "", " ", "其他"]
_VALUES = ["≥90%", "≥9090%及以上", "2024年12月底前", "21.4.", "≤10.38万", "无涉及", "", "优", "≥100",
           "每周≥7次", "-5", "1e9", "NaN", "Infinity", "１２３", "≥", "100%%", "2024年13月"]
text = st.one_of(st.sampled_from(_VALUES + _WORDS), st.text(max_size=30))
grades = st.one_of(st.none(), st.dictionaries(st.sampled_from(["优", "良", "中", "差", "x"]), text, max_size=5))
indicator = st.builds(Indicator, level1=text, level2=text, level3=text, value=text, value_midterm=text,
                      description=text, grades=grades)
budget = st.builds(Budget, total=text, fiscal=text, other=text, superior=text, local=text,
                   midterm_total=text, unit=st.sampled_from(["万元", "元", "", "亿元"]))
project = st.builds(
    Project, name=text, title=text, goals=text, goals_midterm=text, period=text, budget=budget,
    spending_plan=st.dictionaries(st.sampled_from(["3月底", "6月底", "10月底", "12月底", "x", ""]), text,
                                  max_size=5),
    indicators=st.lists(indicator, max_size=8),
    variant=st.builds(FormVariant, layout=st.sampled_from(["hebei-project", "hebei-graded", "mof-project"]),
                      system=st.sampled_from(["", "2015", "2021"])),
)
department = st.one_of(st.none(), st.builds(Department, overall=text, items=st.lists(
    st.builds(DepartmentItem, title=text, goal=text, indicator=text), max_size=3)))
document = st.builds(Document, layout=st.sampled_from(["hebei-project", "hebei-graded", "mof-project"]),
                     projects=st.lists(project, max_size=4), department=department, preamble=text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document, st.sampled_from([None, *RULESETS]))
def test_check_document_never_raises(doc, ruleset):
    found = check_document(doc, ruleset)
    for f in found:
        assert f.severity in ("error", "warning", "info")
        f.to_json()
        f.format_line()
    # a rule that could not run would say so as an info finding: none may
    assert not [f for f in found if "未能完成检查" in f.message]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_validator_never_raises(doc):
    v = Validator(doc)
    v.validate_all()
    for i in range(len(doc.projects)):
        v.revalidate_project(i)
    assert v.findings() == check_document(doc, v.ruleset)
