"""Excel (.xlsx) forms: :func:`read_xlsx` finds every form by its labels; :func:`write_xlsx`
writes a document back, in place over its original workbook or as a new one."""
from __future__ import annotations

from perfeditor.io.xlsx.reader import read_xlsx


def write_xlsx(doc, path, layout=None, smap=None):
    from perfeditor.io.xlsx.writer import write_xlsx as _write

    return _write(doc, path, layout=layout, smap=smap)


__all__ = ["read_xlsx", "write_xlsx"]
