"""`perfeditor convert --layout mof-project-2015 / mof-project-2021`: the national form in the
variant named, as the window's Save As and printing name them."""
from __future__ import annotations

import pytest

from perfeditor.cli import main
from perfeditor.io import load_document
from perfeditor.rules import ruleset_for
from tests.conftest import PUBLIC_FIXTURES, public_fixture_files


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


def _dump(capsys, path) -> str:
    capsys.readouterr()
    assert main(["dump", str(path)]) == 0
    return capsys.readouterr().out


def _check_ruleset(capsys, path) -> str:
    """The rule set `perfeditor check` (no --rules) chose for ``path``: its last line names it."""
    capsys.readouterr()
    main(["check", str(path)])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("规则集 "), last
    return last.split()[1].split("：")[0]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("variant", ["2015", "2021"])
@pytest.mark.parametrize("source", public_fixture_files(), ids=lambda p: p.name)
def test_each_public_form_reads_back_in_the_variant_written_and_converts_stably(tmp_path, capsys, source,
                                                                               variant, suffix):
    """None of the samples has 成本 as a first level: the variant read back comes from the form
    (the 2021 form's 指标值设定依据 column, the 2015 form's 中期 rows), and so do the rules."""
    out, again = tmp_path / f"out{suffix}", tmp_path / f"again{suffix}"
    assert main(["convert", str(source), str(out), "--layout", f"mof-project-{variant}"]) == 0
    back = load_document(out)
    assert back.layout == "mof-project"
    assert [p.variant.system for p in back.projects] == [variant] * len(back.projects)
    assert ruleset_for(back) == f"mof-{variant}"
    assert _check_ruleset(capsys, out) == f"mof-{variant}"
    assert main(["convert", str(out), str(again), "--layout", f"mof-project-{variant}"]) == 0
    assert [p.variant.system for p in load_document(again).projects] == [variant] * len(back.projects)
    assert _dump(capsys, again) == _dump(capsys, out)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("first,then", [("2015", "2021"), ("2021", "2015")])
def test_a_national_form_converted_to_its_other_variant_in_its_own_format(tmp_path, first, then, suffix):
    """A file already in the national form is saved in the other variant even where the saver
    would keep the file's unchanged tables (saving into a file of the same format and layout)."""
    out, other = tmp_path / f"first{suffix}", tmp_path / f"then{suffix}"
    assert main(["convert", str(PUBLIC_FIXTURES / "qiannan_2022_part.docx"), str(out),
                 "--layout", f"mof-project-{first}"]) == 0
    assert main(["convert", str(out), str(other), "--layout", f"mof-project-{then}"]) == 0
    back = load_document(other)
    assert [p.variant.system for p in back.projects] == [then, then]
    assert all(("basis" in p.variant.indicator_columns) == (then == "2021") for p in back.projects)
    def rows(doc):
        return [[i.model_dump(exclude={"uid"}) for i in p.indicators] for p in doc.projects]

    assert rows(back) == rows(load_document(out))
