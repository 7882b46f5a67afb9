"""Anything the window writes to a new file, it can read back (as ``perfeditor convert`` checks).

After 另存为 (another file, another format or layout) the written file is read back off the GUI
thread before the window switches to it. A file that does not read back is removed and the clerk
is told in Chinese; the window stays on the original file, which was never touched.
"""
from __future__ import annotations

import logging
from pathlib import Path

from perfeditor.errors import FormReadError
from perfeditor.io.source import SourceMap
from perfeditor.logs import log_path
from perfeditor.model import Document

log = logging.getLogger(__name__)


def needs_check(doc: Document, path: str) -> bool:
    """Whether a save of ``doc`` to ``path`` writes a new file (not the one it was read from)."""
    if not doc.path:
        return True
    try:
        return Path(doc.path).resolve() != Path(path).resolve()
    except OSError:
        return True


def read_back(path: str, dialogs, parent=None) -> tuple[bool, tuple[Document, SourceMap] | None]:
    """(True, the document read back and its source map) when ``path`` reads back (``None`` when
    the clerk cancelled the check: not known, kept); (False, None) after removing it and telling
    the clerk."""
    from perfeditor.io import read_document
    from perfeditor.ui.loading import Cancelled, in_background

    name = Path(path).name
    try:
        return True, in_background(read_document, path, parent=parent, text=f"正在检查“{name}”…",
                                   title="另存为")
    except Cancelled:
        log.info("read-back check of %s cancelled", path)
        return True, None
    except FormReadError as err:
        log.error("%s was written but does not read back: %s", path, err.message)
    except Exception:  # noqa: BLE001 - a reader bug: logged, the clerk gets the Chinese line
        log.exception("%s was written but reading it back failed", path)
    try:
        Path(path).unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove %s", path, exc_info=True)
    dialogs.error(f"另存为的文件“{name}”写出后本程序无法读回，已删除；原文件未被改动，"
                  f"窗口中的内容也未丢失，可换一种格式或版式再保存。详情已记入日志：\n{log_path()}", "保存失败")
    return False, None


def read_quietly(path: str) -> tuple[Document, SourceMap] | None:
    """The file saved in place read back, to clear from the window what its layout left out (as
    after 另存为); None when it does not read back (logged; the file is the clerk's: kept). After
    另存为 河北分级表, Ctrl+Z of the clearing and Ctrl+S (继续保存), the window went on showing the
    项目编码, 预算数, 指标值 … the file no longer had, marked saved: closed, they were gone unasked."""
    from perfeditor.io import read_document

    try:
        return read_document(path)
    except Exception:  # noqa: BLE001 - the save is done; the window keeps what it shows
        log.exception("%s was saved in place but does not read back", path)
        return None
