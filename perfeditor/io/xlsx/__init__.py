"""Excel (.xlsx) forms: :func:`read_xlsx` finds every form by its labels;
:func:`perfeditor.io.xlsx.writer.plan_xlsx` writes a document back, in place over its original
workbook or as a new one."""
from __future__ import annotations

from perfeditor.io.xlsx.reader import read_xlsx

__all__ = ["read_xlsx"]
