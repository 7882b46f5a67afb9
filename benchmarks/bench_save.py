"""Save speed next to import speed, on the 200-project document.

    .venv/bin/python benchmarks/bench_save.py [--projects 200] [--runs 3]

For the .docx: in-place save (unedited, 2 projects edited, 100 edited) and a new-file export,
each next to the import time of the same file; for the .xlsx likewise a new-file export (whatever
``perfeditor.io.save_document`` does). Times are the best of ``--runs``. Target (issue 4): each
save ≤ 1.5× the import.
"""
from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from perfeditor.io import load_document, read_document, save_document  # noqa: E402


def best(runs: int, prepare, action) -> float:
    times = []
    for _ in range(runs):
        arg = prepare()
        gc.collect()
        t = time.perf_counter()
        action(arg)
        times.append(time.perf_counter() - t)
    return min(times)


def edited(path: Path, work: Path, n_edit: int):
    """A fresh copy of ``path`` at ``work``, opened, with ``n_edit`` projects edited; the
    document and its source map."""
    shutil.copy(path, work)
    doc, places = read_document(work)
    step = max(1, len(doc.projects) // max(n_edit, 1))
    for p in doc.projects[::step][:n_edit]:
        p.goals += "（已修改）"
        p.indicators[0].value = "≥999个"
    return doc, places


def main() -> None:
    from generate import large_files

    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "perfeditor-bench-save")
    args = parser.parse_args()
    docx_path, xlsx_path = large_files(args.dir, args.projects)
    work = args.dir / "work"
    work.mkdir(exist_ok=True)
    print(f"document: {args.projects} projects; {docx_path.name} {docx_path.stat().st_size // 1024} KB, "
          f"{xlsx_path.name} {xlsx_path.stat().st_size // 1024} KB; best of {args.runs}")
    rows = []
    for fmt, path in (("docx", docx_path), ("xlsx", xlsx_path)):
        load_time = best(args.runs, lambda path=path: path, load_document)
        target = work / f"inplace.{fmt}"
        cases = [(f"in-place, {n} edited", lambda n=n, path=path, target=target: edited(path, target, n), n)
                 for n in ((0, 2, 100) if fmt == "docx" else ())]
        for name, prepare, _ in cases:
            t = best(args.runs, prepare,
                     lambda opened: save_document(opened[0], opened[0].path, source_map=opened[1], backup=False))
            rows.append((fmt, name, t, load_time))
        fresh = load_document(path)
        out = work / f"export.{fmt}"

        def export(doc, out=out):
            doc.path, doc.format = None, ""
            save_document(doc, out, backup=False)

        t = best(args.runs, lambda path=path: load_document(path), export)
        rows.append((fmt, "new file (export)", t, load_time))
        del fresh
    print(f"{'':6}{'save':<24}{'save s':>8}{'import s':>10}{'ratio':>8}{'target':>8}")
    for fmt, name, t, load_time in rows:
        ratio = t / load_time
        print(f"{fmt:6}{name:<24}{t:>8.3f}{load_time:>10.3f}{ratio:>7.2f}×{1.5:>7.1f}×"
              f"{'' if ratio <= 1.5 else '  over'}")


if __name__ == "__main__":
    main()
