"""The window on the 200-project document (benchmarks/generate.py).

    xvfb-run -a .venv/bin/python benchmarks/bench_window.py [--projects 200] [--edits 100]

Prints: time from launch (QApplication created, window module imported) to the window showing
the opened .docx; the time from a typed indicator value to its marks updated (median and worst of
N edits, each a real undo command through the table model with live re-validation); memory (peak
RSS) with the document open. Targets: ≤ 2 s, ≤ 30 ms per edit, ≤ 300 MB.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--edits", type=int, default=100)
    args = parser.parse_args()

    from benchmarks.generate import large_files

    work = Path(tempfile.mkdtemp(prefix="bench_window_"))
    docx, _ = large_files(work, args.projects)

    t_launch = time.perf_counter()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from perfeditor.ui.mainwindow import MainWindow
    from perfeditor.ui.settings import Settings

    class Quiet:
        def __getattr__(self, name):
            return lambda *a, **k: None

    window = MainWindow(Settings(work / "settings.ini"), Quiet(), autosave_folder=work / "autosave")
    window.show()
    assert window.open_path(str(docx), quiet=True)
    app.processEvents()
    shown = time.perf_counter() - t_launch
    doc = window.session.doc
    print(f"document: {len(doc.projects)} projects, {sum(len(p.indicators) for p in doc.projects)} indicator rows")
    print(f"launch → window showing the file: {shown:.2f} s (target ≤ 2 s)")

    session = window.session
    times = []
    for n in range(args.edits):
        project = doc.projects[(n * 7) % len(doc.projects)]
        window.editors.select(window.tree_model.project_index(project))
        app.processEvents()
        model = window.editors.project.table.table_model()
        col = model.columns.index("value")
        row = n % model.rowCount()
        ind = model.indicator(row)
        value = "" if n % 2 == 0 else f"≥{n}%"
        t = time.perf_counter()
        model.setData(model.index(row, col), value, Qt.ItemDataRole.EditRole)
        model.data(model.index(row, col), Qt.ItemDataRole.BackgroundRole)
        app.processEvents()
        times.append(time.perf_counter() - t)
        if value == "":
            assert session.marks(ind.uid, "value"), "an empty value must be marked"
    times_ms = [x * 1000 for x in times]
    print(f"typed value → marks updated: median {statistics.median(times_ms):.1f} ms, "
          f"worst {max(times_ms):.1f} ms over {len(times_ms)} edits (target ≤ 30 ms)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory with the document open: {rss:.0f} MB (target ≤ 300 MB)")
    print(f"(process start → now: {time.perf_counter() - T0:.1f} s)")
    window.autosaver.stop()
    window.session.stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
