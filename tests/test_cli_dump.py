"""`perfeditor dump` per the contract, run as the acceptance checks run it: a subprocess."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import collapse_ws, load_expected_dump, public_fixture_files


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfeditor", *args],
                          capture_output=True, timeout=300)


def _same(want, got, where="") -> None:
    """Every key the expected dump has is equal in ours (extra keys are allowed)."""
    if isinstance(want, dict):
        assert isinstance(got, dict), f"{where}: {got!r}"
        for key, value in want.items():
            if key == "spending_plan" and value in ("", {}) and got.get(key) in ("", {}):
                continue
            assert key in got, f"{where}.{key} missing"
            _same(value, got[key], f"{where}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{where}: {len(got or [])} != {len(want)}"
        for i, (a, b) in enumerate(zip(want, got, strict=False)):
            _same(a, b, f"{where}[{i}]")
    else:
        assert collapse_ws(want) == collapse_ws(got), f"{where}: {got!r} != {want!r}"


@pytest.mark.parametrize("path", public_fixture_files(), ids=lambda p: p.name)
def test_dump_matches_expected(path):
    out = run_cli("dump", str(path))
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    got = json.loads(out.stdout.decode("utf-8"))  # UTF-8, not escaped
    assert "\\u" not in out.stdout.decode("utf-8")
    _same(load_expected_dump(path), got, path.name)


def test_dump_of_missing_file_exits_2_with_one_line():
    out = run_cli("dump", "/nonexistent/表.docx")
    assert out.returncode == 2
    err = out.stderr.decode("utf-8")
    assert len(err.strip().splitlines()) == 1 and "找不到" in err
