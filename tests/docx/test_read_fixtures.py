"""Every .docx fixture (shared and the reader's own) reads to its expected dump."""
from __future__ import annotations

from pathlib import Path

import pytest

from perfeditor.io import load_document
from perfeditor.io.docx import read_docx
from perfeditor.io.source import SourceMap
from perfeditor.model.dump import dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES, collapse_ws, load_expected_dump

PUBLIC_DOCX = sorted(PUBLIC_FIXTURES.glob("*.docx"))
OWN_DOCX = sorted((OWN_FIXTURES / "docx").glob("*.docx"))


def _subset(got, expected, path="$"):
    """Every key the expected dump has, equal in ``got`` (``""`` and ``{}`` alike for plans)."""
    if isinstance(expected, dict):
        assert isinstance(got, dict), f"{path}: expected an object, got {got!r}"
        for key, value in expected.items():
            assert key in got, f"{path}.{key} missing"
            _subset(got[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), \
            f"{path}: {len(got) if isinstance(got, list) else got!r} items, expected {len(expected)}"
        for k, (g, e) in enumerate(zip(got, expected, strict=False)):
            _subset(g, e, f"{path}[{k}]")
    elif expected in ("", {}) and got in ("", {}):
        return
    else:
        assert got == expected, f"{path}: {got!r} != {expected!r}"


def test_fixture_lists_are_not_empty():
    assert len(PUBLIC_DOCX) >= 3
    assert len(OWN_DOCX) >= 6


@pytest.mark.parametrize("path", PUBLIC_DOCX + OWN_DOCX, ids=lambda p: p.name)
def test_dump_equals_expected(path: Path):
    got = collapse_ws(dump_document(load_document(path)))
    expected = collapse_ws(load_expected_dump(path))
    _subset(got, expected)


@pytest.mark.parametrize("path", PUBLIC_DOCX + OWN_DOCX, ids=lambda p: p.name)
def test_source_refs_and_digests(path: Path):
    places = SourceMap()
    doc = read_docx(path, places)
    assert set(places.projects) == {p.uid for p in doc.projects}
    for p in doc.projects:
        ref = places.of(p)
        assert ref is not None and ref.format == "docx"
        assert ref.blocks == sorted(set(ref.blocks)) and ref.blocks
        assert ref.digest == p.content_fingerprint()
        assert p.variant.layout in ("hebei-project", "hebei-graded", "mof-project")
    all_blocks = [b for p in doc.projects for b in places.of(p).blocks]
    owners: dict[int, list] = {}
    for p in doc.projects:
        for b in places.of(p).blocks:
            owners.setdefault(b, []).append(places.of(p))
    for refs in owners.values():  # a block of two forms only when they are parts of one table
        parts = [r.part for r in refs]
        assert len(refs) == 1 or (parts == sorted(set(parts)) and all(r.parts >= len(refs) for r in refs)), \
            "a block belongs to two forms"
    if doc.department is not None:
        assert places.department is not None and places.department.blocks
        assert not set(places.department.blocks) & set(all_blocks)


def test_cli_dump_end_to_end(capsys):
    import json

    from perfeditor.cli import main

    path = PUBLIC_FIXTURES / "dingzhou_2020.docx"
    code = main(["dump", str(path)])
    assert code in (0, None)
    out = json.loads(capsys.readouterr().out)
    assert collapse_ws(out["projects"]) == collapse_ws(load_expected_dump(path)["projects"]) or \
        _subset(collapse_ws(out), collapse_ws(load_expected_dump(path))) is None
