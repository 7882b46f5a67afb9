"""The editor, the .docx and .xlsx writers and printing show the same indicator columns for every
layout: all of them read the one declaration (perfeditor/forms/layouts.py)."""
from __future__ import annotations

import re

import pytest

from perfeditor.authoring import FORM_KINDS, new_document
from perfeditor.forms.layouts import DECLARATIONS, column_label, declaration
from perfeditor.io import load_document, save_document
from perfeditor.printing.html import document_sections
from perfeditor.ui.indicator_model import IndicatorTableModel, indicator_columns
from perfeditor.ui.session import DocumentSession
from tests.ui.conftest import FIXTURE_NAMES, dump_doc


def _new(key: str):
    return new_document(key, False, "定州市住房和城乡建设局", "333002", 2025)


def _printed_in_order(html: str, labels: list[str]) -> bool:
    """The column headers of the printed indicator block, in order (the 优/良/中/差 standards sit
    in a second header row, under their group)."""
    head = html[html.index("<thead"):html.index("</thead>")]
    texts = re.findall(r">([^<>]+)<", head)
    grades = [t for t in labels if t in ("优", "良", "中", "差")]
    others = [t for t in labels if t not in grades]
    return _subsequence(others, texts) and _subsequence(grades, texts)


def _subsequence(items: list[str], texts: list[str]) -> bool:
    it = iter(texts)
    return all(any(t == x for t in it) for x in items)


def test_a_new_hebei_project_has_the_basis_column_every_export_prints(qapp):
    doc = _new("hebei-project")
    model = IndicatorTableModel(DocumentSession(doc), doc.projects[0])
    assert model.columns == ["level1", "level2", "level3", "description", "value", "basis"]
    from PySide6.QtCore import Qt

    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles[-1] == "指标值确定依据"


@pytest.mark.parametrize("key", list(FORM_KINDS))
def test_editor_writers_and_print_agree_on_a_new_form(key, tmp_path, qapp):
    doc = _new(key)
    p = doc.projects[0]
    editor = indicator_columns(p)
    decl = declaration(p.variant.layout, p)
    assert editor == list(decl.columns), "a new form shows its layout's own columns"
    assert decl.key in DECLARATIONS and (decl.system == p.variant.system or not decl.system)
    for suffix in (".docx", ".xlsx"):
        out = tmp_path / f"new{suffix}"
        save_document(doc, out)
        assert load_document(out).projects[0].variant.indicator_columns == editor, suffix
    html = document_sections(doc, p.variant.layout)[-1].html
    assert _printed_in_order(html, [column_label(p, p.variant.layout, c) for c in editor])


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_editor_writers_and_print_agree_on_the_sample_forms(name, tmp_path, qapp):
    doc = dump_doc(name)
    del doc.projects[3:]
    for suffix in (".docx", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        save_document(doc, out)
        back = load_document(out)
        for p, q in zip(doc.projects, back.projects, strict=True):
            assert q.variant.indicator_columns == indicator_columns(p), (suffix, p.name)
    for p in doc.projects:
        html = document_sections(doc.model_copy(update={"projects": [p], "department": None}),
                                 p.variant.layout)[-1].html
        cols = indicator_columns(p)
        assert _printed_in_order(html, [column_label(p, p.variant.layout, c).replace("\n", "<br/>")
                                        for c in cols]), p.name
