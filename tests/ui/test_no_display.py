"""`perfeditor` with no display: one Chinese line on stderr and exit 2, not Qt's English message and
an abort (exit 134); the command line's commands still work there (PDF export too)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import PUBLIC_FIXTURES

SAMPLE = PUBLIC_FIXTURES / "qiannan_2022_part.docx"


def _headless(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "perfeditor", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=env, timeout=timeout)


@pytest.mark.skipif(sys.platform != "linux", reason="a display is a Linux (X11/Wayland) notion")
@pytest.mark.parametrize("args", [(), (str(SAMPLE),)], ids=["start-page", "file"])
def test_no_display_is_one_chinese_line_and_exit_2(args):
    try:
        result = _headless(*args, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.skip("Qt found a platform without DISPLAY/WAYLAND_DISPLAY on this machine (the window stayed open)")
    if result.returncode == 0:
        pytest.skip("Qt found a platform without DISPLAY/WAYLAND_DISPLAY on this machine")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("perfeditor: 无法打开窗口：没有可用的图形显示")
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", lines[0])  # no English sentence (Qt's)
    assert result.stdout == ""


@pytest.mark.skipif(sys.platform != "linux", reason="a display is a Linux (X11/Wayland) notion")
def test_the_command_line_works_without_a_display(tmp_path):
    dump = _headless("dump", str(SAMPLE))
    assert dump.returncode == 0, dump.stderr
    assert json.loads(dump.stdout)["projects"]
    pdf = tmp_path / "黔南.pdf"
    conv = _headless("convert", str(SAMPLE), str(pdf), timeout=300)
    assert conv.returncode == 0, conv.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
