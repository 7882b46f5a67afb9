"""Form titles: ``N、项目名称绩效目标表``.

Numbered forms stay numbered 1, 2, 3 … in document order after projects are added, removed, copied
or moved; a copy still titled as its original takes its own name. Only projects read from the file
(``read``: their uids, :meth:`perfeditor.io.source.SourceMap.read_uids`) decide the numbering.
"""
from __future__ import annotations

import re

from perfeditor.model import Document, Project

#: ``1、`` ``2.`` ``3．`` ``(4)`` ``（5）`` at the start of a title, with the separator.
_ORDINAL = re.compile(r"^\s*([（(]?)([0-9０-９]{1,4})([)）]?)\s*([、.．,，]?)\s*")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
#: The national form's own title (a project converted to it without a title of its own).
MOF_TITLE = "项目支出绩效目标表"


def split_ordinal(title: str) -> tuple[int | None, str, str]:
    """``"2、城建管理经费绩效目标表"`` → (2, "{n}、", "城建管理经费绩效目标表")."""
    m = _ORDINAL.match(title)
    if m is None or not (m.group(4) or m.group(1) and m.group(3)):
        return None, "", title.strip()
    style = f"{m.group(1)}{{n}}{m.group(3)}{m.group(4)}"
    return int(m.group(2).translate(_FULLWIDTH)), style, title[m.end():].strip()


def numbering_style(projects: list[Project], read: set[int]) -> str | None:
    """``"{n}、"`` when the forms read from the file are numbered (every one that has a title),
    else None. Only projects read from a file (their uids in ``read``) decide."""
    split = [split_ordinal(p.title) for p in projects if p.uid in read and p.title.strip()]
    return split[0][1] if split and all(number is not None for number, _, _ in split) else None


def own_title(p: Project, others: list[Project], read: set[int]) -> str:
    """The title of ``p`` without its number, with its own name when it is a copy still titled as
    its original (a project read from the file, else, for a copy of a copy, one added since)."""
    _, _, rest = split_ordinal(p.title)
    if p.uid in read or not p.name:
        return rest
    for q in sorted(others, key=lambda q: q.uid not in read):
        if q is not p and split_ordinal(q.title)[2] == rest and q.name and q.name != p.name and q.name in rest:
            return rest.replace(q.name, p.name, 1)  # (a title without the name, 项目支出绩效目标表, stays)
    return rest


def title_like(template: Project, name: str, number: int, default: str) -> str:
    """The title of a new project ``name`` made like ``template`` (添加项目): the template's with its
    name replaced, numbered ``number`` when the template's is (``2、农村危房改造项目支出绩效目标表`` →
    ``3、新项目项目支出绩效目标表``); ``default`` when it has neither the name nor a number."""
    old, style, rest = split_ordinal(template.title)
    if not rest:
        return default
    if template.name.strip() and template.name.strip() in rest:
        rest = rest.replace(template.name.strip(), name, 1)
    elif old is None:
        return default
    return (style.format(n=number) if old is not None else "") + rest


def first_number(projects: list[Project], read: set[int]) -> int:
    """The smallest number of the forms read (a file may hold forms 4 to 6 of a longer list);
    0 when they are not numbered."""
    if numbering_style(projects, read) is None:
        return 0
    numbers = (split_ordinal(p.title)[0] for p in projects if p.uid in read)
    return min((n for n in numbers if n is not None), default=0)


