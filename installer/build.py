"""Freeze perfeditor with PyInstaller (one folder) and check the bundle: the one step both installers use.

    python installer/build.py [--dist DIR] [--work DIR]

Run it with the Python that has perfeditor and PyInstaller installed (``pip install -e .[test]``
or ``installer/requirements-build.txt``). Writes ``DIST/perfeditor/`` (default ``dist/``) and
prints its size. Fails when something the program needs is missing from the bundle: the
resources/ tree, Qt's Chinese translations, the print support, the xcb platform plugin (Linux).
Works the same on Linux and Windows; the installers wrap the folder it makes.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "perfeditor.spec"
WINDOWS = sys.platform.startswith("win")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def missing_parts(bundle: Path) -> list[str]:
    """What the program needs and the bundle lacks (empty when it is complete)."""
    internal = bundle / "_internal"
    exe = ".exe" if WINDOWS else ""
    wanted = [bundle / f"perfeditor{exe}"]
    if WINDOWS:
        wanted.append(bundle / "perfeditor-cli.exe")
    # Every file of resources/ (whatever other work has added to it since the spec was written).
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            wanted.append(internal / path.relative_to(ROOT))
    problems = [f"缺少 {p.relative_to(bundle)}" for p in wanted if not p.exists()]
    # PySide6/Qt/translations on Linux, PySide6/translations on Windows.
    if not list((internal / "PySide6").rglob("qtbase_zh_CN.qm")):
        problems.append("缺少 Qt 的中文翻译 qtbase_zh_CN.qm")
    if not [p for p in internal.rglob("*") if "printsupport" in p.name.lower()]:
        problems.append("缺少 QtPrintSupport（无法打印）")
    if not WINDOWS and not list(internal.rglob("libqxcb.so")):
        problems.append("缺少 xcb 平台插件")
    return problems


def build(dist: Path, work: Path) -> Path:
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(cmd, cwd=ROOT, check=True)
    bundle = dist / "perfeditor"
    problems = missing_parts(bundle)
    if problems:
        raise SystemExit("bundle incomplete:\n  " + "\n  ".join(problems))
    print(f"bundle: {bundle}  {folder_size(bundle) / 1e6:.1f} MB  built in {time.perf_counter() - started:.0f} s")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)
    build(args.dist.resolve(), args.work.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
