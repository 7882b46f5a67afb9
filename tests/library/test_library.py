"""The indicator library through its core: learning the sample forms, suggestions by substring and
by pinyin initials, ranking, re-learning a file, clearing, the starter set, the command line."""
from __future__ import annotations

import json

import pytest

from perfeditor import cli
from perfeditor.io import load_document
from perfeditor.library import Library, rows_of_document
from perfeditor.library.pinyin import initials
from perfeditor.library.store import STARTER_FILE, Row
from tests.conftest import public_fixture_files


@pytest.fixture
def lib(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    path = tmp_path_factory.mktemp("lib") / "lib.sqlite3"
    with Library(path) as lib:
        n, failed = lib.add_paths(public_fixture_files())
        assert n == len(public_fixture_files()) and not failed
    return path


def test_pinyin_initials():
    assert initials("满意度") == "myd"
    assert initials("群众满意度") == "qzmyd"
    assert initials("PM2.5浓度") == "pm25nd"


def test_the_sample_forms_teach_群众满意度_for_满意_and_myd(learned):
    with Library(learned) as lib:
        for text in ("满意", "myd", "群众满", "qzmyd"):
            found = lib.search(text, level1="满意度指标", level2="服务对象满意度指标")
            assert found and found[0].name == "群众满意度", (text, [s.name for s in found])
            assert found[0].files >= 3 and found[0].level1 == "满意度指标" and found[0].value
        assert all("满意" in s.name for s in lib.search("满意"))


def test_every_indicator_is_learned_with_its_context(learned):
    doc = load_document(public_fixture_files()[0])
    rows = rows_of_document(doc)
    assert len(rows) == sum(1 for p in doc.projects for i in p.indicators if i.level3.strip())
    with Library(learned) as lib:
        stats = lib.stats()
        assert stats["files"] == len(public_fixture_files())
        assert stats["indicators"] == sum(len(rows_of_document(load_document(p))) for p in public_fixture_files())
        row = lib.db.execute("SELECT level1, level2, description, value, unit, basis, project, year FROM occurrence"
                             " WHERE name = '群众满意度' AND year = 2024").fetchone()
        assert row[0] and row[1] and row[3].endswith("%") and row[4] == "%" and row[6]


def test_the_current_level_ranks_first(lib):
    lib.learn_rows("a", [Row("完成率", "产出指标", "数量指标", value="≥90%")] * 3)
    lib.learn_rows("b", [Row("完成率", "效益指标", "社会效益指标", value="有所提高")])
    assert lib.search("完成率")[0].level1 == "产出指标"  # used more
    assert lib.search("完成率", level1="效益指标")[0].value == "有所提高"


def test_more_files_and_later_years_rank_higher(lib):
    lib.learn_rows("a", [Row("工程验收合格率", "产出指标", "质量指标", year=2020)], year=2020)
    lib.learn_rows("b", [Row("工程完工率", "产出指标", "质量指标", year=2024)], year=2024)
    assert [s.name for s in lib.search("工程")][:2] == ["工程完工率", "工程验收合格率"]
    lib.learn_rows("c", [Row("工程验收合格率", "产出指标", "质量指标", year=2024)], year=2024)
    assert lib.search("工程")[0].name == "工程验收合格率"
    assert lib.search("工程")[0].files == 2


def test_learning_a_file_again_replaces_what_it_taught(lib):
    lib.learn_rows("f", [Row("独特指标甲")] * 2)
    lib.learn_rows("f", [Row("独特指标乙")])
    assert [s.name for s in lib.search("独特指标")] == ["独特指标乙"]
    assert lib.search("独特指标乙")[0].uses == 1


def test_the_starter_set_is_there_and_counts_no_files(lib):
    data = json.loads(STARTER_FILE.read_text(encoding="utf-8"))
    assert len(data["indicators"]) >= 50
    assert lib.stats()["starter"] == len(data["indicators"]) and lib.stats()["files"] == 0
    found = lib.search("zjbfl")
    assert found and found[0].name == "资金拨付率" and found[0].files == 0


def test_clear_forgets_learned_files_but_keeps_the_starter_set(lib):
    lib.learn_rows("f", [Row("群众满意度", "满意度指标", "服务对象满意度指标", value="≥99%")])
    assert lib.search("群众满意度")[0].files == 1
    lib.clear()
    assert lib.stats()["files"] == 0
    top = lib.search("群众满意度")[0]
    assert top.files == 0 and top.value != "≥99%"


def test_by_level_lists_the_indicators_under_both_levels_most_used_first(learned, tmp_path):
    """Ctrl+J in an empty 三级指标 cell: the starter set has 3 经济成本指标 and 15 数量指标."""
    with Library(tmp_path / "starter.sqlite3") as lib:
        for level1, level2, n in (("成本指标", "经济成本指标", 3), ("产出指标", "数量指标", 15)):
            found = lib.by_level(level1, level2)
            assert len(found) == n and {(s.level1, s.level2) for s in found} == {(level1, level2)}
            assert [s.name for s in lib.load_index().by_level(level1, level2)] == [s.name for s in found]
        assert lib.by_level("", "") == [] and lib.load_index().by_level("", "") == []
        assert {s.level1 for s in lib.by_level("满意度指标")} == {"满意度指标"}
    with Library(learned) as lib:
        found = lib.by_level("满意度指标", "服务对象满意度指标")
        assert found[0].name == "群众满意度" and found[0].files >= 3  # the most used first
        assert [s.files for s in found] == sorted((s.files for s in found), reverse=True)
        index = lib.load_index()
        assert [s.name for s in index.by_level("满意度指标", "服务对象满意度指标")] == [s.name for s in found]
        assert len(lib.by_level("产出指标", "数量指标", limit=5)) == 5


def test_nothing_matches_nothing(lib):
    assert lib.search("") == [] and lib.search("   ") == []
    assert lib.search("不存在的指标名称xyz") == []
    assert lib.search('"引号') == []


def test_a_folder_with_an_unreadable_file_reports_it(lib, tmp_path):
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "broken.docx").write_bytes(b"not a zip")
    n, failed = lib.add_paths([tmp_path / "forms"])
    assert n == 0 and len(failed) == 1 and "broken.docx" in failed[0]


