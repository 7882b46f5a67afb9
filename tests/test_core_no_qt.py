"""The core (model, rules, readers, writers, command line) must run without Qt."""
from __future__ import annotations

import subprocess
import sys
import textwrap

CORE_MODULES = [
    "perfeditor.model", "perfeditor.io", "perfeditor.io.safety", "perfeditor.io.native",
    "perfeditor.io.docx", "perfeditor.io.xlsx", "perfeditor.rules", "perfeditor.cli",
]


def test_core_imports_no_qt():
    # A fresh interpreter in which any attempt to import Qt fails loudly.
    code = textwrap.dedent(f"""
        import importlib, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'):
                    raise ImportError('Qt imported by the core: ' + name)
        sys.meta_path.insert(0, Block())
        for mod in {CORE_MODULES!r}:
            importlib.import_module(mod)
        from perfeditor.cli import main
        rc = main(['rules'])
        assert rc == 0, rc
        print('ok')
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "ok" in out.stdout
