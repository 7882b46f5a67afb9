"""WordprocessingML tag names in Clark notation (``w:p`` → ``{…/main}p``).

python-docx's ``docx.oxml.ns.qn`` does the same, but importing it imports the whole of python-docx
(about 30 ms of every ``perfeditor dump``), and nothing else of python-docx is needed to read.
"""
from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PREFIXES = {"w": W_NS}


def qn(tag: str) -> str:
    """``"w:p"`` → ``"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"``."""
    prefix, local = tag.split(":")
    return f"{{{_PREFIXES[prefix]}}}{local}"
