"""A time budget for reading one file: a file that cannot be read within it is refused.

:func:`deadline` raises :class:`ReadTimeout` in the reading thread from a watchdog thread
(``PyThreadState_SetAsyncExc``: also inside openpyxl or python-docx). It counts the thread's own CPU
time where the system tells it, so that a busy machine does not refuse a normal form; the wall
clock, with four times the budget, is the backstop (the only clock on Windows). No Qt.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

#: seconds for any file, plus seconds per MB of the file on disk (a normal form: ~ 4 s)
BASE_SECONDS = 4.0
SECONDS_PER_MB = 6.0
WALL_FACTOR = 4.0
_POLL = 0.05


class ReadTimeout(BaseException):
    """Raised in the reading thread when its budget is spent. A BaseException, so that no broad
    ``except Exception`` in a reader or a library swallows it."""


def seconds_for(path: str | Path) -> float:
    """The budget for reading ``path``: proportional to its size (``PERFEDITOR_READ_SECONDS``
    overrides the base, for tests and for very slow machines)."""
    base = BASE_SECONDS
    env = os.environ.get("PERFEDITOR_READ_SECONDS")
    if env:
        try:
            base = float(env)
        except ValueError:
            log.warning("PERFEDITOR_READ_SECONDS=%r is not a number; using %s", env, base)
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0
    return base + SECONDS_PER_MB * size / 2**20


def _thread_clock(ident: int):
    getter = getattr(time, "pthread_getcpuclockid", None)
    if getter is None:
        return None
    try:
        clock = getter(ident)
        time.clock_gettime(clock)
    except (OSError, ValueError, OverflowError):
        return None
    return lambda: time.clock_gettime(clock)


def _raise_in(ident: int, exc: type[BaseException] | None) -> None:
    import ctypes  # only when a budget is spent: not on every start of the command line

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident),
                                               ctypes.py_object(exc) if exc is not None else None)


@contextmanager
def deadline(seconds: float):
    """Run the ``with`` body within ``seconds``; raise :class:`ReadTimeout` in it when it overruns."""
    ident = threading.get_ident()
    cpu = _thread_clock(ident)
    cpu_start = cpu() if cpu else 0.0
    wall_start = time.monotonic()
    lock = threading.Lock()
    stop, fired = threading.Event(), threading.Event()  # (both set and tested under the lock)

    def watch() -> None:
        while not stop.wait(_POLL):
            wall = time.monotonic() - wall_start
            try:
                spent = (cpu() - cpu_start) if cpu else wall
            except OSError:  # the reading thread ended between two polls: its clock is gone
                return
            if spent > seconds or wall > seconds * WALL_FACTOR:
                with lock:
                    if not stop.is_set():
                        fired.set()
                        log.warning("read budget of %.1f s spent (cpu %.1f s, wall %.1f s)", seconds, spent, wall)
                        _raise_in(ident, ReadTimeout)
                return

    watcher = threading.Thread(target=watch, name="read-budget", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            stop.set()
            if fired.is_set():
                _raise_in(ident, None)  # not delivered yet: withdrawn
