"""另存为 the other format (issue 10): the new file merges the cells merged down over indicator rows
(指标值确定依据) as the file opened does."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.io import read_document
from tests.conftest import OWN_FIXTURES

RUNS = [("basis", 0, 2), ("basis", 4, 5)]
OTHER = {"docx": "xlsx", "xlsx": "docx"}


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_save_as_the_other_format_keeps_the_merged_cells(window, tmp_path, kind):
    path = tmp_path / f"表.{kind}"
    shutil.copy(OWN_FIXTURES / kind / f"merged_basis.{kind}", path)
    assert window.open_path(str(path)), window.dialogs.calls
    target = tmp_path / f"另存.{OTHER[kind]}"
    window.dialogs.save_path = str(target)
    window.dialogs.choice = 0  # 河北项目表: the form's own layout
    assert window.save_as(), window.dialogs.calls
    _, fresh = read_document(target)
    assert [sorted(place.block.merges) for place in fresh.projects.values()] == [RUNS]
    assert window.session.source_map.merges_of(window.session.doc.projects[0]) == RUNS  # the new file's
