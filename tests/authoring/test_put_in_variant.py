"""Putting a document in a variant of the national form for a save, and taking it back when the
save does not happen."""
from __future__ import annotations

from perfeditor.authoring.variants import put_in_variant, restore_variants
from perfeditor.forms.variants import project_system
from perfeditor.io import read_document
from tests.conftest import PUBLIC_FIXTURES


def test_a_project_put_in_the_other_variant_is_saved_anew_and_restored_as_it_was():
    doc, smap = read_document(PUBLIC_FIXTURES / "qiannan_2022_part.docx")
    before = [(p.variant.model_copy(deep=True), smap.of(p).digest) for p in doc.projects]
    assert all(smap.of(p).digest == p.content_fingerprint() for p in doc.projects)  # kept as read
    changed = put_in_variant(doc, "2021", smap)
    assert len(changed) == 2
    assert all(project_system(p) == "2021" and "basis" in p.variant.indicator_columns for p in doc.projects)
    # another form: a save into the file it came from rebuilds its table instead of keeping it
    assert all(smap.of(p).digest != p.content_fingerprint() for p in doc.projects)
    assert put_in_variant(doc, "2021", smap) == []  # already in it
    restore_variants(changed)
    assert [(p.variant, smap.of(p).digest) for p in doc.projects] == before
