"""The .deb, built and installed the way a clerk gets it: freeze with PyInstaller, package with
installer/linux/build_deb.py, ``dpkg -x`` into an empty root, then run the installed program —
``perfeditor dump`` on the sample forms, a PDF export read back with pdftotext, and the window on an
Xvfb display, found by its title and photographed.

Runs when its tools are present (PyInstaller, dpkg-deb; Xvfb, xdotool, ImageMagick for the window)
and it is asked for: it takes about 3 minutes on 2 cores (the freeze alone ~1.5 min), too long for
every run of the suite. ``PERFEDITOR_INSTALLER_TESTS=1`` asks for it; ``tools/test.sh`` sets that
when the flag file ``.installer-tests`` exists at the top of the repository. Marked ``installer``
and ``slow``.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PUBLIC_FIXTURES, load_expected_dump
from tests.test_cli_dump import _same

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_deb = _load("perfeditor_build_deb", ROOT / "installer" / "linux" / "build_deb.py")
freeze = build_deb._load_freeze()
session = _load("perfeditor_session", ROOT / "installer" / "linux" / "session.py")

_missing = [name for name, ok in (("PyInstaller", importlib.util.find_spec("PyInstaller") is not None),
                                  ("dpkg-deb", shutil.which("dpkg-deb") is not None)) if not ok]
pytestmark = [
    pytest.mark.installer, pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("PERFEDITOR_INSTALLER_TESTS") != "1",
                       reason="packaging test, run by `tools/test.sh --installer` (the README's test "
                              "command, so CI) or PERFEDITOR_INSTALLER_TESTS=1; ~3 min"),
    pytest.mark.skipif(bool(_missing), reason=f"installer build tools missing: {', '.join(_missing)}"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is built on Linux"),
]
needs_x = pytest.mark.skipif(bool(session.missing_tools()),
                             reason=f"needs {', '.join(session.missing_tools())} (bash tools/setup.sh --test)")

DOCX = PUBLIC_FIXTURES / "dingzhou_2020.docx"
XLSX = PUBLIC_FIXTURES / "leting_2024.xlsx"
APP = f"opt/apps/{build_deb.APPID}"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The frozen folder (installer/build.py, which also checks it is complete)."""
    # PyInstaller's work folder is kept between runs (gitignored build/): a rerun reuses part of it.
    return freeze.build(tmp_path_factory.mktemp("freeze"), ROOT / "build" / "installer-test")


@pytest.fixture(scope="module")
def deb(bundle, tmp_path_factory) -> Path:
    """The package, built from this checkout (gzip: quicker; the release build uses xz)."""
    return build_deb.build_deb(bundle, tmp_path_factory.mktemp("deb"), fast=True)


@pytest.fixture(scope="module")
def installed(deb, tmp_path_factory) -> Path:
    """A clean root with only the package unpacked in it (``dpkg -x``); returns /opt/apps/<appid>."""
    root = session.extract(deb, tmp_path_factory.mktemp("root"))
    return root / APP


#: Root with unshare: the installed program runs in an empty network namespace (no network at all),
#: which shows that it needs none.
CAN_CUT_NETWORK = shutil.which("unshare") is not None and os.geteuid() == 0


def offline(cmd: list[str]) -> list[str]:
    return ["unshare", "--net", *cmd] if CAN_CUT_NETWORK else cmd


@pytest.fixture()
def run(installed, tmp_path):
    """Run the installed ``perfeditor`` with arguments (offscreen, a fresh data folder, no network)."""

    def _run(*args: str) -> subprocess.CompletedProcess:
        cmd = offline([str(installed / "files" / "perfeditor"), *args])
        return subprocess.run(cmd, env=session.program_env(tmp_path / "data"), capture_output=True, timeout=120)

    return _run


def _deb_info(deb: Path) -> str:
    return subprocess.run(["dpkg-deb", "-I", str(deb)], check=True, capture_output=True, text=True).stdout


def _control_field(info: str, field: str) -> str:
    found = re.search(rf"^ {field}: (.*)$", info, re.MULTILINE)
    assert found, f"{field} missing from control:\n{info}"
    return found.group(1)


def _package_names(relation: str) -> set[str]:
    """Package names in a Depends-style field: ``a (>= 1) | b, c:any`` → {a, b, c}."""
    names = set()
    for alt in re.split(r"[,|]", relation):
        alt = alt.strip()
        if alt:
            names.add(re.split(r"[\s(:]", alt, maxsplit=1)[0])
    return names


def _setup_sh_runtime_packages() -> set[str]:
    """The packages tools/setup.sh installs to run the program (not the test-only ones)."""
    text = (ROOT / "tools" / "setup.sh").read_text(encoding="utf-8")
    found = re.search(r"apt_pkgs=\(([^)]*)\)", text)
    assert found, "tools/setup.sh has no apt_pkgs=(…)"
    return set(found.group(1).split())


