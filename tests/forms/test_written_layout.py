"""Which layout each project is written in: one rule (forms.layouts.written_layout) for the .docx
and .xlsx writers (and printing): no target or the document's own keeps every project in its own
layout (a file may mix them); another layout converts them all."""
from __future__ import annotations

import pytest

from perfeditor.forms.layouts import keeps_own_layouts, written_layout
from perfeditor.io import load_document, save_document
from perfeditor.model import Document, FormVariant, Project
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES


def _mixed() -> Document:
    """Two 河北项目表 projects and one 河北分级表 project; the document's layout is hebei-project."""
    hebei = load_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    graded = load_document(OWN_FIXTURES / "xlsx" / "hebei_graded.xlsx")
    doc = Document(layout="hebei-project", projects=hebei.projects[:2] + graded.projects[:1])
    assert [p.variant.layout for p in doc.projects] == ["hebei-project", "hebei-project", "hebei-graded"]
    return doc


OWN = ["hebei-project", "hebei-project", "hebei-graded"]


@pytest.mark.parametrize(("target", "want"), [
    (None, OWN), ("hebei-project", OWN), ("mof-project", ["mof-project"] * 3),
    ("hebei-graded", ["hebei-graded"] * 3)], ids=["none", "own", "mof", "graded"])
def test_both_formats_write_each_project_in_the_same_layout(target, want, tmp_path):
    doc = _mixed()
    got = {}
    for suffix in (".docx", ".xlsx"):
        out = tmp_path / f"mixed{suffix}"
        save_document(doc, out, layout=target)
        got[suffix] = [p.variant.layout for p in load_document(out).projects]
    assert got == {".docx": want, ".xlsx": want}


def test_the_rule():
    graded = Project(variant=FormVariant(layout="hebei-graded"))
    assert keeps_own_layouts(None, "hebei-project") and keeps_own_layouts("hebei-project", "hebei-project")
    assert not keeps_own_layouts("mof-project", "hebei-project")
    assert written_layout(graded, None, "hebei-project") == "hebei-graded"
    assert written_layout(graded, "hebei-project", "hebei-project") == "hebei-graded"
    assert written_layout(graded, "mof-project", "hebei-project") == "mof-project"
    assert written_layout(graded, "mof-project", "mof-project", system="2021") == "mof-project"
