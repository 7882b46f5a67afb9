"""Reading and writing files: .docx, .xlsx and the project's own .perf.json. No Qt.

:func:`read_document` is the one entry point every caller (command line, window) uses to open a
file; it checks the file is safe to parse before any library sees it, and turns every failure
into a :class:`~perfeditor.errors.FormReadError` with a Chinese message. It returns the document
and its :class:`~perfeditor.io.source.SourceMap` (where each form sits in the file): whoever will
save holds both and passes the map to :func:`plan_save` / :func:`save_document`, which bring it
up to date with the file written. :func:`load_document` is for callers that only read.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

from perfeditor.errors import FileChangedError, FormReadError, FormWriteError, PerfeditorError
from perfeditor.io.source import SourceMap
from perfeditor.model import Document

log = logging.getLogger(__name__)

READABLE_SUFFIXES = (".docx", ".xlsx", ".perf.json")
#: Everything the window offers to open (known by content once opened; see io.sniff).
OPENABLE_SUFFIXES = READABLE_SUFFIXES + (".xls", ".doc", ".wps", ".et", ".odt", ".ods", ".rtf",
                                         ".htm", ".html", ".xml")


def _suffix(path: Path) -> str:
    return ".perf.json" if path.name.lower().endswith(".perf.json") else path.suffix.lower()


def load_document(path: str | Path) -> Document:
    """:func:`read_document` without a source map, for a caller that will not save in place."""
    return _load(Path(path), None)


def read_document(path: str | Path) -> tuple[Document, SourceMap]:
    """Read ``path`` into a :class:`Document` and its :class:`SourceMap` within a time budget
    (:mod:`~perfeditor.io.budget`); raise :class:`FormReadError` when it cannot. A file of another
    format (document format "") is always saved as a new file: its map only says which reader read
    it and which projects were read."""
    path = Path(path)
    smap = SourceMap(path=str(path.resolve()))
    return _load(path, smap), smap


def _load(path: Path, smap: SourceMap | None) -> Document:
    if not path.exists():
        raise FormReadError(f"找不到文件：{path}")
    if path.is_dir():
        raise FormReadError(f"这是一个文件夹，不是文件：{path}")
    from perfeditor.io.atomic import remove_stale

    remove_stale(path)  # what an interrupted save of this file left beside it
    suffix = _suffix(path)
    from perfeditor.io import budget, damage

    seconds = budget.seconds_for(path)
    if suffix in (".doc", ".wps", ".et", ".odt", ".ods", ".rtf", ".xls"):
        # LibreOffice's conversion runs in its own process (its time is not this thread's CPU)
        # and has its own timeout: the wall-clock backstop must leave room for it.
        from perfeditor.io.formats.soffice import TIMEOUT_SECONDS

        seconds += TIMEOUT_SECONDS / budget.WALL_FACTOR
    try:
        with damage.quiet(), budget.deadline(seconds):
            doc, native = _read(path, suffix, smap)
    except budget.ReadTimeout:
        log.warning("reading %s took more than %.1f s; refused", path, seconds)
        raise FormReadError(f"文件在限定时间（{seconds:.0f} 秒）内未能读完，可能已损坏或结构异常，未能打开；"
                            "请让发送方重新保存后再发送。") from None
    except FormReadError:
        raise
    except MemoryError:
        raise FormReadError("文件内容过大，超出可处理的范围，未能打开。") from None
    except RecursionError:
        raise FormReadError("文件结构嵌套过深，可能已损坏，未能打开。") from None
    except Exception as exc:  # noqa: BLE001 - a damaged file must never surface as a traceback; logged
        log.exception("reading %s failed", path)
        raise FormReadError(damage.describe(exc, suffix)) from exc
    if not doc.projects and doc.department is None:
        raise FormReadError("文件中没有找到预算绩效目标表。")
    doc.path = str(path.resolve())
    # another format is never written back: format "" makes Save ask for a .docx/.xlsx name
    doc.format = ("json" if suffix == ".perf.json" else suffix[1:]) if native else ""  # type: ignore[assignment]
    doc.source_stamp = file_stamp(path)
    if suffix != ".perf.json":  # (every project of a document just read was read from the file)
        from perfeditor.forms.titles import first_number

        doc.first_number = first_number(doc.projects, {p.uid for p in doc.projects})
    return doc


def _read(path: Path, suffix: str, smap: SourceMap | None) -> tuple[Document, bool]:
    """The document, and whether it was read from its own format (then saved back in place)."""
    if suffix in (".docm", ".xlsm"):
        raise FormReadError("这是启用宏的文件（.docm/.xlsm），为安全起见不予打开；"
                            "请另存为 .docx 或 .xlsx 后再打开。")
    if suffix == ".perf.json":
        from perfeditor.io.native import read_native

        return read_native(path), True
    from perfeditor.io import safety, sniff

    safety.check_size(path)
    kind = sniff.sniff(path)  # by content: an HTML table named .xls is HTML
    if kind in (sniff.DOCX, sniff.XLSX):
        return read_package(path, f".{kind}", smap), f".{kind}" == suffix
    from perfeditor.io.formats import read_other

    return read_other(path, kind, smap), False


def read_package(path: Path, suffix: str, smap: SourceMap | None) -> Document:
    """Read the .docx or .xlsx (``suffix``, by content) at ``path``, checked first."""
    from perfeditor.io import safety

    safety.check_package(path, suffix)
    if suffix == ".docx":
        from perfeditor.io.docx import read_docx

        return read_docx(path, smap)
    from perfeditor.io.xlsx import read_xlsx

    return read_xlsx(path, smap)


def file_stamp(path: str | Path) -> tuple[int, int] | None:
    """(mtime_ns, size) of ``path``, or None when it does not exist."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class SavePlan:
    """One save, worked out before anything is written: ``losses`` (what of the overwritten file it
    cannot keep: a caller with a clerk to ask writes only on consent) and ``report`` (what the target
    layout cannot hold). After :meth:`write`, ``source_map`` is the map a save in place kept up to
    date, else None (a new or rebuilt file, a ``.perf.json``: read the file again)."""

    def __init__(self, path: Path, backup: bool, same_file: bool, doc: Document, source_map: SourceMap | None):
        self.path, self._backup, self._same, self._doc, self._map = path, backup, same_file, doc, source_map
        self.report: list[str] = []
        self.losses: list[str] = []
        self._run = None  # (the function that writes, set by plan_save)
        #: position → (project, its title before this plan renumbered it): see :meth:`cancel`
        self.retitled: dict = {}
        self.source_map: SourceMap | None = None

    def cancel(self) -> None:
        """Not going to write: the titles the plan renumbered get their old text back."""
        for p, title in self.retitled.values():
            p.title = title
        self.retitled = {}

    def write(self) -> list[str]:
        """Write the file (atomically); returns the report lines, losses included."""
        if self._same and self._backup:
            _keep_original(self.path)
        before = self._map.merges_record() if self._same and self._map is not None else {}
        done = self._run() or []
        package = self.path.suffix.lower() in (".docx", ".xlsx")
        if package:
            from perfeditor.io.external import strip_file

            done += strip_file(self.path)  # external references are never written (issue 16)
        if self._same:
            self._doc.source_stamp = file_stamp(self.path)
        smap = self._map
        kept = self._same and package and smap is not None and not smap.is_empty()
        self.source_map = smap if kept else None
        if kept:  # (an undo past this save may bring back rows the runs merged before covered)
            smap.remember_earlier(before)
        return list(dict.fromkeys(self.report + self.losses + done))


