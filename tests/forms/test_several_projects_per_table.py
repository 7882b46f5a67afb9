"""Several projects inside one table, each starting at a full-width title row (``2、…绩效目标表``):
every layout, .docx and .xlsx (fixtures made by LibreOffice from HTML: see
tests/fixtures/docx/make_multi.py). Each reads as its own project, and saving edits keeps them
in the one table."""
from __future__ import annotations

import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from perfeditor.io import load_document, plan_save, read_document
from perfeditor.model import Project, dump_document
from tests.conftest import collapse_ws

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NAMES = ["multi_hebei_project", "multi_hebei_graded", "multi_mof_2021", "multi_mof_2015"]
FILES = [FIXTURES / kind / f"{name}.{kind}" for name in NAMES for kind in ("docx", "xlsx")]


def _plain(dump: dict) -> dict:
    out = collapse_ws(dump)
    out.pop("department", None)
    for p in out["projects"]:
        p["spending_plan"] = p.get("spending_plan") or {}
        for part in (p["budget"], p["spending_plan"]):  # (Calc's HTML import makes 100.00 the number 100)
            for k, v in part.items():
                part[k] = _number(v)
    return out


def _number(text: str) -> str:
    try:
        return f"{Decimal(text).normalize():f}"
    except ArithmeticError:
        return text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_project_of_the_table_is_read_on_its_own(path):
    expected = json.loads(path.with_name(path.name + ".dump.json").read_text(encoding="utf-8"))
    doc = load_document(path)
    assert [p.title for p in doc.projects] == [p["title"] for p in expected["projects"]]
    got, want = _plain(dump_document(doc)), _plain(expected)
    for g, w in zip(got["projects"], want["projects"], strict=True):
        assert {k: v for k, v in g.items() if k in w} == w
    if path.suffix == ".docx":
        assert all(p.variant.title_as_row for p in doc.projects)


def _edit_value(doc):
    doc.projects[1].goals = "改过的年度目标"
    doc.projects[0].indicators[0].level3 = "改过的指标"


def _add_row(doc):
    p = doc.projects[0]
    new = p.indicators[-1].copy_fresh()
    new.level3 = "新增指标"
    p.indicators.append(new)


def _remove_first(doc):
    del doc.projects[0]


def _remove_last(doc):
    del doc.projects[-1]


def _swap(doc):
    doc.projects.reverse()


def _add_project(doc):
    copy = Project.model_validate(doc.projects[0].model_dump(exclude={"uid"}))
    copy.title, copy.name, copy.goals = "3、新增项目绩效目标表", "新增项目", "新增项目的目标"
    copy.indicators[0].level3 = "新增的指标"
    doc.projects.append(copy)


EDITS = [_edit_value, _add_row, _remove_first, _remove_last, _swap, _add_project]


def _tables(path) -> int:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").count(b"<w:tbl>")


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_edits_are_saved_in_the_shared_table(path, edit, tmp_path):
    target = tmp_path / path.name
    shutil.copy(path, target)
    doc, doc_map = read_document(target)
    edit(doc)
    plan = plan_save(doc, target, source_map=doc_map)  # (numbered titles follow projects removed and moved)
    want = collapse_ws(dump_document(doc))
    assert [p.title.split("、")[0] for p in doc.projects] == [str(k) for k in range(1, len(doc.projects) + 1)]
    assert plan.losses == []  # (forms moved inside a sheet too: their rows change places)
    plan.write()
    again = load_document(target)
    assert collapse_ws(dump_document(again))["projects"] == want["projects"]
    if path.suffix == ".docx":
        assert _tables(target) == 1  # still one table of forms


@pytest.mark.parametrize("name", NAMES)
def test_a_copy_put_above_the_shared_table_joins_it(name, tmp_path):
    """A copy of the first project put in front of it (复制项目, then 上移 of the original) goes
    into the table the forms share, as its first form — not as a form of its own above it."""
    from perfeditor import editing
    from perfeditor.editing.rename import renamed_title
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml
    from perfeditor.io.docx.text import W_TBL

    path = tmp_path / f"{name}.docx"
    shutil.copy(FIXTURES / "docx" / f"{name}.docx", path)
    doc, places = read_document(path)
    tables = sum(1 for b in body_blocks(parse_document_xml(path)) if b.tag == W_TBL)
    first = doc.projects[0]
    copy = Project.model_validate(first.model_dump(exclude={"uid"}))
    copy.name = f"{first.name}（副本）"
    copy.title = renamed_title(first.title, first.name, copy.name) or first.title
    editing.insert_project(doc, 1, copy)
    editing.move_project(doc, 0, 1)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    again, again_places = read_document(path)
    assert _plain(dump_document(again)) == _plain(dump_document(doc))
    assert sum(1 for b in body_blocks(parse_document_xml(path)) if b.tag == W_TBL) == tables
    assert len({tuple(again_places.projects[p.uid].blocks) for p in again.projects}) == 1



@pytest.mark.parametrize("name", NAMES)
def test_a_copy_left_alone_after_the_shared_forms_are_removed_is_one_table(name, tmp_path):
    """The forms of the shared table removed, a copy of one of them left (复制项目, then 删除项目 of
    both originals): the copy is one table as the forms it was copied from were, not a header
    table and an indicator table (the look of a new file, taken when no form of the file was left
    to follow), which read back as another shape than the project's."""
    from perfeditor import editing
    from perfeditor.editing.rename import renamed_title
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml
    from perfeditor.io.docx.text import W_TBL

    path = tmp_path / f"{name}.docx"
    shutil.copy(FIXTURES / "docx" / f"{name}.docx", path)
    doc, places = read_document(path)
    last = doc.projects[-1]
    copy = Project.model_validate(last.model_dump(exclude={"uid"}))
    copy.name = f"{last.name}（副本）"
    copy.title = renamed_title(last.title, last.name, copy.name) or last.title
    editing.insert_project(doc, len(doc.projects), copy)
    for _ in range(len(doc.projects) - 1):
        editing.remove_project(doc, 0)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    again = load_document(path)
    assert _plain(dump_document(again)) == _plain(dump_document(doc))
    assert sum(1 for b in body_blocks(parse_document_xml(path)) if b.tag == W_TBL) == 1
    assert [p.variant.two_tables for p in again.projects] == [False]

def _title_texts(path: Path) -> list[str]:
    """Every text of the file that reads as a numbered form title (``2、…绩效目标表``; not the
    heading 预算项目绩效目标表 above the table), in order (.docx paragraphs, cells included;
    .xlsx cells)."""
    from perfeditor.forms.titles import split_ordinal
    from perfeditor.forms.vocabulary import looks_like_title

    if path.suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path)
        texts = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    else:
        from lxml import etree

        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        with zipfile.ZipFile(path) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        texts = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")]
    return [t.strip() for t in texts if looks_like_title(t.strip()) and split_ordinal(t)[0] is not None]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_form_has_one_title_and_renumbering_leaves_no_old_number(path, tmp_path):
    """Each form of the shared table has one title row (the fixture once had two, one from the
    table and one from the form's HTML, and only the one read as the title was renumbered): after
    the forms change places, every title in the file is a project's new title."""
    target = tmp_path / path.name
    shutil.copy(path, target)
    doc, doc_map = read_document(target)
    assert _title_texts(target) == [p.title for p in doc.projects]
    doc.projects.reverse()
    plan_save(doc, target, source_map=doc_map).write()
    assert _title_texts(target) == [p.title for p in doc.projects] == \
        [f"{k}、{p.name}{p.title.split(p.name, 1)[1]}" for k, p in enumerate(doc.projects, 1)]
