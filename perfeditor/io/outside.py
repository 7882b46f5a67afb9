"""What a new file built from the templates does not carry over from the file a document was read
from: everything outside the forms and the department part (other tables and sheets, the
paragraphs around the forms). One Chinese line for the save plan, worked out before anything is
written (:func:`perfeditor.io.plan_save`: the window asks, ``convert`` prints it). No Qt.
"""
from __future__ import annotations

import re

from perfeditor.forms import vocabulary as V
from perfeditor.forms.narrative import heading_lines, is_part_end, is_part_start
from perfeditor.io.source import SourceMap
from perfeditor.model import Document

#: A section heading of the surrounding text: ``六、政府采购预算情况``, ``（二）…``, ``第三部分…``.
_N = "一二三四五六七八九十"
_HEADING = re.compile(rf"^\s*(?:[{_N}]+\s*[、.．]|[（(][{_N}]+[）)]|第[{_N}]+部分)")
_WORD = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_PART = re.compile(rf"^第[{_N}]+部分$")
#: How many headings the line names.
NAMED = 3


def _content(text: str) -> bool:
    """Text a clerk would miss: not a part heading or form title (a new file writes its own), not
    a lone page number or punctuation."""
    if not _WORD.search(text) or _PART.match(V.norm(text)):
        return False
    return not (is_part_start(text) or is_part_end(text) or V.looks_like_title(text))


def not_carried(doc: Document, smap: SourceMap | None, sheets: bool = True) -> list[str]:
    """The line saying what of ``doc``'s file (``smap``: its map) a new file built from the templates
    leaves out (sheets named unless ``sheets`` is false); empty when the file held only forms."""
    outside = smap.outside if smap is not None else None
    if outside is None or outside.is_empty():
        return []
    carried = {V.norm(t) for t in heading_lines(doc)}  # (every new file prints them on top, .perf.json keeps them)
    texts = [t for t in outside.paragraphs if _content(t) and V.norm(t) not in carried]
    parts: list[str] = []
    if outside.tables:
        parts.append(f"{outside.tables} 个其他表格")
    if texts:
        parts.append(f"{len(texts)} {'段' if smap.format == 'docx' else '行'}文字")
    if outside.sheets and sheets:
        shown = "、".join(f"“{n}”" for n in outside.sheets[:NAMED])
        more = f"等 {len(outside.sheets)} 个" if len(outside.sheets) > NAMED else ""
        parts.append(f"工作表{shown}{more}")
    if not parts:
        return []
    headings = [t.strip() for t in texts if _HEADING.match(t) and len(t.strip()) <= 60]
    named = ""
    if headings:
        more = f"等 {len(headings)} 个标题" if len(headings) > NAMED else ""
        named = f"，包括{''.join(f'“{h}”' for h in headings[:NAMED])}{more}下的内容"
    forms = "绩效目标表和部门整体绩效目标" if doc.department is not None else "绩效目标表"
    kind = "文档" if smap.format == "docx" else "工作簿"
    return [f"新文件只写入{forms}；原{kind}中其余的内容不会写入新文件：{'、'.join(parts)}{named}。"]
