"""文件→新建 and 添加项目 through the Qt-free core: every layout, with and without the department
part, checks with only an empty form's findings and saves and reloads equal."""
from __future__ import annotations

import pytest

from perfeditor.authoring import FORM_KINDS, new_document
from perfeditor.authoring.new import document_unit, project_for, unit_text
from perfeditor.io import load_document, save_document
from perfeditor.model import dump_document
from perfeditor.rules import check_document, ruleset_for
from perfeditor.rules.labels import level1_key, level2_key
from tests.conftest import PUBLIC_FIXTURES

#: What an empty form must be told: fill in goals, names and values (and the budget, the
#: department's overall goal, the grades where the layout has them) — nothing else.
EMPTY_FORM_RULES = {"goals.empty", "structure.level3-empty", "structure.value-empty", "budget.sum",
                    "department.overall", "grades.parse"}
CASES = [(k, d) for k in FORM_KINDS for d in (True, False)]


def _new(key: str, department: bool):
    return new_document(key, department, "定州市住房和城乡建设局", "333002", 2025)


@pytest.mark.parametrize(("key", "department"), CASES)
def test_a_new_form_has_only_the_findings_of_an_empty_form(key, department):
    doc = _new(key, department)
    kind = FORM_KINDS[key]
    assert ruleset_for(doc) == kind.ruleset
    rules = {f.rule for f in check_document(doc, kind.ruleset)}
    assert rules <= EMPTY_FORM_RULES, rules - EMPTY_FORM_RULES
    assert "goals.empty" in rules and "structure.level3-empty" in rules
    assert ("department.overall" in rules) == department
    # no structure finding: the starter rows hold every first level the rule set demands
    assert not {r for r in rules if r.startswith("structure.level")} - {"structure.level3-empty"}


@pytest.mark.parametrize(("key", "department"), CASES)
@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".perf.json"])
def test_a_new_form_saves_and_reloads_equal(tmp_path, key, department, suffix):
    doc = _new(key, department)
    out = tmp_path / f"new{suffix}"
    assert save_document(doc, out) == []
    back = load_document(out)
    kind = FORM_KINDS[key]
    assert dump_document(back) == dump_document(doc)
    assert {f.rule for f in check_document(back, kind.ruleset)} == {f.rule for f in check_document(doc, kind.ruleset)}


def test_starter_rows_follow_the_indicator_system():
    def levels(key):
        return [(level1_key(i.level1), level2_key(i.level2)) for i in _new(key, False).projects[0].indicators]

    assert ("产出", "成本") in levels("mof-2015") and ("成本", "经济成本") not in levels("mof-2015")
    assert ("成本", "经济成本") in levels("mof-2021") and ("产出", "成本") not in levels("mof-2021")
    assert levels("hebei-project")[:3] == [("产出", "数量"), ("产出", "质量"), ("产出", "时效")]
    assert {a for a, _ in levels("hebei-graded")} == {"产出", "效益", "满意度"}
    assert all(b == "" for _, b in levels("hebei-graded"))
    for key in FORM_KINDS:
        assert all(not i.level3 and not i.value for i in _new(key, False).projects[0].indicators)


def test_department_name_code_and_year_go_where_each_layout_prints_them():
    hebei = _new("hebei-project", True)
    assert hebei.projects[0].unit == "333002定州市住房和城乡建设局"
    assert hebei.department is not None and hebei.department.form == "narrative"
    mof = _new("mof-2021", True)
    assert mof.projects[0].unit == "定州市住房和城乡建设局（333002）"
    assert mof.department.form == "table" and mof.department.name == "定州市住房和城乡建设局"
    from perfeditor.rules.budget_year import find_budget_year

    assert find_budget_year(hebei).year == 2025
    assert _new("hebei-project", False).department is None
    assert unit_text(FORM_KINDS["hebei-project"], "某局", "") == "某局"


def test_add_project_takes_the_files_shape_unit_and_level_spelling():
    doc = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    new = project_for(doc, doc.projects[0])
    assert new.unit == document_unit(doc) == "333002定州市住房和城乡建设局"
    assert new.variant.layout == "hebei-project"
    assert list(new.spending_plan) == list(doc.projects[0].spending_plan)
    used = {i.level1 for p in doc.projects for i in p.indicators}
    assert {i.level1 for i in new.indicators} <= used | {"效益指标"}
    assert new.indicators and all(not i.level3 for i in new.indicators)
    qiannan = load_document(PUBLIC_FIXTURES / "qiannan_2022_part.docx")
    short = project_for(qiannan)
    assert short.variant.layout == "mof-project"
    assert "产出" in {i.level1 for i in short.indicators}  # this file's own short spelling


@pytest.mark.parametrize("name", ["docx/multi_mof_2015.docx", "xlsx/multi_mof_2021.xlsx"])
def test_a_new_project_is_titled_with_its_name_in_the_files_own_style(tmp_path, name):
    """A 财政部 file titling its forms ``1、农村危房改造项目支出绩效目标表``: a project added
    (添加项目) is titled ``3、新项目项目支出绩效目标表`` (not ``3、项目支出绩效目标表``), and a
    name typed in takes the title along; saved and reopened, the title stays."""
    import shutil

    from perfeditor.editing.rename import renamed_title
    from perfeditor.io import read_document
    from tests.conftest import OWN_FIXTURES

    path = tmp_path / name.split("/")[-1]
    shutil.copy(OWN_FIXTURES / name, path)
    doc, smap = read_document(path)
    new = project_for(doc, doc.projects[-1])
    assert new.title == "3、新项目项目支出绩效目标表"
    new.title = renamed_title(new.title, new.name, "污水管网改造")
    new.name = "污水管网改造"
    doc.projects.append(new)
    save_document(doc, path, source_map=smap)
    back, _ = read_document(path)
    assert [p.title for p in back.projects][-1] == "3、污水管网改造项目支出绩效目标表"
    assert back.projects[-1].name == "污水管网改造"


def test_a_new_projects_title_follows_the_template_or_the_layouts_own():
    from perfeditor.forms.titles import title_like
    from perfeditor.model import Project

    def like(title, name):
        return title_like(Project(title=title, name=name), "新项目", 4, "默认")

    assert like("2、城建管理经费绩效目标表", "城建管理经费") == "4、新项目绩效目标表"
    assert like("2、城建管理经费项目支出绩效目标表", "城建管理经费") == "4、新项目项目支出绩效目标表"
    assert like("（2）城建管理经费绩效目标表", "城建管理经费") == "（4）新项目绩效目标表"
    assert like("城建管理经费绩效目标表", "城建管理经费") == "新项目绩效目标表"  # not numbered: no number
    assert like("2、项目支出绩效目标表", "城建管理经费") == "4、项目支出绩效目标表"  # no names in titles
    assert like("项目支出绩效目标表", "城建管理经费") == "默认"
    assert like("", "城建管理经费") == "默认"
    qiannan = load_document(PUBLIC_FIXTURES / "qiannan_2022_part.docx")
    assert project_for(qiannan).title == "项目支出绩效目标表"
    dingzhou = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    assert project_for(dingzhou).title == f"{len(dingzhou.projects) + 1}、新项目绩效目标表"
