"""Settings, each declared once with its default and its Chinese title; stored in QSettings (INI).

Only plain values are stored (str, int, bool, list of str). Tests pass their own INI path.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

#: Bumped when stored values change meaning; :meth:`Settings._upgrade` moves old values on.
SETTINGS_VERSION = 1

RULESET_CHOICES: tuple[tuple[str, str], ...] = (
    ("auto", "自动（按文件判断）"),
    ("mof-2015", "财政部 2015 版"),
    ("mof-2021", "财政部 2021 版"),
    ("hebei", "河北省"),
)


def ruleset_title(name: str) -> str:
    """The Chinese name of a rule set (``"hebei"`` → ``"河北省"``)."""
    return dict(RULESET_CHOICES).get(name, name)


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    title: str


OPTIONS: dict[str, Option] = {o.key: o for o in (
    Option("rules/ruleset", "auto", "审核规则集"),
    Option("files/backup_on_save", True, "保存时保留原文件备份（名称.bak.docx）"),
    Option("files/autosave_minutes", 1, "自动保存间隔（分钟，0 为不自动保存）"),
    Option("view/font_size", 0, "字号（0 为系统默认）"),
    Option("files/recent", [], "最近打开的文件"),
    Option("window/geometry", "", "窗口位置"),
    Option("library/enabled", True, "指标库：记住打开和保存过的文件中的指标，输入三级指标时给出建议（只保存在本机）"),
    Option("new/layout", "hebei-project", "新建时的表格版式"),
    Option("new/department", True, "新建时包含部门整体绩效目标"),
    Option("new/department_name", "", "新建时的部门名称"),
    Option("new/department_code", "", "新建时的部门代码"),
    Option("window/state", "", "窗口布局（停靠窗口、工具栏）"),
)}


class Settings:
    """Typed access to :data:`OPTIONS` over a QSettings in INI format."""

    def __init__(self, path: str | Path | None = None):
        if path is None:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                 "perfeditor", "perfeditor")
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(self._qs.value("meta/version", 0) or 0)
        if version < SETTINGS_VERSION:
            self._qs.setValue("meta/version", SETTINGS_VERSION)

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        raw = self._qs.value(key, None)
        if raw is None:
            return option.default
        default = option.default
        try:
            if isinstance(default, bool):
                return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
            if isinstance(default, int):
                return int(raw)
            if isinstance(default, list):
                if isinstance(raw, str):
                    return [raw] if raw else []
                return [str(x) for x in raw]
            return str(raw)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        if key not in OPTIONS:
            raise KeyError(key)
        self._qs.setValue(key, value)

    def sync(self) -> None:
        self._qs.sync()

    def file_name(self) -> str:
        return self._qs.fileName()

    # Convenience views
    @property
    def ruleset(self) -> str | None:
        name = self.get("rules/ruleset")
        return None if name == "auto" else name

    @property
    def backup_on_save(self) -> bool:
        return bool(self.get("files/backup_on_save"))

    @property
    def autosave_minutes(self) -> int:
        return max(0, int(self.get("files/autosave_minutes")))
