"""A workbook's cells straight from its XML: the fast path of the reader.

openpyxl's normal mode builds an object per cell and per merged-over cell and formats every merge
(seconds on a 200-project workbook); its read-only mode has no merges. The readers only need, per
sheet, each cell's displayed text, the merged ranges and whether a cell has a left/top border, so
this module streams each worksheet's XML with lxml and reads the shared strings and the styles'
number formats and borders itself. It mirrors what ``openpyxl.load_workbook(data_only=True)``
gives (same values, same number formats, dates converted the same way); an equivalence test
checks both on every fixture.
"""
from __future__ import annotations

import logging
import math
import posixpath
import zipfile
from pathlib import Path

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils import column_index_from_string as _col
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from perfeditor.errors import FormReadError
from perfeditor.io import limits
from perfeditor.io.xlsx import refparse
from perfeditor.io.xlsx.grid import Grid, clean_text
from perfeditor.io.xlsx.numfmt import shown
from perfeditor.io.xlsx.refparse import parse_area, parse_cell

log = logging.getLogger(__name__)

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_ROW, _C, _V, _IS, _T, _R = (f"{{{NS}}}{t}" for t in ("row", "c", "v", "is", "t", "r"))
_MERGE = f"{{{NS}}}mergeCell"
_DIGITS = "0123456789"
_WORKBOOK = "xl/workbook.xml"
_CELLS = "文件中的单元格数量"
#: huge_tree: a sheet of many projects is a large document, already size-checked by safety.py
PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


def _damaged(what: str) -> FormReadError:
    return FormReadError(f"Excel 文件已损坏：{what}；请让发送方重新保存后再发送。")


def _number(text: str | None, what: str) -> int:
    """A non-negative whole number from the XML; a damaged one is refused with ``what`` named."""
    text = (text or "").strip()
    if text.isdigit() and text.isascii():
        return int(text)
    raise _damaged(f"{what}无效（“{text[:20]}”）")


def _row_number(text: str) -> int:
    try:
        f = float(text)
    except ValueError:
        f = float("nan")
    if not f.is_integer() or not 1 <= f <= refparse.EXCEL_ROWS:
        raise _damaged(f"工作表中有无效的行号（“{text[:20]}”）")
    return int(f)


def _numeric(value: str, title: str) -> int | float:
    try:
        if "." in value or "E" in value or "e" in value or not value.strip().lstrip("-").isdigit():
            number = float(value)
            if math.isfinite(number):
                return number
        else:
            return int(value)
    except ValueError:
        pass
    raise _damaged(f"工作表“{title}”中有无效的数值（“{value[:20]}”）")


def _text_of(node) -> str:
    """openpyxl's ``Text.content``: the plain ``<t>`` then each run's ``<t>``; phonetic runs
    (``<rPh>``) left out."""
    plain = None
    runs = []
    for child in node:
        if child.tag == _T:
            plain = child.text
        elif child.tag == _R:
            t = child.find(_T)
            if t is not None and t.text is not None:
                runs.append(t.text)
    return (plain or "") + "".join(runs)


def read_rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type, target part) of a part's relationships."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", name + ".rels")
    if rels_path not in zf.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(zf.read(rels_path), PARSER).iter(f"{{{PKG_REL}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id")] = (rel.get("Type", ""), target)
    return out


class Styles:
    """Per cell style (xf) index: its number format code, whether it shows dates/durations, and
    whether it has a left or top border."""

    def __init__(self, xml: bytes | None):
        self.formats: list[str] = []
        self.dates: set[int] = set()
        self.durations: set[int] = set()
        self.bordered: list[bool] = []
        root = etree.fromstring(xml) if xml is not None else etree.Element("styleSheet")
        custom = {_number(nf.get("numFmtId"), "样式表中的数字格式编号"): nf.get("formatCode") or "General"
                  for nf in root.iterfind(f"{{{NS}}}numFmts/{{{NS}}}numFmt")}
        sides = (f"{{{NS}}}left", f"{{{NS}}}top")  # openpyxl's border.left / .top (``start`` unused)
        borders = [any(side is not None and side.get("style") for side in map(b.find, sides))
                   for b in root.iterfind(f"{{{NS}}}borders/{{{NS}}}border")]
        xfs = root.find(f"{{{NS}}}cellXfs")
        for idx, xf in enumerate(xfs.iterfind(f"{{{NS}}}xf") if xfs is not None else ()):
            num_id = _number(xf.get("numFmtId", "0"), "样式表中的数字格式编号")
            if num_id in custom:
                fmt = custom[num_id]
            elif num_id < 164:
                fmt = BUILTIN_FORMATS.get(num_id, "General")
            else:  # Excel's repair shows such cells as General
                log.info("number format %s has no definition; General", num_id)
                fmt = "General"
            self.formats.append(fmt)
            if is_date_format(fmt):
                self.dates.add(idx)
            if is_timedelta_format(fmt):
                self.durations.add(idx)
            border_id = _number(xf.get("borderId", "0"), "样式表中的边框编号")
            self.bordered.append(borders[border_id] if border_id < len(borders) else False)
        if not self.formats:  # (no styles, or none that say anything)
            self.formats, self.bordered = ["General"], [False]


