"""The .deb's size and the installed program's start.

    .venv/bin/python benchmarks/bench_installer.py [--deb dist/perfeditor_….deb] [--fast] [--runs 5]

Without ``--deb`` it freezes and packages this checkout first (installer/linux/build_deb.py; xz as
released, ``--fast`` for gzip). Unpacks the package into an empty folder and prints: the .deb's
size, the installed size, and the time from launching the installed program on the sample form
(tests/fixtures/public/dingzhou_2020.docx) to its window, titled with the form's name, being mapped
on an Xvfb display (first launch, then the median of the others), and the CPU time the program
used until then (close to the wall time on an idle machine). Targets: .deb ≤ 90 MB,
installed ≤ 200 MB, window ≤ 2 s.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / "tests" / "fixtures" / "public" / "dingzhou_2020.docx"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deb", type=Path, help="a built package (default: build one now)")
    parser.add_argument("--fast", action="store_true", help="when building: gzip instead of xz")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_deb = _load("perfeditor_build_deb", ROOT / "installer" / "linux" / "build_deb.py")
    session = _load("perfeditor_session", ROOT / "installer" / "linux" / "session.py")
    if session.missing_tools():
        raise SystemExit(f"needs {', '.join(session.missing_tools())} (bash tools/setup.sh --test)")
    with tempfile.TemporaryDirectory(prefix="perfeditor-bench-deb-") as tmp:
        tmp_path = Path(tmp)
        deb = args.deb
        if deb is None:
            bundle = build_deb._load_freeze().build(tmp_path / "dist", ROOT / "build" / "installer-bench")
            deb = build_deb.build_deb(bundle, tmp_path / "out", fast=args.fast)
        app = session.extract(deb, tmp_path / "root") / "opt" / "apps" / build_deb.APPID
        installed = sum(p.stat().st_size for p in app.rglob("*") if p.is_file() and not p.is_symlink())
        times = []
        with session.XServer() as x:
            for run in range(args.runs):
                times.append(session.time_to_window(app / "files" / "perfeditor", FORM, FORM.name,
                                                    tmp_path / f"data{run}", x))
        print(f".deb size:           {deb.stat().st_size / 1e6:.1f} MB  (target ≤ 90 MB)")
        print(f"installed size:      {installed / 1e6:.1f} MB  (target ≤ 200 MB)")
        wall, cpu = [t[0] for t in times], [t[1] for t in times]
        rest = slice(1, None) if len(times) > 1 else slice(None)
        print(f"launch → window:     first {wall[0]:.2f} s, median of the next {len(times) - 1}: "
              f"{statistics.median(wall[rest]):.2f} s  (target ≤ 2 s)")
        print(f"  CPU time used:     first {cpu[0]:.2f} s, median {statistics.median(cpu[rest]):.2f} s "
              "(what an idle machine's wall time would be; this one may be shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
