"""Recent files, kept in the settings as a plain list of paths."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

from perfeditor.ui.settings import Settings

MAX_RECENT = 10


class RecentFiles:
    def __init__(self, settings: Settings, menu: QMenu, open_path):
        self.settings, self.menu, self.open_path = settings, menu, open_path
        self.rebuild()

    def paths(self) -> list[str]:
        return list(self.settings.get("files/recent"))

    def add(self, path: str) -> None:
        path = str(Path(path).resolve())
        paths = [p for p in self.paths() if p != path]
        self.settings.set("files/recent", [path] + paths[:MAX_RECENT - 1])
        self.rebuild()

    def rebuild(self) -> None:
        self.menu.clear()
        paths = self.paths()
        for n, path in enumerate(paths, 1):
            action = self.menu.addAction(f"&{n % 10} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_path(p))
        if paths:
            self.menu.addSeparator()
            self.menu.addAction("清除列表", self.clear)
        else:
            self.menu.addAction("（无）").setEnabled(False)

    def clear(self) -> None:
        self.settings.set("files/recent", [])
        self.rebuild()
