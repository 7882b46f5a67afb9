"""`perfeditor convert --layout mof-project-2015 / mof-project-2021`: the national form in the
variant named, as the window's Save As and printing name them."""
from __future__ import annotations

import pytest

from perfeditor.cli import main
from perfeditor.io import load_document
from tests.conftest import PUBLIC_FIXTURES


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("variant", ["2015", "2021"])
def test_convert_to_either_variant_of_the_national_form(tmp_path, capsys, suffix, variant):
    out = tmp_path / f"out{suffix}"
    assert main(["convert", str(PUBLIC_FIXTURES / "dingzhou_2020.docx"), str(out),
                 "--layout", f"mof-project-{variant}"]) == 0
    back = load_document(out)
    assert back.layout == "mof-project"
    p = back.projects[0]
    if variant == "2021":
        assert "basis" in p.variant.indicator_columns and "goals_midterm" not in p.variant.rows
    else:
        assert "basis" not in p.variant.indicator_columns and "goals_midterm" in p.variant.rows
    assert [q.name for q in back.projects] == [q.name for q in load_document(PUBLIC_FIXTURES
                                                                             / "dingzhou_2020.docx").projects]
