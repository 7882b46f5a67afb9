"""The department narrative (第一部分 部门整体绩效目标) read from a run of texts, for every format,
and the file's own heading lines a new file prints (:func:`heading_lines`).

Headings 一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施 (any ordinal, or none) split it into
sections; under 分项绩效目标 each short ordinal heading (一、… （一）… 1.…) starts an item whose goal
is the paragraphs after it (``绩效目标：`` / ``绩效指标：`` switch between goal and indicator). Text
before the first section heading is the overall target.
"""
from __future__ import annotations

import re

from perfeditor.forms import vocabulary as V
from perfeditor.forms.titles import chinese_numeral
from perfeditor.model import Department, DepartmentItem, Document

ORDINAL = r"(?:[（(][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+[、.．]|[0-9]+[、.．])"
_HEADING = re.compile(rf"^\s*{ORDINAL}\s*(?:\S|$)")  # a bare ``二、``: an item not named yet
_SECTION = re.compile(rf"^\s*(?:{ORDINAL})?\s*(总体绩效目标|分项绩效目标|工作保障措施)\s*[:：]?\s*$")
_GOAL = re.compile(r"^\s*(?:绩效)?目标\s*[:：]\s*")
_INDICATOR = re.compile(r"^\s*(?:绩效)?指标\s*[:：]\s*")
_DROP = re.compile(r"[\s:：]+")
_PART = re.compile(r"^第[一二三四五六七八九十0-9]+部分")
#: Headings of a budget disclosure's other sections, which follow the narrative in some files.
_OTHER_SECTIONS = ("政府采购", "国有资产", "固定资产", "名词解释", "其他需要说明", "机关运行经费",
                   "三公", "部门职责", "机构设置", "部门预算安排", "预算安排的总体情况", "收支预算")
_SECTION_NAMES = {"总体绩效目标": "overall", "分项绩效目标": "items", "工作保障措施": "measures"}


def norm(text: str) -> str:
    """Text without white space and colons, for comparing headings."""
    return _DROP.sub("", text)


def is_part_start(text: str) -> bool:
    """``第一部分 部门整体绩效目标`` / ``部门整体绩效目标`` (not a table's title)."""
    t = norm(text)
    return "部门整体绩效目标" in t and len(t) <= 20 and "表" not in t


def is_part_end(text: str) -> bool:
    """``第二部分`` / ``预算项目绩效目标``: the project forms follow."""
    t = norm(text)
    return t.startswith("第二部分") or ("预算项目绩效目标" in t and len(t) <= 20)


def ends_narrative(text: str) -> bool:
    """The paragraph after the narrative: the next part, a form's title, or another section of
    the disclosure (a short ``六、政府采购预算情况`` heading, ``第三部分 …``)."""
    t = norm(text)
    if is_part_end(text) or V.looks_like_title(text) or _PART.match(t) and not is_part_heading(text):
        return True
    return (len(t) <= 20 and bool(re.match(r"^[一二三四五六七八九十]+[、.．]", t))
            and any(w in t for w in _OTHER_SECTIONS))


def section_of(text: str) -> str | None:
    """"overall" / "items" / "measures" when ``text`` is one of the three section headings."""
    m = _SECTION.match(text)
    return _SECTION_NAMES[m.group(1)] if m else None


def is_item_heading(text: str) -> bool:
    """A short ordinal line (not a sentence, not a ``绩效目标：`` paragraph)."""
    t = text.strip()
    rest = re.sub(rf"^\s*{ORDINAL}\s*", "", t)
    return bool(_HEADING.match(t)) and len(t) <= 30 and not t.endswith(("。", "；", ";")) \
        and not _GOAL.match(rest) and not _INDICATOR.match(rest)


def ordinal_kind(text: str) -> str:
    """``一、`` → "cn", ``（一）`` → "paren", ``1.`` / ``1、`` → "num"."""
    first = text.lstrip()[:1]
    return "paren" if first in "（(" else "num" if first.isdigit() else "cn"


_PLACEHOLDER = {"cn": "{cn}{sep}", "paren": "（{cn}）", "num": "{n}{sep}"}


