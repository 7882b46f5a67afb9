"""``convert --layout NAME`` with a name that is no layout: one line naming every layout the
command takes, the same for each output kind, before anything is read or written. It said
``不认识的表格格式…可选：hebei-project、hebei-graded、mof-project`` for .docx (without the
national form's 2015/2021 variants the help lists), ``未知的版式“x”。`` for .xlsx, the whole list
for .pdf, and for .perf.json wrote the file and exited 0 (found by the QA tour)."""
from __future__ import annotations

import pytest

from perfeditor import cli
from tests.conftest import PUBLIC_FIXTURES

NAMES = ("hebei-project", "hebei-graded", "mof-project", "mof-project-2015", "mof-project-2021")


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf", ".perf.json"])
def test_an_unknown_layout_is_one_line_naming_them_all(tmp_path, capsys, suffix):
    out = tmp_path / f"out{suffix}"
    code = cli.main(["convert", str(PUBLIC_FIXTURES / "dingzhou_2020.docx"), str(out), "--layout", "hebei"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and not out.exists()
    assert len(err.splitlines()) == 1 and "“hebei”" in err, err
    assert all(name in err for name in NAMES), err


def test_every_layout_the_help_names_is_taken(tmp_path):
    for name in NAMES:
        out = tmp_path / f"{name}.docx"
        assert cli.main(["convert", str(PUBLIC_FIXTURES / "dingzhou_2020.docx"), str(out), "--layout", name]) == 0
        assert out.exists()


def test_the_names_follow_the_models_layouts():
    from perfeditor.model import LAYOUTS

    assert set(cli.CONVERT_LAYOUTS) == set(LAYOUTS) | {"mof-project-2015", "mof-project-2021"}
