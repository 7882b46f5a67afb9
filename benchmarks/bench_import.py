"""Import speed and memory: perfeditor next to the bare libraries, on the 200-project document.

    .venv/bin/python benchmarks/bench_import.py [--projects 200] [--runs 3]

Each measurement runs in a fresh process: time is the best of ``--runs``; memory is the peak
resident set during the load minus the process's size right before it. Both sides import their
code before the clock starts: the bare side ``docx`` / ``openpyxl``, perfeditor its readers'
modules (``perfeditor.io`` imports them only when a file of their kind is first read). The
whole-process figures, start-up imports included, are ``bench_dump.py``'s.
Targets (issue 2): docx import ≤ 2× python-docx's ``Document(path)``, xlsx import ≤ 1.5×
openpyxl's ``load_workbook(path)``, peak memory ≤ 3× the bare load's.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

_CHILD = r"""
import json, sys, time
def rss(field):
    for line in open('/proc/self/status'):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
what, path = sys.argv[1], sys.argv[2]
if what == 'docx-bare':
    import docx; load = lambda: docx.Document(path)
elif what == 'xlsx-bare':
    import openpyxl; load = lambda: openpyxl.load_workbook(path)
else:  # (the readers' modules imported first, as the bare side imports its library first)
    from perfeditor.io import load_document; import docx, openpyxl
    import perfeditor.io.docx.reader, perfeditor.io.xlsx.reader
    load = lambda: load_document(path)
before = rss('VmRSS:')
t = time.perf_counter(); obj = load(); elapsed = time.perf_counter() - t
print(json.dumps({'seconds': elapsed, 'peak_mb': rss('VmHWM:') - before}))
"""


def measure(what: str, path: Path, runs: int) -> dict:
    best: dict | None = None
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _CHILD, what, str(path)],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = {"seconds": result["seconds"], "peak_mb": result["peak_mb"]}
    assert best is not None
    return best


def main() -> None:
    from generate import bench_arguments, large_files

    args = bench_arguments()
    docx_path, xlsx_path = large_files(args.dir, args.projects)
    print(f"document: {args.projects} projects; {docx_path.name} {docx_path.stat().st_size // 1024} KB, "
          f"{xlsx_path.name} {xlsx_path.stat().st_size // 1024} KB")
    rows = []
    for fmt, path, bare, target in (("docx", docx_path, "docx-bare", 2.0),
                                    ("xlsx", xlsx_path, "xlsx-bare", 1.5)):
        ours, base = measure("perfeditor", path, args.runs), measure(bare, path, args.runs)
        t_ratio = ours["seconds"] / base["seconds"]
        m_ratio = ours["peak_mb"] / max(base["peak_mb"], 1e-6)
        rows.append((fmt, ours, base, t_ratio, target, m_ratio))
    print(f"{'':6}{'perfeditor':>22}{'bare library':>22}{'time ×':>9}{'target':>8}{'memory ×':>10}")
    for fmt, ours, base, t_ratio, target, m_ratio in rows:
        print(f"{fmt:6}{ours['seconds']:>10.2f} s {ours['peak_mb']:>7.0f} MB"
              f"{base['seconds']:>10.2f} s {base['peak_mb']:>7.0f} MB"
              f"{t_ratio:>8.2f}×{target:>7.1f}×{m_ratio:>9.2f}×")


if __name__ == "__main__":
    main()