def item_placeholders(titles: list[str]) -> dict[int, str]:
    """Titles (by position) for the untitled items after the first: a bare ordinal (``二、``) in the
    first titled item's style (an untitled first item, the lead text, is not counted). Untitled, it
    would read back as part of the item before it. Empty when the titles are unnumbered text."""
    if any(t.strip() and not is_item_heading(t) for t in titles):
        return {}
    first = next((t.strip() for t in titles if t.strip()), "")
    lead = 0 if titles and not titles[0].strip() else 1  # (an untitled first item is not counted)
    return {k: ordinal_like(first, k + lead) for k, t in enumerate(titles) if k > 0 and not t.strip()}


def ordinal_like(title: str, n: int) -> str:
    """The ``n``-th item ordinal in the style of ``title``'s (``一、`` ``（一）`` ``1.``; ``一、`` for none)."""
    kind = ordinal_kind(title) if title.strip() else "cn"
    m = re.match(r"^\s*(?:[一二三四五六七八九十]+|[0-9]+)([、.．])", title)
    sep = m.group(1) if m else ("、" if kind == "cn" else ".")
    return _PLACEHOLDER[kind].format(cn=chinese_numeral(n), n=n, sep=sep)


def is_part_heading(text: str) -> bool:
    return is_part_start(text) or norm(text) == "第一部分"


def find_narrative(texts: list[str | None]) -> tuple[Department, list[int]] | None:
    """The narrative in ``texts`` (a paragraph's text, or None for anything else) and the indexes of
    its paragraphs, a ``第一部分`` line above it included; None when there is none (a lone 总体绩效目标
    heading with nothing under it; an empty 第一部分 is still one)."""
    start = next((i for i, t in enumerate(texts) if t is not None
                  and (is_part_start(t) or section_of(t) == "overall")), None)
    if start is None:
        return None
    if start > 0 and texts[start - 1] is not None and norm(texts[start - 1]) == "第一部分":
        start -= 1
    picked = list(range(start, next((i for i in range(start, len(texts)) if texts[i] is None
                                     or i > start and ends_narrative(texts[i])), len(texts))))
    while picked and not texts[picked[-1]].strip():
        picked.pop()
    got = [texts[i] or "" for i in picked]
    dep = read_narrative(got)
    if not (dep.overall or dep.items or dep.measures) and not is_part_heading(got[0] if got else ""):
        return None
    return dep, picked


def read_narrative(paras: list[str]) -> Department:
    """The narrative from its paragraphs in order (part heading first, if any)."""
    dep = Department(form="narrative")
    section = "overall"
    plain: dict[str, list[str]] = {"overall": [], "measures": []}  # the sections without items
    item: DepartmentItem | None = None
    mode = "goal"
    heading_kind = ""  # the ordinal style of the first item heading; later headings match it
    for text in paras:
        t = text.strip()
        if not t or is_part_heading(t):
            continue
        sec = section_of(t)
        if sec is not None:
            section, item, heading_kind = sec, None, ""
            continue
        if section in plain:
            plain[section].append(t)
        else:
            if is_item_heading(t) and heading_kind in ("", ordinal_kind(t)):
                heading_kind = ordinal_kind(t)
                item = DepartmentItem(title=t)
                dep.items.append(item)
                mode = "goal"
                continue
            if item is None:
                item = DepartmentItem()
                dep.items.append(item)
            m_goal, m_ind = _GOAL.match(t), _INDICATOR.match(t)
            if m_goal:
                mode, t = "goal", t[m_goal.end():]
            elif m_ind:
                mode, t = "indicator", t[m_ind.end():]
            before = getattr(item, mode)
            setattr(item, mode, f"{before}\n{t}" if before else t)
    dep.overall = "\n".join(plain["overall"])
    dep.measures = "\n".join(plain["measures"])
    return dep


