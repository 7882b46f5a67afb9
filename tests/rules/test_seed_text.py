"""Values of seeds 003 and 004 that the partial fixtures do not hold, read from the seed text."""
from __future__ import annotations

import re

from rules_builders import make_doc, make_project

from perfeditor.model import Indicator
from perfeditor.rules import check_project, parse_value
from tests.conftest import PUBLIC_FIXTURES

SEEDS = PUBLIC_FIXTURES / "seeds"
_CMP = re.compile(r"^\t(≥|＞|>|<|＜|≤|=|＝)")


def _seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert paths, f"seed {prefix} is missing from {SEEDS}"
    return paths[0].read_text(encoding="utf-8")


def seed004_values() -> list[str]:
    """The 指标值 column of every indicator row of seed 004 (tab-separated rows)."""
    out = []
    for line in _seed("004").splitlines():
        cells = line.split("\t")
        if len(cells) == 6 and not cells[0].strip() and cells[4].strip() and cells[4].strip() != "指标值" and (
                cells[2].strip() or cells[3].strip()):
            out.append(cells[4].strip())
    return out


def seed003_grades() -> list[tuple[str, dict[str, str]]]:
    """(indicator name, grades) of every graded row of seed 003."""
    lines = _seed("003").split("\n")
    out, i = [], 0
    while i < len(lines) - 3:
        if all(_CMP.match(lines[i + k]) for k in range(4)):
            name = lines[i - 2].strip()
            out.append((name, dict(zip("优良中差", (lines[i + k].strip() for k in range(4)), strict=False))))
            i += 4
        else:
            i += 1
    return out


def test_seed004_values_are_all_readable():
    values = seed004_values()
    assert len(values) > 50
    kinds = {v: parse_value(v).kind for v in values}
    assert not [v for v, k in kinds.items() if k in ("broken", "empty")]
    assert kinds["≤23.4万元"] == "money" and kinds["每周≥7次"] == "frequency"
    assert kinds["2022年12月31日"] == "deadline"


def test_seed003_grades_only_the_known_gap():
    rows = seed003_grades()
    assert len(rows) > 50
    inds = [Indicator(level1="产出指标", level3=f"{name}#{n}", grades=g) for n, (name, g) in enumerate(rows)]
    inds += [Indicator(level1="效果指标", level3="x", grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"}),
             Indicator(level1="满意度指标", level3="y", grades={"优": "≥90%", "良": "≥80%", "中": "≥70%", "差": "<70%"})]
    doc = make_doc(make_project(layout="hebei-graded", indicators=inds), layout="hebei-graded")
    found = [(f.rule, (f.indicator or "").split("#")[0]) for f in check_project(doc, 0) if f.severity == "error"]
    assert found == [("grades.complement", "物业人员专业人数（人）")]
