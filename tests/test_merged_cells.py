"""Cells merged down over indicator rows in a field other than 一级/二级 (here 指标值确定依据, as real
files have it) keep their merge when the form is rewritten in place (issue 10): the source map
records the runs read, a rebuilt form merges them again, followed through the edits, in .docx and
.xlsx alike; a value written into a row the merge covers splits it (never lost)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from perfeditor.forms import compose as C
from perfeditor.io import read_document, save_document
from perfeditor.model import Indicator, dump_document
from tests.conftest import OWN_FIXTURES

FIXTURES = {"docx": OWN_FIXTURES / "docx" / "merged_basis.docx",
            "xlsx": OWN_FIXTURES / "xlsx" / "merged_basis.xlsx"}
READ_RUNS = [("basis", 0, 2), ("basis", 4, 5)]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(tmp_path, kind):
    path = tmp_path / f"表.{kind}"
    shutil.copy(FIXTURES[kind], path)
    return (path, *read_document(path))


def _runs(smap):
    (place,) = smap.projects.values()
    return sorted(place.block.merges) if place.block is not None else []


def _saved(doc, path, smap):
    """Save ``doc`` in place over ``path`` and read it again: it reads back as saved; (the document
    read, its map)."""
    want = dump_document(doc)
    save_document(doc, path, source_map=smap)
    again, fresh = read_document(path)
    assert dump_document(again) == want
    return again, fresh


def _docx_basis_column(path) -> list[tuple[str, str | None]]:
    """(text, w:vMerge value) of the last grid column (指标值确定依据) in each indicator row of the
    form's table, read from the XML itself ("continue" for a bare w:vMerge)."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    tbl = next(t for t in root.iter(f"{W}tbl") if "指标值确定依据" in "".join(t.itertext()))
    width = len(tbl.find(f"{W}tblGrid"))
    out, started = [], False
    for tr in tbl.iter(f"{W}tr"):
        col = 0
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span = pr.find(f"{W}gridSpan") if pr is not None else None
            col += int(span.get(f"{W}val")) if span is not None else 1
            if col == width:
                merge = pr.find(f"{W}vMerge") if pr is not None else None
                text = "".join(tc.itertext())
                if started:
                    out.append((text, None if merge is None else merge.get(f"{W}val", "continue")))
                started = started or text == "指标值确定依据"
    return out


