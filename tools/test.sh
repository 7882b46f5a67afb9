#!/usr/bin/env bash
# Runs the whole test suite in two parts:
#   1. the Qt-free core's tests (model, io, rules, command line) with PySide6 made unimportable,
#      which proves the core runs without Qt (and lint: ruff, import-linter);
#   2. the window's and printing's tests, offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
# The installer test (tests/installer/: freeze, .deb, run the installed program) takes ~3 minutes:
# it runs when asked, by PERFEDITOR_INSTALLER_TESTS=1 or the flag file .installer-tests.
if [ -e .installer-tests ]; then export PERFEDITOR_INSTALLER_TESTS=1; fi
.venv/bin/python -m pytest -q -p no:pytest-qt -W "ignore::pytest.PytestConfigWarning" --part=core "$@"
.venv/bin/python -m pytest -q --part=qt "$@"
