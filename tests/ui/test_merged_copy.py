"""复制项目 on a form with cells merged down over indicator rows (指标值确定依据, issue 10): the copy,
saved in place, merges them as its original does, in .docx and .xlsx alike."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.io import read_document
from tests.conftest import OWN_FIXTURES

RUNS = [("basis", 0, 2), ("basis", 4, 5)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_duplicated_project_saved_keeps_the_merged_cells(window, tmp_path, kind):
    from perfeditor.ui import project_ops

    path = tmp_path / f"表.{kind}"
    shutil.copy(OWN_FIXTURES / kind / f"merged_basis.{kind}", path)
    assert window.open_path(str(path)), window.dialogs.calls
    s = window.session
    window.editors.select(window.tree_model.project_index(s.doc.projects[0]))
    project_ops.duplicate_project(window)
    assert len(s.doc.projects) == 2
    assert window.save()
    _, fresh = read_document(path)
    assert [sorted(place.block.merges) for place in fresh.projects.values()] == [RUNS, RUNS]
