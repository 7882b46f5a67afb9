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


def _write_many(data_dir: str, barrier, count: int) -> None:
    """One review worker's logging, as batch.py starts it (spawned, configure_logging), with a
    log so small that every few records roll it over."""
    import logging
    import os

    os.environ["PERFEDITOR_DATA_DIR"] = data_dir
    import perfeditor.logs as logs

    logs.MAX_BYTES, logs.BACKUP_COUNT = 2_000, 500  # nothing rotated away: every record is kept
    logs.configure_logging()
    log = logging.getLogger("perfeditor.review.batch")
    barrier.wait()
    for i in range(count):
        log.info("record %d-%d %s", os.getpid(), i, "x" * 40)


def test_processes_rolling_over_one_log_at_once_print_nothing_and_lose_nothing(tmp_path, capfd):
    import multiprocessing
    import re

    ctx = multiprocessing.get_context("spawn")
    workers, count = 4, 300
    barrier = ctx.Barrier(workers)
    procs = [ctx.Process(target=_write_many, args=(str(tmp_path), barrier, count)) for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * workers
    err = capfd.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err, err
    logs = [f for f in (tmp_path / "logs").glob("perfeditor.log*") if not f.name.endswith(".lock")]
    assert len(logs) > 10  # it did roll over, many times
    records = re.findall(r"record (\d+-\d+) ", "".join(f.read_text(encoding="utf-8") for f in logs))
    assert len(records) == len(set(records)) == workers * count
