"""Checks a .docx/.xlsx package before python-docx or openpyxl sees it.

Files come from other offices: treat them as untrusted (the team's notes on library pitfalls). Neither
library limits decompressed size, and openpyxl makes one object per merged-over cell, so a few KB
can exhaust memory. Everything here reads the zip's directory and streams members; nothing is
parsed as XML.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from perfeditor.errors import FormReadError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
#: Compression ratio above which a large member is taken for a zip bomb. Word's XML compresses
#: to about 1:10–1:30; a bomb to 1:1000.
MAX_RATIO = 200
RATIO_APPLIES_ABOVE = 4 * 1024 * 1024
#: Merged-over cells a workbook may declare in all (a real form merges a few thousand).
MAX_MERGED_CELLS = 2_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_MAGICS = {
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"%PDF": "PDF 文件",
    b"{\\rtf": "RTF 文件",
    b"Rar!": "RAR 压缩包",
    b"7z\xbc\xaf": "7z 压缩包",
}
_KIND = {".docx": "Word", ".xlsx": "Excel"}
_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _refuse_non_zip(head: bytes, path: Path, suffix: str) -> None:
    kind = _KIND.get(suffix, "Office")
    if head.startswith(_OLE_MAGIC):
        with path.open("rb") as fh:
            sample = fh.read(min(path.stat().st_size, 4 * 1024 * 1024))
        if _ENCRYPTED_MARK in sample:
            raise FormReadError(f"文件已加密（设置了打开密码），无法读取；请在 {kind} 或 WPS 中取消密码后另存再打开。")
        raise FormReadError(f"这是旧版 {kind} 格式（.doc/.xls）的文件，只是扩展名为 {suffix}；"
                             f"请先另存为 {suffix} 后再打开。")
    for magic, what in _MAGICS.items():
        if head.startswith(magic):
            raise FormReadError(f"这不是 {kind} 文件，而是{what}，只是扩展名为 {suffix}。")
    raise FormReadError(f"这不是有效的 {kind} 文件（{suffix}），文件可能已损坏或不完整。")


def _check_xml_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a DOCTYPE/ENTITY declaration: it can only appear before the root element."""
    with zf.open(info) as fh:
        head = fh.read(64 * 1024)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    root = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: root.start()] if root else head
    if _DTD.search(prolog):
        raise FormReadError(f"文件中含有不安全的 XML 声明（DOCTYPE/ENTITY，位于 {info.filename}），"
                            "为安全起见拒绝打开。")


def _merged_cells(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Count the cells a worksheet's merges cover, streaming its XML."""
    total = 0
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1024 * 1024)
            if not chunk:
                break
            data = tail + chunk
            last_end = 0
            for m in _MERGE_REF.finditer(data):
                c1, r1, c2, r2 = m.groups()
                rows = abs(int(r2) - int(r1)) + 1
                cols = abs(_column_number(c2) - _column_number(c1)) + 1
                total += rows * cols
                last_end = m.end()
                if total > MAX_MERGED_CELLS:
                    return total
            tail = data[max(last_end, len(data) - 200):]
    return total


def check_size(path: str | Path) -> None:
    """Raise :class:`FormReadError` for an empty file or one too large to read (any format)."""
    size = Path(path).stat().st_size
    if size == 0:
        raise FormReadError("文件是空的（0 字节）。")
    if size > MAX_FILE_BYTES:
        raise FormReadError(f"文件过大（{size // (1024 * 1024)} MB），超出可处理的范围。")


def check_package(path: str | Path, suffix: str) -> None:
    """Raise :class:`FormReadError` unless ``path`` is a sane OOXML package of kind ``suffix``."""
    path = Path(path)
    kind = _KIND.get(suffix, "Office")
    size = path.stat().st_size
    if size == 0:
        raise FormReadError("文件是空的（0 字节）。")
    if size > MAX_FILE_BYTES:
        raise FormReadError(f"文件过大（{size // (1024 * 1024)} MB），超出可处理的范围。")
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head.startswith(b"PK"):
        _refuse_non_zip(head, path, suffix)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FormReadError(f"{kind} 文件已损坏或不完整（压缩包无法打开），可能是下载或复制时中断。") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FormReadError(f"文件内部条目过多（{len(infos)} 个），疑似恶意文件，拒绝打开。")
        names = {i.filename for i in infos}
        total = 0
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                raise FormReadError("文件解压后过大，疑似“压缩炸弹”，拒绝打开。")
            total += info.file_size
            if (info.file_size > RATIO_APPLIES_ABOVE
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise FormReadError("文件压缩比异常，疑似“压缩炸弹”，拒绝打开。")
        if total > MAX_TOTAL_BYTES:
            raise FormReadError("文件解压后过大，疑似“压缩炸弹”，拒绝打开。")
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise FormReadError("这是含有宏的文件，为安全起见不予打开；请另存为不含宏的 .docx 或 .xlsx 后再打开。")
        main = _MAIN_PART[suffix]
        if main not in names:
            other = next((s for s, m in _MAIN_PART.items() if m in names), None)
            if other:
                raise FormReadError(f"文件扩展名是 {suffix}，但内容是 {_KIND[other]} 文件；请改为 {other} 后再打开。")
            raise FormReadError(f"这不是有效的 {kind} 文件：缺少主体内容（{main}）。")
        try:
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    _check_xml_member(zf, info)
            if suffix == ".xlsx":
                merged = 0
                for info in infos:
                    if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                        merged += _merged_cells(zf, info)
                        if merged > MAX_MERGED_CELLS:
                            raise FormReadError("表格中的合并单元格区域异常巨大，疑似恶意文件，拒绝打开。")
        except FormReadError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
            raise FormReadError(f"{kind} 文件已损坏或不完整（部分内容无法解压）。") from None
