"""The review report: a folder with a damaged file and a non-form file gives the expected workbook."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from review_builders import EXPECTED_SUMMARY, ROOT, UNREADABLE, make_batch_folder

from perfeditor.review import collect_files, review_files, write_report
from perfeditor.review.report import FINDINGS_HEADER, SUMMARY_HEADER
from perfeditor.rules import RULESETS

#: The errors of the folder: seed 001's real defects (see tests/rules/test_seeds.py).
EXPECTED_ERRORS = {
    ("北戴河区/seed001.perf.json", "招商事务工作经费", "", "财政资金", "budget.sum"),
    *{("北戴河区/seed001.perf.json", project, indicator, "指标值", "value.broken") for project, indicator in [
        ("招商事务工作经费", "新结识客商数"), ("招商事务工作经费", "可持续性服务"), ("招商事务工作经费", "群众满意度"),
        ("道路维修", "城市道路、雨水排放设施修复完好率"), ("道路维修", "实现城市道路、雨水排放设施完好率"),
        ("道路维修", "实现城市市政设施完好率"), ("道路维修", "民众满意度"),
        ("沿海沿河沟（口）保洁", "城市道路、雨水排放设施修复完好率"),
        ("沿海沿河沟（口）保洁", "实现城市道路、雨水排放设施完好率"),
        ("沿海沿河沟（口）保洁", "实现城市市政设施完好率"), ("沿海沿河沟（口）保洁", "沟口保洁率"),
        ("沿海沿河沟（口）保洁", "沟口维护程度")]},
}
SEVERITIES = {"错误": "error", "警告": "warning", "提示": "info"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_batch_folder(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def report(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "审核报告.xlsx"
    result = subprocess.run([sys.executable, "-m", "perfeditor", "check", str(folder), "--report", str(out),
                             "--jobs", "2"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300)
    return result, out


def _rows(ws):
    return [tuple("" if v is None else v for v in row) for row in ws.iter_rows(values_only=True)]


def test_the_command_exits_1_and_says_what_it_could_not_read(report):
    result, out = report
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name, reason in UNREADABLE.items():
        assert any(name in line and reason in line for line in result.stderr.splitlines())
    assert out.exists()
    lines = result.stdout.splitlines()
    assert [ln[3:].split("（")[0] for ln in lines if ln.startswith("== ")] == [r[0] for r in EXPECTED_SUMMARY]
    assert lines[-1].startswith("共 5 个文件，2 个未能读取：错误 13 个")


def test_summary_sheet(report):
    wb = load_workbook(report[1])
    assert wb.sheetnames == ["汇总", "审核意见"]
    ws = wb["汇总"]
    rows = _rows(ws)
    assert rows[0] == SUMMARY_HEADER
    assert [r[0] for r in rows[1:]] == [e[0] for e in EXPECTED_SUMMARY]
    for row, (name, department, ruleset, projects) in zip(rows[1:], EXPECTED_SUMMARY, strict=True):
        if name in UNREADABLE:
            assert row[1:7] == ("", "", "", 0, 0, 0) and UNREADABLE[name] in row[7]
        else:
            assert row[1:4] == (department or "", ruleset, projects) and row[7] == ""
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:H{len(rows)}"


def test_findings_sheet(report):
    wb = load_workbook(report[1])
    summary, ws = _rows(wb["汇总"]), wb["审核意见"]
    rows = _rows(ws)
    assert rows[0] == FINDINGS_HEADER
    body = rows[1:]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:H{len(rows)}"
    # as many rows as the summary counts, file by file
    for s in summary[1:]:
        mine = [r for r in body if r[0] == s[0]]
        assert [sum(r[4] == label for r in mine) for label in ("错误", "警告", "提示")] == list(s[4:7])
    errors = {(r[0], r[1], r[2], r[3], r[5]) for r in body if r[4] == "错误"}
    assert errors == EXPECTED_ERRORS
    rules = {r.id: r.description for rs in RULESETS.values() for r in rs.rules}
    for r in body:  # the rule's id (what `perfeditor rules` lists) and, for the reviewer, its description
        assert r[4] in SEVERITIES and r[5] in rules and r[7] == rules[r[5]] and r[6]
    assert ("黔南州/qiannan_2022_part.docx", "城市建设管理及综合行政执法管理工作经费", "", "绩效目标", "警告",
            "goals.markup") in {r[:6] for r in body}


def test_html_report_holds_the_same_rows(folder, tmp_path):
    results = list(review_files(collect_files([folder]), workers=1))
    out = write_report(results, tmp_path / "审核报告.html")
    text = out.read_text(encoding="utf-8")
    assert text.count("<tr>") == 2 + len(results) + sum(len(r.findings) for r in results)
    assert "文件中没有找到预算绩效目标表。" in text and "&lt;p&gt;" in text  # escaped, never raw markup


def test_text_starting_with_equals_stays_text(tmp_path):
    from perfeditor.review.batch import FileResult

    out = write_report([FileResult(path="=HYPERLINK(1).docx", name="=HYPERLINK(1).docx", error="坏")],
                       tmp_path / "r.xlsx")
    cell = load_workbook(out)["汇总"]["A2"]
    assert cell.value == "=HYPERLINK(1).docx" and cell.data_type == "s"


def test_report_suffix_is_checked(tmp_path, folder):
    result = subprocess.run([sys.executable, "-m", "perfeditor", "check", str(folder), "--report",
                             str(tmp_path / "r.csv")], capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert result.returncode == 2 and ".xlsx 或 .html" in result.stderr and not (tmp_path / "r.csv").exists()


def test_exit_2_only_when_nothing_could_be_read(folder, tmp_path):
    def run(*paths):
        return subprocess.run([sys.executable, "-m", "perfeditor", "check", *map(str, paths), "--json"],
                              capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300)

    nothing = run(folder / "通知.docx", folder / "损坏的表.xlsx")
    assert nothing.returncode == 2 and "Traceback" not in nothing.stderr
    assert [f["error"] is not None for f in json.loads(nothing.stdout)] == [True, True]
    clean = run(folder / "平乡县", folder / "通知.docx")
    assert clean.returncode == 0, clean.stderr
    out = json.loads(clean.stdout)
    assert [(f["file"], f["projects"], f["error"]) for f in out] == [
        ("平乡县/pingxiang_2020_part.docx", 3, None), ("通知.docx", 0, UNREADABLE["通知.docx"])]
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    result = run(empty)
    assert result.returncode == 2 and "没有可审核的文件" in result.stderr


def test_progress_line_only_on_a_terminal(folder, monkeypatch, capsys):
    from perfeditor import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert cli.main(["check", str(folder / "黔南州"), str(folder / "平乡县"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "审核中 1/2  黔南州/qiannan_2022_part.docx" in err and "审核中 2/2" in err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert cli.main(["check", str(folder / "黔南州"), "--jobs", "1"]) == 0
    assert "审核中" not in capsys.readouterr().err
