"""The readers against damaged and hostile files: a seeded run of mutants of the sample forms,
every mutant that ever failed (``tests/fixtures/fuzz/``), crafted merges and sizes at the limits.

Each file is read in-process through ``load_document`` (its time budget included): the only
outcomes allowed are a Document or one Chinese line (FormReadError) without a Python class name;
a few go through the command line too (exit 0 or 2, at most one line on stderr). Long campaigns:
``tools/fuzz.py``.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from perfeditor.errors import FormReadError
from perfeditor.io import load_document
from tests.fuzz.crafted import CRAFTED_MERGES, many_cells_docx, stacked_forms_docx, with_merge
from tests.fuzz.harness import FIXTURES, REPO, make_mutant, read_one

SEED = 1
COUNT = int(os.environ.get("PERFEDITOR_FUZZ_COUNT", "200"))
_CLASS_NAME = re.compile(r"\b[A-Z][a-zA-Z]*(Error|Exception|Warning|File)\b")


def _assert_clean(outcome, what: str) -> None:
    assert outcome.status != "crash", f"{what}\n{outcome.message}"
    if outcome.status == "refused":
        msg = outcome.message
        assert "\n" not in msg and "Traceback" not in msg, msg
        assert not _CLASS_NAME.search(msg), f"a Python class name shown to the clerk: {msg}"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in msg), msg


def test_seeded_mutants_are_read_or_refused_in_chinese(tmp_path):
    slow = []
    for i in range(COUNT):
        path, what = make_mutant(i, SEED, tmp_path)
        outcome = read_one(path)
        _assert_clean(outcome, what)
        if outcome.seconds > 15:  # the budget refuses long before; this only catches a broken budget
            slow.append((outcome.seconds, what))
        path.unlink()
    assert not slow, slow


def _fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".docx", ".xlsx")) if FIXTURES.is_dir() else []


@pytest.mark.parametrize("path", _fixtures(), ids=lambda p: p.name)
def test_every_mutant_that_ever_failed(path):
    _assert_clean(read_one(path), path.name)


def test_regression_fixtures_are_kept():
    assert len(_fixtures()) >= 11


@pytest.mark.parametrize("ref", CRAFTED_MERGES)
def test_crafted_merges_are_refused_at_once(tmp_path, ref):
    src = REPO / "tests/fixtures/xlsx/mof2021_per_sheet.xlsx"
    path = with_merge(src, tmp_path / "merge.xlsx", ref)
    start = time.process_time()
    with pytest.raises(FormReadError) as info:
        load_document(path)
    assert time.process_time() - start < 5  # (the acceptance says 1 s; CPU time, so a busy machine passes)
    assert "合并单元格" in info.value.message and "上限" in info.value.message


def test_a_legitimate_merge_spelled_oddly_still_reads(tmp_path):
    src = REPO / "tests/fixtures/xlsx/mof2021_per_sheet.xlsx"
    plain = load_document(src)
    odd = load_document(with_merge(src, tmp_path / "odd.xlsx", " $zz$900 : $zz$901 "))
    assert len(odd.projects) == len(plain.projects)


def test_a_word_table_of_5000_forms_reads(tmp_path):
    doc = load_document(stacked_forms_docx(tmp_path / "stacked.docx", 5000))
    assert len(doc.projects) == 5000
    assert doc.projects[-1].name == "项目5000" and doc.projects[-1].indicators[0].value == "≥50个"


@pytest.mark.parametrize("spelling", ["word", "odd"])
def test_a_docx_of_too_many_cells_is_refused_before_any_table_is_built(tmp_path, monkeypatch, spelling):
    """Tables each far within the per-table limits, too many cells together (the real limit is
    2,000,000; lowered here so the file stays small)."""
    from perfeditor.io import limits
    from perfeditor.io.docx import reader

    monkeypatch.setattr(limits, "MAX_CELLS_FILE", 5_000)
    path = many_cells_docx(tmp_path / "cells.docx", 6_000, per_table=1_000)
    if spelling == "odd":  # the same cells spelled <w:tc\n>: counted all the same
        with zipfile.ZipFile(path) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
        parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:tc>", b"<w:tc\n>")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for n, data in parts.items():
                zf.writestr(n, data)
    built = []  # neither the scan nor the tree walk starts
    monkeypatch.setattr(reader, "scan_body", lambda *a: built.append("scan"))
    monkeypatch.setattr(reader, "body_blocks", lambda *a: built.append("tree"))
    with pytest.raises(FormReadError) as err:
        load_document(path)
    assert "Word 文件中表格单元格的数量（6,000）超过了程序的上限（5,000）" in err.value.message
    assert built == []


def test_a_docx_within_the_cell_limit_reads(tmp_path, monkeypatch):
    from perfeditor.io import limits

    monkeypatch.setattr(limits, "MAX_CELLS_FILE", 6_000)
    path = many_cells_docx(tmp_path / "cells.docx", 6_000, per_table=1_000)
    with pytest.raises(FormReadError) as err:  # read (no form in empty tables), not refused for its size
        load_document(path)
    assert "没有找到" in err.value.message


def test_a_legitimate_3000_row_form_opens(tmp_path):
    from perfeditor.io import save_document
    from perfeditor.model import Document, Indicator, Project

    p = Project(title="长表绩效目标表", name="长表项目", code="1")
    p.indicators = [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{i}", value=f"≥{i}个")
                    for i in range(3000)]
    doc = Document(projects=[p], layout="hebei-project")
    for suffix in (".xlsx", ".docx"):
        out = tmp_path / f"长表{suffix}"
        save_document(doc, out)
        again = load_document(out)
        assert len(again.projects[0].indicators) == 3000, suffix
        assert again.projects[0].indicators[-1].value == "≥2999个"


def _cli(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfeditor", "dump", str(path)], capture_output=True,
                          text=True, timeout=120, cwd=REPO)


def test_a_few_mutants_through_the_command_line(tmp_path):
    seen = set()
    for i in range(0, COUNT, 40):
        path, what = make_mutant(i, SEED, tmp_path)
        out = _cli(path)
        assert out.returncode in (0, 2), (what, out.stderr[-2000:])
        lines = [line for line in out.stderr.splitlines() if line.strip()]
        assert "Traceback" not in out.stderr and len(lines) <= (1 if out.returncode == 2 else 0), (what, out.stderr)
        seen.add(out.returncode)
    assert seen == {0, 2}


@pytest.mark.parametrize("then", ["reads", "fails"])
def test_library_warnings_never_reach_the_clerk(tmp_path, monkeypatch, capfd, then):
    import warnings

    from perfeditor import cli

    def noisy(path, smap=None):
        warnings.warn("Unknown extension is not supported and will be removed", UserWarning, stacklevel=1)
        warnings.warn("Workbook contains no default style, apply openpyxl's default", UserWarning, stacklevel=1)
        if then == "fails":
            raise ValueError("Value must be one of {'thin', 'medium'}")
        return real(path, smap)

    from perfeditor.io import xlsx

    real = xlsx.read_xlsx
    monkeypatch.setattr(xlsx, "read_xlsx", noisy)
    code = cli.main(["dump", str(REPO / "tests/fixtures/xlsx/mof2021_per_sheet.xlsx")])
    err = capfd.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    if then == "reads":
        assert code == 0 and lines == []
    else:
        assert code == 2 and len(lines) == 1 and "ValueError" not in err, err


def test_text_per_cell_is_capped_with_a_message_naming_the_limit(tmp_path, monkeypatch):
    from perfeditor.io import limits

    monkeypatch.setattr(limits, "MAX_CELL_TEXT", 5_000)
    path = stacked_forms_docx(tmp_path / "long.docx", 1)
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace("完成第1项工作".encode(), ("长" * 6000).encode())
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(FormReadError) as info:
        load_document(path)
    assert "文字长度" in info.value.message and "5,000" in info.value.message
    monkeypatch.setattr(limits, "MAX_CELL_TEXT", 10_000)
    assert load_document(path).projects[0].goals == "长" * 6000


def test_a_read_over_its_budget_is_refused_in_chinese(tmp_path, monkeypatch):
    from perfeditor.io import budget

    monkeypatch.setattr(budget, "BASE_SECONDS", 0.0)
    monkeypatch.setattr(budget, "SECONDS_PER_MB", 0.0)

    def slow(path, smap=None):
        end = time.process_time() + 30
        while time.process_time() < end:  # a reader stuck in a loop
            pass

    from perfeditor.io import docx

    monkeypatch.setattr(docx, "read_docx", slow)
    start = time.monotonic()
    with pytest.raises(FormReadError) as info:
        load_document(REPO / "tests/fixtures/docx/mof_2015.docx")
    assert time.monotonic() - start < 10
    assert "限定时间" in info.value.message
    time.sleep(0.2)  # nothing is delivered to the thread later
    monkeypatch.undo()
    assert load_document(REPO / "tests/fixtures/docx/mof_2015.docx").projects


def test_the_cell_count_bound_by_size_is_exact(monkeypatch):
    """A part passed for its size alone (four bytes per cell allowed) cannot hold too many cells:
    the tightest cell starts, at the limit, pass; one more is refused."""
    from perfeditor.io import limits
    from perfeditor.io.docx.grid import check_cell_count

    monkeypatch.setattr(limits, "MAX_CELLS_FILE", 50)
    check_cell_count(b"<tc>" * 50)
    check_cell_count(b"<w:tc>" * 33 + b"..")  # 200 bytes
    with pytest.raises(FormReadError):
        check_cell_count(b"<tc>" * 51)
    with pytest.raises(FormReadError):
        check_cell_count(b"<w:tc>" * 51)
