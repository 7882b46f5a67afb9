"""Logging, configured once per process: a rotating log file in the user's data folder.

Nothing is printed for the clerk: the window shows Chinese messages, the command line prints its
one Chinese line; the log keeps the details (tracebacks included) for whoever supports them.
"""
from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from perfeditor.paths import log_dir

LOG_NAME = "perfeditor.log"
MAX_BYTES, BACKUP_COUNT = 1_000_000, 3  # the log is rolled over at MAX_BYTES, keeping 3 old ones
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
            try:
                self._file = _shared_rotating_file(self.path)
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


def _shared_rotating_file(path: Path) -> logging.Handler:
    """A rotating file handler that several processes share: the window, the command line and the
    review workers (perfeditor/review/batch.py) all write the one log.

    Python's RotatingFileHandler assumes one writer: two processes rolling over at once rename
    files under each other (FileNotFoundError, records overwritten) and print "--- Logging error
    ---" on stderr. Here the rollover is done under a lock file, and the log's size is looked at
    again there: when another process has just rolled it over, this one only reopens the new
    file. When the log cannot be renamed (Windows, while another process holds it open) nothing
    is shifted and records are appended until a later rollover succeeds. A record that still
    cannot be written is dropped: nothing is ever printed for the clerk.
    """
    import logging.handlers

    class SharedRotatingFile(logging.handlers.RotatingFileHandler):
        def shouldRollover(self, record: logging.LogRecord) -> bool:
            if self.maxBytes <= 0:
                return False
            if self.stream is None:
                self.stream = self._open()
            # Our own file's size (after another process's rollover, that is an old log).
            if os.fstat(self.stream.fileno()).st_size < self.maxBytes:
                return False
            with _locked(self.baseFilename + ".lock"):
                try:
                    size = os.stat(self.baseFilename).st_size
                except FileNotFoundError:
                    size = 0
                if size >= self.maxBytes:
                    self._roll()
                else:  # another process rolled it over: write on in the new log
                    self.stream.close()
                    self.stream = self._open()
            return False

        def _roll(self) -> None:
            """Roll over (the lock is held): the log is moved aside first, so that when it cannot
            be moved no old log is shifted (or lost)."""
            self.stream.close()
            self.stream = None
            base, moving = self.baseFilename, self.baseFilename + ".rolling"
            try:
                os.replace(base, moving)
            except OSError:  # held open by another process (Windows): keep appending
                pass
            else:
                for i in range(self.backupCount - 1, 0, -1):
                    if os.path.exists(f"{base}.{i}"):
                        os.replace(f"{base}.{i}", f"{base}.{i + 1}")
                if self.backupCount:
                    os.replace(moving, f"{base}.1")
                else:
                    os.remove(moving)
            self.stream = self._open()

        def handleError(self, record: logging.LogRecord) -> None:
            pass  # (Python's own prints a traceback on stderr): the record is dropped

    return SharedRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")


@contextmanager
def _locked(path: str) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` (made when missing), across processes."""
    with open(path, "a+b") as f:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)  # (waits, raises OSError after ~10 s)
            try:
                yield
            finally:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def log_path() -> Path:
    """Where the log is (whether or not it was configured yet): shown to the clerk in error boxes."""
    return log_dir() / LOG_NAME
