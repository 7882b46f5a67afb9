"""Opening and saving files for the window, with every failure turned into a Chinese message."""
from __future__ import annotations

import logging
from pathlib import Path

from perfeditor.errors import FileChangedError, FormReadError, PerfeditorError
from perfeditor.io.source import SourceMap
from perfeditor.logs import log_path
from perfeditor.model import Document

log = logging.getLogger(__name__)


def mof_system(doc: Document) -> str:
    """"2021" when the document's national forms use the 2021 system (成本指标 as a first level
    or the 2021 labels), else "2015"."""
    from perfeditor.rules.engine import ruleset_for

    return "2021" if ruleset_for(doc) == "mof-2021" else "2015"


def layout_title(layout: str, doc: Document | None = None) -> str:
    """The Chinese name a clerk knows a layout by: 河北项目表, 河北分级表, 财政部项目表(2015) …"""
    from perfeditor.forms.layouts import declaration

    system = mof_system(doc) if layout == "mof-project" and doc is not None else ""
    try:
        return declaration(layout, system=system).name
    except KeyError:
        return "未知版式"


def read(path: str, dialogs, parent=None) -> Document | None:
    """The document of ``path`` (to look at, not to save back: see :func:`read_with_map`)."""
    got = read_with_map(path, dialogs, parent)
    return got[0] if got is not None else None


def read_with_map(path: str, dialogs, parent=None) -> tuple[Document, SourceMap] | None:
    """The document of ``path`` and its source map (held by the window's session for saving),
    read off the GUI thread (:mod:`perfeditor.ui.loading`: the window stays responsive; 取消
    returns None with nothing changed); None after telling the clerk why it cannot be read."""
    from perfeditor.io import read_document
    from perfeditor.ui.loading import Cancelled, in_background

    try:
        return in_background(read_document, path, parent=parent, text=f"正在打开“{Path(path).name}”…",
                             title="打开文件")
    except Cancelled:
        return None
    except FormReadError as err:
        dialogs.error(f"无法打开“{Path(path).name}”：\n{err.message}", "无法打开文件")
    except Exception:  # noqa: BLE001 - a reader bug: the clerk gets a Chinese box, the log the traceback
        log.exception("opening %s failed", path)
        dialogs.error(f"无法打开“{Path(path).name}”：程序内部出错，详情已记入日志：\n{log_path()}", "无法打开文件")
    return None


def write(doc: Document, path: str, layout: str | None, backup: bool, dialogs,
          source_map: SourceMap | None = None) -> tuple[list[str], SourceMap | None, list[str]] | None:
    """Save (``source_map``: the session's map of the file ``doc`` was read from); on a file
    changed on disk, ask and retry with ``force``; before a save that cannot keep something of
    the file it overwrites, ask (nothing is written before the answer): what of the file would
    go, and, over a file that exists, what the layout saved in cannot hold (另存为 河北分级表 over
    the file itself drops its 指标值). None when not saved; else the report lines, the map of the
    file written when the save kept it (see :attr:`perfeditor.io.SavePlan.source_map`) and the
    report lines the question already told."""
    from perfeditor.io import plan_save
    from perfeditor.ui.report_text import condensed

    force = False
    while True:
        try:
            overwrites = Path(path).exists()  # before the plan: nothing is written yet
            plan = plan_save(doc, path, layout=layout, source_map=source_map, backup=backup, force=force)
            left_out = condensed(plan.report) if overwrites and plan.report else []
            other_file = overwrites and not _same_file(path, doc.path)
            if (plan.losses or left_out) and not dialogs.question(
                    losses_question(path, plan.losses, left_out, overwrites, other_file), "保存将丢失内容",
                    yes=CONTINUE_SAVE, no="取消"):
                plan.cancel()
                return None
            report = [line for line in plan.write() if line not in plan.losses]
            return report, plan.source_map, list(plan.report) if left_out else []
        except FileChangedError as err:
            if force or not dialogs.question(f"{err.message}\n\n选择“覆盖保存”将用当前内容覆盖该文件；"
                                             "选择“取消”则不保存。", "文件已被修改", yes="覆盖保存", no="取消"):
                return None
            force = True
        except PerfeditorError as err:
            dialogs.error(err.message, "保存失败")
            return None
        except Exception:  # noqa: BLE001 - a writer bug: the original is untouched (atomic save); logged
            log.exception("saving %s failed", path)
            dialogs.error(f"保存失败：程序内部出错，原文件未被改动。详情已记入日志：\n{log_path()}", "保存失败")
            return None


#: The button that goes on with a save that cannot keep everything (the other one, 取消, is the default).
CONTINUE_SAVE = "继续保存"


def _same_file(path: str, other: str | None) -> bool:
    if not other:
        return False
    try:
        return Path(path).resolve() == Path(other).resolve()
    except OSError:
        return False