def _usable_map(doc: Document, source_map: SourceMap | None) -> SourceMap | None:
    """``source_map`` unless it describes another file than the one ``doc`` was read from (a
    document without a path is written anew; its map only tells how the forms were arranged)."""
    if source_map is None or not doc.path or not source_map.path:
        return source_map
    from perfeditor.io.atomic import same_file

    if same_file(Path(source_map.path), Path(doc.path)):
        return source_map
    log.warning("source map of %s given for %s; not used", source_map.path, doc.path)
    return None


def plan_save(doc: Document, path: str | Path, layout: str | None = None, *,
              source_map: SourceMap | None = None, backup: bool = False, force: bool = False,
              number_titles: bool = True) -> SavePlan:
    """Work out how ``doc`` would be written to ``path`` (format by suffix, ``layout`` default the
    document's own) without writing anything; without ``source_map`` (:func:`read_document`'s) the
    file is written anew. ``number_titles`` renumbers numbered form titles in ``doc`` (undone by
    :meth:`SavePlan.cancel`). Raises :class:`~perfeditor.errors.FileChangedError` when ``path`` is
    the file read and it changed on disk since (unless ``force``)."""
    path = Path(path)
    suffix = _suffix(path)
    smap = _usable_map(doc, source_map)
    from perfeditor.io.atomic import same_file

    same = doc.path is not None and path.exists() and same_file(Path(doc.path), path)
    if same and not force and doc.source_stamp is not None \
            and file_stamp(path) != doc.source_stamp:
        raise FileChangedError(f"文件“{path.name}”在打开后已被其他程序修改；为免覆盖他人的修改，未保存。")
    plan = SavePlan(path, backup, same, doc, smap)
    if number_titles and suffix in (".docx", ".xlsx"):  # numbered titles follow projects added, moved
        from perfeditor.forms.titles import renumber

        new_titles = renumber(doc, smap.read_uids() if smap is not None else set())
        for k, title in new_titles.items():
            p = doc.projects[k]
            plan.retitled[k] = (p, p.title)
            p.title = title
    try:
        plan.report, plan.losses, plan._run = _plan(doc, path, suffix, layout, smap)
        if suffix in (".docx", ".xlsx"):  # an empty 一级/二级 cell reads as the row above's: asked first
            from perfeditor.forms.compose import empty_levels_report

            plan.losses = [*plan.losses, *empty_levels_report(doc, layout)]
    except BaseException:
        plan.cancel()
        raise
    return plan


