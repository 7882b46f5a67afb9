"""The repository stands on its own and keeps its own rules: no path outside it, lint clean,
the core's import contract kept."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("tests", "benchmarks", "perfeditor", "tools")
# Spelled in pieces so that this file does not match itself.
OUTSIDE = re.compile("|".join([
    r"\.\." + r"/shared", r"\.\." + r"\\\\shared", r"parent\s*/\s*[\"']" + "shared",
    r"[\"'](?:/work|/home|/root|/Users|/mnt|/opt)/", r"[\"'][A-Za-z]:\\\\(?:Users|work)",
    r"/\s*[\"']shared[\"']",
]))


def _tree_files() -> list[Path]:
    out = []
    for top in CHECKED:
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".sh", ".toml", ".md", ".json", ".txt", ".cfg"):
                if "fixtures" in path.parts and path.suffix in (".json", ".txt"):
                    continue  # form data, not code
                out.append(path)
    return out


def test_no_file_names_a_path_outside_the_repository():
    hits = []
    for path in _tree_files():
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not hits, "paths outside the repository:\n" + "\n".join(hits)


def test_the_guard_catches_what_it_should():
    for bad in ['Path("/' + 'work/shared/seeds")', 'ROOT.parent / "' + 'shared"', "../" + "shared/fixtures",
                'Path(__file__).resolve().parents[3] / "' + 'shared" / "seeds"']:
        assert OUTSIDE.search(bad), bad
    assert not OUTSIDE.search('Path(__file__).parent / "fixtures" / "public"')


def test_import_contracts_are_kept():
    """The core never imports Qt, and the layers only import downwards (pyproject.toml)."""
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_ruff_is_clean():
    out = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]


def test_core_packages_are_all_under_the_contract():
    """A new Qt-free package must join the import-linter contract (and this list)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    qt_free = {"model", "io", "rules", "cli", "errors", "logs", "paths", "editing", "forms", "authoring",
               "library", "compare", "review"}
    qt = {"ui", "printing", "app", "main", "__init__", "__main__"}
    for path in (ROOT / "perfeditor").iterdir():
        name = path.stem
        if name.startswith("_") and name not in ("__init__", "__main__") or path.suffix not in ("", ".py"):
            continue
        if path.name == "__pycache__":
            continue
        assert name in qt_free | qt, f"perfeditor/{path.name}: say in pyproject.toml whether it may use Qt"
        if name in qt_free:
            assert f'"perfeditor.{name}"' in text, f"perfeditor.{name} is not under the no-Qt contract"
