"""A cell's value as the text the cell displays (Excel number formats, the common ones).

Forms keep amounts and percentages as numbers with a format: ``500`` shown ``0.00`` reads
``500.00``; ``0.25`` shown ``0%`` reads ``25%``. The dump holds what the clerk sees, so the reader
renders numbers through their format here. Supported: General, ``0``, ``0.00``, ``#,##0.00``,
``0%``, ``0.00%``, text ``@``, literal text (``"元"``, ``\\元``), currency signs, colour and
locale tags, negative sections, and date/time formats.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_BRACKETS = re.compile(r"\[[^\]]*\]")
_PIECE = re.compile(r'"[^"]*"?|\\.?|[^;"\\]+|;', re.S)
_TOKEN = re.compile(r'"(?P<quoted>[^"]*)"?|\\(?P<escaped>.)|_(?P<pad>.)|\*(?P<fill>.)|(?P<fmt>[0#?.,]+)|(?P<pct>%)'
                    r"|(?P<char>.)", re.S)
#: A date format's pieces: quoted or escaped text, a date part, any other character.
_DATE_PIECE = re.compile(r'"(?P<quoted>[^"]*)"?|\\(?P<escaped>.)'
                         r"|(?P<part>yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM/PM)|(?P<char>.)",
                         re.IGNORECASE | re.S)
_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
#: The text of each date part of a format but minutes, hours and AM/PM (which depend on their
#: neighbours).
_DATE_PARTS = {
    "yyyy": lambda v: f"{v.year:04d}",
    "yy": lambda v: f"{v.year % 100:02d}",
    "mmmm": lambda v: f"{v.month}月",
    "mmm": lambda v: f"{v.month}月",
    "mm": lambda v: f"{v.month:02d}",
    "m": lambda v: str(v.month),
    "dddd": lambda v: _WEEKDAYS[v.weekday()],
    "ddd": lambda v: _WEEKDAYS[v.weekday()],
    "dd": lambda v: f"{v.day:02d}",
    "d": lambda v: str(v.day),
    "ss": lambda v: f"{v.second:02d}",
    "s": lambda v: str(v.second),
}


def general(value: float | int) -> str:
    """Excel's General: integers without a point, others in their shortest natural form."""
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.11g}" if abs(value) >= 1e-4 else f"{value:.15g}"
    if "e" in text:
        mant, exp = text.split("e")
        return f"{mant.upper() if '.' not in mant else mant}E{exp[0]}{exp[1:].lstrip('0').zfill(2)}"
    return text


def _sections(fmt: str) -> list[str]:
    """The ``;``-separated sections of ``fmt`` (a ``;`` quoted or escaped separates nothing)."""
    out = [""]
    for piece in _PIECE.findall(fmt):
        if piece == ";":
            out.append("")
        else:
            out[-1] += piece
    return out