# --- command line ----------------------------------------------------------------------------

def test_cli_library_add_search_stats(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PERFEDITOR_DATA_DIR", str(tmp_path))
    folder = public_fixture_files()[0].parent
    assert cli.main(["library", "add", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"已学习 {len(public_fixture_files())} 个文件" in out
    assert cli.main(["library", "search", "myd", "--level1", "满意度指标", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["name"] == "群众满意度" and found[0]["files"] >= 3
    assert set(found[0]) >= {"name", "level1", "level2", "description", "value", "unit", "basis", "files"}
    assert cli.main(["library", "search", "满意"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("群众满意度\t")
    assert cli.main(["library", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["files"] == len(public_fixture_files()) and 2024 in stats["years"]
    assert cli.main(["library", "stats"]) == 0
    assert "已学习文件" in capsys.readouterr().out


def test_cli_library_search_without_a_match_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PERFEDITOR_DATA_DIR", str(tmp_path))
    assert cli.main(["library", "search", "不存在的指标名称xyz"]) == 0
    out, err = capsys.readouterr()
    assert out == "指标库中没有与“不存在的指标名称xyz”相符的指标。\n" and err == ""
    assert cli.main(["library", "search", "不存在的指标名称xyz", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the JSON stays a list


def test_cli_library_search_without_text_lists_by_level(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PERFEDITOR_DATA_DIR", str(tmp_path))
    assert cli.main(["library", "search", "", "--level1", "成本指标", "--level2", "经济成本指标"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(ln.split("\t")[1] == "成本指标 › 经济成本指标" for ln in lines)
    assert cli.main(["library", "search", "", "--level2", "数量指标", "--limit", "20", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 15
    assert cli.main(["library", "search", ""]) == 0
    assert capsys.readouterr().out.startswith("指标库中没有所给一级、二级指标下的指标")


def test_cli_library_add_of_a_missing_file_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PERFEDITOR_DATA_DIR", str(tmp_path))
    assert cli.main(["library", "add", str(tmp_path / "missing.docx")]) == 2
    err = capsys.readouterr().err
    assert "找不到文件" in err and "Traceback" not in err


@pytest.mark.parametrize("text", ["满", "满意", "myd", "m", "群众满意度", "资金", "zjbf", "完成率", "qzmyd", "PM"])
@pytest.mark.parametrize("levels", [("", ""), ("满意度指标", "服务对象满意度指标"), ("产出指标", "数量指标")])
def test_the_in_memory_index_ranks_as_the_database_does(learned, text, levels):
    with Library(learned) as lib:
        index = lib.load_index()
        assert len(index) == lib.stats()["names"] or len(index) >= lib.stats()["names"]
        expected = [(s.name, s.level1, s.level2) for s in lib.search(text, *levels)]
        assert [(s.name, s.level1, s.level2) for s in index.search(text, *levels)] == expected


def test_a_read_only_connection_searches_and_never_creates_a_library(learned, tmp_path):
    import sqlite3

    with Library(learned, readonly=True) as lib:
        assert lib.search("myd", "满意度指标")[0].name == "群众满意度"
        with pytest.raises(sqlite3.OperationalError):
            lib.learn_rows("x", [Row("不应写入")])
    with pytest.raises(sqlite3.OperationalError):
        Library(tmp_path / "none.sqlite3", readonly=True)
    assert not (tmp_path / "none.sqlite3").exists()


def test_pinyin_table_read_without_the_phrase_dictionary():
    """The initials come from pypinyin's character table alone: importing pypinyin would load its
    phrase dictionary too (some 190,000 objects every full garbage collection walks)."""
    import subprocess
    import sys

    code = ("import sys; from perfeditor.library.pinyin import initials; "
            "print(initials('群众满意度'), 'pypinyin.phrases_dict' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["qzmyd", "False"]
