"""Logging, configured once per process: a rotating log file in the user's data folder.

Nothing is printed for the clerk: the window shows Chinese messages, the command line prints its
one Chinese line; the log keeps the details (tracebacks included) for whoever supports them.
"""
from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

from perfeditor.paths import log_dir

LOG_NAME = "perfeditor.log"
_configured = False


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Send the ``perfeditor`` loggers (and Python warnings) to the rotating log file.

    Idempotent. Returns the log file's path, or None when the folder cannot be written (then
    records are dropped rather than printed: a read-only home must not spam the terminal).
    """
    global _configured
    if _configured:
        return log_path() if any(
            isinstance(h, _LogFile) for h in logging.getLogger("perfeditor").handlers) else None
    root = logging.getLogger("perfeditor")
    root.setLevel(level)
    # Records still propagate (tests capture them), but the root logger has no handler of ours,
    # so nothing reaches the terminal: Python prints only when no handler at all is found.
    path = log_dir() / LOG_NAME
    handler: logging.Handler = _LogFile(path) if _writable(path) else logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    # Library warnings (openpyxl on odd styles …) belong in the log, not on the clerk's terminal.
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").addHandler(handler)
    warnings.simplefilter("default")
    _configured = True
    return path if isinstance(handler, _LogFile) else None


def _writable(path: Path) -> bool:
    """The log file can be written (its folder is made when missing)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    except OSError:
        return False


class _LogFile(logging.Handler):
    """The rotating log file, opened at the first record: most runs log nothing, and what the
    rotating handler's module imports (sockets, pickle, queues) costs every start of the command
    line 10–20 ms."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            try:
                self._file = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
            except OSError:  # (the folder was writable when configured): records are dropped
                self._file = logging.NullHandler()
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def log_path() -> Path:
    """Where the log is (whether or not it was configured yet): shown to the clerk in error boxes."""
    return log_dir() / LOG_NAME
