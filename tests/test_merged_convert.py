"""Cells merged down over indicator rows (指标值确定依据, issue 10) carried into a new file: a form
written in its own layout to the other format (convert, 另存为) merges them as the file it was read
from does — ``mergeCell`` in the .xlsx, ``w:vMerge`` in the .docx — and a form written in another
layout (other rows and columns) merges none."""
from __future__ import annotations

import shutil

import pytest

from perfeditor.cli import main
from perfeditor.io import read_document, save_document
from perfeditor.io.source import SourceMap
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES
from tests.test_merged_cells import READ_RUNS, _docx_basis_column, _runs, _vmerge_runs, _xlsx_basis_merges

OTHER = {"docx": "xlsx", "xlsx": "docx"}


def _source(tmp_path, kind):
    path = tmp_path / f"原表.{kind}"
    shutil.copy(OWN_FIXTURES / kind / f"merged_basis.{kind}", path)
    return path


def _file_merges(path) -> list:
    """The basis column's merges in the file's own XML: mergeCell refs, or w:vMerge runs."""
    if path.suffix == ".xlsx":
        return _xlsx_basis_merges(path)
    return _vmerge_runs(_docx_basis_column(path))


EXPECTED = {"xlsx": ["G10:G12", "G14:G15"], "docx": [(0, 2), (4, 5)]}


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_the_original_has_the_merges_the_conversion_must_keep(kind):
    assert _file_merges(OWN_FIXTURES / kind / f"merged_basis.{kind}") == EXPECTED[kind]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_convert_to_the_other_format_keeps_the_merged_cells(tmp_path, kind, capsys):
    src = _source(tmp_path, kind)
    out = tmp_path / f"转换.{OTHER[kind]}"
    assert main(["convert", str(src), str(out)]) == 0
    assert _file_merges(out) == EXPECTED[OTHER[kind]]
    doc, smap = read_document(out)
    assert _runs(smap) == READ_RUNS
    indicators = [dump_document(d)["projects"][0]["indicators"] for d in (doc, read_document(src)[0])]
    assert indicators[0] == indicators[1]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_saving_as_the_other_format_with_the_map_keeps_the_merged_cells(tmp_path, kind):
    """What the window's 另存为 does: the session's map given to the save of a new file."""
    doc, smap = read_document(_source(tmp_path, kind))
    out = tmp_path / f"另存.{OTHER[kind]}"
    save_document(doc, out, source_map=smap)
    assert _file_merges(out) == EXPECTED[OTHER[kind]]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_rebuilt_workbook_keeps_the_merged_cells(tmp_path, kind):
    """A new file in the source's own format too (the .xlsx rebuilt, not patched)."""
    doc, smap = read_document(_source(tmp_path, kind))
    doc.path = None  # (written anew: no original to patch)
    out = tmp_path / f"新.{kind}"
    save_document(doc, out, source_map=smap)
    assert _file_merges(out) == EXPECTED[kind]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@pytest.mark.parametrize("target", ["docx", "xlsx"])
def test_another_layout_merges_nothing(tmp_path, kind, target, capsys):
    """财政部项目表 has a 指标值确定依据 column too, in other rows: the runs of the 河北项目表 are
    not carried into it."""
    src = _source(tmp_path, kind)
    out = tmp_path / f"财政部.{target}"
    assert main(["convert", str(src), str(out), "--layout", "mof-project"]) == 0
    doc, smap = read_document(out)
    assert [i.basis for i in doc.projects[0].indicators][:2] == ["县政府2024年民生实事方案", ""]
    assert _runs(smap) == []


def test_the_map_gives_merges_only_for_the_projects_own_layout(tmp_path):
    doc, smap = read_document(_source(tmp_path, "docx"))
    p = doc.projects[0]
    assert smap.merges_of(p) == smap.merges_of(p, p.variant.layout) == READ_RUNS
    assert smap.merges_of(p, "mof-project") == []
    assert SourceMap().merges_of(p, p.variant.layout) == []