def _tokens(section: str) -> list[tuple[str, str]]:
    """Split a section into ('lit', text), ('fmt', placeholder-run) and ('pct', '%') pieces (a
    ``_x`` pads one space, a ``*x`` fill is dropped)."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(_BRACKETS.sub("", section)):
        kind = m.lastgroup
        if kind in ("fmt", "pct"):
            out.append((kind, m.group(kind)))
        elif kind == "pad":
            out.append(("lit", " "))
        elif kind != "fill":
            out.append(("lit", m.group(kind)))
    return out


def _round(value: float, places: int) -> Decimal:
    try:
        d = Decimal(repr(float(value)))
    except (InvalidOperation, ValueError):
        d = Decimal(0)
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _number(value: float, placeholder: str) -> str:
    intpart, _, frac = placeholder.partition(".")
    places = sum(1 for ch in frac if ch in "0#?")
    min_places = frac.count("0")
    rounded = _round(value, places)
    text = f"{rounded:,.{places}f}" if "," in intpart else f"{rounded:.{places}f}"
    if places > min_places:  # '#' decimals drop trailing zeros beyond the required ones
        head, _, tail = text.partition(".")
        tail = tail.rstrip("0")
        tail = tail + "0" * max(0, min_places - len(tail))
        text = head + ("." + tail if tail else ("." if not places else ""))
        if text.endswith(".") and "." not in placeholder.rstrip("#?"):
            text = text[:-1]
    head, dot, tail = text.partition(".")
    if "0" not in intpart and head in ("0", "-0"):
        head = head[:-1]
    return head + dot + tail


def is_date_format(fmt: str) -> bool:
    cleaned = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt)
    return bool(re.search(r"[ymdhs]", cleaned, re.IGNORECASE)) and "General" not in fmt


def format_date(value: _dt.datetime | _dt.date | _dt.time, fmt: str) -> str:
    """A date or time shown through an Excel date format (``yyyy"年"m"月"d"日"``, ``yyyy-mm-dd`` …)."""
    section = _BRACKETS.sub("", _sections(fmt)[0])
    if isinstance(value, _dt.time):
        value = _dt.datetime.combine(_dt.date(1899, 12, 31), value)
    elif not isinstance(value, _dt.datetime):
        value = _dt.datetime.combine(value, _dt.time())
    has_ampm = "am/pm" in section.lower()
    out: list[str] = []
    last_was_hour = False
    for m in _DATE_PIECE.finditer(section):
        if m.lastgroup != "part":  # literal text
            out.append(m.group(m.lastgroup))
            continue
        low = m.group("part").lower()
        rest = section[m.end():].lower().lstrip(":")
        if low in ("m", "mm") and (last_was_hour or rest.startswith("s")):
            out.append(f"{value.minute:02d}" if low == "mm" else str(value.minute))
        elif low in ("hh", "h"):
            hour = value.hour % 12 or 12 if has_ampm else value.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low == "am/pm":
            out.append("上午" if value.hour < 12 else "下午")
        else:
            out.append(_DATE_PARTS[low](value))
        last_was_hour = low in ("hh", "h")
    return "".join(out)


def format_value(value, fmt: str | None) -> str:
    """The text a cell holding ``value`` with number format ``fmt`` displays."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        if not fmt or fmt == "General" or not is_date_format(fmt):
            fmt = "yyyy-mm-dd" if not isinstance(value, _dt.time) else "h:mm:ss"
        return format_date(value, fmt)
    if isinstance(value, _dt.timedelta):
        return str(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if not isinstance(value, (int, float)):
        return str(value)
    if not fmt or fmt == "General" or fmt == "@":
        return general(value)
    sections = _sections(fmt)
    section = sections[0]
    negative = value < 0
    if negative and len(sections) > 1 and sections[1]:
        section, value = sections[1], -value
        negative = False
    elif value == 0 and len(sections) > 2 and sections[2]:
        section = sections[2]
    if "General" in section:
        body = general(abs(value) if negative else value)
        return ("-" if negative else "") + _BRACKETS.sub("", section).replace("General", body).replace('"', "")
    tokens = _tokens(section)
    if not any(kind == "fmt" for kind, _ in tokens):
        if any(kind == "pct" for kind, _ in tokens):
            tokens.insert(0, ("fmt", "0"))
        else:
            return "".join(text for _, text in tokens) or general(value)
    pct = sum(1 for kind, _ in tokens if kind == "pct")
    scaled = abs(value) * (100 ** pct)
    placeholder = "".join(text for kind, text in tokens if kind == "fmt")
    number = _number(scaled, placeholder)
    first = [kind for kind, _ in tokens].index("fmt")  # the number stands where its first placeholder does
    texts = [number if i == first else text for i, (kind, text) in enumerate(tokens) if kind != "fmt" or i == first]
    return ("-" if negative and number.strip("0.,") else "") + "".join(texts)


def shown(value, fmt: str | None) -> str:
    """What the .xlsx reader shows for a cell's ``value``: a whole float as the integer it is,
    through ``fmt``, outer white space dropped."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return format_value(value, fmt).strip()
