"""`perfeditor check --json`: exit 0 or 1, never a traceback; flags the seeds' real defects
and nothing else at severity ``error``."""
from __future__ import annotations

import json
import re

import pytest

from tests.acceptance.corpus import CORPUS, FILES, cli, expected, files_for

DOUBLED = re.compile(r"(\d+)\1%及以上")
# Real defects of the seeds that must be reported as errors (rule, project, indicator or None).
REAL_ERRORS = {
    ("budget.sum", "招商事务工作经费", None),
    ("goals.placeholder", "2023年中央城镇保障性安居工程-租赁住房保障（唐财综[2023]10号）", None),
    ("grades.complement", "物业管理费", "物业人员专业人数（人）"),
}


def findings(name: str) -> list[dict]:
    result = cli("check", str(CORPUS / name), "--json")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def broken_values(name: str) -> set[tuple[str, str]]:
    """(project, indicator) of every value typed with its number twice (`≥9090%及以上`)."""
    return {(p["name"], i["level3"]) for p in expected(name)["projects"]
            for i in p["indicators"] if DOUBLED.search(i.get("value", ""))}


@pytest.mark.parametrize("name", FILES)
def test_check_exits_0_or_1_with_a_json_list(name):
    result = cli("check", str(CORPUS / name), "--json")
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr
    out = json.loads(result.stdout)
    assert isinstance(out, list)
    for f in out:
        assert f["severity"] in ("error", "warning", "info")
        assert f["rule"] and f["message"]
    assert (result.returncode == 1) == any(f["severity"] == "error" for f in out)


@pytest.mark.parametrize("name", [f for f in files_for("check") if f.startswith("seed001")])
def test_check_flags_seed_001_defects(name):
    out = findings(name)
    assert any(f["severity"] == "error" and f["rule"] == "budget.sum"
               and f["project"] == "招商事务工作经费" and f["field"] == "budget.fiscal"
               for f in out)
    broken = {(f["project"], f["indicator"]) for f in out
              if f["rule"] == "value.broken" and f["severity"] == "error"}
    assert ("招商事务工作经费", "新结识客商数") in broken
    assert broken == broken_values(name)


@pytest.mark.parametrize("name", files_for("check"))
def test_check_raises_no_error_but_real_defects(name):
    broken = broken_values(name)
    wrong = [f for f in findings(name) if f["severity"] == "error"
             and (f["rule"], f["project"], f["indicator"]) not in REAL_ERRORS
             and not (f["rule"] == "value.broken" and (f["project"], f["indicator"]) in broken)]
    assert wrong == []
