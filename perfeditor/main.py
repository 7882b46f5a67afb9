"""The ``perfeditor`` executable: the command line when a command is given, otherwise the window.

This is the one place that joins the Qt-free command line to the Qt parts (the window, and the
PDF writer that ``convert … OUT.pdf`` needs), so that :mod:`perfeditor.cli` itself never imports Qt.
"""
from __future__ import annotations

import sys
from pathlib import Path

from perfeditor import cli


def _write_pdf(doc, out: Path, layout: str | None = None) -> None:
    from perfeditor.printing.pdf import write_pdf

    write_pdf(doc, out, layout=layout)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if cli.wants_window(argv):
        from perfeditor.app import main as gui_main

        return gui_main(argv)
    return cli.main(argv, pdf_writer=_write_pdf)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