def test_package_layout_is_the_uos_store_layout(deb):
    """Everything under /opt/apps/<appid>/ (entries/, files/, info), package named by the appid,
    no maintainer scripts, and within the size limits."""
    info = _deb_info(deb)
    assert _control_field(info, "Package") == build_deb.APPID
    assert _control_field(info, "Architecture") == "amd64"
    scripts = [s for s in ("preinst", "postinst", "prerm", "postrm", "config", "triggers") if f" {s} " in info]
    assert not scripts, f"maintainer scripts: {scripts}"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    paths = [line.split()[-1] if "->" not in line else line.split()[-3] for line in listing.splitlines()]
    outside = [p for p in paths if not p.startswith(f"./{APP}/") and p not in ("./", "./opt/", "./opt/apps/")]
    assert not outside, f"files outside /{APP}: {outside[:10]}"
    installed_mb = int(_control_field(info, "Installed-Size")) / 1024
    print(f"installed size {installed_mb:.0f} MB, .deb (gzip -1) {deb.stat().st_size / 1e6:.0f} MB")
    assert installed_mb <= 200
    assert deb.stat().st_size <= 90e6  # gzip -1 here; the release's xz is smaller still


def test_dependencies_are_declared(deb):
    """Depends names the X/GL libraries and fonts of tools/setup.sh and a minimum libc."""
    depends = _control_field(_deb_info(deb), "Depends")
    names = _package_names(depends)
    assert _setup_sh_runtime_packages() <= names, _setup_sh_runtime_packages() - names
    assert re.search(r"libc6 \(>= 2\.\d+\)", depends)


def _needed_libraries(folder: Path) -> set[str]:
    """Shared libraries the bundle's ELF files link to and the bundle does not carry itself."""
    have, needed = set(), set()
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            have.add(path.name)
            with path.open("rb") as fh:
                if fh.read(4) != b"\x7fELF":
                    continue
            out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
            needed.update(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))
    return needed - have


