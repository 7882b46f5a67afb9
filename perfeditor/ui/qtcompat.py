"""Work-arounds for bugs of the installed Qt binding.

PySide6 6.12 (CPython 3.11): ``SignalInstance.emit()`` returns ``True`` without taking a new
reference, so every emit from Python lowers ``True``'s reference count by one; after enough edits
the interpreter aborts at exit ("bool_dealloc: deallocating True or False"). ``disconnect()`` does
the same. :func:`emit` and :func:`disconnect` call them and, when the binding is found to have the
bug (probed once at import), give the reference back. All emits of the window go through them.
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_leaks() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    results = [probe.ping.emit() for _ in range(8)]
    del results
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        _incref(True)  # give back what the probe itself lost
    return lost >= 8


EMIT_LEAKS = _emit_leaks()


def _disconnect_leaks() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.connect(_noop)
        probe.ping.disconnect(_noop)
    lost = before - sys.getrefcount(True)
    for _ in range(max(0, lost)):
        _incref(True)
    return lost >= 8


def _noop() -> None:
    pass


DISCONNECT_LEAKS = _disconnect_leaks()


def disconnect(signal, slot) -> None:
    """Disconnect ``slot`` if connected (same reference fix as :func:`emit`); never raises."""
    try:
        result = signal.disconnect(slot)
    except (RuntimeError, TypeError):
        return
    if DISCONNECT_LEAKS and (result is True or result is False):
        _incref(result)


def emit(signal, *args) -> None:
    result = signal.emit(*args)
    if EMIT_LEAKS and (result is True or result is False):
        _incref(result)
