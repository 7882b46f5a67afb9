"""Run the installed program the way a clerk does, on a throw-away X server: used by the installer
test (tests/installer/) and benchmarks/bench_installer.py.

Needs Xvfb, xdotool and ImageMagick's ``import`` (``bash tools/setup.sh --test``).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

TOOLS = ("Xvfb", "xdotool", "import")


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def extract(deb: Path, dest: Path) -> Path:
    """``dpkg -x`` the package into ``dest`` (an empty folder); returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(dest)], check=True)
    return dest


def program_env(data_dir: Path, display: str | None = None) -> dict[str, str]:
    """The clerk's environment: no Qt platform override, a fresh data folder, the given X display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHON"))}
    env["PERFEDITOR_DATA_DIR"] = str(data_dir)
    if display:
        env["DISPLAY"] = display
    else:
        env.pop("DISPLAY", None)
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


class XServer:
    """An Xvfb on a free display number, stopped on exit."""

    def __init__(self, width: int = 1280, height: int = 800):
        self.size = f"{width}x{height}x24"
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> XServer:
        # A display number of our own, well above those xvfb-run and desktops use, so that other X
        # servers started (and cleaned up) on the same machine at the same time cannot interfere.
        first = 200 + os.getpid() % 500
        for number in range(first, first + 50):
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            self.proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", self.size, "-nolisten", "tcp"],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            socket = Path(f"/tmp/.X11-unix/X{number}")
            end = time.perf_counter() + 15
            while self.proc.poll() is None and not socket.exists() and time.perf_counter() < end:
                time.sleep(0.02)
            if self.proc.poll() is None and socket.exists():
                self.display = f":{number}"
                return self
            self.__exit__()
        raise RuntimeError("Xvfb did not start")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def find_window(self, title: str, timeout: float = 20.0, poll: float = 0.02) -> str | None:
        """The id of a window whose title contains ``title``, waiting up to ``timeout`` seconds."""
        env = {**os.environ, "DISPLAY": self.display}
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title], env=env,
                                 capture_output=True, text=True)
            if out.returncode == 0 and out.stdout.split():
                return out.stdout.split()[0]
            time.sleep(poll)
        return None

    def window_property(self, window: str, name: str) -> str:
        out = subprocess.run(["xprop", "-id", window, name], env={**os.environ, "DISPLAY": self.display},
                             capture_output=True, text=True)
        return out.stdout.strip()

    def screenshot(self, png: Path) -> Path:
        subprocess.run(["import", "-window", "root", str(png)], env={**os.environ, "DISPLAY": self.display},
                       check=True, capture_output=True, timeout=60)
        return png


def stop(proc: subprocess.Popen) -> None:
    """End a program started here (by its own id) and wait for it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far: load-independent, unlike wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_window(program: Path, form: Path, title: str, data_dir: Path, xserver: XServer) -> tuple[float, float]:
    """Launch ``program form``; returns (wall seconds, CPU seconds) until its window, titled with
    the form's name, is mapped."""
    started = time.perf_counter()
    proc = subprocess.Popen([str(program), str(form)], env=program_env(data_dir, xserver.display),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if xserver.find_window(title) is None:
            raise RuntimeError(f"no window titled {title!r}")
        return time.perf_counter() - started, cpu_seconds(proc.pid)
    finally:
        stop(proc)