def narrative_paragraphs(dep: Department) -> list[tuple[str, str]]:
    """The narrative as both writers print it: (text, kind "section" / "item" / "body") a paragraph,
    read back by :func:`read_narrative` as ``dep`` (a line that would read as a heading or switch
    between goal and indicators carries its ``绩效目标：`` / ``绩效指标：`` prefix)."""
    def lines(text: str) -> list[str]:
        return [t for t in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if t.strip()]

    def guarded(texts: list[str], prefix: str, first: bool) -> list[tuple[str, str]]:
        out = []
        for i, t in enumerate(texts):
            if (i == 0 and first and not t.startswith(prefix[:4])) or is_item_heading(t) or section_of(t) \
                    or _GOAL.match(t) or _INDICATOR.match(t):
                t = prefix + t
            out.append((t, "body"))
        return out

    out = [("一、总体绩效目标", "section"), *((t, "body") for t in lines(dep.overall)),
           ("二、分项绩效目标", "section")]
    placeholders = item_placeholders([i.title for i in dep.items])
    for k, item in enumerate(dep.items):
        if item.title.strip() or k in placeholders:
            out.append((item.title if item.title.strip() else placeholders[k], "item"))
        indicator = lines(item.indicator)
        out += guarded(lines(item.goal), "绩效目标：", bool(indicator))
        out += guarded(indicator, "绩效指标：", True)
    out.append(("三、工作保障措施", "section"))
    out += [(t, "body") for t in lines(dep.measures)]
    return out


# --- the file's own heading, written above the forms of a new file --------------------------------

#: A year as a heading tells it (``2024年``): the .xlsx reader keeps a sheet's name in the preamble
#: only when it does, so that a name like ``项目绩效目标`` or ``Sheet1`` is printed as no heading.
YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
HEADING_LINES = 8
#: A sentence of the disclosure's text (``2020年，我部门…安排…。``, ``注：…``): no heading, though it
#: may tell the year.
_SENTENCE = re.compile(r"[。，；;]|[：:]")


def _key(text: str) -> str:
    """Letters and digits only (sheet names drop brackets and cut titles short)."""
    return re.sub(r"[\W_]+", "", text)


def _written_anyway(t: str, names: set[str], dep_lines: set[str]) -> bool:
    """A preamble line the new file holds elsewhere (a form title, a project's name, a department
    line, a part or section heading) or that is no heading (a page number, a sentence, another
    table's title, a lone label); an unnumbered title telling the year is the file's heading."""
    n, key, year = V.norm(t), _key(t), YEAR.search(t)
    if not n or not re.search(r"[A-Za-z\u4e00-\u9fff]", t) or len(t) > 80 or _SENTENCE.search(t) \
            or n in dep_lines or V.norm(_INDICATOR.sub("", _GOAL.sub("", t))) in dep_lines \
            or n in ("第一部分", "第二部分") or is_part_start(t) or is_part_end(t) or section_of(t) \
            or V.looks_like_title(t) and (not year or _HEADING.match(t)) \
            or not year and (n.endswith("表") or len(n) <= 4):
        return True
    bare = _key(V.name_from_title(t))
    return any(name in key or (len(bare) >= 8 and bare in name) for name in names)


def heading_lines(doc: Document) -> list[str]:
    """The file's own heading lines in ``doc.preamble`` less what the new file holds elsewhere: new
    files print them on top, so the budget year survives a conversion."""
    names = {_key(t) for p in doc.projects for t in (p.title, p.name) if _key(t)}
    dep, parts = doc.department, []
    if dep is not None:
        parts = [dep.name, dep.overall, dep.measures, *(t for i in dep.items for t in (i.title, i.goal, i.indicator)),
                 *(t for task in dep.tasks for t in (task.name, task.content))]
    dep_lines = {V.norm(line) for part in parts for line in part.split("\n") if line.strip()}
    out: list[str] = []
    for line in doc.preamble.split("\n"):
        t = line.strip()
        if t not in out and not _written_anyway(t, names, dep_lines):
            out.append(t)
    if len(out) > HEADING_LINES:  # keep the lines that tell the year
        year = [t for t in out if YEAR.search(t)][:HEADING_LINES]
        out = [t for t in out if t in year] or out[:HEADING_LINES]
    return out
