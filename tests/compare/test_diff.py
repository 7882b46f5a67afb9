"""文件→比较 / ``perfeditor diff`` through the core."""
from __future__ import annotations

import json

import pytest

from perfeditor import cli
from perfeditor.compare import diff_documents, format_change, text_segments
from perfeditor.io import load_document, read_document, save_document
from perfeditor.model import Indicator
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES, public_fixture_files


@pytest.mark.parametrize("path", public_fixture_files(), ids=lambda p: p.name)
def test_a_file_against_itself_has_no_difference(path):
    assert diff_documents(load_document(path), load_document(path)) == []


def test_one_changed_value_is_exactly_one_difference():
    a = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    b = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    ind = b.projects[3].indicators[2]
    old = ind.value
    ind.value = "≥99%"
    changes = diff_documents(a, b)
    assert len(changes) == 1
    c = changes[0]
    assert (c.kind, c.what, c.field, c.old, c.new) == ("changed", "field", "value", old, "≥99%")
    assert (c.project, c.indicator, c.project_a, c.indicator_a) == (b.projects[3].name, ind.level3, 3, 2)
    assert "指标值" in format_change(c) and "≥99%" in format_change(c)


def test_added_removed_and_changed_projects_and_indicators():
    a = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    b = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    gone = b.projects.pop(5)
    b.projects[0].indicators.insert(1, Indicator(level1="产出指标", level2="数量指标", level3="新增指标", value="≥1个"))
    removed = b.projects[1].indicators.pop(0)
    b.projects[2].goals += "\n3、新增目标"
    b.projects[2].spending_plan["6月底"] = "50"
    kinds = {(c.kind, c.what, c.project, c.indicator, c.field) for c in diff_documents(a, b)}
    assert kinds == {
        ("removed", "project", gone.name, None, None),
        ("added", "indicator", b.projects[0].name, "新增指标", None),
        ("removed", "indicator", b.projects[1].name, removed.level3, None),
        ("changed", "field", b.projects[2].name, None, "goals"),
        ("changed", "field", b.projects[2].name, None, "spending_plan.6月底"),
    }


def test_last_years_form_against_this_years():
    this = load_document(OWN_FIXTURES / "last_year" / "leting_2025.docx")
    last = load_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    changes = diff_documents(this, last)
    assert {c.project for c in changes if c.kind == "removed" and c.what == "project"} == {"2025年新增项目"}
    assert len([c for c in changes if c.kind == "added" and c.what == "project"]) == len(last.projects) - 5
    assert any(c.field == "goals" and c.project_a == 4 for c in changes)  # matched by name


def test_text_segments_mark_what_changed():
    assert text_segments("≥90%", "≥95%") == [("equal", "≥9"), ("delete", "0"), ("insert", "5"), ("equal", "%")]
    assert text_segments("", "新") == [("insert", "新")]


def test_cli_diff(tmp_path, capsys):
    a = PUBLIC_FIXTURES / "qiannan_2022_part.docx"
    assert cli.main(["diff", str(a), str(a)]) == 0
    assert "内容相同" in capsys.readouterr().out
    doc, doc_map = read_document(a)
    doc.projects[1].indicators[0].value = "每月≥1次"
    b = tmp_path / "b.docx"
    save_document(doc, b, source_map=doc_map)
    assert cli.main(["diff", str(a), str(b), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert len(out) == 1 and out[0]["field"] == "value" and out[0]["new"] == "每月≥1次"
    assert cli.main(["diff", str(a), str(b)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("~ 项目“") and "每月≥1次" in lines[0] and lines[-1] == "共 1 处不同。"
    assert cli.main(["diff", str(a), str(tmp_path / "missing.docx")]) == 2


def test_titles_renumbered_by_a_removed_project_are_not_differences():
    """Removing project 6 renumbers the 15 titles after it (``9、X`` → ``8、X``): the comparison
    shows the removed project, not 15 changed titles; a title whose words changed still shows."""
    a = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    b = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    removed = b.projects.pop(5)
    for k, p in enumerate(b.projects[5:], start=6):
        p.title = p.title.replace(f"{k + 1}、", f"{k}、", 1)
    b.projects[7].title = b.projects[7].title.replace("绩效目标表", "绩效目标申报表")
    changes = diff_documents(a, b)
    assert [(c.kind, c.what, c.field) for c in changes] == [("removed", "project", None),
                                                          ("changed", "field", "title")], \
        [format_change(c) for c in changes]
    assert changes[0].old == removed.name and "申报表" in changes[1].new
