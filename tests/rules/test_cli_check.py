"""``perfeditor check`` and ``perfeditor rules`` on the shared fixtures, as a finance bureau runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rules_builders import PUBLIC_FIXTURES, load_dump

from perfeditor.io.native import write_native

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / ".venv" / "bin" / "perfeditor"


def run(*args: str) -> subprocess.CompletedProcess:
    cmd = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "perfeditor"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, encoding="utf-8",
                          timeout=120, cwd=ROOT)


@pytest.mark.parametrize("name", ["dingzhou_2020.docx", "pingxiang_2020_part.docx", "qiannan_2022_part.docx"])
def test_forms_without_errors_exit_0(name):
    out = run("check", str(PUBLIC_FIXTURES / name))
    assert out.returncode == 0, out.stderr
    assert "错误 0 个" in out.stdout.splitlines()[-1]
    assert "Traceback" not in out.stderr


def test_form_with_errors_exits_1_and_json_shape():
    out = run("check", str(PUBLIC_FIXTURES / "leting_2024.xlsx"), "--json")
    assert out.returncode == 1, out.stderr
    found = json.loads(out.stdout)
    assert isinstance(found, list) and found
    for f in found:
        assert list(f) == ["severity", "rule", "project", "indicator", "field", "message"]
        assert f["severity"] in ("error", "warning", "info")
    errors = [f for f in found if f["severity"] == "error"]
    assert [(f["rule"], f["field"]) for f in errors] == [("goals.placeholder", "goals")]
    assert "目标内容1" in errors[0]["message"]


def test_text_output_one_finding_a_line(tmp_path):
    doc = load_dump("seed001")
    path = tmp_path / "seed001.perf.json"
    write_native(doc, path)
    out = run("check", str(path))
    assert out.returncode == 1, out.stderr
    lines = out.stdout.strip().splitlines()
    assert any("21.4." in ln and "budget.sum" in ln for ln in lines)
    assert lines[-1].startswith("规则集 hebei：错误 13 个")
    js = json.loads(run("check", str(path), "--json").stdout)
    assert len(js) == len(lines) - 1


def test_rules_option_switches_the_set():
    out = run("check", str(PUBLIC_FIXTURES / "qiannan_2022_part.docx"), "--rules", "mof-2021", "--json")
    assert out.returncode == 1
    assert any(f["rule"] == "structure.level1" and "成本" in f["message"] for f in json.loads(out.stdout))


def test_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    out = run("check", str(bad))
    assert out.returncode == 2
    assert out.stderr.strip() and "Traceback" not in out.stderr
    assert run("check", str(tmp_path / "missing.xlsx")).returncode == 2


def test_unknown_ruleset_exits_2():
    out = run("check", str(PUBLIC_FIXTURES / "dingzhou_2020.docx"), "--rules", "nope")
    assert out.returncode == 2 and "mof-2015" in out.stderr


def test_rules_lists_every_rule():
    out = run("rules")
    assert out.returncode == 0
    for name in ("mof-2015", "mof-2021", "hebei"):
        assert f"# {name}：" in out.stdout
    one = run("rules", "hebei").stdout.strip().splitlines()
    assert one[0].startswith("# hebei：")
    assert all(len(ln.split("\t")) == 3 for ln in one[1:])
    assert any(ln.startswith("budget.sum\terror\t") for ln in one)