def _installed_closure(packages: set[str]) -> set[str]:
    """``packages`` and everything they depend on, as installed on this machine (dpkg's database)."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t${Depends}, ${Pre-Depends}\t${Provides}\n"],
                         check=True, capture_output=True, text=True).stdout
    deps: dict[str, set[str]] = {}
    for line in out.splitlines():
        name, depends, provides = (line.split("\t") + ["", ""])[:3]
        deps.setdefault(name, set()).update(_package_names(depends))
        for virtual in _package_names(provides):  # a virtual name leads to its providers
            deps.setdefault(virtual, set()).add(name)
    seen, todo = set(), list(packages)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(deps.get(name, ()))
    return seen


@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_every_system_library_comes_with_a_declared_package(deb, installed):
    """Each library the program takes from the system belongs to a package that ``apt install``
    brings with the declared dependencies (so a clean Debian 12 gets everything)."""
    declared = _package_names(_control_field(_deb_info(deb), "Depends"))
    closure = _installed_closure(declared)
    needed = sorted(_needed_libraries(installed / "files"))
    # One dpkg-query for all of them: "package[:arch]: /path/to/lib" per line.
    owners = subprocess.run(["dpkg-query", "-S", *[f"*/{lib}" for lib in needed]], capture_output=True,
                            text=True).stdout
    unowned, undeclared = [], []
    for lib in needed:
        packages = {line.split(":")[0] for line in owners.splitlines()
                    if line.endswith(f"/{lib}") and "-dev" not in line.split(":")[0]}
        if not packages:
            unowned.append(lib)
        elif not packages & closure:
            undeclared.append(f"{lib} ({', '.join(sorted(packages))})")
    # Libraries that no installed package has are the Wayland ones (declared, not installed here).
    assert all(lib.startswith("libwayland") for lib in unowned), unowned
    assert not undeclared, f"system libraries not brought by Depends: {undeclared}"


def test_apt_can_resolve_the_dependencies(deb):
    """``apt-get install --simulate ./perfeditor_*.deb``: every declared package exists in the archive."""
    policy = subprocess.run(["apt-cache", "policy", "libc6"], capture_output=True, text=True).stdout
    if "Candidate: (none)" in policy or "Candidate" not in policy:
        pytest.skip("apt has no package lists (apt-get update)")
    out = subprocess.run(["apt-get", "install", "--simulate", "-q", str(deb)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]


def test_desktop_entry_offers_the_forms_and_points_into_the_package(installed):
    desktop = installed / "entries" / "applications" / f"{build_deb.APPID}.desktop"
    text = desktop.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        out = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr
    mime = re.search(r"^MimeType=(.*)$", text, re.MULTILINE).group(1).split(";")
    for kind in ("wordprocessingml.document", "spreadsheetml.sheet", "application/vnd.ms-excel",
                 "application/msword"):
        assert any(kind in m for m in mime), kind
    exec_path = re.search(r"^Exec=(\S+)", text, re.MULTILINE).group(1)
    assert exec_path == f"/{APP}/files/perfeditor"
    assert (installed / "files" / "perfeditor").stat().st_mode & 0o111
    icons = installed / "entries" / "icons" / "hicolor"
    for size in build_deb.ICON_SIZES:
        assert (icons / f"{size}x{size}" / "apps" / f"{build_deb.APPID}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{build_deb.APPID}.svg").is_file()
    info = json.loads((installed / "info").read_text(encoding="utf-8"))
    assert info["appid"] == build_deb.APPID and info["arch"] == ["amd64"]
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", info["version"])


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("form", [DOCX, XLSX], ids=lambda p: p.name)
def test_installed_dump_matches_the_expected_dump(run, installed, form):
    before = _tree(installed)
    out = run("dump", str(form))
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    _same(load_expected_dump(form), json.loads(out.stdout.decode("utf-8")), form.name)
    assert _tree(installed) == before, "the program wrote into its install folder"


def test_installed_dump_of_a_missing_file_is_one_chinese_line(run):
    out = run("dump", "/nonexistent/表.docx")
    assert out.returncode == 2
    err = out.stderr.decode("utf-8").strip()
    assert len(err.splitlines()) == 1 and "找不到" in err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_installed_program_exports_a_pdf_with_the_forms_text(run, installed, tmp_path):
    before = _tree(installed)
    pdf = tmp_path / "表.pdf"
    out = run("convert", str(DOCX), str(pdf))
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout.decode("utf-8")
    flat = re.sub(r"\s+", "", text)
    for project in load_expected_dump(DOCX)["projects"][:3]:
        assert re.sub(r"\s+", "", project["name"])[:8] in flat, project["name"]
    assert "绩效目标" in flat
    assert _tree(installed) == before


@needs_x
def test_installed_window_opens_the_form(installed, tmp_path):
    """The window on an X display, found by the form's name in its title; its screenshot is not blank."""
    program = installed / "files" / "perfeditor"
    before = _tree(installed)
    with session.XServer() as x:
        # unshare execs the program itself (no fork), so the process stopped below is the program.
        proc = subprocess.Popen(offline([str(program), str(DOCX)]), env=session.program_env(tmp_path / "data", x.display),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            window = x.find_window(DOCX.name, timeout=60)
            assert window, f"no window titled {DOCX.name}: {proc.stderr.read(2000) if proc.poll() is not None else ''}"
            assert "预算绩效目标表编辑器" in x.window_property(window, "_NET_WM_NAME")
            assert '"perfeditor"' in x.window_property(window, "WM_CLASS")  # = the desktop file's StartupWMClass
            time.sleep(1)  # let the first check finish, for a screenshot worth looking at
            png = x.screenshot(tmp_path / "installed-window.png")
        finally:
            session.stop(proc)
    assert _tree(installed) == before, "the window wrote into its install folder"
    print(f"screenshot: {png}")
    colours = subprocess.run(["identify", "-format", "%k", str(png)], capture_output=True, text=True).stdout
    assert int(colours or 0) > 50, "the screenshot is blank"


def test_the_desktop_links_variant_links_from_usr_into_the_package(bundle, tmp_path):
    """``--links`` (Debian, 银河麒麟): /usr holds only symbolic links, each into /opt/apps/<appid>/,
    and ``perfeditor`` on the PATH is the installed program."""
    deb = build_deb.build_deb(bundle, tmp_path / "out", fast=True, links=True)
    root = session.extract(deb, tmp_path / "root")
    app = (root / APP).resolve()
    usr = [p for p in (root / "usr").rglob("*") if not p.is_dir() or p.is_symlink()]
    assert usr and all(p.is_symlink() for p in usr)
    for link in usr:
        assert link.resolve().is_relative_to(app) and link.resolve().is_file(), link
    assert (root / "usr" / "share" / "applications" / f"{build_deb.APPID}.desktop").is_file()
    assert (root / "usr" / "share" / "mime" / "packages" / f"{build_deb.APPID}.xml").is_file()
    out = subprocess.run(offline([str(root / "usr" / "bin" / "perfeditor"), "dump", str(XLSX)]),
                         env=session.program_env(tmp_path / "data"), capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    _same(load_expected_dump(XLSX), json.loads(out.stdout.decode("utf-8")), XLSX.name)