def renumber(doc: Document, read: set[int]) -> dict[int, str]:
    """New titles, by position, so that numbered forms count 1, 2, 3 … in document order and copies
    carry their own names; empty when nothing changes. Does not change ``doc``."""
    start = doc.first_number or first_number(doc.projects, read) or 1
    numbers = [split_ordinal(p.title)[0] for p in doc.projects]
    if all(p.uid in read for p in doc.projects) and numbers == list(range(start, start + len(numbers))):
        return {}  # no project added, and those read still numbered in a row: none removed or moved
    style = numbering_style(doc.projects, read)
    if style is None and doc.first_number and not any(p.uid in read for p in doc.projects):
        # every form read was removed (a copy of one left): the file numbered its forms, and the
        # titles there are now (numbered as the copies were made) say how
        style = numbering_style(doc.projects, {p.uid for p in doc.projects})
    out: dict[int, str] = {}
    n = start - 1
    for k, p in enumerate(doc.projects):
        rest = own_title(p, doc.projects, read)
        if style is None:
            title = rest if rest != split_ordinal(p.title)[2] else p.title
        else:
            n += 1
            title = style.format(n=n) + rest if rest else p.title
        if title != p.title:
            out[k] = title
    return out


# --- the department's 分项绩效目标: ``一、推进城乡建设`` ``二、工程质量`` … ---------------------------

_CN_DIGITS = "零一二三四五六七八九"
#: An item's ordinal in a style the reader takes (``一、`` ``（一）`` ``1.``): bracket, number, separator
#: (new ones are made by :func:`perfeditor.forms.narrative.ordinal_like`).
_ITEM_ORDINAL = re.compile(r"^(\s*[（(]?)([一二三四五六七八九十]{1,3}|[0-9]{1,2})([)）]|[、.．])")


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1 … 99)."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_CN_DIGITS[tens]}十")
    return head + (_CN_DIGITS[units] if units else "") if n > 0 else ""


def item_numbering(titles: list[str]) -> str | None:
    """The first filled item title when every filled one starts with an ordinal (``一、`` ``（一）``
    ``1.``) of one kind of number, Chinese or Arabic; None when they are not numbered so."""
    found = [_ITEM_ORDINAL.match(t) for t in titles if t.strip()]
    if not found or not all(found) or len({m.group(2).isdigit() for m in found}) > 1:
        return None
    return next(t for t in titles if t.strip())


def next_item_title(titles: list[str], at: int) -> str:
    """The title a new item inserted at ``at`` starts with: its ordinal in the items' style
    (``三、``, ``（三）``, ``3.``) when they are numbered, else empty."""
    from perfeditor.forms.narrative import ordinal_like

    first = item_numbering(titles)
    return "" if first is None else ordinal_like(first, 1 + sum(1 for t in titles[:at] if t.strip()))


def renumber_items(titles: list[str]) -> dict[int, str]:
    """New titles (by position) so that numbered items count 一、二、三 … (or 1. 2. 3. …) in order;
    empty when nothing changes. An untitled item that is no longer first gets its bare ordinal
    (:func:`item_placeholders`)."""
    from perfeditor.forms.narrative import item_placeholders

    out: dict[int, str] = item_placeholders(titles)
    titles = [out.get(k, t) for k, t in enumerate(titles)]
    if item_numbering(titles) is None:
        return out
    for n, k in enumerate((k for k, t in enumerate(titles) if t.strip()), 1):
        m = _ITEM_ORDINAL.match(titles[k])
        new = titles[k][:m.start(2)] + (str(n) if m.group(2).isdigit() else chinese_numeral(n)) + titles[k][m.end(2):]
        if new != titles[k]:
            out[k] = new
    return out


def hebei_title(project: Project, index: int) -> str:
    """The project's title (kept in any layout: a clerk's text), else ``N、名称绩效目标表``."""
    return project.title.strip() or f"{index}、{project.name}绩效目标表"


_TITLE_PARTS = re.compile(r"^\s*([0-9一二三四五六七八九十]+\s*[、.．]\s*)?(.*?)\s*(绩效目标表)?\s*$", re.S)


def graded_title(project: Project, index: int) -> str:
    """The graded layout has no name cell: the title carries the name, so it follows the name."""
    title = hebei_title(project, index)
    m = _TITLE_PARTS.match(title)
    if m and project.name.strip() and m.group(2).strip() != project.name.strip():
        return f"{m.group(1) or f'{index}、'}{project.name.strip()}绩效目标表"
    return title