def losses_question(path: str, losses: list[str], left_out: list[str] | None = None,
                    overwrites: bool = True, other_file: bool = False) -> str:
    """The question asked before a save that cannot keep everything of the file it overwrites (or,
    a new file, ``overwrites`` false, of the file the document was read from): each thing that
    would change, one per line, then what the layout saved in cannot hold (``left_out``,
    condensed), then what each button does. ``other_file``: the file overwritten is another one
    than the document was read from (另存为 over an existing file): it is replaced by the new one."""
    lines = [f"· {line}" for line in losses]
    if left_out:
        lines.append("· 目标版式容纳不下以下内容，将不会写入：")
        lines += [f"  {line.removesuffix('未写入。')}不会写入。" if line.endswith("未写入。") else f"  {line}"
                  for line in left_out]
    if not overwrites:
        return (f"另存为“{Path(path).name}”将会丢失以下内容：\n" + "\n".join(lines)
                + f"\n\n选择“{CONTINUE_SAVE}”按上述方式保存；选择“取消”则不保存，不生成新文件。")
    if other_file:  # replaced by a new file: what the new file will not hold, the old one kept on 取消
        return (f"另存为“{Path(path).name}”将替换该文件，并会丢失以下内容：\n" + "\n".join(lines)
                + f"\n\n选择“{CONTINUE_SAVE}”按上述方式保存；选择“取消”则不保存，“{Path(path).name}”保持原样。")
    return (f"保存到“{Path(path).name}”将会改动以下内容：\n" + "\n".join(lines)
            + f"\n\n选择“{CONTINUE_SAVE}”按上述方式保存；选择“取消”则不保存，文件保持原样。")


def refresh_sources(doc: Document, path: str, kept: SourceMap | None = None,
                    fresh: tuple[Document, SourceMap] | None = None) -> SourceMap:
    """After a save, point the document at the file just written (format, stamp) and return the
    source map of that file for the next save: ``kept`` when the save brought the session's map
    up to date (saved in place), else the file read again (``fresh``: read back already, see
    :mod:`perfeditor.ui.readback`), its forms matched to the document's projects by position. If
    it cannot be re-read, later saves build anew (an empty map)."""
    from perfeditor.io import _suffix, file_stamp, read_document

    suffix = _suffix(Path(path))
    doc.path = str(Path(path).resolve())
    doc.format = "json" if suffix == ".perf.json" else suffix[1:]  # type: ignore[assignment]
    if doc.format == "json":
        doc.source_stamp = file_stamp(path)
        return SourceMap(path=doc.path)
    if kept is not None and kept.path and Path(kept.path).resolve() == Path(doc.path):
        return kept
    try:
        fresh, fresh_map = fresh if fresh is not None else read_document(path)
    except PerfeditorError as err:  # saved, but not readable back: the next save rebuilds
        log.warning("saved file %s does not read back: %s", path, err.message)
        fresh = fresh_map = None
    if fresh is not None and fresh_map is not None and len(fresh.projects) == len(doc.projects):
        for mine, theirs in zip(doc.projects, fresh.projects, strict=False):
            mine.variant = theirs.variant  # the form as the file holds it (its columns, labels, rows)
        doc.preamble = fresh.preamble
        doc.source_stamp = fresh.source_stamp
        smap = fresh_map.rekeyed(fresh, doc)
        if doc.department is None:
            smap.department = None
        return smap
    doc.format = ""  # the next save builds the file from the templates
    doc.source_stamp = file_stamp(path)
    return SourceMap(path=doc.path, format=fresh_map.format if fresh_map is not None else "")


def other_format_target(doc: Document, source_map: SourceMap | None = None) -> str | None:
    """For a document read from another format (.xls, .doc, .wps, HTML, XML …): the .docx/.xlsx
    path Save proposes (the same name, the new suffix); None for a .docx/.xlsx/.perf.json."""
    from perfeditor.io import READABLE_SUFFIXES, _suffix
    from perfeditor.io.formats import save_suffix

    if doc.format or not doc.path:
        return None
    path = Path(doc.path)
    target = save_suffix(source_map)
    if _suffix(path) in READABLE_SUFFIXES and _suffix(path) == target:
        return None  # a file of ours that did not read back after a save: the usual Save As
    return str(path.with_name(f"{path.stem}{target}"))


def choose_layout(doc: Document, dialogs) -> str | None:
    """The layout to save in, as :data:`~perfeditor.ui.save_layouts.SAVE_CHOICES` names it
    (``mof-project-2015`` / ``mof-project-2021`` for the national form's variants)."""
    from perfeditor.ui.save_layouts import SAVE_CHOICES, current_choice

    names = [name for name, _ in SAVE_CHOICES]
    current = current_choice(doc)
    chosen = dialogs.choose("另存为", "选择表格版式：", [title for _, title in SAVE_CHOICES],
                            names.index(current) if current in names else 0)
    return None if chosen is None else names[chosen]
