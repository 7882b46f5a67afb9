"""What a save could not write, as a message box can show it: the .xlsx writer reports one line per
project and field (``项目“X”：…没有“单位”一栏，该内容未写入。``), which for a 21-project file saved
in another layout made a box of 150 lines, taller than the screen, its 确定 button out of reach.
Lines of one form and field are merged into one (``“A”、“B”、“C”等 21 个项目``), and a long list
is cut with a count of the rest."""
from __future__ import annotations

import re

_PER_PROJECT = (re.compile(r"^项目“(?P<name>.*)”：(?P<form>.+?)没有“(?P<field>[^”]+)”一栏，该内容未写入。$"),
                # the layouts' own wording (perfeditor.forms.layouts.left_out) for one project
                re.compile(r"^(?P<form>[^“]+?)没有“(?P<field>[^”]+)”栏，“(?P<name>[^”]*)”的该项内容未写入。$"))
LIMIT = 15


def condensed(lines: list[str], limit: int = LIMIT) -> list[str]:
    out: list[str] = []
    groups: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        m = next((m for m in (rx.match(line) for rx in _PER_PROJECT) if m is not None), None)
        if m is None:
            out.append(line)
            continue
        key = (m["form"], m["field"])
        if key not in groups:
            groups[key] = []
            out.append(key)  # type: ignore[arg-type] - replaced below, keeps the order
        groups[key].append(m["name"])
    text = []
    for item in out:
        if isinstance(item, tuple):
            names = groups[item]
            shown = "、".join(f"“{n}”" for n in names[:3]) + (f"等 {len(names)} 个项目" if len(names) > 3 else "")
            text.append(f"{item[0]}没有“{item[1]}”一栏，{shown}的该项内容未写入。")
        else:
            text.append(item)
    if len(text) > limit:
        text = text[:limit - 1] + [f"……另有 {len(text) - limit + 1} 条未列出。"]
    return text
