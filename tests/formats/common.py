"""Shared by the foreign-format tests: where the fixtures are and which original each came from."""
from __future__ import annotations

from pathlib import Path

from perfeditor.io import load_document
from perfeditor.model.dump import dump_document
from tests.conftest import OWN_FIXTURES, collapse_ws

FORMATS = OWN_FIXTURES / "formats"
MARKUP = FORMATS / "markup"
SOFFICE = FORMATS / "soffice"
HOSTILE = FORMATS / "hostile"


def original_of(path: Path) -> Path:
    """``<folder>--<stem>.<kind>.<ext>`` was made from ``tests/fixtures/<folder>/<stem>.docx|.xlsx``."""
    folder, rest = path.name.split("--", 1)
    stem = rest.split(".")[0]
    for suffix in (".docx", ".xlsx"):
        candidate = OWN_FIXTURES / folder / f"{stem}{suffix}"
        if candidate.exists():
            return candidate
    raise AssertionError(f"no original for {path.name}")


def dumped(path: Path) -> dict:
    return collapse_ws(dump_document(load_document(path)))


def assert_same_dump(path: Path) -> None:
    """The file dumps exactly as its .docx/.xlsx original does (white space collapsed)."""
    want, got = dumped(original_of(path)), dumped(path)
    assert got["projects"] or got["department"], path.name
    assert got == want


def assert_cli_refuses(path: Path, memory_mb: int = 1500) -> None:
    """`perfeditor dump` exits 2 with one Chinese line, within ``memory_mb`` of address space."""
    import resource
    import subprocess
    import sys

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, memory_mb * 2**20))

    out = subprocess.run([sys.executable, "-m", "perfeditor", "dump", str(path)], capture_output=True,
                         text=True, timeout=120, preexec_fn=limit)
    assert out.returncode == 2, (out.returncode, out.stderr[-2000:])
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0]), lines[0]
