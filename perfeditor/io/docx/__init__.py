"""Word (.docx) forms: :func:`read_docx` and :func:`write_docx`."""
from __future__ import annotations

from perfeditor.io.docx.reader import read_docx

__all__ = ["read_docx", "write_docx"]


def write_docx(*args, **kwargs):  # replaced by the writer module's function once it exists
    from perfeditor.io.docx.writer import write_docx as _write_docx

    return _write_docx(*args, **kwargs)
