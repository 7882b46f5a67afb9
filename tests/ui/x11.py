"""A window test file run again on X11 (under Xvfb): the keys of Linux desktops arrive through
xcb, not through the offscreen platform the suite uses."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def on_x11(test):
    """Skip ``test`` where it would run itself again (already on X11) or cannot (no Xvfb)."""
    test = pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "xcb", reason="already on X11")(test)
    return pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="no Xvfb to run the window on X11")(test)


def run_on_x11(test_file: str, expected: str) -> None:
    """Run ``test_file``'s window tests on X11; they pass, and pytest's summary says ``expected``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    out = subprocess.run(["xvfb-run", "-a", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--part=qt", str(Path(test_file).resolve().relative_to(ROOT))],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert expected in out.stdout, out.stdout[-1000:]
