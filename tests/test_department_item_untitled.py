"""A department item just added (部门→添加分项绩效目标) has only its ordinal as title (``二、``) until
the clerk names it; saving and reopening keeps it an item of its own instead of gluing ``二、`` to
the end of the previous item's goal."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.forms.narrative import is_item_heading
from perfeditor.io import read_document, save_document
from perfeditor.model import DepartmentItem, dump_document
from tests.conftest import PUBLIC_FIXTURES


def test_a_bare_ordinal_is_an_item_heading():
    assert is_item_heading("二、") and is_item_heading("（二）") and is_item_heading("2.")
    assert not is_item_heading("二") and not is_item_heading("、")


@pytest.mark.parametrize("name", ["dingzhou_2020.docx", "dingzhou_2020.xlsx"])
def test_an_added_item_without_a_name_survives_save_and_reopen(tmp_path, name):
    path = tmp_path / name
    shutil.copy(PUBLIC_FIXTURES / name, path)
    doc, smap = read_document(path)
    first_goal = doc.department.items[0].goal
    doc.department.items.insert(1, DepartmentItem(title="二、"))
    save_document(doc, path, source_map=smap)
    back, _ = read_document(path)
    assert back.department.items[0].goal == first_goal
    assert [i.title for i in back.department.items] == [i.title for i in doc.department.items]
    assert dump_document(back)["department"] == dump_document(doc)["department"]
