"""Word 97, WPS, ODF and RTF go through LibreOffice when it is installed (a throw-away profile, a
timeout); without it, one Chinese line names the program that converts the file."""
from __future__ import annotations

import os
import shutil
import stat
import time

import pytest

from perfeditor.errors import FormReadError
from perfeditor.io import load_document
from perfeditor.io.formats import soffice
from tests.conftest import needs_soffice
from tests.formats.common import SOFFICE, assert_same_dump, dumped

#: Every layout and variant once per kind (each file costs a LibreOffice start); the whole corpus
#: is compared by the same function when the fixtures are made (see the folder's README).
THROUGH_SOFFICE = [
    *(f"{base}.doc" for base in ("public--dingzhou_2020", "public--pingxiang_2020_part", "public--qiannan_2022_part",
                                 "docx--hebei_graded", "docx--mof_2015", "docx--mof_2021", "docx--department_table",
                                 "acceptance--var_two_tables", "acceptance--var_weight",
                                 # joined by LibreOffice into one table: read as several forms per table
                                 "acceptance--var_title_row", "acceptance--seed003_pingxiang")),
    "public--qiannan_2022_part.odt", "docx--mof_2021.odt", "acceptance--var_messy_labels.odt",
    "public--pingxiang_2020_part.rtf", "docx--hebei_graded.rtf", "acceptance--var_empty_below.rtf",
    "public--leting_2024.ods", "xlsx--mof2015_national_stacked.ods", "xlsx--hebei_graded.ods",
    "acceptance--var_split.ods",
    # several projects in one table (titles as full-width rows), one layout per kind
    "docx--multi_hebei_project.doc", "docx--multi_hebei_graded.odt", "docx--multi_mof_2021.rtf",
    "xlsx--multi_mof_2015.ods",
]
#: Originals LibreOffice itself does not keep: its own .docx → .docx round trip already changes
#: them (a gridSpan in a continuation table is dropped; a table in a content control becomes
#: paragraphs; …), so their .doc/.odt/.rtf cannot dump equal (see tests/fixtures/formats/README.md).
#: Tables LibreOffice joins into one are read since the reader finds several forms in one table.
PRODUCER_LOSSES = ["acceptance--seed004_qiannan", "acceptance--var_split", "docx--hebei_project",
                   "docx--xml_features"]


@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("name", THROUGH_SOFFICE)
def test_converted_by_libreoffice_dumps_equal_to_the_original(name):
    assert_same_dump(SOFFICE / name)


@needs_soffice
@pytest.mark.libreoffice
def test_a_lossy_conversion_is_libreoffices_own(tmp_path):
    """For a file LibreOffice does not keep, reading its .doc gives what LibreOffice makes of the
    original .docx: the difference is the producer's, not the reader's."""
    from perfeditor.io.formats.soffice import converted, find_soffice
    from tests.formats.common import original_of

    name = "docx--hebei_project.doc"
    assert name.split(".")[0] in PRODUCER_LOSSES
    with converted(original_of(SOFFICE / name), ".docx", "Word 文档", find_soffice()) as again:
        shutil.copy(again, tmp_path / "again.docx")
    assert dumped(SOFFICE / name) == dumped(tmp_path / "again.docx") != dumped(original_of(SOFFICE / name))


@needs_soffice
@pytest.mark.libreoffice
def test_a_wps_document_opens_through_libreoffice(tmp_path):
    path = tmp_path / "项目表.wps"
    shutil.copy(SOFFICE / "public--qiannan_2022_part.doc", path)
    assert dumped(path) == dumped(SOFFICE / "public--qiannan_2022_part.doc")


def test_a_wps_spreadsheet_in_excel_97_format_is_read_natively(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFEDITOR_SOFFICE", "none")
    path = tmp_path / "项目表.et"
    shutil.copy(SOFFICE / "public--leting_2024.xls", path)
    assert dumped(path) == dumped(SOFFICE / "public--leting_2024.xls")


@pytest.mark.parametrize(("name", "suffix", "words"), [
    ("public--qiannan_2022_part.doc", ".doc", ["Word 97-2003", "Word 或 WPS", ".docx", "LibreOffice"]),
    ("public--qiannan_2022_part.doc", ".wps", ["WPS 文字文件", "WPS 文字", ".docx"]),
    ("public--qiannan_2022_part.odt", ".odt", ["文本文档（.odt）", ".docx"]),
    ("public--qiannan_2022_part.rtf", ".rtf", ["RTF", "写字板", ".docx"]),
    ("public--leting_2024.ods", ".ods", ["电子表格（.ods）", ".xlsx"]),
])
def test_without_libreoffice_one_line_names_the_converting_program(tmp_path, monkeypatch, name, suffix, words):
    monkeypatch.setenv("PERFEDITOR_SOFFICE", "none")
    path = tmp_path / f"收到的表{suffix}"
    shutil.copy(SOFFICE / name, path)
    with pytest.raises(FormReadError) as info:
        load_document(path)
    message = info.value.message
    assert all(w in message for w in words), message
    assert "\n" not in message
    advice = message[message.index("请用"):message.index("另存为")]
    assert advice.count("LibreOffice") == 1, message  # named once as a program to save with


def _fake_program(tmp_path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\necho $$ > {tmp_path / 'pid'}\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in LibreOffice is a shell script")
def test_a_conversion_that_hangs_is_stopped_at_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFEDITOR_SOFFICE", _fake_program(tmp_path, "sleep 60"))
    monkeypatch.setattr(soffice, "TIMEOUT_SECONDS", 1)
    path = tmp_path / "卡住.doc"
    shutil.copy(SOFFICE / "public--qiannan_2022_part.doc", path)
    started = time.monotonic()
    with pytest.raises(FormReadError, match="超时"):
        load_document(path)
    assert time.monotonic() - started < 30
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the whole process group was killed


@pytest.mark.skipif(os.name != "posix", reason="the stand-in LibreOffice is a shell script")
def test_a_conversion_that_gives_nothing_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("PERFEDITOR_SOFFICE", _fake_program(tmp_path, "exit 1"))
    path = tmp_path / "坏.odt"
    shutil.copy(SOFFICE / "public--qiannan_2022_part.odt", path)
    with pytest.raises(FormReadError, match="未能转换"):
        load_document(path)
    assert not list(tmp_path.glob("perfeditor-convert-*"))


def test_libreoffice_is_found_on_path_or_in_its_install_folders(tmp_path, monkeypatch):
    monkeypatch.delenv("PERFEDITOR_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(soffice, "_candidates", lambda: [tmp_path / "nowhere" / "soffice"])
    assert soffice.find_soffice() is None
    program = tmp_path / "LibreOffice" / "program" / "soffice"
    program.parent.mkdir(parents=True)
    program.write_text("")
    monkeypatch.setattr(soffice, "_candidates", lambda: [tmp_path / "nowhere" / "soffice", program])
    assert soffice.find_soffice() == str(program)
    (tmp_path / "soffice").write_text("#!/bin/sh\n")
    (tmp_path / "soffice").chmod(0o755)
    assert soffice.find_soffice() == str(tmp_path / "soffice")
