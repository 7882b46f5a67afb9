"""The read budget's watchdog outlives the thread it watches without an error: the window reads
in short-lived worker threads, whose CPU clock is gone once they end."""
from __future__ import annotations

import threading
import time

from perfeditor.io import budget


def test_the_watchdog_stops_quietly_when_the_reading_thread_is_gone(monkeypatch):
    escaped = []
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))
    calls = []

    def clock_of(ident):
        calls.append(ident)
        first = [True]

        def clock():
            if first:  # the first reading (at the start) works; later ones fail
                first.clear()
                return 0.0
            raise OSError(22, "Invalid argument")  # clock_gettime for an ended thread
        return clock

    monkeypatch.setattr(budget, "_thread_clock", clock_of)
    with budget.deadline(10):
        time.sleep(4 * budget._POLL)
    time.sleep(2 * budget._POLL)
    assert calls and escaped == []
