"""添加指标行 in a project of the graded layout (河北分级表, issue 10): the new row has the four empty
grades in the window, as the saved file reads it back."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.editing import set_field
from perfeditor.io import read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES

EMPTY = {"优": "", "良": "", "中": "", "差": ""}


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_row_added_in_the_window_reads_back_the_same(window, tmp_path, kind):
    path = tmp_path / f"分级.{kind}"
    shutil.copy(OWN_FIXTURES / kind / f"multi_hebei_graded.{kind}", path)
    assert window.open_path(str(path)), window.dialogs.calls
    doc = window.session.doc
    window.editors.select(window.tree_model.project_index(doc.projects[0]))
    table = window.editors.project.table
    table.append_row()
    table.insert_row()
    new = [i for i in doc.projects[0].indicators if not i.level3]
    assert [i.grades for i in new] == [EMPTY, EMPTY]
    for k, ind in enumerate(new):  # (named: a row left wholly empty is not read back as an indicator)
        window.session.apply(set_field(doc, ind, "level3", f"新指标{k}", doc.projects[0]))
    assert window.save(), window.dialogs.calls
    back = read_document(path)[0]
    # (the grades: a row added with its 一级 empty reads back under the 一级 above it, another matter)
    assert [[(i["level3"], i["grades"]) for i in p["indicators"]] for p in dump_document(back)["projects"]] \
        == [[(i["level3"], i["grades"]) for i in p["indicators"]] for p in dump_document(doc)["projects"]]
