"""A split form (its indicator rows go on in a second table under a repeated title) keeps each
indicator in the part that held it: a row inserted into the first part makes that part grow
(it used to push the part's last row into the next part), and a part that starts inside a run of
the same 一级/二级 repeats the label in its first row, as printing does (issue 10)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfeditor.forms.compose import follow_parts
from perfeditor.io import plan_save, read_document

SPLIT = Path(__file__).resolve().parents[1] / "fixtures" / "acceptance"


def _sizes(path: Path) -> list[int]:
    """How many indicator rows each part of the file's first form holds, as read."""
    doc, places = read_document(path)
    place = places.of(doc.projects[0])
    return [len(uids) for _, uids in place.split]


def _insert(p, at: int, template: int, name: str) -> None:
    row = p.indicators[template].copy_fresh()
    row.level3 = name
    p.indicators.insert(at, row)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_rows_inserted_into_a_part_make_that_part_grow_save_after_save(tmp_path, suffix):
    path = tmp_path / f"split{suffix}"
    shutil.copy(SPLIT / f"var_split{suffix}", path)
    assert _sizes(path) == [3, 4]
    doc, places = read_document(path)
    p = doc.projects[0]
    wanted = []
    for at, name, sizes in ((2, "新增指标甲", [4, 4]), (0, "新增指标乙", [5, 4]), (6, "新增指标丙", [5, 5])):
        _insert(p, at, at, name)
        plan = plan_save(doc, path, source_map=places)
        assert plan.losses == []
        plan.write()
        assert _sizes(path) == sizes, name
        wanted = [i.level3 for i in p.indicators]
    again, _ = read_document(path)
    assert [i.level3 for i in again.projects[0].indicators] == wanted
    assert again.projects[0].variant.split


def test_a_part_starting_inside_a_run_repeats_its_labels(tmp_path):
    """(.docx) A row of 效益指标 · 社会效益指标 inserted at the end of the first part: the second
    part starts inside those runs and says so in its first row (it showed empty cells)."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml
    from perfeditor.io.docx.text import iter_cells, iter_rows

    path = tmp_path / "split.docx"
    shutil.copy(SPLIT / "var_split.docx", path)
    doc, places = read_document(path)
    p = doc.projects[0]
    _insert(p, 3, 3, "新增指标甲")
    plan_save(doc, path, source_map=places).write()
    assert _sizes(path) == [4, 4]
    tables = [b for b in body_blocks(parse_document_xml(path)) if b.tag == x.W_TBL]
    first = next(iter_rows(tables[1]))  # the second part's first indicator row
    texts = [x.text_of(tc) for tc in iter_cells(first)]
    assert texts[:3] == ["效益指标", "社会效益指标", "群众居住条件改善"]
    again, _ = read_document(path)
    assert [(i.level1, i.level2) for i in again.projects[0].indicators] == \
        [(i.level1, i.level2) for i in p.indicators]


def test_follow_parts():
    held = [[1, 2, 3], [4, 5]]
    assert follow_parts([3, 2], held, [1, 2, 9, 3, 4, 5]) == [4, 2]  # (9 new: joins the row above)
    assert follow_parts([3, 2], held, [9, 1, 2, 3, 4, 5, 8]) == [4, 3]
    assert follow_parts([3, 2], held, [1, 3, 4]) == [2, 1]
    assert follow_parts([3, 2], held, [1, 2, 3]) == [2, 1]  # (a part emptied: by count)
    assert follow_parts([3, 2], None, [1, 2, 9, 3, 4, 5]) == [3, 3]
