"""The acceptance corpus (``tests/fixtures/acceptance``) and the command line as a subprocess.

Every command result is cached, and ``prefetch`` runs a batch on two workers so the whole
acceptance suite stays within about a minute on two cores.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "acceptance"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".docx", ".xlsx"))

# Product defects found by this corpus (see the acceptance report): each pair is left out of
# the committed parametrisation until the product is fixed. Key: (file, aspect).
KNOWN_DEFECTS: dict[tuple[str, str], str] = {
}


def known(name: str, aspect: str) -> bool:
    return (name, aspect) in KNOWN_DEFECTS


def files_for(aspect: str) -> list[str]:
    return [f for f in FILES if not known(f, aspect)]


@lru_cache(maxsize=None)
def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfeditor", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def prefetch(commands: list[tuple[str, ...]]) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda args: cli(*args), commands))


def collapse(value):
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, dict):
        return {k: collapse(v) for k, v in value.items()}
    if isinstance(value, list):
        return [collapse(v) for v in value]
    return value


def expected(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))


def dump_of(path: Path | str) -> dict:
    result = cli("dump", str(path))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def dump_in_process(path: Path | str) -> dict:
    """The dump of a converted file, read in this process (saves a start-up per file)."""
    from perfeditor.io import load_document
    from perfeditor.model import dump_document

    return json.loads(json.dumps(dump_document(load_document(str(path))), ensure_ascii=False))


def mismatches(want: dict, got: dict) -> list[str]:
    """Every expected field that the dump does not hold (white space collapsed)."""
    out: list[str] = []
    if got.get("layout") != want["layout"]:
        out.append(f"layout: {got.get('layout')!r} != {want['layout']!r}")
    projects = got.get("projects", [])
    if len(projects) != len(want["projects"]):
        out.append(f"projects: {len(projects)} != {len(want['projects'])}")
    for n, (g, w) in enumerate(zip(projects, want["projects"], strict=False)):
        where = f"project {n + 1} {w['name']}"
        for field, value in w.items():
            have = g.get(field)
            if field == "indicators":
                if len(have) != len(value):
                    out.append(f"{where}: {len(have)} indicators != {len(value)}")
                for k, (gi, wi) in enumerate(zip(have, value, strict=False)):
                    part = {key: gi.get(key) for key in wi}
                    if collapse(part) != collapse(wi):
                        out.append(f"{where} indicator {k + 1}: {part} != {wi}")
            elif field == "budget":
                part = {key: (have or {}).get(key) for key in value}
                if collapse(part) != collapse(value):
                    out.append(f"{where} budget: {part} != {value}")
            elif field == "spending_plan":
                if collapse(have or {}) != collapse(value or {}):
                    out.append(f"{where} spending_plan: {have} != {value}")
            elif collapse(have) != collapse(value):
                out.append(f"{where} {field}: {have!r} != {value!r}")
    if "department" in want:
        dep = got.get("department") or {}
        titles = [i.get("title") for i in dep.get("items", [])]
        if collapse(dep.get("overall")) != collapse(want["department"]["overall"]):
            out.append(f"department overall: {dep.get('overall')!r}")
        if collapse(titles) != collapse(want["department"]["item_titles"]):
            out.append(f"department items: {titles} != {want['department']['item_titles']}")
        if collapse(dep.get("measures")) != collapse(want["department"]["measures"]):
            out.append(f"department measures: {dep.get('measures')!r}")
    return out


ROUND_TRIP_TARGETS = ("docx", "xlsx")


def converted(name: str, target: str) -> Path:
    """Where ``perfeditor convert`` writes ``name`` as ``target`` during the session."""
    return Path(converted.dir) / f"{name}.to.{target}"


converted.dir = None