def _xlsx_basis_merges(path) -> list[str]:
    """The merged ranges of column G (指标值确定依据) in the sheet's XML."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    return re.findall(r'<mergeCell ref="(G\d+:G\d+)"', xml)


def _vmerge_runs(column) -> list[tuple[int, int]]:
    """(first, last) indicator rows of each vertical merge in a column read by _docx_basis_column."""
    runs, start = [], None
    for k, (_, merge) in enumerate([*column, ("", None)]):
        if merge != "continue" and start is not None:
            if k - 1 > start:
                runs.append((start, k - 1))
            start = None
        if merge == "restart":
            start = k
    return runs


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_reading_records_the_runs_merged_down(tmp_path, kind):
    _, doc, smap = _open(tmp_path, kind)
    assert _runs(smap) == READ_RUNS
    basis = [i.basis for i in doc.projects[0].indicators]
    assert basis == ["县政府2024年民生实事方案", "", "", "项目实施计划", "上年度群众满意度调查", ""]


def test_forms_without_merged_cells_record_none():
    doc, smap = read_document(OWN_FIXTURES / "docx" / "hebei_project.docx")
    assert all(place.block is None for place in smap.projects.values())
    doc, smap = read_document(OWN_FIXTURES / "xlsx" / "multi_hebei_project.xlsx")
    assert all(not place.block.merges for place in smap.projects.values())


def _add_rows(doc):
    inds = doc.projects[0].indicators
    inds.insert(1, Indicator(level1="产出指标", level2="数量指标", level3="新增井盖数量", value="≥40个"))
    inds.append(Indicator(level1="满意度指标", level2="服务对象满意度指标", level3="商户满意度", value="≥85%"))


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_rows_added_inside_and_outside_a_run_keep_the_merge(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    _add_rows(doc)  # one inside the first run (basis empty: it joins), one after the last form row
    again, fresh = _saved(doc, path, smap)
    if kind == "docx":
        column = _docx_basis_column(path)
        assert len(column) == 8
        assert _vmerge_runs(column) == [(0, 3), (5, 6)]
        assert column[0] == ("县政府2024年民生实事方案", "restart") and column[7] == ("", None)
    else:
        assert _xlsx_basis_merges(path) == ["G10:G13", "G15:G16"]
    assert _runs(fresh) == [("basis", 0, 3), ("basis", 5, 6)]
    assert _runs(smap) == [("basis", 0, 3), ("basis", 5, 6)]  # the held map follows the file


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_an_empty_row_inside_a_run_stays_an_indicator_under_the_merge(tmp_path, kind):
    """A row the clerk emptied inside a merged run (only the merged basis covers it) is read back as
    an empty indicator, and the run still merges over it."""
    path, doc, smap = _open(tmp_path, kind)
    inds = doc.projects[0].indicators
    inds[1] = Indicator(level1=inds[1].level1, level2=inds[1].level2)
    inds.insert(2, Indicator(level1="产出指标", level2="数量指标", level3="新增井盖数量"))  # (a rebuild)
    again, fresh = _saved(doc, path, smap)
    assert _runs(fresh) == [("basis", 0, 3), ("basis", 5, 6)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_second_save_after_a_rebuild_keeps_following_the_merge(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    _add_rows(doc)
    save_document(doc, path, source_map=smap)
    del doc.projects[0].indicators[2]  # a row of the run removed after the first save
    again, fresh = _saved(doc, path, smap)
    assert _runs(fresh) == [("basis", 0, 2), ("basis", 4, 5)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_row_with_its_own_basis_inserted_in_a_run_splits_it(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    doc.projects[0].indicators.insert(1, Indicator(level1="产出指标", level2="数量指标", level3="新增井盖数量",
                                                   value="≥40个", basis="井盖普查台账"))
    again, fresh = _saved(doc, path, smap)
    assert _runs(fresh) == [("basis", 5, 6)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_editing_the_first_row_of_a_run_patches_the_merged_cell(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    doc.projects[0].indicators[0].basis = "县政府2025年民生实事方案"
    again, fresh = _saved(doc, path, smap)
    if kind == "docx":
        column = _docx_basis_column(path)
        assert column[0] == ("县政府2025年民生实事方案", "restart")
        assert _vmerge_runs(column) == [(0, 2), (4, 5)]
    else:
        assert _xlsx_basis_merges(path) == ["G10:G12", "G14:G15"]
    assert _runs(fresh) == READ_RUNS


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_value_written_into_a_covered_row_splits_the_merge_and_is_kept(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    doc.projects[0].indicators[1].basis = "路灯专项规划"  # under the merged cell of row 0
    again, fresh = _saved(doc, path, smap)
    assert again.projects[0].indicators[1].basis == "路灯专项规划"
    if kind == "docx":
        assert _vmerge_runs(_docx_basis_column(path)) == [(4, 5)]
    else:
        assert _xlsx_basis_merges(path) == ["G14:G15"]
    assert _runs(fresh) == [("basis", 4, 5)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_apply_follows_the_merge_by_the_indicators_names(tmp_path, kind):
    path = tmp_path / f"表.{kind}"
    shutil.copy(FIXTURES[kind], path)
    data = dump_document(read_document(path)[0])
    inds = data["projects"][0]["indicators"]
    inds.insert(2, dict(inds[1], level3="新增井盖数量", value="≥40个", description=""))
    inds[5]["value"] = "显著改善"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "perfeditor", "apply", str(path), str(edited)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    again, fresh = read_document(path)
    assert dump_document(again) == data
    assert _runs(fresh) == [("basis", 0, 3), ("basis", 5, 6)]


# -- the mapping itself ------------------------------------------------------------------------

def _inds(*bases: str) -> list[Indicator]:
    return [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{k}", basis=b) for k, b in enumerate(bases)]


def test_follow_merges_by_identity():
    inds = _inds("依据", "", "", "另一依据")
    uids, keys = [i.uid for i in inds], [C.indicator_key(i) for i in inds]
    runs = [("basis", 0, 2)]
    assert C.follow_merges(runs, uids, keys, inds) == [("basis", 0, 2)]
    moved = [inds[1], inds[0], inds[2], inds[3]]  # the first row moved down: its value leaves the top
    assert C.follow_merges(runs, uids, keys, moved) == [("basis", 1, 2)]
    assert C.follow_merges(runs, uids, keys, [inds[0], inds[3], inds[1], inds[2]]) == []  # run broken up
    assert C.follow_merges(runs, uids, keys, inds[1:]) == []  # the row holding the value removed
    added = [inds[0], *_inds(""), inds[1], inds[2], *_inds(""), inds[3]]
    assert C.follow_merges(runs, uids, keys, added) == [("basis", 0, 3)]  # inside joins, after does not
    assert C.follow_merges(runs, uids, keys, [inds[0], inds[1], inds[3]]) == [("basis", 0, 1)]
    assert C.follow_merges(runs, uids, keys, [inds[0], inds[2]]) == [("basis", 0, 1)]
    inds[1].basis = "依据"  # the first row removed, its text moved to the next (as the window does)
    assert C.follow_merges(runs, uids, keys, inds[1:]) == [("basis", 0, 1)]


def test_follow_merges_by_name_when_identities_are_gone():
    inds = _inds("依据", "", "", "另一依据")
    keys = [C.indicator_key(i) for i in inds]
    fresh = [i.copy_fresh() for i in inds]
    fresh.insert(2, Indicator(level1="产出指标", level2="数量指标", level3="新指标"))
    assert C.follow_merges([("basis", 0, 2)], [i.uid for i in inds], keys, fresh) == [("basis", 0, 3)]


def test_compose_merges_the_cells_listed():
    from perfeditor.model import Project

    p = Project(name="项目", indicators=_inds("依据", "", "", "另一依据"))
    t = C.compose(p, "hebei-project", 1, [("basis", 0, 2)])
    first = t.header_rows[1] + 1
    basis_col = t.n_cols - 1
    cells = [c for c in t.cells if c.col == basis_col and c.row >= first]
    assert [(c.row - first, c.rows, c.text) for c in cells] == [(0, 3, "依据"), (3, 1, "另一依据")]
    plain = C.compose(p, "hebei-project", 1)
    assert [c.rows for c in plain.cells if c.col == basis_col and c.row >= first] == [1, 1, 1, 1]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_after_a_structural_save_the_map_follows_the_documents_own_indicators(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    _add_rows(doc)
    doc.projects.append(doc.projects[0].model_copy(deep=True, update={"uid": 10**9, "title": "2、二期绩效目标表"}))
    save_document(doc, path, source_map=smap)  # (.xlsx: a form added, the map is read again)
    block = smap.of(doc.projects[0]).block
    assert sorted(block.merges) == [("basis", 0, 3), ("basis", 5, 6)]
    assert block.uids == [i.uid for i in doc.projects[0].indicators]
    inds = doc.projects[0].indicators
    inds[1].level3, inds[2].level3 = inds[2].level3, inds[1].level3  # renamed: only the uids tell them
    inds[1], inds[2] = inds[2], inds[1]
    again, fresh = _saved(doc, path, smap)
    assert sorted(fresh.of(again.projects[0]).block.merges) == [("basis", 0, 3), ("basis", 5, 6)]


# -- a copied project (issue 10: one rule for both formats) ---------------------------------------

def _duplicate(doc, smap, origin, note: bool = True):
    """``origin`` duplicated as the window's 复制项目 does (new identities), appended; ``note``: the
    map told it is a copy (the window does)."""

    copy = origin.copy_fresh()
    copy.name = f"{origin.name}（副本）"
    if note:
        smap.note_copy(copy, origin)
    doc.projects.append(copy)
    return copy


def _save_and_read(doc, path, smap):
    save_document(doc, path, source_map=smap)
    want = dump_document(doc)  # (the copy's title renumbered by the save)
    again, fresh = read_document(path)
    assert dump_document(again) == want
    return [sorted(fresh.of(p).block.merges) if fresh.of(p).block is not None else [] for p in again.projects]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_copied_project_takes_the_merges_of_its_original(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    copy = _duplicate(doc, smap, doc.projects[0])
    assert _save_and_read(doc, path, smap) == [READ_RUNS, READ_RUNS]
    assert sorted(smap.of(copy).block.merges) == READ_RUNS  # the held map: the copy placed, as written
    if kind == "xlsx":  # the copy's rows (16 further down) merged as the original's
        assert _xlsx_basis_merges(path) == ["G10:G12", "G14:G15", "G26:G28", "G30:G31"]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_copy_follows_its_original_by_the_indicators_names(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    copy = _duplicate(doc, smap, doc.projects[0])
    copy.indicators[0].level3 = "整治背街小巷条数"  # renamed: the run it held matches no more
    copy.indicators.insert(5, Indicator(level1="效益指标", level2="社会效益指标", level3="商户经营环境"))
    twice = _duplicate(doc, smap, copy)  # a copy of the copy: its origin's, followed
    assert _save_and_read(doc, path, smap) == [READ_RUNS, [("basis", 4, 6)], [("basis", 4, 6)]]
    assert twice is doc.projects[2]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_new_project_that_is_not_a_copy_has_no_merges(tmp_path, kind):
    path, doc, smap = _open(tmp_path, kind)
    _duplicate(doc, smap, doc.projects[0], note=False)  # same rows, but made anew (not 复制项目)
    assert _save_and_read(doc, path, smap) == [READ_RUNS, []]


# -- a run crossing the split of a form split over pages ------------------------------------------

SPLIT = OWN_FIXTURES / "acceptance"


def _rewrite(src, dst, member, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == member else data)


def _merge_xlsx(data: bytes) -> bytes:
    """The first form's 指标值确定依据 merged over the last two rows of its first part (G12:G13)."""
    text = data.decode()
    assert '<c r="G13" s="1" t="s"><v>31</v></c>' in text
    text = text.replace('<c r="G13" s="1" t="s"><v>31</v></c>', '<c r="G13" s="1"/>')
    return re.sub(r'<mergeCells count="(\d+)">',
                  lambda m: f'<mergeCells count="{int(m.group(1)) + 1}"><mergeCell ref="G12:G13"/>', text).encode()


