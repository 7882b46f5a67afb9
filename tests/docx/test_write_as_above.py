"""An empty 一级 / 二级 cell reads as the row above's ("as above", var_empty_below): when the
row above changes its level, an in-place save writes the rows that read as it their own text, so
the file reads back as the document says; the other cells keep their bytes."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_write_helpers import normalise  # noqa: E402
from test_write_patch import W, changed_cells, main_xml  # noqa: E402

from perfeditor.io import read_document, save_document  # noqa: E402
from perfeditor.io.docx.text import cell_text  # noqa: E402
from perfeditor.model import dump_document  # noqa: E402
from tests.conftest import OWN_FIXTURES  # noqa: E402

EMPTY_BELOW = OWN_FIXTURES / "acceptance" / "var_empty_below.docx"  # 产出指标 on row 1, rows 2–4 empty


def _first_level1(inds):
    inds[0].level1 = "产出指标（改）"


def _second_level1(inds):
    inds[1].level1 = "成本指标"


def _group_renamed(inds):
    for ind in inds[:4]:
        ind.level1 = "产出类指标"


def _first_emptied(inds):
    inds[0].level1 = ""


@pytest.mark.parametrize(("edit", "cells"), [(_first_level1, 2), (_second_level1, 2), (_group_renamed, 1),
                                             (_first_emptied, 2)])
def test_rows_reading_as_above_keep_their_level(tmp_path, edit, cells):
    path = tmp_path / "表.docx"
    shutil.copy(EMPTY_BELOW, path)
    before = main_xml(path)
    doc, smap = read_document(path)
    edit(doc.projects[0].indicators)
    expected = normalise(dump_document(doc))
    save_document(doc, path, source_map=smap)
    again, _ = read_document(path)
    assert normalise(dump_document(again)) == expected
    # the cell edited, and the first row below that read as it (the rows under that one read
    # as that one); a group renamed whole: its first cell only
    assert len(changed_cells(before, main_xml(path))) == cells


def _run_look(tc) -> bytes:
    run = next(r for r in tc.iter(f"{W}r") if r.find(f"{W}t") is not None)
    return etree.tostring(run.find(f"{W}rPr"))


def test_a_level_written_out_looks_like_the_one_it_read_as(tmp_path):
    """The empty cells below hold a 2-point paragraph mark and run: the text written there takes
    the run look of the cell it read as, not that (it would print unreadably small)."""
    path = tmp_path / "表.docx"
    shutil.copy(EMPTY_BELOW, path)
    before = main_xml(path)
    doc, smap = read_document(path)
    doc.projects[0].indicators[0].level1 = "产出指标（改）"
    save_document(doc, path, source_map=smap)
    after = main_xml(path)
    tcs = list(etree.fromstring(after).iter(f"{W}tc"))
    first, below = (tcs[k] for k in changed_cells(before, after))
    assert (cell_text(first), cell_text(below)) == ("产出指标（改）", "产出指标")
    assert _run_look(below) == _run_look(first)


def test_an_empty_level2_below_keeps_its_text(tmp_path):
    """二级 alike: a row whose 二级 cell is empty reads the row above's while its 一级 is the same."""
    path = tmp_path / "表.docx"
    shutil.copy(EMPTY_BELOW, path)
    doc, smap = read_document(path)
    inds = doc.projects[0].indicators
    inds[1].level2 = ""  # (written empty: reads back as 数量指标, as the save says first)
    save_document(doc, path, source_map=smap)
    doc, smap = read_document(path)
    inds = doc.projects[0].indicators
    assert [i.level2 for i in inds[:3]] == ["数量指标", "数量指标", "时效指标"]
    inds[0].level2 = "产出数量"
    expected = normalise(dump_document(doc))
    save_document(doc, path, source_map=smap)
    again, _ = read_document(path)
    assert normalise(dump_document(again)) == expected
    assert [i.level2 for i in again.projects[0].indicators[:2]] == ["产出数量", "数量指标"]
