"""The core (model, io, rules, command line) runs without Qt: every one of its modules imports in
an interpreter where Qt cannot be imported, and the command line answers there."""
from __future__ import annotations

import subprocess
import sys
import textwrap

CORE_PACKAGES = ["perfeditor.model", "perfeditor.io", "perfeditor.rules", "perfeditor.authoring", "perfeditor.library",
                 "perfeditor.compare"]
CORE_MODULES = ["perfeditor.cli", "perfeditor.errors", "perfeditor.logs", "perfeditor.paths"]


def test_every_core_module_imports_without_qt():
    code = textwrap.dedent(f"""
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'):
                    raise ImportError('Qt imported by the core: ' + name)
        sys.meta_path.insert(0, Block())
        names = list({CORE_MODULES!r})
        for pkg in {CORE_PACKAGES!r}:
            mod = importlib.import_module(pkg)
            names += [m.name for m in pkgutil.walk_packages(mod.__path__, pkg + '.')]
        for name in names:
            importlib.import_module(name)
        from perfeditor.cli import main
        assert main(['rules']) == 0
        print('ok', len(names))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    last = out.stdout.strip().splitlines()[-1].split()
    assert last[0] == "ok" and int(last[1]) > 30  # every module, the writers too


def test_the_command_line_refuses_pdf_without_qt(tmp_path):
    """Without the window's parts, `convert … .pdf` says so in one Chinese line (exit 2)."""
    from tests.conftest import PUBLIC_FIXTURES

    code = textwrap.dedent(f"""
        import sys
        from perfeditor.cli import main
        sys.exit(main(['convert', {str(PUBLIC_FIXTURES / 'pingxiang_2020_part.docx')!r},
                       {str(tmp_path / 'out.pdf')!r}]))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "PDF" in out.stderr
    assert not (tmp_path / "out.pdf").exists()
