"""`perfeditor apply FILE --last-year LAST`: 从往年文件复制 from a script, with the same core as the
window; the written file holds exactly the copied parts."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES

LAST = PUBLIC_FIXTURES / "leting_2024.xlsx"


def _run(*args):
    return subprocess.run([sys.executable, "-m", "perfeditor", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=180)


def _dump(path):
    out = _run("dump", path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_goals_only_are_copied_with_years_moved(tmp_path):
    this = tmp_path / "leting_2025.docx"
    shutil.copy(OWN_FIXTURES / "last_year" / "leting_2025.docx", this)
    before, last = _dump(this), _dump(LAST)
    out = _run("apply", this, "--last-year", LAST, "--parts", "goals", "-o", tmp_path / "out.docx")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("已复制") == 5
    moved = any("2024年" in p["goals"] for p in last["projects"][:5])
    assert ("请复核" in out.stdout) == moved
    after = _dump(tmp_path / "out.docx")
    matched = 5  # four projects by code, one by name (see test_last_year.py)
    for k in range(matched):
        assert after["projects"][k]["goals"] == last["projects"][k]["goals"].replace("2024年", "2025年")
        assert after["projects"][k]["indicators"] == before["projects"][k]["indicators"]
        assert after["projects"][k]["spending_plan"] == before["projects"][k]["spending_plan"]
    assert after["projects"][matched:] == before["projects"][matched:]  # the unmatched one is untouched
    assert _dump(this) == before  # -o: the original is not written


def test_every_part_by_default_and_moved_years_listed_for_review(tmp_path):
    this = OWN_FIXTURES / "last_year" / "leting_2025.docx"
    out = _run("apply", this, "--last-year", LAST, "-o", tmp_path / "out.docx")
    assert out.returncode == 0, out.stderr
    assert "请复核" in out.stdout  # values of last year name 2024
    after, last = _dump(tmp_path / "out.docx"), _dump(LAST)
    first = after["projects"][0]
    assert [i["level3"] for i in first["indicators"]] == [i["level3"] for i in last["projects"][0]["indicators"]]
    assert [i["value"] for i in first["indicators"]] == [
        i["value"].replace("2024年", "2025年") for i in last["projects"][0]["indicators"]]


def test_apply_wants_one_source_and_known_parts(tmp_path):
    this = OWN_FIXTURES / "last_year" / "leting_2025.docx"
    for args in ((this,), (this, "x.json", "--last-year", LAST), (this, "--last-year", LAST, "--parts", "budget")):
        out = _run("apply", *args, "-o", tmp_path / "o.docx")
        assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "o.docx").exists()


def test_new_projects_are_added_only_when_asked(tmp_path):
    """`--new-projects`: last year's projects this year's file lacks are added after its last one,
    as the window's 新增项目 does; without it they are named on stderr and the file keeps its own."""
    this = OWN_FIXTURES / "last_year" / "leting_2025.docx"
    before, last = _dump(this), _dump(LAST)
    lacking = last["projects"][5:]  # the first five are matched (see test_last_year.py)
    out = _run("apply", this, "--last-year", LAST, "--parts", "goals", "-o", tmp_path / "plain.docx")
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip() == (f"perfeditor: 往年文件另有 {len(lacking)} 个本年没有的项目（"
                                  + "、".join(p["name"] for p in lacking[:3])
                                  + "…），未加入；加 --new-projects 可作为新增项目加入。")
    assert "已新增" not in out.stdout
    assert len(_dump(tmp_path / "plain.docx")["projects"]) == len(before["projects"])
    out = _run("apply", this, "--last-year", LAST, "--parts", "goals", "--new-projects", "-o", tmp_path / "out.docx")
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert out.stdout.count("已新增：") == len(lacking)
    after = _dump(tmp_path / "out.docx")
    added = after["projects"][len(before["projects"]):]
    assert [(p["name"], p["code"]) for p in added] == [(p["name"], p["code"]) for p in lacking]
    assert [p["goals"] for p in added] == [p["goals"].replace("2024年", "2025年") for p in lacking]
    assert all(p["budget"]["total"] == "" for p in added)
    n = len(before["projects"])
    assert [p["title"] for p in added] == [f"{n + k + 1}、{p['name']}绩效目标表" for k, p in enumerate(lacking)]


def test_new_projects_only_with_last_year(tmp_path):
    out = _run("apply", OWN_FIXTURES / "last_year" / "leting_2025.docx", "x.json", "--new-projects",
               "-o", tmp_path / "o.docx")
    assert out.returncode == 2 and out.stderr.strip() == "perfeditor: --new-projects 只能与 --last-year 同用。"
