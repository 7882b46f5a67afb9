"""Reading gives the document and its source map, held by whoever saves: no file coordinates in
the model or in ``.perf.json``, no cache shared between documents (issue 10, item 2)."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from perfeditor.io import load_document, plan_save, read_document, save_document
from perfeditor.io.native import native_dict
from perfeditor.model import Department, FormVariant, Project, dump_document
from tests.conftest import PUBLIC_FIXTURES

DOCX = ("dingzhou_2020.docx", "pingxiang_2020_part.docx")
XLSX = ("dingzhou_2020.xlsx", "leting_2024.xlsx")
_COORDINATES = ("extras", "source_ref", "cells", "blocks", "block", "first_row", "last_row",
                "sheet", "digest")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _keys(data) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


def test_the_model_has_no_place_for_file_coordinates():
    assert "extras" not in FormVariant.model_fields
    assert "source_ref" not in Project.model_fields
    assert "source" not in Department.model_fields


@pytest.mark.parametrize("name", DOCX + XLSX)
def test_perf_json_holds_no_coordinates(name, tmp_path):
    doc, places = read_document(PUBLIC_FIXTURES / name)
    assert places.projects  # the reader recorded where the forms are …
    variants = [out["variant"] for out in native_dict(doc)["projects"]]
    assert not _keys(variants) & set(_COORDINATES)  # … beside the document, never in it
    out = tmp_path / "work.perf.json"
    save_document(doc, out, source_map=places)
    assert not _keys(json.loads(out.read_text(encoding="utf-8"))) & {"extras", "source_ref", "cells"}


def test_an_old_perf_json_with_coordinates_still_loads(tmp_path):
    doc = load_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    data = native_dict(doc)
    for out in data["projects"]:  # as files written before the source map kept them
        out["variant"]["extras"] = {"cells": {"name": [3, 2]}, "block": {"data_row": 9}, "form_index": 0}
    path = tmp_path / "old.perf.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    got, places = read_document(path)
    assert dump_document(got) == dump_document(doc)
    assert places.is_empty()  # a .perf.json is never patched in place


def _copies(tmp_path: Path, names) -> list[Path]:
    out = []
    for k, name in enumerate(names):
        dst = tmp_path / f"{k}-{name}"
        shutil.copy(PUBLIC_FIXTURES / name, dst)
        out.append(dst)
    return out


@pytest.mark.parametrize("names", [DOCX, XLSX, (DOCX[0], XLSX[0])], ids=["docx", "xlsx", "mixed"])
@pytest.mark.parametrize("reading", ["in order", "reversed"])
def test_two_documents_each_patch_their_own_file(names, reading, tmp_path):
    paths = _copies(tmp_path, names)
    order = paths if reading == "in order" else paths[::-1]
    opened = {path: read_document(path) for path in order}
    befores = {path: _members(path) for path in paths}
    for k, path in enumerate(reversed(order)):  # saved in the other order than read
        doc, places = opened[path]
        doc.projects[0].goals = f"第{k}个文件改过的目标"
        plan = plan_save(doc, path, source_map=places)
        assert plan.losses == []  # in place: nothing of the file is dropped
        plan.write()
        assert plan.source_map is places
    for path in paths:
        assert dump_document(load_document(path)) == dump_document(opened[path][0])
        after = _members(path)
        changed = [n for n in befores[path] if befores[path][n] != after[n]]
        assert len(changed) == 1 and changed[0].startswith(("word/document.xml", "xl/worksheets/")), changed


@pytest.mark.parametrize("name", [DOCX[0], XLSX[0]])
def test_the_same_file_read_twice_gives_independent_maps(name, tmp_path):
    (path,) = _copies(tmp_path, [name])
    first, first_map = read_document(path)
    second, second_map = read_document(path)
    assert first_map is not second_map
    assert set(first_map.projects).isdisjoint(second_map.projects)  # each keyed by its own projects
    assert set(first_map.projects) == {p.uid for p in first.projects}
    kept = {uid: (place.blocks, place.first_row, place.digest) for uid, place in second_map.projects.items()}
    first.projects[1].indicators.pop()  # rows removed: the places of the forms after it move
    del first.projects[2]
    save_document(first, path, source_map=first_map)
    assert {uid: (place.blocks, place.first_row, place.digest)
            for uid, place in second_map.projects.items()} == kept  # the other map is untouched


@pytest.mark.parametrize("name", [DOCX[0], XLSX[0]])
def test_a_second_save_patches_in_place_again(name, tmp_path):
    (path,) = _copies(tmp_path, [name])
    doc, places = read_document(path)
    doc.projects[1].indicators.pop()  # the rows below move up
    save_document(doc, path, source_map=places)
    before = _members(path)
    doc.projects[3].goals = "第二次保存改的目标"
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    after = _members(path)
    assert len([n for n in before if before[n] != after[n]]) == 1
    assert dump_document(load_document(path)) == dump_document(doc)


@pytest.mark.parametrize("name", [DOCX[0], XLSX[0]])
def test_a_document_without_its_map_is_written_anew(name, tmp_path):
    (path,) = _copies(tmp_path, [name])
    doc = load_document(path)  # read for looking at: no map
    doc.projects[0].goals = "改"
    assert plan_save(doc, path).losses  # the clerk is asked: the file would be rebuilt
    same, same_map = read_document(path)
    same.projects[0].goals = "改"
    assert plan_save(same, path, source_map=same_map).losses == []


def test_a_map_of_another_file_is_not_used(tmp_path):
    a, b = _copies(tmp_path, [DOCX[0], DOCX[0]])
    doc, _ = read_document(a)
    _, other_map = read_document(b)
    doc.projects[0].goals = "改"
    assert plan_save(doc, a, source_map=other_map).losses  # not a's map: written anew, asked first


def test_a_document_of_another_format_is_never_patched_but_keeps_its_numbering(tmp_path):
    src = Path(__file__).parent / "fixtures" / "formats" / "soffice" / "public--leting_2024.xls"
    path = tmp_path / src.name
    shutil.copy(src, path)
    doc, places = read_document(path)
    assert doc.format == "" and places.format == "xlsx"  # saved as .xlsx, never back into the .xls
    assert doc.first_number == 1  # its forms are numbered from 1: later saves keep counting
    new = Project.model_validate(doc.projects[0].model_dump())
    new.title, new.name = "新项目绩效目标表", "新项目"
    doc.projects.insert(1, new)
    out = tmp_path / "转换.xlsx"
    save_document(doc, out, source_map=places)
    assert [p.title.split(".")[0] for p in load_document(out).projects][:3] == ["1", "2", "3"]


def _full_project() -> Project:
    """A project with every field the dump shows set (and the graded form's standards)."""
    from perfeditor.model import Budget, Indicator

    texts = {k: f"{k}值" for k in ("title", "name", "code", "unit", "implementer", "kind", "period",
                                    "source", "purpose", "goals", "goals_midterm")}
    budget = Budget(**{k: f"{i}.5" for i, k in enumerate(
        ("total", "fiscal", "other", "superior", "local", "midterm_total", "midterm_fiscal",
         "midterm_other"))})
    inds = [Indicator(**{k: f"{k}{n}" for k in ("level1", "level2", "level3", "description", "value",
                                                 "value_midterm", "basis", "note", "weight")},
                      grades={"优": "≥90", "良": "≥80"}) for n in range(2)]
    return Project(**texts, budget=budget, spending_plan={"3月": "20", "6月": "50"}, indicators=inds)


def _changes(value):
    """Every leaf of a dump (path → value) as (path, a different value of the same type)."""
    if isinstance(value, dict):
        for k, v in value.items():
            for path, new in _changes(v):
                yield (k, *path), new
    elif isinstance(value, list):
        for i, v in enumerate(value):
            for path, new in _changes(v):
                yield (i, *path), new
    else:
        yield (), (value or "") + "改"


def _each_change_tells(base, dump) -> None:
    """Every leaf of ``dump(base)`` changed alone gives a digest of its own."""
    seen = {base.content_fingerprint()}
    changed = 0
    for path, new in _changes(dump(base)):
        p = base.model_copy(deep=True)
        obj = p
        for step in path[:-1]:
            obj = obj[step] if isinstance(step, int) or isinstance(obj, dict) else getattr(obj, step)
        if isinstance(obj, dict):
            obj[path[-1]] = new
        else:
            setattr(obj, path[-1], new)
        assert dump(p) != dump(base)
        seen.add(p.content_fingerprint())
        changed += 1
    assert changed >= 5 and len(seen) == changed + 1


def test_the_content_fingerprint_tells_every_field_of_the_dump():
    """The digest a read keeps of each project changes with anything ``dump`` shows, and only
    with that: a save decides by it which forms stay untouched."""
    from perfeditor.model.dump import dump_project

    base = _full_project()
    _each_change_tells(base, dump_project)
    same = base.model_copy(deep=True)
    same.spending_plan = dict(reversed(list(same.spending_plan.items())))  # dict order: not content
    same.indicators[0].grades = dict(reversed(list(same.indicators[0].grades.items())))
    same.budget.unit = "元"  # the amount unit: not in the dump
    same.variant.two_tables = True  # how it was laid out: not content
    assert dump_project(same) == dump_project(base)
    assert same.content_fingerprint() == base.content_fingerprint()
    bare = Project(name="甲", spending_plan={})
    assert bare.content_fingerprint() == Project(name="甲").content_fingerprint()
    assert Project(name="甲").content_fingerprint() != Project(code="甲").content_fingerprint()
    import sys

    shared, interned = "".join(["项目", "甲"]), sys.intern("abc")  # the same object twice …
    twice = Project(name=shared, code=shared, unit=interned, kind=interned)
    apart = Project(name="".join(["项", "目甲"]), code="项目甲", unit="".join(["a", "bc"]), kind="ab" + "c")
    assert twice.content_fingerprint() == apart.content_fingerprint()  # … or equal ones: same digest


def test_the_department_fingerprint_tells_every_field_of_the_dump():
    from perfeditor.model import DepartmentItem, DepartmentTask
    from perfeditor.model.dump import dump_department

    full = _full_project()
    table = Department(overall="总体", items=[DepartmentItem(title="一", goal="目标", indicator="指标")],
                       measures="措施", name="某局", form="table", budget=full.budget,
                       tasks=[DepartmentTask(name="任务", content="内容", total="1", fiscal="2", other="3")],
                       indicators=full.indicators)
    _each_change_tells(table, dump_department)
    narrative = table.model_copy(update={"form": "narrative"})
    _each_change_tells(narrative, dump_department)
    assert narrative.content_fingerprint() != table.content_fingerprint()
    same = table.model_copy(deep=True)
    same.indicators[0].grades = dict(reversed(list(same.indicators[0].grades.items())))
    assert same.content_fingerprint() == table.content_fingerprint()  # dict order: not content
    assert narrative.content_fingerprint() == narrative.model_copy(update={"name": "别的"}).content_fingerprint()
