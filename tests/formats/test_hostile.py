"""Hostile files in the new formats are refused cleanly: one Chinese line, exit 2, bounded
memory and time — entity expansion, a 2 GB file, merged ranges over a whole sheet."""
from __future__ import annotations

import os
import shutil

import pytest

from perfeditor.errors import FormReadError
from perfeditor.io import load_document
from tests.formats.common import HOSTILE, MARKUP, assert_cli_refuses


@pytest.mark.parametrize(("name", "word"), [
    ("laughs.xls", "ENTITY"),                 # HTML with a billion-laughs DTD
    ("laughs.ss2003.xml", "DOCTYPE"),         # Excel 2003 XML with the same
    ("merge_down.ss2003.xls", "合并单元格"),   # ss:MergeAcross/MergeDown over the whole sheet
    ("spans.xls", "合并单元格"),               # HTML rowspan × colspan, 2,000 rows
    ("merge_bomb.xls", "合并单元格"),          # Excel 97: one merged range over 65,536 × 256 cells
])
def test_refused_cleanly(name, word):
    path = HOSTILE / name
    with pytest.raises(FormReadError) as info:
        load_document(path)
    assert word in info.value.message
    assert_cli_refuses(path)


def test_a_2_gb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "巨大.xml"
    shutil.copy(MARKUP / "public--leting_2024.ss2003.xls", path)
    with path.open("r+b") as fh:  # sparse: declares 2 GB without using the disk
        fh.truncate(2 * 1024 ** 3)
    assert os.path.getsize(path) == 2 * 1024 ** 3
    with pytest.raises(FormReadError, match="过大"):
        load_document(path)


def test_positions_beyond_a_sheet_are_refused(tmp_path):
    path = tmp_path / "远.xls"
    path.write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="a"><Table>'
                    '<Row ss:Index="2000000000"><Cell><Data ss:Type="String">项目名称</Data></Cell></Row>'
                    "</Table></Worksheet></Workbook>", encoding="utf-8")
    with pytest.raises(FormReadError, match="超出"):
        load_document(path)


def test_deeply_nested_html_is_refused_or_read_without_a_traceback(tmp_path):
    path = tmp_path / "深.xls"
    path.write_text("<html><body>" + "<div>" * 50000 + "项目名称" + "</div>" * 50000 + "</body></html>",
                    encoding="utf-8")
    with pytest.raises(FormReadError):
        load_document(path)
