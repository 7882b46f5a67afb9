"""Autosave of the working state to the user's data folder, and the offer to recover it.

Every ``files/autosave_minutes`` minutes, if the undo stack is not clean, the document is written
as ``.perf.json`` (with a small ``.meta.json`` naming the file it came from). Each window has its
own slot (two windows on untitled documents, or on the same file, never share one). A clean exit
or a save removes it; finding some at start means the program did not exit cleanly, and each is
offered on its own and deleted only once the clerk has chosen for it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer

log = logging.getLogger(__name__)


def default_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".perfeditor") / "autosave"


def _slot(original: str | None, window: str = "") -> str:
    key = original or "未命名"
    return hashlib.blake2b(f"{key}\0{window}".encode("utf-8"), digest_size=6).hexdigest()


def recovery_question(meta: dict, index: int, count: int) -> str:
    """The question asked for one autosave (``index`` of ``count`` found), naming its file."""
    name = Path(meta.get("original") or "未命名文件").name
    if not meta.get("original") and meta.get("title"):
        name = f"未命名文件：{meta['title']}"
    when = meta.get("time")
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(when)) if isinstance(when, (int, float)) else ""
    which = f"（第 {index + 1} 份，共 {count} 份）" if count > 1 else ""
    return (f"上次程序没有正常关闭。找到“{name}”{('于 ' + stamp) if stamp else ''}自动保存的内容{which}，"
            "是否恢复？\n选择“放弃”将删除这份自动保存。")


def recoverable(folder: Path) -> list[tuple[Path, dict]]:
    """(autosave file, meta) pairs left by a session that did not exit cleanly, newest first."""
    out = []
    if not folder.is_dir():
        return out
    for path in folder.glob("*.perf.json"):
        meta_path = path.with_name(path.name.replace(".perf.json", ".meta.json"))
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        out.append((path, meta if isinstance(meta, dict) else {}))
    out.sort(key=lambda pm: pm[1].get("time", 0), reverse=True)
    return out


def discard(path: Path) -> None:
    for p in (path, path.with_name(path.name.replace(".perf.json", ".meta.json"))):
        try:
            p.unlink()
        except OSError:
            pass


class Autosaver(QObject):
    def __init__(self, folder: Path, minutes: int, parent=None):
        super().__init__(parent)
        self.folder = Path(folder)
        self.session = None
        self.original: str | None = None
        self.window_id = uuid.uuid4().hex  # this window's own slot
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.save_now)
        self.set_interval(minutes)

    def set_interval(self, minutes: int) -> None:
        self.timer.stop()
        if minutes > 0:
            self.timer.start(minutes * 60_000)

    def attach(self, session, original: str | None) -> None:
        self.remove()
        self.session, self.original = session, original

    def path(self) -> Path:
        return self.folder / f"{_slot(self.original, self.window_id)}.perf.json"

    def save_now(self) -> bool:
        """Write the working state if it has unsaved changes; never raises."""
        from perfeditor.io.native import write_native

        s = self.session
        if s is None or s.stack.isClean():
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_native(s.doc, self.path())
            first = s.doc.projects[0].name if s.doc.projects else ""
            meta = {"original": self.original or "", "time": time.time(), "title": first[:40]}
            self.path().with_name(self.path().name.replace(".perf.json", ".meta.json")).write_text(
                json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        except Exception:  # noqa: BLE001 - autosave runs on a timer: it must never interrupt typing; logged
            log.exception("autosave failed")
            return False
        return True

    def remove(self) -> None:
        if self.session is not None:
            discard(self.path())

    def stop(self) -> None:
        self.timer.stop()
