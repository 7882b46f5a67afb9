"""The project's own format (.perf.json) keeps everything the dump shows, and each form's variant."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from perfeditor.errors import FormReadError
from perfeditor.io import load_document, read_document, save_document
from perfeditor.model import dump_document
from tests.conftest import public_fixture_files


@pytest.mark.parametrize("path", public_fixture_files(), ids=lambda p: p.name)
def test_native_round_trip_keeps_dump_and_variant(path, tmp_path):
    doc, doc_map = read_document(path)
    out = tmp_path / "work.perf.json"
    assert save_document(doc, out, source_map=doc_map) == []
    again = load_document(out)
    assert dump_document(again) == dump_document(doc)
    assert [p.variant for p in again.projects] == [p.variant for p in doc.projects]
    assert again.preamble == doc.preamble and again.format == "json"


def test_convert_to_native_from_the_command_line(tmp_path):
    src = public_fixture_files()[0]
    out = tmp_path / "a.perf.json"
    run = subprocess.run([sys.executable, "-m", "perfeditor", "convert", str(src), str(out)],
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "perfeditor/1"


@pytest.mark.parametrize("content", [b"\xff\xfe garbage", b"[1, 2]", b'{"projects": 3}'])
def test_broken_native_file_is_refused(tmp_path, content):
    path = tmp_path / "bad.perf.json"
    path.write_bytes(content)
    with pytest.raises(FormReadError):
        load_document(path)
