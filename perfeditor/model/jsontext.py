"""The dump's JSON text, fast: what ``json.dumps(obj, ensure_ascii=False, indent=1)`` gives.

With an indent, Python's ``json`` encodes in pure Python through nested generators (and
``json.dump`` writes each of its hundreds of thousands of pieces to the stream): a third of the
time ``perfeditor dump`` of a large file spent after reading it. Here one recursive function
appends to a list, strings encoded by ``json``'s C function. Anything but the plain JSON types
(str keys; str, int, bool, None, dict, list values) goes to ``json`` itself.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function when available (ensure_ascii=False)
from typing import Any


class _NotPlain(Exception):
    """A value this encoder leaves to ``json`` (a float, a tuple, a non-str key …)."""


def dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=1)``, byte for byte."""
    try:
        return _dumps(obj)
    except (_NotPlain, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=1)


def _dumps(obj: Any) -> str:
    out: list[str] = []
    add = out.append
    enc = encode_basestring

    def walk(o: Any, nl: str) -> None:
        t = o.__class__
        if t is str:
            add(enc(o))
        elif t is dict:
            if not o:
                add("{}")
                return
            inner = nl + " "
            sep = "{" + inner
            for k, v in o.items():
                if k.__class__ is not str:
                    raise _NotPlain
                if v.__class__ is str:
                    add(sep + enc(k) + ": " + enc(v))
                else:
                    add(sep + enc(k) + ": ")
                    walk(v, inner)
                sep = "," + inner
            add(nl + "}")
        elif t is list:
            if not o:
                add("[]")
                return
            inner = nl + " "
            sep = "[" + inner
            for v in o:
                if v.__class__ is str:
                    add(sep + enc(v))
                else:
                    add(sep)
                    walk(v, inner)
                sep = "," + inner
            add(nl + "]")
        elif o is None:
            add("null")
        elif o is True:
            add("true")
        elif o is False:
            add("false")
        elif t is int:
            add(int.__repr__(o))
        else:
            raise _NotPlain

    walk(obj, "\n")
    return "".join(out)
