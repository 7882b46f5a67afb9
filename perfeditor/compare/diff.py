"""The differences between file A and file B, project by project."""
from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Literal

from perfeditor.authoring.last_year import match_projects
from perfeditor.model import Department, Document, Indicator, Project

Kind = Literal["added", "removed", "changed"]

#: The dump's project fields compared, with their Chinese names.
PROJECT_FIELDS: dict[str, str] = {
    "title": "标题", "name": "项目名称", "code": "项目编码", "unit": "单位", "implementer": "实施单位",
    "kind": "项目属性", "period": "项目期", "budget.total": "预算数", "budget.fiscal": "财政资金",
    "budget.other": "其他资金", "budget.superior": "上级补助", "budget.local": "本级安排",
    "budget.midterm_total": "中期资金总额", "budget.midterm_fiscal": "中期财政拨款",
    "budget.midterm_other": "中期其他资金", "source": "资金来源", "purpose": "资金用途",
    "goals": "绩效目标", "goals_midterm": "中期目标",
}
INDICATOR_FIELDS: dict[str, str] = {
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "指标描述",
    "value": "指标值", "value_midterm": "中期指标值", "basis": "指标值确定依据", "note": "说明", "weight": "权重",
}
DEPARTMENT_FIELDS: dict[str, str] = {"overall": "总体绩效目标", "measures": "工作保障措施", "name": "部门名称"}


@dataclass
class Change:
    """One difference. ``old`` is A's text, ``new`` B's. ``project_a``/``project_b`` and
    ``indicator_a``/``indicator_b`` are indexes in each file (None where absent)."""

    kind: Kind
    what: Literal["project", "indicator", "field", "department"]
    project: str | None          # the project's name (None for the department part)
    indicator: str | None        # the 三级指标 name, when about an indicator
    field: str | None            # a dump key ("value", "budget.total", "spending_plan.6月底", "grades.优")
    title: str                   # Chinese: what this is (指标值, 项目 …)
    old: str
    new: str
    project_a: int | None = None
    project_b: int | None = None
    indicator_a: int | None = None
    indicator_b: int | None = None

    def to_json(self) -> dict:
        return asdict(self)


def _get(obj, field: str) -> str:
    if field.startswith("budget."):
        return getattr(obj.budget, field[7:])
    return getattr(obj, field)


def _ind_key(ind: Indicator) -> tuple[str, str, str]:
    from perfeditor.rules.labels import compact, level1_key, level2_key

    return level1_key(ind.level1) or compact(ind.level1), level2_key(ind.level2), compact(ind.level3)


def _field_changes(a, b, fields: dict[str, str], base: dict) -> list[Change]:
    out = []
    for f, title in fields.items():
        old, new = _get(a, f), _get(b, f)
        if old != new:
            out.append(Change("changed", "field", field=f, title=title, old=old, new=new, **base))
    return out


def _indicator_changes(a: Indicator, b: Indicator, base: dict) -> list[Change]:
    out = _field_changes(a, b, INDICATOR_FIELDS, base)
    ga, gb = a.grades or {}, b.grades or {}
    for g in dict.fromkeys([*ga, *gb]):
        if ga.get(g, "") != gb.get(g, ""):
            out.append(Change("changed", "field", field=f"grades.{g}", title=f"评价标准（{g}）",
                              old=ga.get(g, ""), new=gb.get(g, ""), **base))
    return out


def _pair_indicators(a: list[Indicator], b: list[Indicator]) -> list[tuple[int | None, int | None]]:
    """Pairs of row indexes (None where a row is only in one list), in order."""
    ka, kb = [_ind_key(i) for i in a], [_ind_key(i) for i in b]
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        left, right = list(range(i1, i2)), list(range(j1, j2))
        while left and right and ka[left[0]][:2] == kb[right[0]][:2]:  # same level: the row was edited
            pairs.append((left.pop(0), right.pop(0)))
        pairs += [(i, None) for i in left] + [(None, j) for j in right]
    return pairs


def _renumbered(c: Change) -> bool:
    """A title that differs only in its number (``9、X`` → ``8、X``): the file numbers its forms,
    and a project added, removed or moved before this one renumbered it; not a change of its own."""
    from perfeditor.forms.titles import split_ordinal

    if c.field != "title":
        return False
    (na, _, ra), (nb, _, rb) = split_ordinal(c.old), split_ordinal(c.new)
    return na is not None and nb is not None and ra == rb


