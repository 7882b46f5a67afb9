"""What a file really is, from its content: never from its name.

Clerks receive HTML tables saved as ``.xls`` or ``.doc``, Excel 2003 XML named ``.xml``, WPS files,
ODF … :func:`sniff` looks at the first bytes (and the part names of zip and OLE files); nothing here
parses XML.
"""
from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

log = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 8192

# Kinds (plain strings, kept in one place)
DOCX, XLSX, OOXML_OTHER = "docx", "xlsx", "ooxml-other"
ODT, ODS, ODF_OTHER, ZIP = "odt", "ods", "odf-other", "zip"
XLS, DOC, PPT, ENCRYPTED, OLE = "xls", "doc", "ppt", "encrypted", "ole"
HTML, XML_SPREADSHEET, WORDML, XML = "html", "xml-spreadsheet", "wordml-2003", "xml"
RTF, TEXT, EMPTY, UNKNOWN = "rtf", "text", "empty", "unknown"
PDF, PNG, JPEG, GIF, RAR, SEVEN_ZIP, GZIP = "pdf", "png", "jpeg", "gif", "rar", "7z", "gzip"
JSON = "json"

#: What each kind is, as a clerk would name it.
NAMES = {
    DOCX: "Word 文档（.docx）",
    XLSX: "Excel 工作簿（.xlsx）",
    OOXML_OTHER: "其他 Office 文件（如 PowerPoint 演示文稿）",
    ODT: "LibreOffice/OpenOffice 文本文档（.odt）",
    ODS: "LibreOffice/OpenOffice 电子表格（.ods）",
    ODF_OTHER: "LibreOffice/OpenOffice 的其他文档（如演示文稿）",
    ZIP: "ZIP 压缩包",
    XLS: "旧版 Excel 97-2003 工作簿（.xls）",
    DOC: "旧版 Word 97-2003 文档（.doc）",
    PPT: "旧版 PowerPoint 演示文稿（.ppt）",
    ENCRYPTED: "设置了打开密码的加密 Office 文件",
    OLE: "旧版 Office 文件（OLE 复合文档）",
    HTML: "网页（HTML）格式的表格",
    XML_SPREADSHEET: "Excel 2003 XML 表格",
    WORDML: "Word 2003 XML 文档",
    XML: "XML 文件",
    RTF: "RTF 格式文档",
    TEXT: "纯文本文件",
    EMPTY: "空文件（0 字节）",
    UNKNOWN: "无法识别的文件",
    PDF: "PDF 文件",
    PNG: "PNG 图片",
    JPEG: "JPEG 图片",
    GIF: "GIF 图片",
    RAR: "RAR 压缩包",
    SEVEN_ZIP: "7z 压缩包",
    GZIP: "gzip 压缩包",
    JSON: "JSON 文件",
}

_MAGICS = (
    (b"%PDF", PDF), (b"\x89PNG", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF8", GIF),
    (b"Rar!", RAR), (b"7z\xbc\xaf", SEVEN_ZIP), (b"\x1f\x8b", GZIP),
)
_ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": ODT,
    "application/vnd.oasis.opendocument.spreadsheet": ODS,
}
_HTML_START = re.compile(r"<\s*(!doctype\s+html|html|head|body|table|meta|title|style)\b", re.IGNORECASE)
_XML_SS = re.compile(r"urn:schemas-microsoft-com:office:spreadsheet|progid\s*=\s*[\"']Excel\.Sheet",
                     re.IGNORECASE)
_WORDML = re.compile(r"http://schemas\.microsoft\.com/office/word/2003/wordml|progid\s*=\s*[\"']Word\.Document",
                     re.IGNORECASE)


def sniff(path: str | Path) -> str:
    """The kind of file at ``path`` (one of the constants above), by content only."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head:
        return EMPTY
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    for magic, kind in _MAGICS:
        if head.startswith(magic):
            return kind
    if head.startswith(b"{\\rtf"):
        return RTF
    return _text_kind(head)


def _zip_kind(path: Path) -> str:
    damage = (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, KeyError)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size < 200:
                    mime = zf.read(info).decode("ascii", "replace").strip()
                    return _ODF_TYPES.get(mime, ODF_OTHER if "opendocument" in mime else ZIP)
            if "word/document.xml" in names or "xl/workbook.xml" in names:
                return DOCX if "word/document.xml" in names else XLSX
            if "[Content_Types].xml" not in names:
                return ZIP
            try:
                content = zf.read("[Content_Types].xml")[:65536].decode("utf-8", "replace")
            except damage:
                log.info("content types of %s unreadable", path)
                content = ""
    except damage:  # damaged: let the OOXML checks say so in the words they use
        return DOCX if path.suffix.lower() == ".docx" else XLSX if path.suffix.lower() == ".xlsx" else ZIP
    if "wordprocessingml.document.main" in content:
        return DOCX
    return XLSX if "spreadsheetml.sheet.main" in content else OOXML_OTHER


def _ole_kind(path: Path) -> str:
    """By the names of the streams and storages of an OLE compound file."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError, IndexError, KeyError, TypeError, RecursionError) as exc:
        # olefile raises OSError for a bad header; anything else means a damaged directory
        log.info("OLE directory of %s unreadable: %s", path, exc)
        return OLE
    if "encryptioninfo" in names or "encryptedpackage" in names:
        return ENCRYPTED
    if "workbook" in names or "book" in names:
        return XLS
    if "worddocument" in names:
        return DOC
    if "powerpoint document" in names:
        return PPT
    return OLE


def _text_kind(head: bytes) -> str:
    text = head.decode("utf-16", "ignore") if head.startswith((b"\xff\xfe", b"\xfe\xff")) \
        else head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "ignore")  # (BOMs honoured, bad bytes kept out)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        return _markup_kind(stripped)
    if re.match(r"[\[{]\s*(\"|\{|\[|\]|\})", stripped):
        return JSON
    if _looks_textual(head):
        return TEXT
    return UNKNOWN


def _markup_kind(text: str) -> str:
    if _HTML_START.match(_after_prolog(text)):
        return HTML
    if _XML_SS.search(text[:4096]):
        return XML_SPREADSHEET
    if _WORDML.search(text[:4096]):
        return WORDML
    return HTML if re.search(r"<\s*(html|table)\b", text[:HEAD_BYTES], re.IGNORECASE) else XML


_PROLOG_ITEM = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->|<!(?!doctype\s+html)[^>]*>)", re.S | re.I)


def _after_prolog(text: str) -> str:
    """The text from the root element on: declaration, PIs, comments and DOCTYPE skipped (a
    DOCTYPE html is kept: it names HTML)."""
    pos = 0
    while True:
        m = _PROLOG_ITEM.match(text, pos)
        if not m or m.end() == pos:
            return text[pos:].lstrip()
        pos = m.end()


def _looks_textual(head: bytes) -> bool:
    if len(head) == HEAD_BYTES and b"\n" in head:
        head = head[:head.rindex(b"\n")]  # not cut inside a character
    for enc in ("utf-8", "gb18030", "utf-16"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError:
            continue
        bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
        return bad <= len(text) // 100
    return False
