"""A copy (复制项目) of a form split over pages is written split as its original is, in .docx as
in .xlsx: the parts hold as many indicator rows as the original's, under the repeated title and
header, and the copy reads back split (issue 10: the two formats disagreed, the .docx wrote one
table)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfeditor.editing import renumber_titles
from perfeditor.io import plan_save, read_document
from perfeditor.model import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "acceptance"


def _copied(original: Project, smap) -> Project:
    """A copy of ``original`` as the window's 复制项目 makes it (fresh rows, noted as a copy)."""
    copy = original.copy_fresh()
    copy.name = f"{original.name}（副本）"
    smap.note_copy(copy, original)
    return copy


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_copy_of_a_split_form_is_split_as_its_original(tmp_path, suffix):
    path = tmp_path / f"split{suffix}"
    shutil.copy(FIXTURES / f"var_split{suffix}", path)
    doc, smap = read_document(path)
    read = {p.uid for p in doc.projects}
    original = doc.projects[0]
    assert original.variant.split
    parts = [len(uids) for _, uids in smap.of(original).split]
    doc.projects.insert(1, _copied(original, smap))
    renumber_titles(doc, read)
    plan = plan_save(doc, path, source_map=smap)
    assert plan.losses == []
    plan.write()
    again, again_map = read_document(path)
    assert [p.variant.split for p in again.projects] == [True, True, True]
    assert [len(uids) for _, uids in again_map.of(again.projects[1]).split] == parts
    assert [i.level3 for i in again.projects[1].indicators] == [i.level3 for i in original.indicators]


def test_a_split_copy_repeats_its_title_when_its_original_is_rebuilt_too(tmp_path):
    """The original edited in the same save (a row moved out of it: rebuilt, its old blocks
    emptied) and copied: the copy's parts are still cut from the original's blocks as read, so its
    title is repeated above its second part (it came out as an empty paragraph)."""
    import docx

    path = tmp_path / "split.docx"
    shutil.copy(FIXTURES / "var_split.docx", path)
    doc, smap = read_document(path)
    read = {p.uid for p in doc.projects}
    original, other = doc.projects
    other.indicators.append(original.indicators.pop(0))
    copy = _copied(original, smap)
    copy.title = original.title.replace("绩效目标表", "（副本）绩效目标表")
    doc.projects.insert(1, copy)
    renumber_titles(doc, read)
    plan_save(doc, path, source_map=smap).write()
    texts = [p.text.strip() for p in docx.Document(str(path)).paragraphs]
    assert texts.count(copy.title) == 2  # above each of its two parts
