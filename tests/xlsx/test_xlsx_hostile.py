"""Hostile workbooks are refused before openpyxl builds a cell object per merged-over cell."""
from __future__ import annotations

import zipfile

import pytest

from perfeditor.errors import FormReadError
from perfeditor.io import load_document
from tests.conftest import PUBLIC_FIXTURES


def _with_member_edit(src, dst, name, edit):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == name:
                data = edit(data)
            zout.writestr(info, data)


def test_whole_sheet_merge_is_refused(tmp_path):
    dst = tmp_path / "huge_merge.xlsx"

    def edit(data: bytes) -> bytes:
        huge = b'<mergeCell ref="A1:XFD1048576"/>'
        if b"<mergeCells" in data:
            head, _, rest = data.partition(b"<mergeCells")
            attrs, _, tail = rest.partition(b">")
            return head + b"<mergeCells" + attrs + b">" + huge + tail
        return data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + huge + b"</mergeCells>", 1)

    _with_member_edit(PUBLIC_FIXTURES / "leting_2024.xlsx", dst, "xl/worksheets/sheet1.xml", edit)
    with pytest.raises(FormReadError) as err:
        load_document(dst)
    assert "合并单元格" in str(err.value)


def test_workbook_without_forms_is_refused(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["收入支出决算总表"])
    wb.active.append(["项目", "金额"])
    wb.active.append(["一般公共预算", 100])
    path = tmp_path / "summary.xlsx"
    wb.save(path)
    with pytest.raises(FormReadError):
        load_document(path)
