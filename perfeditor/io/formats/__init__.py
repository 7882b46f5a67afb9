"""Every other kind of file a clerk receives, known by its content (:mod:`perfeditor.io.sniff`).

Read natively, through the .xlsx reader's grids or the .docx reader's blocks: Excel 97 workbooks,
HTML tables, Excel 2003 XML, Word 2003 XML and Word's web pages. Through LibreOffice when it is
installed: Word 97 / WPS documents, ODF, RTF (and a workbook xlrd cannot read). Everything else
gets one Chinese line saying what the file really is. Such a file is never written back in its
format: the reader that read it decides between .docx and .xlsx (:func:`save_suffix`).
"""
from __future__ import annotations

import logging
from pathlib import Path

from perfeditor.errors import FormReadError
from perfeditor.io import sniff
from perfeditor.io.formats.soffice import converted, find_soffice
from perfeditor.io.source import SourceMap
from perfeditor.model import Document

log = logging.getLogger(__name__)

#: Kinds LibreOffice converts, to the suffix they become.
_SOFFICE = {sniff.DOC: ".docx", sniff.ODT: ".docx", sniff.RTF: ".docx", sniff.ODS: ".xlsx",
            sniff.XLS: ".xlsx", sniff.OLE: ".docx"}


def kind_name(kind: str, suffix: str) -> str:
    """What the file is, in Chinese (WPS's own suffixes named as such)."""
    if suffix == ".wps" and kind in (sniff.DOC, sniff.OLE):
        return "WPS 文字文件（.wps）"
    if suffix == ".et" and kind in (sniff.XLS, sniff.OLE):
        return "WPS 表格文件（.et）"
    return sniff.NAMES.get(kind, sniff.NAMES[sniff.UNKNOWN])


def _programs(kind: str, suffix: str) -> str:
    """What the clerk can save the file again with."""
    return {".wps": "WPS 文字", ".et": "WPS 表格"}.get(suffix) or {
        sniff.DOC: "Word 或 WPS", sniff.XLS: "Excel 或 WPS", sniff.ODT: "LibreOffice 或 WPS",
        sniff.ODS: "LibreOffice 或 WPS", sniff.RTF: "Word、WPS 或写字板"}.get(kind, "Word、Excel 或 WPS")


def read_other(path: Path, kind: str, smap: SourceMap | None = None) -> Document:
    """Read a file of ``kind`` (not .docx/.xlsx/.perf.json); raise FormReadError when it cannot be."""
    smap = smap if smap is not None else SourceMap()
    suffix = path.suffix.lower()
    if kind == sniff.XLS:
        try:
            from perfeditor.io.formats.xls import read_xls_grids
            from perfeditor.io.xlsx.reader import read_sheets

            return read_sheets(read_xls_grids(path), smap)
        except FormReadError:
            raise
        except Exception as exc:  # noqa: BLE001 - xlrd's many errors: LibreOffice may still read it; logged
            log.info("xlrd could not read %s: %r", path, exc)
            if find_soffice() is None:
                raise FormReadError(f"这是{kind_name(kind, suffix)}，但内容已损坏或版本过旧，无法直接读取；"
                                    f"请用 {_programs(kind, suffix)} 另存为 .xlsx 后再打开。") from None
    if kind == sniff.HTML:
        from perfeditor.io.formats.html import read_html

        return read_html(path, smap)
    if kind in (sniff.XML_SPREADSHEET, sniff.WORDML, sniff.XML):
        return _read_xml(path, kind, smap)
    if kind in _SOFFICE and (kind != sniff.OLE or suffix in (".wps", ".et")):
        return _through_soffice(path, kind, suffix, smap)
    raise FormReadError(_refusal(kind, suffix))


def _refusal(kind: str, suffix: str) -> str:
    name = kind_name(kind, suffix)
    if kind == sniff.ENCRYPTED:
        return "文件已加密（设置了打开密码），无法读取；请在 Word、Excel 或 WPS 中取消密码后另存再打开。"
    if kind == sniff.EMPTY:
        return "文件是空的（0 字节）。"
    if kind == sniff.OLE:
        return (f"这是{name}，但不是能识别的 Word 或 Excel 文件，可能已损坏；"
                "请用 Word、Excel 或 WPS 另存为 .docx 或 .xlsx 后再打开。")
    if kind in (sniff.TEXT, sniff.JSON, sniff.XML):
        return f"这是{name}，不是预算绩效目标表，不支持打开；请打开 Word 或 Excel 格式的绩效目标表。"
    return f"这是{name}，不是预算绩效目标表所用的 Word 或 Excel 文件，不支持打开。"


def _read_xml(path: Path, kind: str, smap: SourceMap) -> Document:
    from perfeditor.io.formats import wordml, xmlss

    data = path.read_bytes()
    if kind == sniff.WORDML:
        data = wordml.in_2006_namespace(data)
    root = xmlss.parse_xml(data)
    if root.tag == xmlss.WORKBOOK:
        from perfeditor.io.xlsx.reader import read_sheets

        return read_sheets(xmlss.read_xmlss_grids(root), smap)
    if root.tag == wordml.DOCUMENT:
        return wordml.read_wordml(root, smap)
    raise FormReadError(_refusal(sniff.XML, path.suffix.lower()))


def _through_soffice(path: Path, kind: str, suffix: str, smap: SourceMap) -> Document:
    from perfeditor.io import read_package

    target = _SOFFICE[kind] if kind != sniff.OLE else (".xlsx" if suffix == ".et" else ".docx")
    name = kind_name(kind, suffix)
    program = find_soffice()
    if program is None:
        programs = _programs(kind, suffix)
        also = " " if "LibreOffice" in programs else "（或 LibreOffice）"
        raise FormReadError(f"这是{name}，需要先转换：请用 {programs}{also}将其另存为 "
                            f"{target} 后再打开；安装 LibreOffice 后本程序可直接打开此类文件。")
    with converted(path, target, name, program) as result:
        return read_package(result, target, smap)


def save_suffix(smap: SourceMap | None) -> str:
    """.docx or .xlsx: what a document read from another format is saved as (by the reader that read it)."""
    return ".xlsx" if smap is not None and smap.format == "xlsx" else ".docx"
