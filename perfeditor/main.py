"""The ``perfeditor`` executable: the command line when a command is given, otherwise the window.

This is the one place that joins the Qt-free command line to the Qt parts (the window, and the
PDF writer that ``convert … OUT.pdf`` needs), so that :mod:`perfeditor.cli` itself never imports Qt.
"""
from __future__ import annotations

import sys
from pathlib import Path

from perfeditor import cli


def _write_pdf(doc, out: Path, layout: str | None = None, source_map=None) -> None:
    from perfeditor.printing.pdf import write_pdf

    write_pdf(doc, out, layout=layout, source_map=source_map)


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # run as the program (console script, ``python -m``), not called from Python
    argv = list(sys.argv[1:] if argv is None else argv)
    if cli.wants_window(argv):
        from perfeditor.app import main as gui_main

        return gui_main(argv)
    code = cli.main(argv, pdf_writer=_write_pdf)
    if program and argv[:1] == ["dump"]:
        _leave(code)
    return code


def _leave(code: int) -> None:
    """End a ``dump`` process at once, its output and log written: tearing the interpreter down
    (every module and object freed one by one) would add a sixth to the time a script pays for a
    small file's dump. Nothing else is pending: a dump starts no process and no lasting thread,
    and writes no file but the log."""
    import logging
    import os

    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader of our output went away (`perfeditor dump X | head`)
        code = code or 1
    except OSError as exc:  # (a full disk): what the interpreter's own exit would have reported
        logging.getLogger(__name__).error("writing the output failed: %s", exc)
        print(f"perfeditor: 无法写出结果：{exc.strerror or exc}", file=sys.stderr)
        code = code or 2
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        pass
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
