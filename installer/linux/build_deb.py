"""Build the .deb for 统信UOS / 银河麒麟 / Debian, in the layout the UOS app store requires.

    python installer/linux/build_deb.py            # freeze (installer/build.py), then package
    python installer/linux/build_deb.py --bundle dist/perfeditor   # package a frozen folder

Writes ``dist/perfeditor_<version>_<arch>.deb`` (the package itself is named by its appid, as the
store requires). Everything goes under ``/opt/apps/<appid>/``:

    entries/applications/<appid>.desktop    menu entry; MimeType= makes 打开方式 offer it
    entries/icons/hicolor/<n>x<n>/apps/<appid>.png, scalable/apps/<appid>.svg
    entries/mime/packages/<appid>.xml        the project's own .perf.json type
    files/                                   the PyInstaller folder: files/perfeditor, files/_internal
    info                                     the store's JSON description

With ``--links``, ``dist/perfeditor-desktop-links_<version>_<arch>.deb`` also has symbolic links from
/usr/share/{applications,icons,mime} and /usr/bin into it, for desktops that do not read
/opt/apps/*/entries (plain Debian, 银河麒麟); the UOS store wants the plain one.

No maintainer scripts: dpkg unpacks files and nothing else. The libraries and fonts the program
takes from the system are declared in ``Depends`` (:data:`DEPENDS`).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_freeze():
    """installer/build.py, loaded by path (a module named ``build`` may also be installed)."""
    spec = importlib.util.spec_from_file_location("perfeditor_freeze", ROOT / "installer" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: Reverse-domain application id = package name (UOS store rule). Replace with a domain the
#: publisher owns before submitting to the store.
APPID = "org.perfeditor.editor"
NAME = "预算绩效目标表编辑器"
ARCH = "amd64"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: What the frozen program takes from the system: Qt's X11/Wayland/GL libraries (the list of
#: tools/setup.sh, plus those the bundle links to and the spec leaves to the system), printing
#: (CUPS), and Chinese fonts that print a correct PDF text layer (see perfeditor/printing/fonts.py).
DEPENDS = (
    "libgl1", "libegl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1", "libfreetype6",
    "libdbus-1-3", "libglib2.0-0", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-render0", "libxcb-shape0",
    "libxcb-shm0", "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0", "libxcb-xinerama0", "libxcb-xkb1",
    "libxcb-glx0", "libx11-6", "libx11-xcb1", "libnss3", "libxrender1", "libxi6", "libsm6", "libice6",
    "libwayland-client0", "libwayland-cursor0", "libwayland-egl1", "libcups2", "libgssapi-krb5-2",
    "libbrotli1", "libzstd1", "libuuid1",
    "fonts-wqy-zenhei", "fonts-noto-cjk",
)
#: The forms a clerk opens (打开方式), and the program's own format.
MIME_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",  # .docx
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",        # .xlsx
    "application/vnd.ms-excel",                                                  # .xls
    "application/msword",                                                        # .doc
    "application/x-perfeditor",                                                  # .perf.json
)


def version() -> str:
    """The project's version (pyproject.toml) as the store's four numbers: 0.1.0 → 0.1.0.0."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version\s*=\s*"([\d.]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("pyproject.toml has no version")
    parts = found.group(1).split(".")
    return ".".join((parts + ["0"] * 4)[:4])


def glibc_needed(folder: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of ``folder`` asks for."""
    best = (2, 17)
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
            data = fh.read()
        for major, minor in re.findall(rb"GLIBC_(\d+)\.(\d+)", data):
            best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"


def desktop_entry(app_dir: str) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Performance Target Form Editor",
        f"Name[zh_CN]={NAME}",
        "GenericName=Budget performance target forms",
        "GenericName[zh_CN]=预算绩效目标表",
        "Comment=Open, check, save and print budget performance target forms (.docx/.xlsx)",
        "Comment[zh_CN]=打开、审核、保存和打印预算绩效目标表（.docx/.xlsx）",
        f"Exec={app_dir}/files/perfeditor %f",
        f"Icon={APPID}",
        "Terminal=false",
        "Categories=Office;",
        f"MimeType={';'.join(MIME_TYPES)};",
        "Keywords=绩效;预算;目标表;performance;budget;",
        "StartupNotify=true",
        "StartupWMClass=perfeditor",  # Qt names the window class after the program
        "",
    ])


def mime_xml() -> str:
    return """<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-perfeditor">
    <comment>Performance target form (perfeditor)</comment>
    <comment xml:lang="zh_CN">预算绩效目标表（编辑器格式）</comment>
    <sub-class-of type="application/json"/>
    <glob pattern="*.perf.json" weight="60"/>
  </mime-type>
</mime-info>
"""


def info_json(ver: str) -> str:
    info = {
        "appid": APPID, "name": NAME, "version": ver, "arch": [ARCH],
        "permissions": {"autostart": False, "notification": False, "trayicon": False,
                        "clipboard": True, "account": False, "bluetooth": False, "camera": False,
                        "audio_record": False, "installed_apps": False},
    }
    return json.dumps(info, ensure_ascii=False, indent=2) + "\n"


def folder_kb(folder: Path) -> int:
    return sum((p.stat().st_size + 1023) // 1024 for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def control(ver: str, installed_kb: int, glibc: str) -> str:
    depends = ", ".join([f"libc6 (>= {glibc})", *DEPENDS])
    return "\n".join([
        f"Package: {APPID}",
        f"Version: {ver}",
        f"Architecture: {ARCH}",
        "Maintainer: perfeditor <perfeditor@localhost>",  # the publisher's address before release
        f"Installed-Size: {installed_kb}",
        f"Depends: {depends}",
        "Section: office",
        "Priority: optional",
        f"Description: {NAME} (budget performance target forms)",
        " Opens the official budget performance target forms (预算绩效目标表) as .docx or",
        " .xlsx, checks them against the finance bureau's rules, saves them in the same",
        " layout and prints them. Works offline.",
        "",
    ])


def link_into_usr(root: Path) -> None:
    """For desktops that do not read /opt/apps/*/entries (Debian, 银河麒麟): symbolic links from
    /usr/share (menu, icons, MIME type) and /usr/bin into the package. dpkg's triggers of
    desktop-file-utils, shared-mime-info and the icon theme refresh their caches; no scripts.
    Relative links, so that they also resolve in a root unpacked elsewhere (the test's)."""
    app = root / "opt" / "apps" / APPID
    links = {root / "usr" / "bin" / "perfeditor": app / "files" / "perfeditor"}
    for path in sorted((app / "entries").rglob("*")):
        if path.is_file():
            links[root / "usr" / "share" / path.relative_to(app / "entries")] = path
    for link, target in links.items():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(target, link.parent))


def stage(bundle: Path, root: Path, links: bool = False) -> Path:
    """Lay out the package tree under ``root``; returns /opt/apps/<appid> inside it. ``links``:
    also :func:`link_into_usr` (not for the UOS store, which wants nothing outside /opt/apps)."""
    ver = version()
    app = root / "opt" / "apps" / APPID
    shutil.copytree(bundle, app / "files", symlinks=True)
    entries = app / "entries"
    (entries / "applications").mkdir(parents=True)
    (entries / "applications" / f"{APPID}.desktop").write_text(desktop_entry(f"/opt/apps/{APPID}"), encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        target = entries / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(icons / f"perfeditor-{size}.png", target / f"{APPID}.png")
    scalable = entries / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(icons / "perfeditor.svg", scalable / f"{APPID}.svg")
    (entries / "mime" / "packages").mkdir(parents=True)
    (entries / "mime" / "packages" / f"{APPID}.xml").write_text(mime_xml(), encoding="utf-8")
    (app / "info").write_text(info_json(ver), encoding="utf-8")
    if links:
        link_into_usr(root)

    debian = root / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control(ver, folder_kb(root / "opt"), glibc_needed(app / "files")),
                                     encoding="utf-8")
    sums = []
    for path in sorted((root / "opt").rglob("*")):
        if path.is_file() and not path.is_symlink():
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(root).as_posix()}")
    (debian / "md5sums").write_text("\n".join(sums) + "\n", encoding="utf-8")
    for path in [root, *root.rglob("*")]:  # dpkg wants 0755 folders and no group-writable files
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)
    return app


def build_deb(bundle: Path, out_dir: Path, fast: bool = False, links: bool = False) -> Path:
    """Package the frozen ``bundle`` folder into ``out_dir``; ``fast``: gzip instead of xz (tests);
    ``links``: the variant for Debian / 银河麒麟 desktops (:func:`link_into_usr`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"perfeditor{'-desktop-links' if links else ''}_{version()}_{ARCH}.deb"
    with tempfile.TemporaryDirectory(prefix="perfeditor-deb-") as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        stage(bundle, root, links=links)
        compress = ["-Zgzip", "-z1"] if fast else ["-Zxz", "-z6"]
        subprocess.run(["dpkg-deb", "--root-owner-group", *compress, "--build", str(root), str(deb)],
                       check=True, stdout=subprocess.DEVNULL)
    print(f"deb: {deb}  {deb.stat().st_size / 1e6:.1f} MB")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="an existing PyInstaller folder (default: freeze now)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--fast", action="store_true", help="gzip -1 instead of xz (bigger, quicker)")
    parser.add_argument("--links", action="store_true",
                        help="also link the menu entry, icons, MIME type and /usr/bin/perfeditor from /usr "
                             "(Debian, 银河麒麟; not for the UOS store)")
    args = parser.parse_args(argv)
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("dpkg-deb is missing: build the .deb on Debian, UOS or Kylin")
    bundle = args.bundle.resolve() if args.bundle else _load_freeze().build(ROOT / "dist", ROOT / "build")
    build_deb(bundle, args.out.resolve(), fast=args.fast, links=args.links)
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
