"""项目→从往年文件复制 through the core, on a pair of fixtures: last year's ``leting_2024.xlsx`` and
this year's ``last_year/leting_2025.docx`` (made by its make_fixtures.py)."""
from __future__ import annotations

import pytest

from perfeditor.authoring.last_year import (
    apply_plan,
    match_projects,
    plan_copy,
    project_from_last_year,
    unmatched_old,
    year_gap,
)
from perfeditor.io import load_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES


@pytest.fixture(scope="module")
def pair():
    return load_document(OWN_FIXTURES / "last_year" / "leting_2025.docx"), load_document(PUBLIC_FIXTURES / "leting_2024.xlsx")


def test_projects_match_by_code_then_by_name(pair):
    current, old = pair
    matches = match_projects(current, old)
    pairs = {(m.current, m.old, m.how) for m in matches if m.current is not None}
    assert pairs == {(0, 0, "code"), (1, 1, "code"), (2, 2, "code"), (3, 3, "code"), (4, 4, "name"), (5, None, "")}
    assert [m.old for m in matches if m.current is None] == list(range(5, len(old.projects)))


def test_the_budget_years_say_how_far_years_move(pair):
    assert year_gap(*pair) == (1, 2024)


@pytest.mark.parametrize("parts", [{"goals"}, {"indicators"}, {"plan"}, {"goals", "indicators", "plan"}, set()])
def test_exactly_the_ticked_parts_are_copied(pair, parts):
    current, old = load_document(pair[0].path), pair[1]
    target, source = current.projects[0], old.projects[0]
    before = target.model_copy(deep=True)
    delta, only = year_gap(current, old)
    plan = plan_copy(target, source, parts, delta, only)
    apply_plan(current, target, plan)
    if "goals" in parts:
        assert target.goals == source.goals.replace("2024年", "2025年")
    else:
        assert target.goals == before.goals
    if "indicators" in parts:
        assert [i.level3 for i in target.indicators] == [i.level3 for i in source.indicators]
        assert [i.value for i in target.indicators] == [i.value.replace("2024年", "2025年") for i in source.indicators]
        assert {i.uid for i in target.indicators}.isdisjoint({i.uid for i in source.indicators})
    else:
        assert [i.model_dump() for i in target.indicators] == [i.model_dump() for i in before.indicators]
    if "plan" in parts:
        assert list(target.spending_plan.values()) == list(source.spending_plan.values())
    else:
        assert target.spending_plan == before.spending_plan
    assert (target.name, target.code, target.budget) == (before.name, before.code, before.budget)
    if not parts:
        assert plan.empty()


def test_moved_years_are_listed_for_review_and_other_years_stay(pair):
    current, old = pair
    source = old.projects[0]  # goals name the 2019 project it pays for
    assert "2019年" in source.goals
    plan = plan_copy(current.projects[0], source, {"goals", "indicators"}, 1, 2024)
    goals = dict(plan.edits)["goals"]
    assert "2019年" in goals and "2024年" not in goals
    deadlines = [n for n, i in enumerate(source.indicators) if "2024年" in i.value]
    assert deadlines and all((n, "value") in plan.moved_cells for n in deadlines)
    assert any("请复核" in line for line in plan.review)
    moved = [m for m in plan.moved if m.field == "value"]
    assert [(m.row, m.before.replace("2024年", "2025年")) for m in moved] == [(m.row, m.after) for m in moved]
    assert {m.row for m in moved} == set(deadlines)
    assert source.indicators[deadlines[0]].value.startswith("2024")  # last year's file is untouched


def test_last_years_grades_are_not_carried_into_a_form_without_them():
    """Last year's 河北分级表 rows copied into a 河北项目表 project leave their grades behind (the
    form has no column for them), and copied into a graded project keep them."""
    graded = load_document(OWN_FIXTURES / "docx" / "hebei_graded.docx")
    plain = load_document(OWN_FIXTURES / "docx" / "hebei_project.docx")
    source = graded.projects[0]
    assert any(i.grades and any(i.grades.values()) for i in source.indicators)
    target = plain.projects[0]
    apply_plan(plain, target, plan_copy(target, source, {"indicators"}, 1))
    assert [i.level3 for i in target.indicators] == [i.level3 for i in source.indicators]
    assert all(i.grades is None for i in target.indicators)
    again = graded.projects[0]
    apply_plan(graded, again, plan_copy(again, source, {"indicators"}, 1))
    assert [i.grades for i in again.indicators] == [i.grades for i in source.indicators]


def test_last_years_projects_this_year_lacks_are_the_unmatched_ones(pair):
    current, old = pair
    assert unmatched_old(match_projects(current, old)) == list(range(5, len(old.projects)))


@pytest.mark.parametrize("parts", [{"goals", "indicators", "plan"}, {"goals"}, set()])
def test_a_project_only_last_year_has_becomes_a_project_shaped_like_this_years(pair, parts):
    current, old = load_document(pair[0].path), pair[1]
    source = old.projects[7]  # 2024年中央大气防治资金（唐财建[2023]117号）: its deadline names 2024
    kept = source.model_dump()
    delta, only = year_gap(current, old)
    project, plan = project_from_last_year(current, source, parts, delta, only)
    template = current.projects[-1]
    assert project not in current.projects  # the caller adds it
    assert project.variant == template.variant and project.variant is not template.variant
    assert (project.name, project.code, project.unit) == (source.name, source.code, template.unit)  # name as it was
    assert project.title == f"{len(current.projects) + 1}、{source.name}绩效目标表"  # this file's title style
    assert project.purpose == source.purpose
    assert project.budget.model_dump() == type(project.budget)().model_dump()  # this year's amounts: not copied
    assert project.goals == (source.goals.replace("2024年", "2025年") if "goals" in parts else "")
    if "indicators" in parts:
        assert [i.value for i in project.indicators] == [i.value.replace("2024年", "2025年") for i in source.indicators]
        assert {i.uid for i in project.indicators}.isdisjoint({i.uid for i in source.indicators})
        assert any("完成时限" in line for line in plan.review)
    else:  # the starter rows a new project gets
        assert project.indicators and [i.level3 for i in project.indicators] != [i.level3 for i in source.indicators]
    if "plan" in parts:
        assert project.spending_plan == dict(zip(template.spending_plan, source.spending_plan.values(), strict=True))
    else:
        assert list(project.spending_plan) == list(template.spending_plan) and not any(project.spending_plan.values())
    assert source.model_dump() == kept  # last year's file is untouched


def test_a_new_project_takes_only_the_fields_this_years_layout_holds(pair):
    """财政部项目表 has no 项目编码: last year's 河北 project added to such a file leaves it out (the
    save would drop it) and takes the file's 主管部门 and title style."""
    national = load_document(PUBLIC_FIXTURES / "qiannan_2022_part.docx")
    source = pair[1].projects[8]
    project, _ = project_from_last_year(national, source, {"goals", "indicators"}, 1, ordinal=3)
    template = national.projects[-1]
    assert project.variant.layout == template.variant.layout == "mof-project"
    assert project.code == "" and project.name == source.name and project.unit == template.unit
    assert project.title == template.title  # 项目支出绩效目标表, not numbered
