"""Shared test set-up: Qt offscreen, paths to the public sample forms and the project's own."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The program's log and data folder: a fresh temporary one, never the developer's own.
os.environ.setdefault("PERFEDITOR_DATA_DIR", tempfile.mkdtemp(prefix="perfeditor-test-data-"))
# Qt's settings and data locations too (the installed program started by the packaging test, a
# window test's QSettings): a test run never writes recent files or autosaves into the user's home.
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="perfeditor-test-config-"))
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="perfeditor-test-xdgdata-"))

# Property tests are derandomised (the same examples every run) so that a red CI run can be
# reproduced; HYPOTHESIS_PROFILE=explore searches afresh on a developer's machine.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", deadline=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: Test folders and modules that need Qt (the window, printing); everything else tests the core.
QT_TESTS = ("ui", "printing", "test_qt_binding.py")
QT_NAMES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


class _BlockQt:
    """An import hook under which any import of Qt fails loudly."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in QT_NAMES:
            raise ImportError(f"Qt imported by the core: {name}")
        return None


def pytest_addoption(parser):
    parser.addoption("--part", choices=("all", "core", "qt"), default="all",
                     help="core: only the Qt-free core's tests, with PySide6 made unimportable; "
                          "qt: only the window's and printing's tests")


def pytest_configure(config):
    if config.getoption("--part") == "core":
        sys.meta_path.insert(0, _BlockQt())


def _is_qt_test(path: Path) -> bool:
    rel = path.resolve().relative_to(Path(__file__).resolve().parent).parts
    return bool(rel) and rel[0] in QT_TESTS


def pytest_collection_modifyitems(config, items):
    """Files named on the command line are collected whatever the part: deselect them here."""
    part = config.getoption("--part")
    if part == "all":
        return
    keep, drop = [], []
    for item in items:
        (keep if _is_qt_test(item.path) == (part == "qt") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_ignore_collect(collection_path, config):
    part = config.getoption("--part")
    if part == "all":
        return None
    rel = collection_path.relative_to(Path(__file__).resolve().parent).parts
    if not rel:
        return None
    is_qt = rel[0] in QT_TESTS
    if part == "core" and is_qt:
        return True
    if part == "qt" and not is_qt and collection_path.is_file() and collection_path.name.startswith("test_"):
        return True
    return None

ROOT = Path(__file__).resolve().parent.parent
OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The public sample forms and their expected dumps, copied into the repository (see its README).
PUBLIC_FIXTURES = OWN_FIXTURES / "public"


def public_fixture_files() -> list[Path]:
    return sorted(p for p in PUBLIC_FIXTURES.glob("*") if p.suffix in (".docx", ".xlsx"))


def collapse_ws(value):
    """The contract compares text with white space collapsed."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, dict):
        return {k: collapse_ws(v) for k, v in value.items()}
    if isinstance(value, list):
        return [collapse_ws(v) for v in value]
    return value


def load_expected_dump(path: Path) -> dict:
    return json.loads(Path(f"{path}.dump.json").read_text(encoding="utf-8"))


def has_soffice() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


needs_soffice = pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) is not installed")
