"""`perfeditor dump` of every corpus file holds what the seed text says (white space collapsed)."""
from __future__ import annotations

import pytest

from tests.acceptance.corpus import CORPUS, cli, dump_of, expected, files_for, mismatches


@pytest.mark.parametrize("name", files_for("projects"))
def test_dump_projects_match_the_seed(name):
    want = expected(name)
    want.pop("department", None)
    assert mismatches(want, dump_of(CORPUS / name)) == []


@pytest.mark.parametrize("name", [f for f in files_for("department")
                                  if "department" in expected(f)])
def test_dump_department_matches_the_seed(name):
    want = expected(name)
    got = dump_of(CORPUS / name)
    assert mismatches({"layout": want["layout"], "projects": [],
                       "department": want["department"]},
                      {**got, "projects": []}) == []


@pytest.mark.parametrize("name", files_for("projects"))
def test_dump_exits_cleanly(name):
    result = cli("dump", str(CORPUS / name))
    assert result.returncode == 0
    assert result.stderr.strip() == ""