def _plan(doc: Document, path: Path, suffix: str, layout: str | None, smap: SourceMap | None):
    """(report, losses, the function that writes) for ``suffix``."""
    if suffix == ".perf.json":
        from perfeditor.io.native import write_native
        from perfeditor.io.outside import not_carried

        return [], not_carried(doc, smap), functools.partial(write_native, doc, path)
    if suffix == ".docx":
        from perfeditor.io.docx.writer import plan_docx

        return plan_docx(doc, path, layout=layout, smap=smap)
    if suffix == ".xlsx":
        from perfeditor.io.xlsx.writer import plan_xlsx

        return plan_xlsx(doc, path, layout=layout, smap=smap)
    raise FormWriteError(f"不支持保存为“{path.suffix}”格式；请选择 .docx、.xlsx、.pdf 或 .perf.json。")


def save_document(doc: Document, path: str | Path, layout: str | None = None, *,
                  source_map: SourceMap | None = None, backup: bool = False,
                  force: bool = False) -> list[str]:
    """:func:`plan_save` and :meth:`SavePlan.write` at once, without asking: the report lines."""
    return plan_save(doc, path, layout, source_map=source_map, backup=backup, force=force).write()


def backup_path(path: Path) -> Path:
    """``名称.docx`` → ``名称.bak.docx``: where the original is kept on the first save over it."""
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def _keep_original(path: Path) -> None:
    """Keep the original as ``名称.bak.ext`` unless a complete backup is there already (one cut
    short by a full disk is replaced)."""
    from perfeditor.io.atomic import copy_verified, is_complete

    bak = backup_path(path)
    if bak.exists() and is_complete(bak):
        return
    if bak.exists():
        log.warning("backup %s is incomplete; written again", bak)
    try:
        copy_verified(path, bak)
    except (OSError, PerfeditorError):
        log.warning("backup of %s failed", path, exc_info=True)
        raise FormWriteError(f"未能在“{path.parent}”中保留原文件备份；原文件未被改动。") from None
