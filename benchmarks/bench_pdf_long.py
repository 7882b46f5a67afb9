"""PDF export of one form far beyond any real one: a project of 20,000 indicator rows.

    .venv/bin/python benchmarks/bench_pdf_long.py [--rows 20000] [--layout hebei-project] [--profile]

Prints the seconds ``write_pdf`` takes (Qt start-up apart) and the pages written. Target
(issue 16): ≤ 30 s for 20,000 rows — a hostile file must print in bounded, linear time.
``--profile``: the 25 most expensive functions (cProfile, cumulative).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_pdf import pages_of  # noqa: E402
from generate import make_project  # noqa: E402

from perfeditor.model import Document  # noqa: E402


def long_document(rows: int, layout: str, same: bool = False) -> Document:
    """One project whose indicator rows (15 realistic ones repeated, or one row ``same``)
    number ``rows``."""
    project = make_project(1, random.Random(0))
    base = project.indicators[:1] if same else project.indicators
    indicators = [base[i % len(base)].model_copy() for i in range(rows)]
    project = project.model_copy(update={"indicators": indicators})
    project.variant = project.variant.model_copy(update={"layout": layout})
    return Document(layout=layout, projects=[project])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--layout", default="hebei-project")
    parser.add_argument("--same", action="store_true",
                        help="every row the same (one merged 一级/二级 cell per part, as a duplicated row)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from perfeditor.printing.pdf import ensure_gui_app, write_pdf

    doc = long_document(args.rows, args.layout, args.same)
    ensure_gui_app()
    with tempfile.TemporaryDirectory(prefix="bench_pdf_long_") as tmp:
        out = Path(tmp) / "long.pdf"
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            t = time.perf_counter()
            profiler.runcall(write_pdf, doc, out)
            seconds = time.perf_counter() - t
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            t = time.perf_counter()
            cpu = time.process_time()
            write_pdf(doc, out)
            seconds = time.perf_counter() - t
            print(f"CPU {time.process_time() - cpu:.2f} s")
        print(f"write_pdf, one form of {args.rows:,} rows ({args.layout}): {seconds:.2f} s, "
              f"{pages_of(out)} pages, {out.stat().st_size / 1024:.0f} KB (target ≤ 30 s)")


if __name__ == "__main__":
    main()
