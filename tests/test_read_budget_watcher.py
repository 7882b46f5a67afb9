"""The read budget's watcher thread reads the reading thread's CPU clock; when that thread has
just ended (a batch review's worker), the clock is gone (EINVAL) and the watcher died with a
traceback on stderr instead of ending quietly."""
from __future__ import annotations

import threading
import time

from perfeditor.io import budget


def test_a_vanished_thread_clock_ends_the_watcher_quietly(monkeypatch):
    def gone():
        raise OSError(22, "Invalid argument")

    calls = {"n": 0}

    def clock(ident):
        def read():
            calls["n"] += 1
            if calls["n"] > 1:  # the first read is the start; later ones find the thread gone
                gone()
            return 0.0
        return read

    monkeypatch.setattr(budget, "_thread_clock", clock)
    monkeypatch.setattr(budget, "_POLL", 0.005)
    escaped = []
    monkeypatch.setattr(threading, "excepthook", lambda args: escaped.append(args.exc_value))
    with budget.deadline(30):
        time.sleep(0.1)
    time.sleep(0.05)
    assert calls["n"] >= 2
    assert escaped == []
