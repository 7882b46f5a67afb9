"""Finding the forms under folders and checking them, one process per core.

Each file is read and checked in a worker process (``spawn``: the same on Windows and Linux, and
safe beside the window's threads); the workers are replaced after about ``MAX_TASKS_PER_CHILD``
files each, so memory stays bounded whatever the files hold. A file that cannot be read becomes a
:class:`FileResult` with the Chinese reason, never an exception.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from perfeditor.errors import PerfeditorError
from perfeditor.rules.findings import Finding

log = logging.getLogger(__name__)

#: Files one worker process checks, about, before it is replaced (bounds memory kept by caches).
MAX_TASKS_PER_CHILD = 100
_CODE_PREFIX = re.compile(r"^[0-9A-Za-z\-]+(?=[\u3400-\u9fff])")


@dataclass
class FileResult:
    """What checking one file gave: its findings, or why it could not be read."""

    path: str
    name: str = ""            # as shown in reports: relative to the folder it was found in
    department: str = ""
    layout: str = ""
    ruleset: str = ""
    projects: int = 0
    findings: list[Finding] = field(default_factory=list)
    error: str = ""           # why the file could not be read ("" when it was)

    @property
    def readable(self) -> bool:
        return not self.error

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


class ReviewCancelled(Exception):
    """The user stopped the batch (the workers are already gone)."""


def readable_suffixes() -> tuple[str, ...]:
    """Every file kind the program opens (the open dialog's list, ``OPENABLE_SUFFIXES`` in
    perfeditor.io: .docx/.xlsx/.perf.json and .xls, .doc, .et, .wps, .odt, .ods, .rtf, HTML, XML),
    each read by :func:`perfeditor.io.load_document` as ``check FILE`` reads it."""
    from perfeditor.io import OPENABLE_SUFFIXES

    return tuple(dict.fromkeys(s.lower() for s in OPENABLE_SUFFIXES))


def _is_hidden(name: str) -> bool:
    return name.startswith(("~$", "."))  # Office lock files, hidden files


def _is_form_file(path: Path, suffixes: tuple[str, ...]) -> bool:
    name = path.name.lower()
    return not _is_hidden(name) and name.endswith(suffixes)


def collect_files(paths: Iterable[str | Path], skipped: list[Path] | None = None) -> list[tuple[Path, str]]:
    """(file, name to show) for every path: files as given, folders searched recursively for every
    form kind the program opens, each folder's files in name order. A path that does not exist is
    kept (its result says so). The files of the folders that are of no such kind (not hidden, no
    lock file) are appended to ``skipped`` when it is given."""
    suffixes = readable_suffixes()
    paths = list(paths)
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, onerror=lambda e: log.warning("cannot list %s", e)):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if _is_form_file(Path(f), suffixes):
                        found.append(Path(root) / f)
                    elif skipped is not None and not _is_hidden(f):
                        skipped.append(Path(root) / f)
            items = [(f, f.relative_to(p).as_posix()) for f in sorted(found, key=lambda f: f.relative_to(p).parts)]
            if len(paths) > 1:
                items = [(f, f"{p.name}/{n}") for f, n in items]
        else:
            items = [(p, p.name if p.is_absolute() else str(p))]
        for f, n in items:
            key = f.resolve() if f.exists() else f
            if key not in seen:
                seen.add(key)
                out.append((f, n))
    return out


def skipped_text(skipped: list[Path]) -> str:
    """What the review's summary says of the files it skipped (not of a kind the program opens):
    "" for none, else one Chinese sentence with their count and the first names."""
    if not skipped:
        return ""
    names = "、".join(p.name for p in skipped[:3]) + ("等" if len(skipped) > 3 else "")
    return f"另有 {len(skipped)} 个文件不是本程序能打开的表格格式，已跳过（{names}）。"


def department_of(doc) -> str:
    """The department a file is from: the department form's 部门名称, else the projects' 单位."""
    dep = doc.department
    if dep is not None and dep.name.strip():
        return dep.name.strip()
    units = Counter(_CODE_PREFIX.sub("", p.unit.strip()) for p in doc.projects if p.unit.strip())
    return units.most_common(1)[0][0] if units else ""


def review_file(path: str | Path, ruleset: str | None = None, name: str = "") -> FileResult:
    """Read and check one file (in whichever process); never raises for a bad file."""
    from perfeditor.io import load_document
    from perfeditor.rules import RULESETS, check_document, ruleset_for

    path = Path(path)
    result = FileResult(path=str(path), name=name or path.name)
    try:
        doc = load_document(path)
        result.ruleset = ruleset if ruleset in RULESETS else ruleset_for(doc)
        result.department = department_of(doc)
        result.layout = doc.layout
        result.projects = len(doc.projects)
        result.findings = check_document(doc, result.ruleset)
    except PerfeditorError as err:
        result.error = err.message
    except MemoryError:
        log.exception("reviewing %s ran out of memory", path)
        result.error = "文件内容过大，超出可处理的范围，未能审核。"
    except Exception:  # noqa: BLE001 - one bad file must not stop the batch; logged, shown in Chinese
        log.exception("reviewing %s failed", path)
        result.error = "审核此文件时发生程序错误，详情已记入日志。"
    return result


def _review_task(task: tuple) -> FileResult:
    path, ruleset, name = task
    return review_file(path, ruleset, name)


def _worker_init() -> None:
    from perfeditor.logs import configure_logging

    try:
        configure_logging()
    except Exception:  # noqa: BLE001 - a worker without its log file still checks; said on stderr
        logging.basicConfig()
        log.exception("worker could not open the log file")


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except AttributeError:  # Windows, macOS
        return max(1, os.cpu_count() or 1)


def review_files(files: list[tuple[Path, str]], ruleset: str | None = None, *, workers: int | None = None,
                 progress: Callable[[int, int, FileResult], None] | None = None,
                 cancel: threading.Event | None = None) -> Iterator[FileResult]:
    """Check ``files`` (from :func:`collect_files`), yielding results in the files' order.

    ``workers`` processes (default: every core); one file or one worker runs in this process.
    ``progress(done, total, result)`` is called as each result comes; setting ``cancel`` stops the
    batch: the worker processes are terminated and :class:`ReviewCancelled` is raised.
    """
    total = len(files)
    workers = min(workers or default_workers(), total) if total else 1
    tasks = [(str(f), ruleset, n) for f, n in files]
    if workers <= 1:
        results: Iterator[tuple[int, FileResult]] = _in_process(tasks, cancel)
    else:
        results = _in_workers(tasks, workers, cancel)
    waiting: dict[int, FileResult] = {}
    done = 0
    for index, result in results:
        waiting[index] = result
        while done in waiting:
            result = waiting.pop(done)
            done += 1
            if progress:
                progress(done, total, result)
            yield result


def _in_process(tasks: list[tuple], cancel: threading.Event | None) -> Iterator[tuple[int, FileResult]]:
    for index, task in enumerate(tasks):
        if cancel is not None and cancel.is_set():
            raise ReviewCancelled
        yield index, _review_task(task)


def _in_workers(tasks: list[tuple], workers: int, cancel: threading.Event | None
                ) -> Iterator[tuple[int, FileResult]]:
    """Results as they come from ``workers`` processes. The processes are replaced after every
    ``workers × MAX_TASKS_PER_CHILD`` files (a fresh pool: ``max_tasks_per_child`` itself hangs on
    Python 3.11 when tasks are queued ahead). A file whose worker dies is retried alone, then
    reported as not checkable."""
    chunk = workers * MAX_TASKS_PER_CHILD
    indexed = list(enumerate(tasks))
    for start in range(0, len(indexed), chunk):
        yield from _pool_run(indexed[start:start + chunk], workers, cancel, alone=False)


def _pool_run(indexed: list[tuple[int, tuple]], workers: int, cancel: threading.Event | None, alone: bool
              ) -> Iterator[tuple[int, FileResult]]:
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init)
    broken: list[tuple[int, tuple]] = []
    finished = False
    try:
        futures = {pool.submit(_review_task, task): (index, task) for index, task in indexed}
        pending = set(futures)
        while pending:
            if cancel is not None and cancel.is_set():
                raise ReviewCancelled
            done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for fut in done:
                index, task = futures[fut]
                try:
                    yield index, fut.result()
                except BrokenProcessPool:
                    broken.append((index, task))
        finished = True
    finally:
        _stop(pool, kill=not finished)
    for index, task in sorted(broken):
        if alone:
            log.error("the worker checking %s died", task[0])
            yield index, FileResult(path=task[0], name=task[2] or Path(task[0]).name,
                                    error="审核此文件时程序意外退出，文件可能已损坏；请让发送方重新保存后再发送。")
        else:
            yield from _pool_run([(index, task)], 1, cancel, alone=True)


def _stop(pool: ProcessPoolExecutor, kill: bool) -> None:
    """Shut ``pool`` down; with ``kill`` (cancelled, failed) terminate its processes first."""
    # No public way to stop a worker mid-file before Python 3.14 (terminate_workers): the
    # executor's own process table it is.
    processes = list((getattr(pool, "_processes", None) or {}).values()) if kill else []
    if kill:
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
    for proc in processes:
        proc.join(timeout=5)
