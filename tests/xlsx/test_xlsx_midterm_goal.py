"""An empty 中期目标 beside 年度目标 (the national 2015 form) reads back empty: the reader does not
take the next label's value for it."""
from __future__ import annotations

from perfeditor.authoring.variants import put_in_variant
from perfeditor.io import load_document, save_document
from tests.conftest import PUBLIC_FIXTURES


def test_an_empty_midterm_goal_is_not_the_annual_goal(tmp_path):
    doc = load_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    assert not any(p.goals_midterm for p in doc.projects)
    put_in_variant(doc, "2015")
    out = tmp_path / "dz15.xlsx"
    save_document(doc, out, layout="mof-project")
    back = load_document(out)
    assert [p.goals for p in back.projects] == [p.goals for p in doc.projects]
    assert not any(p.goals_midterm for p in back.projects)
