"""Saving without ever losing the clerk's data: write a temporary file beside the target,
flush it to disk, then rename it over the original in one step.

The temporary file is ``.~NAME.XXXXXXXX.ext.tmp``; one left by an interrupted save (the program
killed, the machine off) is removed on the next open or save of that file
(:func:`remove_stale`). A new file gets the permissions the umask gives (as any program's), an
existing one keeps its own. The backup of the original is written the same way and kept only when
complete (:func:`copy_verified`).
"""
from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Callable

from perfeditor.errors import FormWriteError

log = logging.getLogger(__name__)

#: a temporary file younger than this may belong to a save in progress (another window)
STALE_AFTER_SECONDS = 30
_UMASK_LOCK = threading.Lock()


def same_file(a: Path, b: Path) -> bool:
    """``a`` and ``b`` name the same file (links resolved); False when either cannot be resolved."""
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _umask() -> int:
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def remove_stale(path: str | Path) -> None:
    """Remove the temporary files an interrupted save of ``path`` left beside it (only the
    program's own pattern, only ones not touched for :data:`STALE_AFTER_SECONDS`); never raises."""
    path = Path(path)
    # the names atomic_write gives its temporary files for path (mkstemp's 8 characters)
    pattern = re.compile(rf"^\.~{re.escape(path.stem)}\.[A-Za-z0-9_]{{8}}{re.escape(path.suffix)}\.tmp$")
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if not pattern.match(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or now - entry.stat().st_mtime < STALE_AFTER_SECONDS:
                continue
            os.unlink(entry.path)
            log.info("removed %s, left by an interrupted save", entry.path)
        except OSError:
            log.warning("could not remove the stale temporary file %s", entry.path, exc_info=True)


def is_complete(path: str | Path, kind: str | Path | None = None) -> bool:
    """Whether ``path`` is a whole file of its kind (``kind``: a name whose suffix tells it,
    default ``path``): a zip (.docx/.xlsx) whose every member inflates with the right CRC, or
    JSON that parses; other kinds: that it can be read to the end."""
    path = Path(path)
    name = Path(kind or path).name.lower()
    try:
        if name.endswith((".docx", ".xlsx")):
            with zipfile.ZipFile(path) as zf:
                return zf.testzip() is None
        if name.endswith(".json"):
            import json

            json.loads(path.read_text(encoding="utf-8"))
            return True
        with path.open("rb") as fh:
            while fh.read(1 << 20):
                pass
        return True
    except Exception:  # noqa: BLE001 - any failure means the copy is not usable; logged
        log.info("%s is not complete", path, exc_info=True)
        return False


def copy_verified(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` through a temporary file that replaces ``dst`` only once it is
    complete and reads back (:func:`is_complete`); raise FormWriteError otherwise."""
    def write(tmp: Path) -> None:  # (atomic_write flushes it to disk)
        shutil.copyfile(src, tmp)
        if not is_complete(tmp, dst):
            raise OSError(errno.EIO, "the copy does not read back")

    atomic_write(dst, write)


def _message(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"磁盘空间不足，未能保存“{path.name}”；原文件未被改动。"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有写入“{path.name}”的权限（文件只读或正被其他程序如 Word/WPS 打开）；原文件未被改动。"
    if exc.errno == errno.ENOENT:
        return f"保存位置“{path.parent}”不存在；请另选位置保存。"
    return f"未能保存“{path.name}”（{exc.strerror or exc}）；原文件未被改动。"


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp_path)`` for a temporary file in ``path``'s folder, then move it over
    ``path``. On any failure the temporary file is removed and ``path`` is left as it was."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise FormWriteError(f"文件“{path.name}”是只读的，未能保存；原文件未被改动。请用“另存为”保存到其他位置。")
    remove_stale(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".~{path.stem}.", suffix=path.suffix + ".tmp",
                                        dir=path.parent)
    except OSError as exc:
        raise FormWriteError(_message(exc, path)) from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:  # an existing file keeps its permissions; a new one gets what the umask gives
            mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        except OSError:
            log.info("permissions of %s not set", path, exc_info=True)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FormWriteError(_message(exc, path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: tmp.write_bytes(data))


def atomic_write_zip(path: Path, infos: list[zipfile.ZipInfo], parts: dict[str, bytes],
                     added: dict[str, bytes] | None = None) -> None:
    """Write a package atomically: each entry of ``infos`` (its settings kept) that ``parts``
    holds, with the bytes there, then the ``added`` parts."""
    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for info in infos:
                if info.filename in parts:
                    out.writestr(info, parts[info.filename])
            for name, body in (added or {}).items():
                out.writestr(name, body)

    atomic_write(path, write)
