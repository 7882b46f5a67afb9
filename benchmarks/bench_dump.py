"""Whole-process time of ``perfeditor dump``: start-up imports, reading, printing — what a finance
bureau's script pays per file.

    .venv/bin/python benchmarks/bench_dump.py [--runs 7] [--sizes 50,200,800]

Prints, for a one-project .docx and for generated .docx files of 50, 200 and 800 projects
(``generate.py``, hebei-project layout), the median wall-clock time of ``python -m perfeditor dump
FILE > /dev/null`` next to a bare ``python -c "import docx; docx.Document(f)"`` on the same file,
the two run alternately (a busy machine slows both alike), and the median CPU time (user + system)
of each process, which a loaded machine inflates less than the wall clock.
Python's bytecode is cached (in a temporary folder) as in an installed program: without it every
start compiles perfeditor's sources again (``PYTHONDONTWRITEBYTECODE`` in a developer's shell).
Targets (issue 10): the one-project dump ≤ 0.3 s; each dump ≤ 2× the bare python-docx process.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ONE_PROJECT = HERE.parent / "tests" / "fixtures" / "docx" / "mof_2021.docx"


def _once(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(cmds: dict[str, list[str]], runs: int, env: dict) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) of each command, the commands run in turn ``runs`` times (after one
    warm-up run each: the file in the page cache, the bytecode written)."""
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    for cmd in cmds.values():
        _once(cmd, env)
    for _ in range(runs):
        for k, cmd in cmds.items():
            got[k].append(_once(cmd, env))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in got.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sizes", default="50,200,800")
    args = ap.parse_args()
    from generate import make_document

    from perfeditor.io import save_document

    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        files = [("1 project", ONE_PROJECT)]
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"bench_{n}.docx"
            save_document(make_document(n), path)
            files.append((f"{n} projects", path))
        print(f"median of {args.runs} runs; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'file':<13} {'perfeditor dump':>16} {'bare python-docx':>17} {'ratio':>6}"
              f" {'CPU: dump':>10} {'bare':>7} {'ratio':>6}")
        for label, path in files:
            got = medians({"dump": [py, "-m", "perfeditor", "dump", str(path)],
                           "bare": [py, "-c", "import sys, docx; docx.Document(sys.argv[1])", str(path)]},
                          args.runs, env)
            (ours, ours_cpu), (bare, bare_cpu) = got["dump"], got["bare"]
            print(f"{label:<13} {ours:>14.2f} s {bare:>15.2f} s {ours / bare:>5.2f}×"
                  f" {ours_cpu:>8.2f} s {bare_cpu:>5.2f} s {ours_cpu / bare_cpu:>5.2f}×", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    print("targets: one project ≤ 0.30 s; ratio ≤ 2×")


if __name__ == "__main__":
    main()
