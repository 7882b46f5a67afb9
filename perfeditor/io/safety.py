"""Checks a .docx/.xlsx package before python-docx or openpyxl sees it.

Files come from other offices: treat them as untrusted (the team's notes on library pitfalls). Neither
library limits decompressed size, and openpyxl makes one object per merged-over cell, so a few KB
can exhaust memory. Everything here reads the zip's directory and streams members: libxml2 reads
only each XML part's prolog (a DOCTYPE however hidden; entities never resolved), and merged ranges
are found by a streaming scan whose references are parsed as Excel parses them (limits:
:mod:`perfeditor.io.limits`).
"""
from __future__ import annotations

import logging
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from perfeditor.errors import FormReadError
from perfeditor.io import limits

log = logging.getLogger(__name__)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
#: Compression ratio above which a large member is taken for a zip bomb. Word's XML compresses
#: to about 1:10–1:30; a bomb to 1:1000.
MAX_RATIO = 200
RATIO_APPLIES_ABOVE = 4 * 1024 * 1024

_KIND = {".docx": "Word", ".xlsx": "Excel"}
_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_xml_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a DOCTYPE/ENTITY declaration in any member that is XML, whatever its name: libxml2
    itself reads the prolog (comments, processing instructions, padding, UTF-16 without BOM)."""
    with zf.open(info) as fh:
        head = fh.read(512)
    if not head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) \
            and not head.replace(b"\x00", b"").lstrip().startswith(b"<"):
        return  # (not XML in any encoding, BOM or not)
    with zf.open(info) as fh:
        try:
            for _, el in etree.iterparse(fh, events=("start",), resolve_entities=False, no_network=True,
                                         load_dtd=False, huge_tree=True):
                if el.getroottree().docinfo.doctype:
                    raise _unsafe(info.filename)
                return
        except etree.XMLSyntaxError as exc:
            if _DTD.search(head.replace(b"\x00", b"")):
                raise _unsafe(info.filename) from None
            log.info("%s is not well-formed XML (%s); the reader decides", info.filename, exc)


def _unsafe(member: str) -> FormReadError:
    return FormReadError(f"文件中含有不安全的 XML 声明（DOCTYPE/ENTITY，位于 {member}），为安全起见拒绝打开。")


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Worksheet part → the name of its sheet, as the clerk sees it (the part's own name for a
    part no sheet entry reads). Two entries reading one part (each would be read again) are
    refused."""
    from perfeditor.io.xlsx.cells import read_rels  # (.xlsx only: openpyxl not imported for a .docx)

    parts = {n: 0 for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    try:
        wb = etree.fromstring(zf.read("xl/workbook.xml"), _PARSER)
        targets = {rid: target for rid, (_, target) in read_rels(zf, "xl/workbook.xml").items()}
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None) or getattr(exc, "position", (None,))[0]
        where = f"第 {line} 行" if line else "内容不完整"
        raise FormReadError(f"Excel 文件的工作簿目录（xl/workbook.xml）已损坏，无法读取（{where}）；"
                            "请让发送方重新保存后再发送。") from None
    titles = {n: posixpath.basename(n) for n in parts}
    sheets = list(wb.iter("{*}sheet"))
    limits.check(len(sheets), limits.MAX_SHEETS, "工作簿中的工作表数量")
    for sheet in sheets:
        target = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        part = targets.get(target)
        if part in names:
            parts[part] = parts.get(part, 0) + 1
            titles[part] = sheet.get("name") or titles.get(part, posixpath.basename(part))
    shared = [p for p, n in parts.items() if n > 1]
    if shared:
        raise FormReadError(f"Excel 文件的工作簿目录已损坏：多个工作表指向同一份内容（{shared[0]}）；"
                            "请让发送方重新保存后再发送。")
    return titles


_MERGE_TAG = re.compile(rb"<(?:[\w.-]+:)?mergeCell\b([^>]*)>")
_REF_ATTR = re.compile(rb"""(?:^|\s)ref\s*=\s*(["'])(.*?)\1""", re.DOTALL)


def _merge_refs(fh) -> Iterator[str]:
    """The ``ref`` of every ``mergeCell`` element of a worksheet, as an XML parser gives it
    (character references decoded), streaming: a regular expression in C over the bytes (the
    element's name cannot be escaped; one inside a comment is counted too, which only errs on
    the safe side)."""
    import html  # .xlsx only: not imported by every start of `perfeditor dump` of a .docx

    tail = b""
    while True:
        chunk = fh.read(1024 * 1024)
        data = tail + chunk
        last = 0
        for m in _MERGE_TAG.finditer(data):
            if not chunk or m.end() < len(data):
                a = _REF_ATTR.search(m.group(1))
                value = a.group(2).decode("utf-8", "replace") if a else ""
                yield html.unescape(value) if "&" in value else value  # character references
                last = m.end()
        if not chunk:
            return
        keep = data.rfind(b"<", last)  # an unfinished tag (attribute values hold no "<")
        tail = data[keep:] if keep >= 0 else b""


def _scan_sheet(zf: zipfile.ZipFile, member: str, totals: list[int], title: str) -> None:
    """Count the cells a worksheet's merges cover (each reference parsed as Excel parses it:
    ``$``, case, white space, sheet prefixes, rows of any length), streaming its XML; raise as
    soon as a limit is passed. ``totals``: [merged-over cells in the file so far]."""
    from perfeditor.io.xlsx.refparse import area_cells, parse_area

    merged_here = 0
    with zf.open(member) as fh:
        for ref in _merge_refs(fh):
            area = parse_area(ref)
            if area is None:
                continue
            n = area_cells(area)
            merged_here += n
            totals[0] += n
            limits.check(merged_here, limits.MAX_MERGED_CELLS_SHEET,
                         f"工作表“{title[:40]}”中合并单元格覆盖的单元格数")
            limits.check(totals[0], limits.MAX_MERGED_CELLS_FILE, "文件中合并单元格覆盖的单元格数")


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
    check_size(path)
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head.startswith(b"PK"):  # (what else it is, the sniffing that chose this check said)
        raise FormReadError(f"这不是有效的 {kind} 文件（{suffix}），文件可能已损坏或不完整。")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FormReadError(f"{kind} 文件已损坏或不完整（压缩包无法打开），可能是下载或复制时中断。") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FormReadError(f"文件内部条目过多（{len(infos)} 个），疑似恶意文件，拒绝打开。")
        names = {i.filename for i in infos}
        for info in infos:
            if info.file_size > MAX_MEMBER_BYTES:
                raise FormReadError("文件解压后过大，疑似“压缩炸弹”，拒绝打开。")
            if (info.file_size > RATIO_APPLIES_ABOVE
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise FormReadError("文件压缩比异常，疑似“压缩炸弹”，拒绝打开。")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
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
                _check_xml_member(zf, info)
            if suffix == ".xlsx":
                totals = [0]
                for member, title in _sheet_parts(zf, names).items():
                    _scan_sheet(zf, member, totals, title)
        except FormReadError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error):
            log.info("a member of %s cannot be inflated", path, exc_info=True)
            raise FormReadError(f"{kind} 文件已损坏或不完整（部分内容无法解压），可能是下载或复制时中断；"
                                "请让发送方重新保存后再发送。") from None
