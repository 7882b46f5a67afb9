"""What `perfeditor dump` pays before and after reading: the modules it imports, and its JSON text.

A finance bureau's script runs `perfeditor dump` once per file, so start-up counts (README,
``benchmarks/bench_dump.py``). These tests guard behaviour, not time: a .docx dump imports neither
the .xlsx side, nor the window, nor the indicator library, nor python-docx; and the fast JSON
writer prints exactly what ``json.dumps(…, ensure_ascii=False, indent=1)`` would.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from perfeditor.io import load_document
from perfeditor.model import dump_document
from perfeditor.model.jsontext import dumps

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ONE_PROJECT = FIXTURES / "docx" / "mof_2021.docx"

#: Never imported by `perfeditor dump FILE.docx`: the .xlsx and other formats' readers, the
#: window (Qt), the writers, rules, the indicator library (SQLite, pinyin), batch review
#: (multiprocessing), python-docx (the reader reads the XML itself), what only errors need and
#: the rotating log handler (the log file is opened at its first record).
NOT_FOR_A_DOCX_DUMP = (
    "openpyxl", "xlrd", "olefile", "PySide6", "shiboken6", "pypinyin", "sqlite3", "_sqlite3",
    "docx", "multiprocessing", "ctypes", "logging.handlers",
    "perfeditor.io.xlsx", "perfeditor.io.formats", "perfeditor.io.docx.writer", "perfeditor.rules",
    "perfeditor.library", "perfeditor.review", "perfeditor.authoring", "perfeditor.compare",
    "perfeditor.editing", "perfeditor.ui", "perfeditor.app", "perfeditor.printing",
)


def _imported(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run ``python -X importtime -m perfeditor ARGS``; the names of the modules it imported."""
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "perfeditor", *args],
                         capture_output=True, timeout=300)
    names = set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)\s*$",
                           out.stderr.decode("utf-8", "replace"), re.MULTILINE))
    return out, names


def _under(names: set[str], package: str) -> list[str]:
    return sorted(n for n in names if n == package or n.startswith(package + "."))


def test_a_docx_dump_imports_only_what_reading_a_docx_needs():
    out, names = _imported("dump", str(ONE_PROJECT))
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")[-2000:]
    assert "perfeditor.io.docx.reader" in names and "pydantic" in names  # (the list is real)
    unwanted = {p: _under(names, p) for p in NOT_FOR_A_DOCX_DUMP}
    assert not {p: n for p, n in unwanted.items() if n}


def test_the_dump_prints_json_dumps_text_exactly():
    out = subprocess.run([sys.executable, "-m", "perfeditor", "dump", str(ONE_PROJECT)],
                         capture_output=True, timeout=300)
    assert out.returncode == 0
    want = json.dumps(dump_document(load_document(ONE_PROJECT)), ensure_ascii=False, indent=1) + "\n"
    assert out.stdout.decode("utf-8") == want


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25)


@given(_JSON)
def test_the_fast_json_writer_is_json_dumps_with_indent_one(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_the_fast_json_writer_leaves_other_values_to_json():
    value = {"a": (1, 2.5), 3: ["x", float("nan")], "s": "引号\"\\\n\u2028"}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)
    assert dumps([]) == "[]" and dumps({}) == "{}" and dumps({"k": {}}) == '{\n "k": {}\n}'


def test_a_dump_read_by_a_reader_that_stops_early_ends_quietly(tmp_path):
    # `perfeditor dump X | head`: the process leaves without tearing the interpreter down, and
    # the output it could still write, the pipe gone, is neither a traceback nor a hang.
    from perfeditor.io import save_document

    doc = load_document(FIXTURES / "docx" / "multi_mof_2021.docx")
    doc.projects = [p.model_copy(deep=True) for _ in range(100) for p in doc.projects]
    doc.path = None
    many = tmp_path / "many.docx"
    save_document(doc, many)  # its dump is larger than a pipe's buffer
    proc = subprocess.Popen([sys.executable, "-m", "perfeditor", "dump", str(many)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(10) == b'{\n "layout'
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) in (0, 1)
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_the_read_budget_still_stops_a_runaway_read():
    # (ctypes, which raises the timeout in the reading thread, is imported only when it fires)
    from perfeditor.io import budget

    started = time.monotonic()
    try:
        with budget.deadline(0.2):
            while time.monotonic() - started < 30:
                pass
    except budget.ReadTimeout:
        pass
    assert time.monotonic() - started < 20


def test_starting_never_looks_pydantic_plugins_up():
    """pydantic's plugin lookup (the entry points of every installed package) is skipped: perfeditor
    sets ``PYDANTIC_DISABLE_PLUGINS`` before its models are defined, unless the caller set it."""
    import os

    code = ("import perfeditor.model, os; from pydantic.plugin import _loader; "
            "print(_loader._plugins is None, os.environ['PYDANTIC_DISABLE_PLUGINS'])")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.split() == ["True", "__all__"], out.stderr[-2000:]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**env, "PYDANTIC_DISABLE_PLUGINS": "logfire"})
    assert out.stdout.split() == ["False", "logfire"], out.stderr[-2000:]
