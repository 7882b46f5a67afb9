"""A form split over pages (its title repeated above the second table or rows) stays split when
projects are moved: the moved form's own blocks or rows move, its renumbered title is written
into every repetition, and nothing is rebuilt as one table (issue 10: structural edits keep the
form's variant)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfeditor import editing
from perfeditor.io import plan_save, read_document

SPLIT = Path(__file__).resolve().parents[1] / "fixtures" / "acceptance"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_moved_split_forms_stay_split_and_every_title_is_renumbered(tmp_path, suffix):
    path = tmp_path / f"split{suffix}"
    shutil.copy(SPLIT / f"var_split{suffix}", path)
    doc, places = read_document(path)
    assert all(p.variant.split for p in doc.projects)
    names = [p.name for p in doc.projects]
    editing.move_project(doc, 0, 1)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    again, _ = read_document(path)
    assert [p.name for p in again.projects] == names[::-1]
    assert [p.variant.split for p in again.projects] == [True, True]
    assert [p.title.split(".")[0] for p in again.projects] == ["4", "5"]
    # the repeated titles say the same as the first: no stale number anywhere in the file
    text = _all_text(path)
    for p in again.projects:
        assert text.count(p.title) == 2, p.title


def _all_text(path: Path) -> str:
    if path.suffix == ".docx":
        from perfeditor.io.docx.reader import parse_document_xml
        from perfeditor.io.docx.text import W_P, paragraph_text

        return "\n".join(paragraph_text(p) for p in parse_document_xml(path).iter(W_P))
    import openpyxl

    return "\n".join(str(c.value) for ws in openpyxl.load_workbook(path) for row in ws.iter_rows() for c in row
                     if c.value is not None)


def test_a_page_break_before_a_form_stays_with_its_place(tmp_path):
    """The first form follows the department part on its page, every later one starts a page:
    after moves and a copy the same holds by position (the break used to travel with the form,
    leaving 第二部分 alone on a page and two forms run together)."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml
    from perfeditor.model import Project
    from tests.conftest import PUBLIC_FIXTURES

    def breaks(path):
        doc, places = read_document(path)
        blocks = body_blocks(parse_document_xml(path))
        return [x.starts_page(blocks[places.projects[p.uid].blocks[0]]) for p in doc.projects]

    path = tmp_path / "dingzhou.docx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.docx", path)
    before = breaks(path)
    assert before[0] is False and all(before[1:])
    doc, places = read_document(path)
    second = doc.projects[1]
    copy = Project.model_validate(second.model_dump(exclude={"uid"}))
    copy.name += "（副本）"
    editing.insert_project(doc, 2, copy)
    editing.move_project(doc, 0, 1)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert breaks(path) == [False] + [True] * (len(before))


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_rows_removed_and_added_in_a_split_form_keep_it_split(tmp_path, suffix):
    """Each part keeps its rows; the rows added go to the last part, a row removed comes out of
    its own part — the repeated title stays between the parts (it was dropped, or the form was
    rebuilt as one table)."""
    path = tmp_path / f"split{suffix}"
    shutil.copy(SPLIT / f"var_split{suffix}", path)
    doc, places = read_document(path)
    p = doc.projects[0]
    del p.indicators[2]
    for text in ("新增指标甲", "新增指标乙"):
        row = p.indicators[-1].copy_fresh()
        row.level3 = text
        p.indicators.append(row)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    again, _ = read_document(path)
    assert [p.variant.split for p in again.projects] == [True, True]
    assert [i.level3 for i in again.projects[0].indicators] == [i.level3 for i in p.indicators]
    assert _all_text(path).count(p.title) == 2


def test_a_split_forms_parts_come_from_the_source_map_and_follow_each_save(tmp_path, monkeypatch):
    """The .docx reader records how many indicator rows each part of a split form holds (and the
    rows heading it); a rebuilt form is split again from that record, without reading the
    original again, and the map then holds the parts as written, for the next save."""
    from perfeditor.io.docx import reader

    path = tmp_path / "split.docx"
    shutil.copy(SPLIT / "var_split.docx", path)
    doc, places = read_document(path)
    p = doc.projects[0]
    first = places.of(p).split
    assert len(first) == 2 and [u for _, us in first for u in us] == [i.uid for i in p.indicators]

    def no_reading_again(*_args, **_kwargs):
        raise AssertionError("the original was read again")

    monkeypatch.setattr(reader, "read_tracked", no_reading_again)  # (patching cells reads it: rebuilt)
    sizes = [len(us) for _, us in first]
    for text in ("新增指标甲", "新增指标乙"):  # two saves, each adding a row to the last part
        row = p.indicators[-1].copy_fresh()
        row.level3 = text
        p.indicators.append(row)
        if "修订" not in p.title:
            p.title += "（修订）"
        plan = plan_save(doc, path, source_map=places)
        assert plan.losses == []
        plan.write()
        sizes[-1] += 1
        assert [len(us) for _, us in places.of(p).split] == sizes
    monkeypatch.undo()
    again, _ = read_document(path)
    assert again.projects[0].variant.split
    assert [i.level3 for i in again.projects[0].indicators] == [i.level3 for i in p.indicators]
    assert _all_text(path).count(p.title) == 2