def _shared_strings(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None or part not in zf.namelist():
        return []
    out = []
    with zf.open(part) as fh:
        for _, si in etree.iterparse(fh, tag=f"{{{NS}}}si"):
            out.append(_text_of(si).replace("x005F_", ""))
            si.clear()
    return out


def read_grids(path: str | Path) -> list[Grid]:
    """One :class:`Grid` per worksheet, in workbook order."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        wb = etree.fromstring(zf.read(_WORKBOOK))
        rels = read_rels(zf, _WORKBOOK)
        pr = wb.find(f"{{{NS}}}workbookPr")
        epoch = CALENDAR_MAC_1904 if pr is not None and pr.get("date1904", "").lower() in ("1", "true") \
            else WINDOWS_EPOCH
        styles_part = next((t for ty, t in rels.values() if ty.endswith("/styles")), None)
        styles = Styles(zf.read(styles_part) if styles_part in names else None)
        strings_part = next((t for ty, t in rels.values() if ty.endswith("/sharedStrings")), None)
        strings = _shared_strings(zf, strings_part)
        grids = []
        read: set[str] = set()
        budget = [limits.MAX_CELLS_FILE]  # cells the file may still have
        for sheet in wb.iterfind(f"{{{NS}}}sheets/{{{NS}}}sheet"):
            rid = sheet.get(f"{{{R_NS}}}id")
            if not rid or rid not in rels:
                continue
            kind, target = rels[rid]
            if target not in names or not kind.endswith("/worksheet") or target in read:
                continue
            read.add(target)
            root = etree.fromstring(zf.read(target), PARSER)
            grids.append(_read_sheet(root, sheet.get("name", ""), strings, styles, epoch, budget))
            del root
        return grids


def _read_sheet(root, title: str, strings: list[str], styles: Styles, epoch, budget: list[int]) -> Grid:
    """``budget``: [cells the file may still have], decreased by this sheet's."""
    texts: dict[tuple[int, int], str] = {}
    xf_of: dict[tuple[int, int], int] = {}
    merges: list[tuple[int, int, int, int]] = []
    formats, dates, durations = styles.formats, styles.dates, styles.durations
    row_no = col_no = 0
    n_formats = len(formats)
    for c in root.iter(_C, _ROW, _MERGE):
        tag = c.tag
        if tag != _C:
            if tag == _ROW:
                r_attr = c.get("r")
                if r_attr is None:
                    row_no += 1
                elif r_attr.isdigit():
                    row_no = int(r_attr)
                else:
                    row_no = _row_number(r_attr)
                col_no = 0
                limits.check(limits.MAX_CELLS_FILE - budget[0] + len(xf_of), limits.MAX_CELLS_FILE, _CELLS)
            else:
                area = parse_area(c.get("ref", ""))
                if area is not None:
                    merges.append(area)
                else:  # (as Excel's repair: the merge is left out)
                    log.info("merged range %r is not a range; left out", c.get("ref", ""))
            continue
        coord = c.get("r")
        if coord:
            letters = coord.rstrip(_DIGITS)
            digits = coord[len(letters):]
            if letters.isalpha() and letters.isascii() and digits.isdigit() and len(letters) <= 3:
                row, col_no = int(digits), _col(letters)
            else:
                where = parse_cell(coord)
                if where is None:
                    raise _damaged(f"工作表“{title}”中有无效的单元格地址（“{coord[:20]}”）")
                row, col_no = where
            if not 1 <= row <= refparse.EXCEL_ROWS or col_no > refparse.EXCEL_COLUMNS:
                raise _damaged(f"工作表“{title}”中的单元格地址超出了 Excel 的范围（“{coord[:20]}”）")
        else:
            col_no += 1
            row = row_no
        s = c.get("s")
        xf = _number(s, "单元格的样式编号") if s else 0
        if xf >= n_formats:  # as Excel's repair: the default style
            xf = 0
        xf_of[(row, col_no)] = xf
        kind = c.get("t", "n")
        if kind == "inlineStr":
            node = c.find(_IS)
            value = _text_of(node) if node is not None else None
        else:
            value = c.findtext(_V) or None
            if value is not None:
                if kind == "n":
                    value = _numeric(value, title)
                    if xf in dates:
                        try:
                            value = from_excel(value, epoch, timedelta=xf in durations)
                        except (OverflowError, ValueError):
                            value = "#VALUE!"
                elif kind == "s":
                    index = _number(value, "共享文字的编号")
                    if index >= len(strings):
                        raise _damaged(f"工作表“{title}”引用了不存在的共享文字（第 {index} 条）")
                    value = strings[index]
                elif kind == "b":
                    value = value.strip() not in ("0", "false", "")
                elif kind == "d":
                    try:
                        value = from_ISO8601(value)
                    except (ValueError, TypeError, OverflowError):
                        raise _damaged(f"工作表“{title}”中有无效的日期（“{value[:20]}”）") from None
        if isinstance(value, str) and len(value) > limits.MAX_CELL_TEXT:
            raise limits.refuse(f"工作表“{title}”中一个单元格的文字长度", len(value), limits.MAX_CELL_TEXT)
        text = "" if value is None else clean_text(value) if isinstance(value, str) else shown(value, formats[xf])
        if text:
            texts[(row, col_no)] = text
        else:
            texts.pop((row, col_no), None)
    budget[0] -= len(xf_of)
    limits.check(limits.MAX_CELLS_FILE - budget[0], limits.MAX_CELLS_FILE, _CELLS)
    bordered = styles.bordered
    return Grid.from_parts(title, texts, merges,
                           lambda r, c: bordered[xf_of[(r, c)]] if (r, c) in xf_of else False)
