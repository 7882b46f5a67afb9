"""Whole-process time of ``perfeditor dump``: start-up imports, reading, printing — what a finance
bureau's script pays per file.

    .venv/bin/python benchmarks/bench_dump.py [--runs 3] [--sizes 50,200,800]

Prints, for a one-project .docx and for generated .docx files of 50, 200 and 800 projects
(``generate.py``, hebei-project layout), the best wall-clock time of ``python -m perfeditor dump
FILE > /dev/null`` next to a bare ``python -c "import docx; docx.Document(f)"`` on the same file.
Targets (issue 10): the one-project dump ≤ 0.3 s; each dump ≤ 2× the bare python-docx process.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ONE_PROJECT = HERE.parent / "tests" / "fixtures" / "docx" / "mof_2021.docx"


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="50,200,800")
    args = ap.parse_args()
    from generate import make_document

    from perfeditor.io import save_document

    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        files = [("1 project", ONE_PROJECT)]
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"bench_{n}.docx"
            save_document(make_document(n), path)
            files.append((f"{n} projects", path))
        print(f"{'file':<14} {'perfeditor dump':>16} {'bare python-docx':>17} {'ratio':>7}")
        for label, path in files:
            ours = best([py, "-m", "perfeditor", "dump", str(path)], args.runs)
            bare = best([py, "-c", "import sys, docx; docx.Document(sys.argv[1])", str(path)], args.runs)
            print(f"{label:<14} {ours:>14.2f} s {bare:>15.2f} s {ours / bare:>6.2f}×")
    print("targets: one project ≤ 0.30 s; ratio ≤ 2×")


if __name__ == "__main__":
    main()
