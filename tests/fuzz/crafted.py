"""Crafted files for the limits: huge merges spelled every way Excel reads them, a Word table of
thousands of stacked forms, a long legitimate form. Built in code (small, deterministic)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from tests.fuzz.mutate import HUGE_MERGES

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')


def _cell(text: str, span: int = 1) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def stacked_forms_docx(path: Path, forms: int) -> Path:
    """One Word table holding ``forms`` small project forms one under the other."""
    rows = []
    for k in range(forms):
        rows += [
            _row(_cell("项目名称"), _cell(f"项目{k + 1}", 3)),
            _row(_cell("年度目标"), _cell(f"完成第{k + 1}项工作", 3)),
            _row(_cell("一级指标"), _cell("二级指标"), _cell("三级指标"), _cell("指标值")),
            _row(_cell("产出指标"), _cell("数量指标"), _cell("完成数量"), _cell(f"≥{k % 90 + 1}个")),
        ]
    body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
            f'<w:p><w:r><w:t>项目绩效目标表</w:t></w:r></w:p><w:tbl>{"".join(rows)}</w:tbl>'
            f"<w:sectPr/></w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", body)
    return path


def many_cells_docx(path: Path, cells: int, per_table: int = 20_000, columns: int = 10) -> Path:
    """A .docx of about ``cells`` empty cells in tables of ``per_table`` cells (each table far
    within the per-table limits; a random number per row keeps the package's compression ratio
    ordinary, as an attacker's would be)."""
    import random

    rng = random.Random(16)
    rows_per_table = max(1, per_table // columns)
    tc = "<w:tc><w:p/></w:tc>" * columns
    tables = []
    done = 0
    while done < cells:
        rows = "".join(f'<w:tr w:rsidR="{rng.getrandbits(32):08X}">{tc}</w:tr>' for _ in range(rows_per_table))
        tables.append(f"<w:tbl>{rows}</w:tbl><w:p/>")
        done += rows_per_table * columns
    body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
            f'<w:p><w:r><w:t>项目绩效目标表</w:t></w:r></w:p>{"".join(tables)}<w:sectPr/></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", body)
    return path


def with_merge(src: Path, dst: Path, ref: str) -> Path:
    """``src`` (an .xlsx) with the merged range ``ref`` (written as given) added to its first sheet."""
    with zipfile.ZipFile(src) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    name = sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))[0]
    xml = parts[name]
    cell = f'<mergeCell ref="{ref}"/>'.encode()
    if b"<mergeCells" in xml:
        xml = re.sub(rb"(<mergeCells[^>]*>)", lambda m: m.group(1) + cell, xml, count=1)
    else:
        xml = xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + cell + b"</mergeCells>", 1)
    parts[name] = xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    dst.write_bytes(out.getvalue())
    return dst


#: merged ranges that must be refused however they are spelled
CRAFTED_MERGES = HUGE_MERGES + ("&#65;1:XFD1048576", "A1:XFD1048576\t", "$a$1:$xfd$1048576")
