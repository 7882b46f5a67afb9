"""Batch review: which files a folder holds, each checked in a worker process, in order."""
from __future__ import annotations

import dataclasses
import threading

import pytest
from review_builders import EXPECTED_SUMMARY, UNREADABLE, child_processes, make_batch_folder

from perfeditor.io import OPENABLE_SUFFIXES
from perfeditor.review import ReviewCancelled, collect_files, review_file, review_files
from perfeditor.rules import check_document


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_batch_folder(tmp_path_factory.mktemp("batch"))


def test_folders_are_searched_recursively_for_every_readable_kind(folder):
    names = [name for _, name in collect_files([folder])]
    assert names == [row[0] for row in EXPECTED_SUMMARY]  # no .txt, no ~$ lock file, no hidden folder


def test_the_suffixes_come_from_perfeditor_io(folder, monkeypatch):
    import perfeditor.io

    monkeypatch.setattr(perfeditor.io, "OPENABLE_SUFFIXES", OPENABLE_SUFFIXES + (".txt",))
    assert "说明.txt" in [name for _, name in collect_files([folder])]


def test_several_paths_keep_their_folder_names_and_files_appear_once(folder):
    qiannan = folder / "黔南州" / "qiannan_2022_part.docx"
    names = [name for _, name in collect_files([qiannan, folder / "黔南州", folder / "平乡县"])]
    assert names == ["qiannan_2022_part.docx", "平乡县/pingxiang_2020_part.docx"]


def test_a_file_that_cannot_be_read_is_a_result_with_the_reason(folder):
    result = review_file(folder / "通知.docx")
    assert not result.readable and result.error == UNREADABLE["通知.docx"] and result.findings == []
    result = review_file(folder / "没有这个文件.docx")
    assert result.error.startswith("找不到文件")


def _portable(findings):
    """Findings without the session identities (uids count per process, so two reads differ)."""
    return [dataclasses.replace(f, project_uid=None, indicator_uid=None) for f in findings]


def test_results_match_the_single_file_check(folder):
    from perfeditor.io import load_document

    path = folder / "北戴河区" / "seed001.perf.json"
    result = review_file(path)
    assert _portable(result.findings) == _portable(check_document(load_document(path)))
    assert result.department == "秦皇岛市北戴河区住房和城乡建设局" and result.projects == 14


def test_worker_processes_give_the_same_results_in_order(folder):
    files = collect_files([folder])
    seen = []
    parallel = list(review_files(files, workers=2, progress=lambda d, t, r: seen.append((d, t, r.name))))
    alone = list(review_files(files, workers=1))
    assert [r.name for r in parallel] == [n for _, n in files]
    assert [(r.error, _portable(r.findings)) for r in parallel] == [(r.error, _portable(r.findings)) for r in alone]
    assert seen == [(i, len(files), n) for i, (_, n) in enumerate(files, 1)]


def test_a_ruleset_can_be_chosen(folder):
    result = review_file(folder / "平乡县" / "pingxiang_2020_part.docx", "mof-2021")
    assert result.ruleset == "mof-2021"
    assert any(f.rule == "structure.level1" for f in result.findings)  # no 成本指标 under 2021


def test_cancelling_stops_the_workers(folder):
    files = collect_files([folder]) * 6
    cancel = threading.Event()
    got = []
    with pytest.raises(ReviewCancelled):
        for result in review_files(files, workers=2, cancel=cancel):
            got.append(result)
            cancel.set()
    assert len(got) == 1
    assert child_processes() == []
