"""A folder review takes every kind the program opens (.xls, .doc, .et, .wps, .odt, .ods, .rtf, .htm,
.xml …), each reviewed as `check FILE` reviews it, and says how many files it skipped."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from review_builders import ROOT

from perfeditor.errors import FormReadError
from perfeditor.io import OPENABLE_SUFFIXES, load_document
from perfeditor.review import collect_files
from perfeditor.rules import check_document, ruleset_for

FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEED = "acceptance--seed000_dingzhou"
#: name in the folder → the fixture it is a copy of (seed000 in every other format)
COPIES = {
    "定州.gbk.xls": f"markup/{SEED}.gbk.xls",
    "定州.ss2003.xls": f"markup/{SEED}.ss2003.xls",
    "定州.w2003.doc": f"markup/{SEED}.w2003.doc",
    "定州.word.doc": f"markup/{SEED}.word.doc",
    "定州网页.htm": f"markup/{SEED}.utf8.xls",
    "定州.xml": f"markup/{SEED}.ss2003.xls",
    "定州97.doc": f"soffice/{SEED}.doc",
    "定州.odt": f"soffice/{SEED}.odt",
    "定州.ods": f"soffice/{SEED}.ods",
    "定州.rtf": f"soffice/{SEED}.rtf",
    "定州97.xls": f"soffice/{SEED}.xls",
    "定州.et": f"soffice/{SEED}.xls",
    "定州.wps": f"soffice/{SEED}.doc",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("other-formats") / "各种格式"
    (base / "子目录").mkdir(parents=True)
    for name, source in COPIES.items():
        shutil.copy(FORMATS / source, base / "子目录" / name if name.endswith(".xml") else base / name)
    (base / "说明.txt").write_text("请于月底前报送。", encoding="utf-8")
    (base / "子目录" / "照片.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (base / "~$定州.doc").write_bytes(b"lock")  # Word's lock file: neither reviewed nor counted
    return base


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PERFEDITOR_SOFFICE": "none"}  # quick: the LibreOffice kinds say they need it
    return subprocess.run([sys.executable, "-m", "perfeditor", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=env, timeout=300)


def _expected(path) -> tuple[str | None, list[dict]]:
    """(error, findings) as `check FILE` gives them."""
    try:
        doc = load_document(path)
    except FormReadError as err:
        return err.message, []
    return None, [f.to_json() for f in check_document(doc, ruleset_for(doc))]


def test_every_openable_kind_is_collected_and_the_rest_counted(folder):
    skipped = []
    names = [name for _, name in collect_files([folder], skipped)]
    assert sorted(names) == sorted(("子目录/" + n) if n.endswith(".xml") else n for n in COPIES)
    assert {n.rsplit(".", 1)[-1] for n in names} >= {s.rsplit(".", 1)[-1] for s in OPENABLE_SUFFIXES} - {
        "docx", "xlsx", "json", "html"}
    assert sorted(p.name for p in skipped) == ["照片.jpg", "说明.txt"]


def test_check_folder_reviews_each_as_check_file_does(folder, monkeypatch):
    monkeypatch.setenv("PERFEDITOR_SOFFICE", "none")
    result = _cli("check", str(folder), "--json", "--jobs", "2")
    assert result.returncode in (0, 1), result.stderr
    got = json.loads(result.stdout)
    assert len(got) == len(COPIES)
    read = 0
    for entry in got:
        error, findings = _expected(folder / entry["file"])
        assert (entry["error"], entry["findings"]) == (error, findings), entry["file"]
        read += error is None
    # the markup kinds and the real .xls (also named .et) are read without LibreOffice
    assert read >= 8
    assert {e["projects"] for e in got if e["error"] is None} == {len(load_document(folder / "定州97.xls").projects)}
    unread = [e for e in got if e["error"]]
    assert all("LibreOffice" in e["error"] for e in unread)
    assert any("跳过" in line and "2 个文件" in line for line in result.stderr.splitlines())


def test_the_text_output_keeps_its_shape_and_the_skipped_files_are_said(folder):
    result = _cli("check", str(folder), "--jobs", "2")
    lines = result.stdout.splitlines()
    assert sorted(ln[3:].split("（")[0] for ln in lines if ln.startswith("== ")) == sorted(
        ("子目录/" + n) if n.endswith(".xml") else n for n in COPIES)
    assert lines[-1].startswith(f"共 {len(COPIES)} 个文件")
    assert "跳过" not in result.stdout
    said = [ln for ln in result.stderr.splitlines() if "跳过" in ln]
    assert said == ["perfeditor: 另有 2 个文件不是本程序能打开的表格格式，已跳过（说明.txt、照片.jpg）。"]


def test_a_folder_of_no_form_kind_says_what_it_skipped(tmp_path):
    (tmp_path / "说明.txt").write_text("x", encoding="utf-8")
    result = _cli("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "perfeditor: 所给的文件夹中没有可审核的文件（.docx、.xlsx 等预算绩效目标表）。"
        "另有 1 个文件不是本程序能打开的表格格式，已跳过（说明.txt）。"]
