"""A project renamed takes its form title along: ``1、新项目绩效目标表`` (a new project's title) or
``2、城建管理经费绩效目标表`` names the project, and a clerk who types another 项目名称 expects the
printed and saved form to carry it; the title kept naming the old project."""
from __future__ import annotations

from perfeditor.forms.titles import split_ordinal


def renamed_title(title: str, old_name: str, new_name: str) -> str | None:
    """``title`` with ``old_name`` replaced by ``new_name`` when the title (after its number)
    starts with the old name; None when it should stay (no name in it, e.g. 项目支出绩效目标表,
    or a name typed away to nothing)."""
    old_name, new_name = old_name.strip(), new_name.strip()
    if not old_name or not new_name or old_name == new_name:
        return None
    _, _, rest = split_ordinal(title)
    if not rest.startswith(old_name):
        return None
    at = title.index(rest)
    return title[:at] + new_name + rest[len(old_name):]
