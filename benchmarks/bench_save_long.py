"""Saving one form far beyond any real one: a row inserted into a project of N indicator rows and
saved in place (the form rewritten), in .docx and .xlsx.

    .venv/bin/python benchmarks/bench_save_long.py [--rows 5000] [--layout hebei-project]

Prints the seconds the in-place save takes after reading, for files written by perfeditor and
for ``tests/fixtures/fuzz/m4_00852_hebei_graded.docx`` (a LibreOffice-made form whose rows a fuzzer
copied to 5,006); then the seconds a save takes that moves the first form of
``tests/fixtures/fuzz/m1_00050_mof_2015.docx`` (a table of 5,016 rows) after the last. Target:
≤ 10 s each — a hostile or overgrown file must save in time that grows with its size, not faster
(those saves once took many minutes: lxml took a table out of the tree node by node, in time
growing far faster than its size).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_pdf_long import long_document  # noqa: E402

from perfeditor.io import read_document, save_document  # noqa: E402
from perfeditor.model import Indicator  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--layout", default="hebei-project")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_save_long_") as tmp:
        for ext in ("docx", "xlsx", "fuzz"):
            path = Path(tmp) / f"long.{ext}"
            if ext == "fuzz":
                path = path.with_suffix(".docx")
                shutil.copy(HERE.parent / "tests" / "fixtures" / "fuzz" / "m4_00852_hebei_graded.docx", path)
            else:
                save_document(long_document(args.rows, args.layout), path)  # (a new file)
            doc, smap = read_document(path)
            k = max(range(len(doc.projects)), key=lambda j: len(doc.projects[j].indicators))  # the long form
            inds = doc.projects[k].indicators
            inds.insert(len(inds) // 2, Indicator(level1=inds[0].level1, level2=inds[0].level2, level3="新增指标"))
            t = time.perf_counter()
            cpu = time.process_time()
            save_document(doc, path, source_map=smap)
            seconds = time.perf_counter() - t
            again, _ = read_document(path)
            assert len(again.projects[k].indicators) == len(inds), "the row inserted did not read back"
            what = f"{path.name} ({ext})" if ext == "fuzz" else f".{ext}"
            print(f"{what}: a row inserted into one form of {len(inds) - 1:,} rows, saved in place: "
                  f"{seconds:.2f} s (CPU {time.process_time() - cpu:.2f} s; target ≤ 10 s)")
        path = Path(tmp) / "moved.docx"
        shutil.copy(HERE.parent / "tests" / "fixtures" / "fuzz" / "m1_00050_mof_2015.docx", path)
        doc, smap = read_document(path)
        names = [p.name for p in doc.projects]
        doc.projects.append(doc.projects.pop(0))
        t = time.perf_counter()
        cpu = time.process_time()
        save_document(doc, path, source_map=smap)
        seconds = time.perf_counter() - t
        assert [p.name for p in read_document(path)[0].projects] == names[1:] + names[:1]
        print(f"{path.name} (fuzz m1_00050, a table of 5,016 rows): its form moved after the last, saved in "
              f"place: {seconds:.2f} s (CPU {time.process_time() - cpu:.2f} s; target ≤ 10 s)")


if __name__ == "__main__":
    main()
