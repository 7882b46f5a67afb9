"""Opening and saving files for the window, with every failure turned into a Chinese message."""
from __future__ import annotations

import logging
from pathlib import Path

from perfeditor.errors import FileChangedError, FormReadError, PerfeditorError
from perfeditor.logs import log_path
from perfeditor.model import LAYOUTS, Document

log = logging.getLogger(__name__)

LAYOUT_TITLES = {
    "hebei-project": "河北项目表",
    "hebei-graded": "河北分级表",
    "mof-project": "财政部项目表",
}


def mof_system(doc: Document) -> str:
    """"2021" when the document's national forms use the 2021 system (成本指标 as a first level
    or the 2021 labels), else "2015"."""
    from perfeditor.rules.engine import ruleset_for

    return "2021" if ruleset_for(doc) == "mof-2021" else "2015"


def layout_title(layout: str, doc: Document | None = None) -> str:
    """The Chinese name a clerk knows a layout by: 河北项目表, 河北分级表, 财政部项目表(2015) …"""
    title = LAYOUT_TITLES.get(layout, "未知版式")
    if layout == "mof-project":
        title += f"({mof_system(doc) if doc is not None else '2015'})"
    return title


def read(path: str, dialogs, parent=None) -> Document | None:
    """The document at ``path``, read off the GUI thread (:mod:`perfeditor.ui.loading`: the
    window stays responsive; 取消 returns None with nothing changed); None after a Chinese box."""
    from perfeditor.io import load_document
    from perfeditor.ui.loading import Cancelled, in_background

    try:
        return in_background(load_document, path, parent=parent, text=f"正在打开“{Path(path).name}”…",
                             title="打开文件")
    except Cancelled:
        return None
    except FormReadError as err:
        dialogs.error(f"无法打开“{Path(path).name}”：\n{err.message}", "无法打开文件")
    except Exception:  # noqa: BLE001 - a reader bug: the clerk gets a Chinese box, the log the traceback
        log.exception("opening %s failed", path)
        dialogs.error(f"无法打开“{Path(path).name}”：程序内部出错，详情已记入日志：\n{log_path()}", "无法打开文件")
    return None


def write(doc: Document, path: str, layout: str | None, backup: bool, dialogs) -> list[str] | None:
    """Save; on a file changed on disk, ask and retry with ``force``; before a save that cannot
    keep something of the file it overwrites, ask (nothing is written before the answer).
    None when not saved."""
    from perfeditor.io import plan_save

    force = False
    while True:
        try:
            plan = plan_save(doc, path, layout=layout, backup=backup, force=force)
            if plan.losses and not dialogs.question(losses_question(path, plan.losses), "保存将丢失内容"):
                plan.cancel()
                return None
            return [line for line in plan.write() if line not in plan.losses]
        except FileChangedError as err:
            if force or not dialogs.question(f"{err.message}\n\n仍要覆盖保存吗？", "文件已被修改"):
                return None
            force = True
        except PerfeditorError as err:
            dialogs.error(err.message, "保存失败")
            return None
        except Exception:  # noqa: BLE001 - a writer bug: the original is untouched (atomic save); logged
            log.exception("saving %s failed", path)
            dialogs.error(f"保存失败：程序内部出错，原文件未被改动。详情已记入日志：\n{log_path()}", "保存失败")
            return None


def losses_question(path: str, losses: list[str]) -> str:
    """The question asked before a save that cannot keep everything of the file it overwrites."""
    return (f"保存到“{Path(path).name}”时：\n" + "\n".join(losses)
            + "\n\n选择“是”继续保存；选择“否”取消保存，文件保持原样。")


def refresh_sources(doc: Document, path: str, fresh: Document | None = None) -> None:
    """After a save, point the document at the file just written (format, stamps, source refs),
    so that the next save starts from it. If it cannot be re-read, later saves build anew.
    ``fresh``: the file read back already (:mod:`perfeditor.ui.readback`)."""
    from perfeditor.io import _suffix, file_stamp, load_document

    suffix = _suffix(Path(path))
    doc.path = str(Path(path).resolve())
    doc.format = "json" if suffix == ".perf.json" else suffix[1:]  # type: ignore[assignment]
    if doc.format == "json":
        doc.source_stamp = file_stamp(path)
        return
    try:
        fresh = fresh if fresh is not None else load_document(path)
    except PerfeditorError as err:  # saved, but not readable back: the next save rebuilds
        log.warning("saved file %s does not read back: %s", path, err.message)
        fresh = None
    if fresh is not None and len(fresh.projects) == len(doc.projects):
        for mine, theirs in zip(doc.projects, fresh.projects, strict=False):
            mine.source_ref = theirs.source_ref
            mine.variant = theirs.variant if mine.variant.layout != theirs.variant.layout else mine.variant
        if doc.department is not None and fresh.department is not None:
            doc.department.source = fresh.department.source
        doc.source_stamp = fresh.source_stamp
    else:
        for p in doc.projects:
            p.source_ref = None
        doc.format = ""  # the next save builds the file from the templates
        doc.source_stamp = file_stamp(path)


def other_format_target(doc: Document) -> str | None:
    """For a document read from another format (.xls, .doc, .wps, HTML, XML …): the .docx/.xlsx
    path Save proposes (the same name, the new suffix); None for a .docx/.xlsx/.perf.json."""
    from perfeditor.io import READABLE_SUFFIXES, _suffix
    from perfeditor.io.formats import save_suffix

    if doc.format or not doc.path:
        return None
    path = Path(doc.path)
    target = save_suffix(doc)
    if _suffix(path) in READABLE_SUFFIXES and _suffix(path) == target:
        return None  # a file of ours that did not read back after a save: the usual Save As
    return str(path.with_name(f"{path.stem}{target}"))


def choose_layout(doc: Document, dialogs) -> str | None:
    titles = [layout_title(name, doc) for name in LAYOUTS]
    current = LAYOUTS.index(doc.layout) if doc.layout in LAYOUTS else 0
    chosen = dialogs.choose("另存为", "选择表格版式：", titles, current)
    return None if chosen is None else LAYOUTS[chosen]