def _merge_docx(data: bytes) -> bytes:
    """The same in the .docx: the last two rows of the first form's first table, vMerge."""
    root = etree.fromstring(data)
    rows = next(root.iter(f"{W}tbl")).findall(f"{W}tr")
    for tr, restart in ((rows[-2], True), (rows[-1], False)):
        tc = tr.findall(f"{W}tc")[-1]
        merge = etree.SubElement(tc.find(f"{W}tcPr"), f"{W}vMerge")
        if restart:
            merge.set(f"{W}val", "restart")
        else:
            for t in tc.iter(f"{W}t"):
                t.text = ""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _docx_vmerges_of_table(path, k: int) -> list[str | None]:
    """The w:vMerge of the last cell (指标值确定依据) of each row of the ``k``-th table."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    out = []
    for tr in list(root.iter(f"{W}tbl"))[k].findall(f"{W}tr"):
        merge = tr.findall(f"{W}tc")[-1].find(f"{W}tcPr/{W}vMerge")
        out.append(None if merge is None else merge.get(f"{W}val", "continue"))
    return out


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_rows_joining_a_run_at_the_end_of_a_part_stay_in_that_part(tmp_path, kind):
    """Rows inserted inside a run merged down at the end of a split form's first part stay in
    that part (they used to push its last rows into the next part, where the run was cut): the
    part grows and the run covers them; the next part has no merged cell of its own."""
    path = tmp_path / f"split.{kind}"
    if kind == "xlsx":
        _rewrite(SPLIT / "var_split.xlsx", path, "xl/worksheets/sheet1.xml", _merge_xlsx)
    else:
        _rewrite(SPLIT / "var_split.docx", path, "word/document.xml", _merge_docx)
    doc, smap = read_document(path)
    assert doc.projects[0].variant.split and _runs_of(smap, doc) == [("basis", 1, 2)]
    for k in range(2):  # inside the run, 指标值确定依据 empty: they join it
        doc.projects[0].indicators.insert(2, Indicator(level1="产出指标", level2="质量指标",
                                                       level3=f"资金到位率{k}", value="100%"))
    want = dump_document(doc)
    save_document(doc, path, source_map=smap)
    again, fresh = read_document(path)
    assert dump_document(again) == want  # nothing repeated in the next part
    assert again.projects[0].variant.split
    assert _runs_of(fresh, again) == _runs_of(smap, doc) == [("basis", 1, 4)]
    if kind == "docx":
        assert _docx_vmerges_of_table(path, 0)[-4:] == ["restart", "continue", "continue", "continue"]
        assert set(_docx_vmerges_of_table(path, 1)) == {None}
    else:
        assert _xlsx_basis_merges(path) == ["G12:G15"]


def _runs_of(smap, doc):
    block = smap.of(doc.projects[0]).block
    return sorted(block.merges) if block is not None else []


def test_cut_merges_ends_each_run_in_its_part():
    assert C.cut_merges([("basis", 1, 4), ("note", 3, 6), ("basis", 5, 6)], [3, 2, 4]) == \
        [("basis", 1, 2), ("note", 3, 4), ("basis", 5, 6)]
    assert C.cut_merges([("basis", 2, 4)], [3, 4]) == []  # one row left in its part: not merged
    assert C.cut_merges([("basis", 0, 5)], [9]) == [("basis", 0, 5)]


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_undo_after_saving_a_deleted_first_merged_row_merges_it_again(tmp_path, kind):
    """Delete the first row of a merged run (its 指标值确定依据 moves to the next row: one undo
    step), save, undo, save again: the run is merged over the row put back, as before (issue 10:
    the map then knew only the run as last written, which did not hold that row, and the rows
    came back unmerged)."""
    from perfeditor import editing

    path, doc, smap = _open(tmp_path, kind)
    p = doc.projects[0]
    first, second = p.indicators[0], p.indicators[1]
    before = dump_document(doc)
    carried = editing.set_field(doc, second, "basis", first.basis, p)  # as the window's delete does
    removed = editing.removed_rows(editing.remove_rows(doc, p, "indicators", [0]))
    again, fresh = _saved(doc, path, smap)
    assert _runs(fresh) == [("basis", 0, 1), ("basis", 3, 4)]
    editing.restore_rows(doc, p, "indicators", removed)  # Ctrl+Z: the row back, its text moved back
    editing.set_field(doc, second, "basis", carried.fields()[0].old, p)
    assert dump_document(doc) == before
    assert smap.merges_of(p) == READ_RUNS  # the window shows it merged again
    again, fresh = _saved(doc, path, smap)
    assert _runs(fresh) == READ_RUNS
    assert smap.merges_of(p) == READ_RUNS  # the held map: as written
    if kind == "docx":
        assert _vmerge_runs(_docx_basis_column(path)) == [(0, 2), (4, 5)]
    else:
        assert _xlsx_basis_merges(path) == ["G10:G12", "G14:G15"]
    redo = editing.set_field(doc, second, "basis", first.basis, p)  # Ctrl+Y: deleted again
    editing.remove_rows(doc, p, "indicators", [0])
    assert redo and smap.merges_of(p) == [("basis", 0, 1), ("basis", 3, 4)]
