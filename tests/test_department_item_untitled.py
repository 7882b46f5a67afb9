"""A department item just added (部门→添加分项绩效目标) has only its ordinal as title (``二、``) until
the clerk names it; saving and reopening keeps it an item of its own instead of gluing ``二、`` to
the end of the previous item's goal."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.editing import insert_rows, move_rows, renumber_item_titles
from perfeditor.forms.narrative import is_item_heading, item_placeholders
from perfeditor.forms.titles import next_item_title, renumber_items
from perfeditor.io import read_document, save_document
from perfeditor.model import DepartmentItem, dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES


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


SEED003 = OWN_FIXTURES / "acceptance" / "seed003_pingxiang"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_an_item_added_and_moved_above_an_untitled_first_item_keeps_both(tmp_path, suffix):
    """The first item of seed 003 has no title (its text stands right under 二、分项绩效目标): an
    item added and moved up above it leaves it untitled after a titled one, which would read back
    as part of that one. The window's renumbering gives it its ordinal, and the save keeps it."""
    path = tmp_path / f"seed003{suffix}"
    shutil.copy(SEED003.with_suffix(suffix), path)
    doc, smap = read_document(path)
    dep = doc.department
    assert dep.items[0].title == "" and dep.items[0].goal
    count = len(dep.items)
    insert_rows(doc, dep, "items", 1, [DepartmentItem(title=next_item_title([i.title for i in dep.items], 1),
                                                      goal="新增的分项目标")])
    renumber_item_titles(doc)
    move_rows(doc, dep, "items", [1], 0)
    renumber_item_titles(doc)
    assert [i.title for i in dep.items][:3] == ["一、", "二、", "三、住房保障管理"]
    save_document(doc, path, source_map=smap)
    back, _ = read_document(path)
    assert len(back.department.items) == count + 1
    assert dump_document(back)["department"] == dump_document(doc)["department"]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_an_untitled_item_after_a_titled_one_is_saved_as_an_item(tmp_path, suffix):
    """Without the window's renumbering (``perfeditor apply``, a JSON edited by any tool), the
    save itself writes the untitled item's ordinal as its heading: no item is glued to another."""
    path = tmp_path / f"seed003{suffix}"
    shutil.copy(SEED003.with_suffix(suffix), path)
    doc, smap = read_document(path)
    items = doc.department.items
    items.insert(0, items.pop(1))  # 一、住房保障管理 first, the untitled item second
    goals = [i.goal for i in items]
    save_document(doc, path, source_map=smap)
    back = read_document(path)[0].department.items
    assert [i.goal for i in back] == goals
    assert [i.title for i in back][:2] == ["一、住房保障管理", "二、"]


def test_placeholders_follow_the_items_ordinal_style():
    assert item_placeholders(["", "一、甲", "", "二、乙"]) == {2: "二、"}
    assert item_placeholders(["（一）甲", ""]) == {1: "（二）"}
    assert item_placeholders(["1.甲", "", ""]) == {1: "2.", 2: "3."}
    assert item_placeholders(["", ""]) == {1: "一、"}
    assert renumber_items(["一、", "", "一、住房保障管理"]) == {1: "二、", 2: "三、住房保障管理"}
