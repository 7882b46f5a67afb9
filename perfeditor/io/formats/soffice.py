"""Files only LibreOffice reads well (.doc, .wps, .et, .odt, .ods, .rtf): converted headless to
.docx/.xlsx, then read by the usual readers.

LibreOffice is used when installed, never required (``PERFEDITOR_SOFFICE`` names another program,
or ``none``). Each conversion runs in a throw-away user profile (a running LibreOffice of the
clerk's does not swallow the request), with a timeout after which the process group is killed.
"""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from perfeditor.errors import FormReadError

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 180
_FILTERS = {".docx": "docx:MS Word 2007 XML", ".xlsx": "xlsx:Calc MS Excel 2007 XML"}
#: The last conversion's duration (seconds), for the benchmark.
last_seconds: float | None = None


def _candidates() -> list[Path]:
    found: list[Path] = []
    if sys.platform == "win32":
        for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA"):
            base = os.environ.get(var)
            if base:
                found += sorted(Path(base).glob("LibreOffice*/program/soffice.exe"), reverse=True)
                found += sorted(Path(base).glob("Programs/LibreOffice*/program/soffice.exe"), reverse=True)
    elif sys.platform == "darwin":
        found.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        found += [Path("/usr/bin/soffice"), Path("/usr/lib/libreoffice/program/soffice"),
                  Path("/usr/lib64/libreoffice/program/soffice"), Path("/usr/local/bin/soffice"),
                  Path("/snap/bin/libreoffice")]
        found += sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
    return found


def find_soffice() -> str | None:
    """The LibreOffice program to convert with, or None when none is installed."""
    chosen = os.environ.get("PERFEDITOR_SOFFICE", "").strip()
    if chosen:
        return None if chosen.lower() == "none" else chosen
    for name in ("soffice", "libreoffice"):
        hit = shutil.which(name)
        if hit:
            return hit
    return next((str(p) for p in _candidates() if p.is_file()), None)


@contextmanager
def converted(path: str | Path, suffix: str, what: str, program: str):
    """``with converted(path, ".docx", "Word 文档", program) as docx_path:`` — ``path`` converted
    to ``suffix`` (.docx/.xlsx) in a new temporary folder, removed on leaving."""
    global last_seconds
    src = Path(path)
    work = Path(tempfile.mkdtemp(prefix="perfeditor-convert-"))
    try:
        # a plain ASCII name: LibreOffice and the command line agree on it on every system
        staged = work / f"input{src.suffix.lower() or '.bin'}"
        shutil.copyfile(src, staged)
        out = work / "out"
        cmd = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--invisible",
               "--norestore", "--nolockcheck", "--nodefault", "--convert-to", _FILTERS[suffix],
               "--outdir", str(out), str(staged)]
        started = time.perf_counter()
        try:
            _run(cmd)
        except subprocess.TimeoutExpired:
            raise FormReadError(f"LibreOffice 转换{what}超时（{TIMEOUT_SECONDS} 秒），未能打开；"
                                f"请用 WPS、Word 或 LibreOffice 将其另存为 {suffix} 后再打开。") from None
        except OSError as exc:
            log.warning("LibreOffice %s could not start: %s", program, exc)
            raise FormReadError(f"无法启动 LibreOffice（{program}），未能转换{what}；"
                                f"请用 WPS、Word 或 LibreOffice 将其另存为 {suffix} 后再打开。") from None
        last_seconds = time.perf_counter() - started
        result = out / f"input{suffix}"
        if not result.is_file():
            raise FormReadError(f"LibreOffice 未能转换此{what}（文件可能已损坏或设置了密码）；"
                                f"请用 WPS 或 Word 打开后另存为 {suffix} 再试。")
        log.info("LibreOffice converted %s to %s in %.1f s", src, suffix, last_seconds)
        yield result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(cmd: list[str]) -> None:
    kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL}
    if sys.platform == "win32":
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        kwargs["start_new_session"] = True  # its own process group: killed whole on timeout
    with subprocess.Popen(cmd, **kwargs) as proc:
        try:
            _out, err = proc.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            if sys.platform != "win32":
                import signal

                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except OSError:
                    log.info("LibreOffice process group %s already gone", proc.pid)
            proc.kill()
            proc.communicate()
            raise
    if proc.returncode != 0:
        log.warning("LibreOffice exited with %s: %s", proc.returncode, err.decode("utf-8", "replace")[-500:])

