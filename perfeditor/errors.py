"""Errors the core raises; each carries a one-line message in Chinese for the clerk."""
from __future__ import annotations


class PerfeditorError(Exception):
    """Base class: ``str(err)`` is a complete sentence in Simplified Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class FormReadError(PerfeditorError):
    """The file cannot be read as a performance target form (damaged, hostile, wrong kind)."""


class FormWriteError(PerfeditorError):
    """The file cannot be written (read-only, locked, disk full, changed on disk …)."""


class FileChangedError(FormWriteError):
    """The file changed on disk since it was opened; saving over it needs the clerk's consent."""
