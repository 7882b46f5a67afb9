"""PDF export speed: perfeditor's ``write_pdf`` next to LibreOffice converting the same document.

    .venv/bin/python benchmarks/bench_pdf.py [--projects 200] [--runs 1]

The document is :func:`generate.make_document`; LibreOffice converts that document exported to
.docx by perfeditor's own writer (``soffice --headless --convert-to pdf``, private profile, one
run, start-up included, as a clerk would use it). Target (issue 6): perfeditor ≤ 0.5× LibreOffice.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import make_document  # noqa: E402


def pages_of(pdf: Path) -> str:
    if shutil.which("pdfinfo") is None:
        return "?"
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from perfeditor.io import save_document
    from perfeditor.printing.pdf import ensure_gui_app, write_pdf

    doc = make_document(args.projects)
    with tempfile.TemporaryDirectory(prefix="bench_pdf_") as tmp:
        tmp_dir = Path(tmp)
        t = time.perf_counter()
        ensure_gui_app()
        startup = time.perf_counter() - t
        ours = []
        out = tmp_dir / "perfeditor.pdf"
        for _ in range(args.runs):
            t = time.perf_counter()
            write_pdf(doc, out)
            ours.append(time.perf_counter() - t)
        print(f"perfeditor write_pdf, {args.projects} projects: {min(ours):.2f} s "
              f"(+{startup:.2f} s Qt start-up), {pages_of(out)} pages, "
              f"{out.stat().st_size / 1024:.0f} KB")

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("LibreOffice not installed: no comparison.")
            return
        docx = tmp_dir / "large.docx"
        save_document(doc, docx)
        profile = f"file://{tmp_dir / 'lo_profile'}"
        t = time.perf_counter()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_dir / "lo"), str(docx)],
                       capture_output=True, timeout=900, check=False)
        lo = time.perf_counter() - t
        lo_pdf = tmp_dir / "lo" / "large.pdf"
        print(f"LibreOffice docx → pdf (one run, start-up included): {lo:.2f} s, "
              f"{pages_of(lo_pdf) if lo_pdf.exists() else 'failed'} pages")
        total = min(ours) + startup
        print(f"ratio perfeditor / LibreOffice: {total / lo:.2f} (target ≤ 0.50)")


if __name__ == "__main__":
    main()
