"""Pinyin initials of a Chinese text (``满意度`` → ``myd``), for typing an indicator by its initials.

Uses pypinyin's character table (each character's first reading), looked up one character at a
time: 0.5 µs a character instead of pypinyin's phrase conversion at 0.5 ms a name, so that a file
of thousands of new indicator names is learned in well under a second. Letters and digits are
kept (``PM2.5浓度`` → ``pm25nd``); other characters are dropped.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import unicodedata
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)


def _readings() -> dict[int, str]:
    """pypinyin's character table (code point → readings), read from its data file without
    importing pypinyin: the package loads its phrase dictionary as well (0.3 s, some 190,000
    Python lists that every full garbage collection then walks: a pause of 10–20 ms in the
    window's edits now and then). Falls back to the import when the file is not where expected."""
    try:
        spec = importlib.util.find_spec("pypinyin")
        folder = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else None
        if folder is not None:
            data = json.loads((Path(folder) / "pinyin_dict.json").read_text(encoding="utf-8"))
            return {int(code): readings for code, readings in data.items()}
    except (OSError, ValueError) as err:
        log.info("pypinyin's character table unreadable as a file (%s); importing pypinyin", err)
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    try:
        pinyin_dict = _readings()
    except ImportError:  # an install without pypinyin still suggests by the characters themselves
        log.warning("pypinyin is not installed: indicators cannot be found by their pinyin initials")
        return {}
    table = {}
    for code, readings in pinyin_dict.items():
        first = readings.split(",", 1)[0]
        if first:
            table[code] = unicodedata.normalize("NFKD", first)[0].lower()
    return table


def initials(text: str) -> str:
    table = _table()
    out = []
    for ch in text or "":
        letter = table.get(ord(ch))
        if letter is not None:
            out.append(letter)
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
    return "".join(out)
