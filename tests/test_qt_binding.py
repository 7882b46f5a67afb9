"""PySide6 6.12.0 on CPython < 3.12 drops a reference to None on every call of a C++ method
returning void (QFont.setBold …): a long session or a large print aborts the interpreter with
"none_dealloc". pyproject.toml excludes that release; this test catches any binding that does it."""
from __future__ import annotations

import subprocess
import sys


def test_void_qt_calls_keep_none_alive():
    code = ("import sys; from PySide6.QtGui import QFont; f = QFont(); n = sys.getrefcount(None);"
            "[f.setBold(True) for _ in range(5000)]; print(n - sys.getrefcount(None))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert abs(int(proc.stdout.strip())) < 100, "this PySide6 leaks references to None"
