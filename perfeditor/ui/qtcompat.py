"""Small helpers over the Qt binding."""
from __future__ import annotations


def disconnect(signal, slot) -> None:
    """Disconnect ``slot`` from ``signal`` if it is connected; never raises."""
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass
