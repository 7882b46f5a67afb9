"""`perfeditor apply FILE EDITED.json [-o OUT]`, run as a subprocess: the JSON (in the shape of
`perfeditor dump`) is written into the file with the window's save plan — only what differs
changes — and `perfeditor dump` of the result gives the JSON back."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import PUBLIC_FIXTURES
from tests.workbooks import sample_copy, with_notes_sheet


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfeditor", *map(str, args)],
                          capture_output=True, timeout=300)


def dump(path) -> dict:
    out = run_cli("dump", path)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    return json.loads(out.stdout.decode("utf-8"))


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _write(tmp_path, data, name="edited.json"):
    target = tmp_path / name
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


@pytest.fixture(params=["dingzhou_2020.docx", "dingzhou_2020.xlsx"])
def copy(request, tmp_path):
    return sample_copy(request.param, tmp_path)


def test_a_value_edit_changes_one_part_and_dumps_back(copy, tmp_path):
    data = dump(copy)
    data["projects"][2]["budget"]["total"] = "88.88"
    data["projects"][2]["indicators"][0]["value"] = "≥99%"
    before = _members(copy)
    out = run_cli("apply", copy, _write(tmp_path, data))
    assert out.returncode == 0 and out.stderr == b""
    after = _members(copy)
    assert [n for n in before if before[n] != after[n]] in (["word/document.xml"],
                                                            ["xl/worksheets/sheet2.xml"])
    assert dump(copy) == data


def test_projects_added_removed_and_moved_in_the_json(copy, tmp_path):
    data = dump(copy)
    first = data["projects"].pop(0)
    data["projects"].insert(3, first)  # moved (matched by position: contents move)
    del data["projects"][7]
    extra = json.loads(json.dumps(data["projects"][1]))
    extra["title"], extra["name"] = "21、新增的项目绩效目标表", "新增的项目"
    data["projects"].append(extra)
    assert run_cli("apply", copy, _write(tmp_path, data)).returncode == 0
    assert dump(copy) == data


def test_output_elsewhere_leaves_the_file_alone(copy, tmp_path):
    data = dump(copy)
    data["projects"][0]["goals"] = "批量修改的目标"
    before = copy.read_bytes()
    out_path = tmp_path / f"out{copy.suffix}"
    out = run_cli("apply", copy, _write(tmp_path, data), "-o", out_path)
    assert out.returncode == 0
    assert copy.read_bytes() == before
    assert dump(out_path) == data


@pytest.mark.parametrize("text, says", [
    ('{"projects": 3}', "不是 perfeditor dump 的格式"),
    ('{"projects": [{"indicators": {}}]}', "indicators"),
    ('[1, 2', "不是有效的 JSON"),
])
def test_invalid_json_is_refused_with_one_chinese_line(copy, tmp_path, text, says):
    edited = tmp_path / "bad.json"
    edited.write_text(text, encoding="utf-8")
    before = copy.read_bytes()
    out = run_cli("apply", copy, edited)
    err = out.stderr.decode("utf-8")
    assert out.returncode == 2 and says in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and copy.read_bytes() == before


def test_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a zip")
    out = run_cli("apply", bad, _write(tmp_path, {"projects": []}))
    assert out.returncode == 2 and len(out.stderr.decode("utf-8").strip().splitlines()) == 1


def test_what_cannot_be_kept_is_said_on_stderr(tmp_path):
    import openpyxl

    last = openpyxl.load_workbook(PUBLIC_FIXTURES / "leting_2024.xlsx", read_only=True).sheetnames[-1]
    path, _ = with_notes_sheet(PUBLIC_FIXTURES / "leting_2024.xlsx", tmp_path / "乐亭.xlsx",
                               formula=f"='{last}'!B3")
    data = dump(path)
    data["projects"].pop()  # its sheet goes, but the notes' formula points at it: not in place
    out = run_cli("apply", path, _write(tmp_path, data))
    err = out.stderr.decode("utf-8")
    assert out.returncode == 0 and "工作表“备注”" in err and "重新生成" in err
    assert len(err.strip().splitlines()) == 1
    assert dump(path) == data


@pytest.mark.parametrize("name", ["multi_hebei_graded.docx", "multi_hebei_graded.xlsx"])
def test_a_value_the_form_has_no_column_for_is_said_on_stderr(tmp_path, name):
    """河北分级表 has no 指标值 column: an edited value cannot be kept, and stderr says so in both
    formats (the .xlsx in-place save said nothing); the file, with nothing to write, is untouched
    (the .xlsx sheet was written out again, the .docx table rebuilt)."""
    import shutil
    from pathlib import Path

    src = Path(__file__).resolve().parent / "fixtures" / name.rsplit(".", 1)[1] / name
    path = tmp_path / name
    shutil.copy(src, path)
    data = dump(path)
    data["projects"][0]["indicators"][0]["value"] = "≥95%"
    before = path.read_bytes()
    out = run_cli("apply", path, _write(tmp_path, data))
    assert out.returncode == 0
    lines = out.stderr.decode("utf-8").strip().splitlines()
    assert lines == [f"perfeditor: 河北分级评价标准绩效目标表没有“指标值”栏，“{data['projects'][0]['name']}”的该项内容未写入。"]
    assert path.read_bytes() == before  # nothing the form holds changed: the file is as it was


MULTI = [f"{kind}/multi_{name}.{kind}" for name in ("hebei_project", "hebei_graded", "mof_2015", "mof_2021")
         for kind in ("docx", "xlsx")]


@pytest.mark.parametrize("name", MULTI)
def test_a_copy_repeating_the_number_before_it_in_a_shared_table_reads_back_as_its_own_form(tmp_path, name):
    """Several forms in one table: a copy of the first project put after it keeps the first's
    number (``1、…``, as real files sometimes number two forms alike) — once with its own name in
    the title, once word for word the first's title. ``apply`` writes the titles the JSON gives
    (no renumbering: the dump of the result equals the JSON), and the reader starts a form at
    every title row followed by a header block, whatever its number, so the copy is not read as
    part of the form before it."""
    from tests.conftest import OWN_FIXTURES

    path = tmp_path / name.replace("/", "_")
    for same_title in (False, True):
        shutil.copy(OWN_FIXTURES / name, path)
        data = dump(path)
        first = data["projects"][0]
        copy = json.loads(json.dumps(first))
        if not same_title:
            copy["name"] = first["name"] + "二期"
            copy["title"] = first["title"].replace(first["name"], copy["name"], 1)
        copy["indicators"][0]["level3"] = "副本的指标"
        data["projects"].insert(1, copy)
        out = run_cli("apply", path, _write(tmp_path, data))
        assert out.returncode == 0 and out.stderr == b"", out.stderr.decode("utf-8", "replace")
        back = dump(path)
        assert [p["title"] for p in back["projects"]] == [p["title"] for p in data["projects"]]
        assert back == data


def test_an_untitled_department_item_after_another_is_kept_and_said(tmp_path):
    """A JSON whose second 分项绩效目标 item has no title: written with its ordinal (else its
    text would read back as the first item's), and stderr says so."""
    path = sample_copy("dingzhou_2020.docx", tmp_path)
    data = dump(path)
    items = data["department"]["items"]
    items[1]["title"] = ""
    out = run_cli("apply", path, _write(tmp_path, data))
    assert out.returncode == 0
    assert out.stderr.decode("utf-8").strip() == "perfeditor: 分项绩效目标第 2 项没有标题，已写为“二、”（否则会并入上一项）。"
    back = dump(path)["department"]["items"]
    assert len(back) == len(items) and back[1]["title"] == "二、"
    assert [i["goal"] for i in back] == [i["goal"] for i in items]


@pytest.mark.parametrize("name", ["xlsx/department_table.xlsx", "public/dingzhou_2020.xlsx"])
def test_the_department_part_removed_in_the_json_goes_from_the_workbook(tmp_path, name):
    """``"department": null``: its rows go (and its sheet, when nothing else is left on it: the
    table form's); the forms' sheets stay as they were. Before, the .xlsx kept the part."""
    from pathlib import Path

    path = tmp_path / Path(name).name
    shutil.copy(Path(__file__).resolve().parent / "fixtures" / name, path)
    before = _members(path)
    data = dump(path)
    assert data["department"] is not None
    data["department"] = None
    out = run_cli("apply", path, _write(tmp_path, data))
    assert out.returncode == 0 and out.stderr == b""
    assert dump(path) == data
    after = _members(path)
    changed = [n for n in before if before[n] != after.get(n)]
    assert all(n.startswith(("xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/", "[Content_Types]",
                             "docProps/")) for n in changed), changed