def _project_changes(pa: Project, pb: Project, ia: int, ib: int) -> list[Change]:
    name = pb.name or pa.name
    base = dict(project=name, indicator=None, project_a=ia, project_b=ib)
    out = [c for c in _field_changes(pa, pb, PROJECT_FIELDS, base) if not _renumbered(c)]
    for month in dict.fromkeys([*pa.spending_plan, *pb.spending_plan]):
        old, new = pa.spending_plan.get(month, ""), pb.spending_plan.get(month, "")
        if old != new:
            out.append(Change("changed", "field", field=f"spending_plan.{month}", title=f"资金支出计划（{month}）",
                              old=old, new=new, **base))
    for ra, rb in _pair_indicators(pa.indicators, pb.indicators):
        ind = pb.indicators[rb] if rb is not None else pa.indicators[ra]
        ibase = dict(project=name, indicator=ind.level3, project_a=ia, project_b=ib, indicator_a=ra,
                     indicator_b=rb)
        if ra is None:
            out.append(Change("added", "indicator", field=None, title="指标", old="", new=_row_text(ind), **ibase))
        elif rb is None:
            out.append(Change("removed", "indicator", field=None, title="指标", old=_row_text(ind), new="",
                              **ibase))
        else:
            out += _indicator_changes(pa.indicators[ra], pb.indicators[rb], ibase)
    return out


def _row_text(ind: Indicator) -> str:
    return " › ".join(t for t in (ind.level1, ind.level2, ind.level3) if t) + (f"：{ind.value}" if ind.value else "")


def _department_changes(a: Department | None, b: Department | None) -> list[Change]:
    base = dict(project=None, indicator=None)
    if a is None and b is None:
        return []
    if a is None or b is None:
        kind: Kind = "added" if a is None else "removed"
        text = "部门整体绩效目标"
        return [Change(kind, "department", field=None, title=text, old="" if a is None else text,
                       new="" if b is None else text, **base)]
    out = [Change(c.kind, "department", c.project, c.indicator, c.field, c.title, c.old, c.new)
           for c in _field_changes(a, b, DEPARTMENT_FIELDS, base)]
    for n in range(max(len(a.items), len(b.items))):
        ia = a.items[n] if n < len(a.items) else None
        ib = b.items[n] if n < len(b.items) else None
        for f, title in (("title", "分项标题"), ("goal", "分项目标"), ("indicator", "分项指标")):
            old, new = getattr(ia, f, "") if ia else "", getattr(ib, f, "") if ib else ""
            if old != new:
                out.append(Change("changed", "department", field=f"items.{n}.{f}", title=f"分项绩效目标{n + 1}·{title}",
                                  old=old, new=new, **base))
    for ra, rb in _pair_indicators(a.indicators, b.indicators):
        ind = b.indicators[rb] if rb is not None else a.indicators[ra]
        ibase = dict(project=None, indicator=ind.level3)
        if ra is None or rb is None:
            out.append(Change("added" if ra is None else "removed", "department", field="indicators",
                              title="部门整体绩效指标", old=_row_text(ind) if rb is None else "",
                              new=_row_text(ind) if ra is None else "", **ibase))
        else:
            out += [Change(c.kind, "department", c.project, c.indicator, c.field, c.title, c.old, c.new)
                    for c in _indicator_changes(a.indicators[ra], b.indicators[rb], ibase)]
    return out


def diff_documents(a: Document, b: Document) -> list[Change]:
    """Every difference between A and B: the department part, then projects in A's order, then
    B's projects that A lacks."""
    out = _department_changes(a.department, b.department)
    for m in match_projects(a, b):
        if m.current is not None and m.old is not None:
            out += _project_changes(a.projects[m.current], b.projects[m.old], m.current, m.old)
        elif m.current is not None:
            p = a.projects[m.current]
            out.append(Change("removed", "project", p.name, None, None, "项目", p.name, "", project_a=m.current))
        else:
            p = b.projects[m.old]
            out.append(Change("added", "project", p.name, None, None, "项目", "", p.name, project_b=m.old))
    return out


def text_segments(old: str, new: str) -> list[tuple[str, str]]:
    """How ``old`` became ``new``, character by character: ("equal" | "delete" | "insert", text)."""
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            out.append(("delete", old[i1:i2]))
        if j2 > j1:
            out.append(("insert", new[j1:j2]))
    return out


def format_change(c: Change) -> str:
    """One line for a person: ``项目“X” › 指标“群众满意度” › 指标值：“≥90%” → “≥95%”``."""
    where = []
    if c.project is not None:
        where.append(f"项目“{c.project}”")
    elif c.what == "department":
        where.append("部门整体绩效目标")
    if c.indicator:
        where.append(f"指标“{c.indicator}”")
    place = " › ".join(where)
    if c.kind == "added":
        what = "项目" if c.what == "project" else c.title
        return f"+ {place}：仅 B 有此{what}" + (f"（{c.new}）" if c.what != "project" else "")
    if c.kind == "removed":
        what = "项目" if c.what == "project" else c.title
        return f"- {place}：仅 A 有此{what}" + (f"（{c.old}）" if c.what != "project" else "")
    return f"~ {place} › {c.title}：“{_one_line(c.old)}” → “{_one_line(c.new)}”"


def _one_line(text: str) -> str:
    return text.replace("\n", "⏎")
