"""The log: one rotating file in the user's data folder, nothing printed for the clerk."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import PUBLIC_FIXTURES


def _run(args, data_dir: Path):
    env = dict(__import__("os").environ, PERFEDITOR_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "perfeditor", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def test_a_program_error_is_one_chinese_line_and_a_logged_traceback(tmp_path):
    # A reader bug, simulated: load_document raising something unexpected.
    code = ("import sys, perfeditor.io as io\n"
            "def bad(*a, **k): raise ZeroDivisionError('reader bug')\n"
            "io.load_document = bad\n"
            "from perfeditor.cli import main\n"
            f"sys.exit(main(['dump', {str(PUBLIC_FIXTURES / 'pingxiang_2020_part.docx')!r}]))\n")
    env = dict(__import__("os").environ, PERFEDITOR_DATA_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         env=env, timeout=120)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "日志" in lines[0] and "ZeroDivisionError" not in lines[0]
    log = (tmp_path / "logs" / "perfeditor.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "reader bug" in log


def test_a_normal_run_prints_only_its_output(tmp_path):
    out = _run(["dump", str(PUBLIC_FIXTURES / "pingxiang_2020_part.docx")], tmp_path)
    assert out.returncode == 0 and out.stderr == ""
    assert json.loads(out.stdout)["layout"] == "hebei-graded"


def test_library_warnings_go_to_the_log_not_the_terminal(tmp_path):
    code = ("import logging, warnings\n"
            "from perfeditor.logs import configure_logging\n"
            "path = configure_logging()\n"
            "assert configure_logging() == path\n"
            "warnings.warn('openpyxl: unknown style', UserWarning)\n"
            "logging.getLogger('perfeditor.x').error('an error for the log')\n"
            "print(path)\n")
    env = dict(__import__("os").environ, PERFEDITOR_DATA_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         env=env, timeout=60)
    assert out.returncode == 0 and out.stderr == ""
    assert Path(out.stdout.strip()) == tmp_path / "logs" / "perfeditor.log"
    text = (tmp_path / "logs" / "perfeditor.log").read_text(encoding="utf-8")
    assert "unknown style" in text and "an error for the log" in text
