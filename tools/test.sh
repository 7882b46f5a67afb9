#!/usr/bin/env bash
# Runs the test suite in two parts:
#   1. the Qt-free core's tests (model, io, rules, command line …) with PySide6 made unimportable,
#      which proves the core runs without Qt (and lint: ruff, import-linter);
#   2. the window's and printing's tests, offscreen.
# With --installer first, then also the packaging test (tests/installer/: freeze the program,
# build the .deb, unpack it and run the installed program — a few minutes; CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
installer=0
if [ "${1:-}" = "--installer" ]; then installer=1; shift; fi
if [ -e .installer-tests ]; then installer=1; fi
.venv/bin/python -m pytest -q -p no:pytest-qt -W "ignore::pytest.PytestConfigWarning" --part=core "$@"
.venv/bin/python -m pytest -q --part=qt "$@"
if [ "$installer" = 1 ]; then
  PERFEDITOR_INSTALLER_TESTS=1 .venv/bin/python -m pytest -q -p no:pytest-qt \
    -W "ignore::pytest.PytestConfigWarning" tests/installer "$@"
fi
