"""An indicator row the clerk inserted and left empty between filled rows is part of the form:
it is saved, and reading the file gives it back (every layout, .docx and .xlsx). Empty rows after
the last indicator (an official form's padding) are still not indicators."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.io import read_document, save_document
from perfeditor.model import Indicator, dump_document
from tests.conftest import OWN_FIXTURES

FILES = ["public/dingzhou_2020.docx", "public/dingzhou_2020.xlsx", "docx/hebei_graded.docx",
         "xlsx/hebei_graded.xlsx", "docx/mof_2015.docx", "xlsx/multi_mof_2021.xlsx",
         "docx/multi_hebei_project.docx", "acceptance/var_split.docx", "acceptance/var_split.xlsx"]


def _blank_like(ind: Indicator) -> Indicator:
    """A new row as the window makes it: the 一级/二级 of the rows around it, nothing else."""
    return Indicator(level1=ind.level1, level2=ind.level2,
                     grades=None if ind.grades is None else {g: "" for g in ind.grades})


@pytest.mark.parametrize("name", FILES)
def test_an_empty_row_between_indicators_survives_save_and_reopen(tmp_path, name):
    path = tmp_path / name.replace("/", "_")
    shutil.copy(OWN_FIXTURES / name, path)
    doc, smap = read_document(path)
    p = doc.projects[0]
    p.indicators.insert(1, _blank_like(p.indicators[0]))
    save_document(doc, path, source_map=smap)
    back, smap = read_document(path)
    assert dump_document(back)["projects"] == dump_document(doc)["projects"]
    # the row is a row of the file: typing into it later changes it in place
    back.projects[0].indicators[1].level3 = "新增指标"
    save_document(back, path, source_map=smap)
    again, _ = read_document(path)
    assert again.projects[0].indicators[1].level3 == "新增指标"
    assert dump_document(again)["projects"] == dump_document(back)["projects"]


@pytest.mark.parametrize("name", ["public/dingzhou_2020.docx", "public/dingzhou_2020.xlsx"])
def test_empty_rows_after_the_last_indicator_are_not_indicators(tmp_path, name):
    path = tmp_path / name.replace("/", "_")
    shutil.copy(OWN_FIXTURES / name, path)
    doc, smap = read_document(path)
    before = dump_document(doc)["projects"]
    doc.projects[0].indicators.append(Indicator())
    save_document(doc, path, source_map=smap)
    assert dump_document(read_document(path)[0])["projects"] == before
