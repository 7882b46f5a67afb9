"""Saving without ever losing the clerk's data: write a temporary file beside the target,
flush it to disk, then rename it over the original in one step."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable

from perfeditor.errors import FormWriteError


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
        if path.exists():
            try:
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            except OSError:
                pass
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FormWriteError(_message(exc, path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: tmp.write_bytes(data))
