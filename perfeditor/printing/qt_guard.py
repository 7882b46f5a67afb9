"""Guard against a PySide6 6.12 defect on CPython < 3.12.

Every call of a wrapped C++ method that returns ``void`` (``QFont.setBold``,
``QAbstractTextDocumentLayout.setPaintDevice``, ``QTextCursor.setBlockFormat`` …) returns
``None`` without taking a reference to it, so each call lowers ``None``'s reference count by one
(measure it with ``sys.getrefcount(None)``). Printing a 200-project file makes tens of thousands
of such calls; when the count reaches zero the interpreter aborts with "Fatal Python error:
none_dealloc: deallocating None". CPython 3.12 made ``None`` immortal (PEP 683), which hides the
defect; on older versions we give ``None`` a large reserve of references once.
"""
from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40
_done = False


def protect_none() -> None:
    """Give ``None`` a reserve of references (once; nothing to do on CPython ≥ 3.12)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        _done = True
        return
    # ob_refcnt is the first field of every CPython object: a Py_ssize_t at id(obj).
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    _done = True
