"""The form's labels (表头文字) and how a printed label maps to a field.

Real files differ in spaces inside labels (``其中：财政    资金``), full/half-width colons and
brackets, line breaks in header cells (``绩效指标\\n分类``), a parenthesised unit or years
(``资金总额(万元):``, ``中期目标（2021年-2023年）``) and truncated labels (``其中: 上级补``).
:func:`key` reduces a label to a comparable key; :func:`header_field` / :func:`column_field` map it.
"""
from __future__ import annotations

import re
from functools import lru_cache

_WS = re.compile(r"\s+")
_PAREN = re.compile(r"\([^()]*\)")
_TRANS = str.maketrans({"：": ":", "（": "(", "）": ")", "【": "(", "】": ")", "＊": "*"})


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def key(text: str) -> str:
    """A label reduced for comparison: no white space, half-width, no parenthesised part, no
    trailing colon or leading asterisk (a required-field mark)."""
    t = _WS.sub("", text.translate(_TRANS))
    t = _PAREN.sub("", t)
    return t.strip(":*")


#: Labels of the header block (label · value rows), key → field.
HEADER_LABELS: dict[str, str] = {
    "项目编码": "code", "项目代码": "code",
    "项目名称": "name",
    "主管部门及代码": "unit", "主管部门": "unit",
    "实施单位": "implementer",
    "项目属性": "kind",
    "项目期": "period",
    "资金来源": "source",
    "预算数": "budget.total", "资金总额": "budget.total", "年度资金总额": "budget.total",
    "年度资金总额:": "budget.total",
    "中期资金总额": "budget.midterm_total",
    "其中:财政资金": "budget.fiscal", "财政资金": "budget.fiscal",
    "其中:财政拨款": "budget.fiscal", "财政拨款": "budget.fiscal",
    "其中:上级补助": "budget.superior", "上级补助": "budget.superior",
    "本级安排": "budget.local", "其中:本级安排": "budget.local",
    "其他资金": "budget.other",
    "资金用途": "purpose",
    "绩效目标": "goals", "年度目标": "goals", "年度绩效目标": "goals",
    "中期目标": "goals_midterm", "中期绩效目标": "goals_midterm",
}
#: Labels that head a group of rows and take no value of their own.
GROUP_LABELS: dict[str, str] = {
    "预算规模及资金用途": "purpose_group",
    "资金支出计划": "plan_group",
    "总体目标": "goals_group", "年度总体目标": "goals_group", "绩效目标申报": "goals_group",
    "项目资金": "budget_group", "项目资金总额": "budget_group",
}
#: Labels of the indicator block's columns, key → field.
COLUMN_LABELS: dict[str, str] = {
    "一级指标": "level1", "绩效指标分类": "level1", "指标分类": "level1",
    "二级指标": "level2",
    "三级指标": "level3", "绩效指标名称": "level3", "指标名称": "level3",
    "绩效指标描述": "description", "指标描述": "description", "指标解释": "description",
    "指标值": "value", "年度指标值": "value", "年度": "value", "绩效指标值": "value",
    "中期指标值": "value_midterm", "中期": "value_midterm",
    "指标值确定依据": "basis", "指标值设定依据": "basis", "评价标准确定依据": "basis",
    "指标值设定依据及数据来源": "basis", "确定依据": "basis", "设定依据": "basis",
    "说明": "note", "备注": "note",
    "权重": "weight", "分值": "weight", "权重分值": "weight", "权重/分值": "weight",
    "绩效指标评价标准": "grades", "评价标准": "grades",
    "优": "grade:优", "良": "grade:良", "中": "grade:中", "差": "grade:差",
}
_LEVEL1_KEYS = ("一级指标", "绩效指标分类", "指标分类")
_MIN_TRUNCATED = 3


def _cut_labels(table: dict[str, str]) -> dict[str, str]:
    """Each label cut by one or two characters (at least ``_MIN_TRUNCATED`` left) → its field;
    the first label in table order wins, as a scan of the table would find it."""
    out: dict[str, str] = {}
    for label, fld in table.items():
        for n in (len(label) - 1, len(label) - 2):
            if n >= _MIN_TRUNCATED:
                out.setdefault(label[:n], fld)
    return out


_CUT: dict[int, dict[str, str]] = {}


def _lookup(k: str, table: dict[str, str]) -> str | None:
    if not k:
        return None
    hit = table.get(k)
    if hit is not None:
        return hit
    if len(k) >= _MIN_TRUNCATED:  # a label cut at the cell's edge: 其中:上级补, 本级安
        cut = _CUT.get(id(table))
        if cut is None:
            cut = _CUT[id(table)] = _cut_labels(table)
        return cut.get(k)
    return None


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def header_field(text: str) -> str | None:
    """The header-block field a label names (``budget.fiscal`` …), or None."""
    if len(text) > 30:
        return None
    return _lookup(key(text), HEADER_LABELS)


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def group_field(text: str) -> str | None:
    if len(text) > 30:
        return None
    return GROUP_LABELS.get(key(text))


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def column_field(text: str) -> str | None:
    """The indicator-block field a column header names, or None; ``绩效指标`` is ``"side"``."""
    if len(text) > 30:
        return None
    k = key(text)
    if k == "绩效指标":
        return "side"
    return _lookup(k, COLUMN_LABELS) if len(k) > 1 else COLUMN_LABELS.get(k)


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def is_level1_header(text: str) -> bool:
    return key(text) in _LEVEL1_KEYS


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def unit_label(text: str) -> str | None:
    """``单位：万元`` → ``万元``; None when the text is not a unit label."""
    m = re.match(r"^\s*(?:金额)?单位\s*[:：]\s*(\S{1,6})\s*$", text)
    return m.group(1) if m else None


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def is_title(text: str) -> bool:
    k = key(text)
    return len(k) <= 120 and (k.endswith("绩效目标表") or k.endswith("目标申报表")
                              or k.endswith("绩效目标申报表"))


_ORDINAL = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十百]+)\s*[、.．,，]\s*")


def name_from_title(title: str) -> str:
    """``1、平乡县保障安居工程绩效目标表`` → ``平乡县保障安居工程``."""
    name = _ORDINAL.sub("", title.strip())
    for suffix in ("项目支出绩效目标表", "绩效目标申报表", "绩效目标表"):
        if name.endswith(suffix):
            return name[: -len(suffix)].strip()
    return name


_UNIT_IN = re.compile(r"([（(]\s*)(万元|千元|亿元|元)(\s*[)）])")


def unit_in_label(text: str) -> str | None:
    """``资金总额(万元):`` → ``万元``: the amount unit a label names in brackets, or None."""
    m = _UNIT_IN.search(text) if len(text) <= 30 else None
    return m.group(2) if m else None


def with_unit(text: str, unit: str) -> str:
    """``text`` naming ``unit`` where it named another: ``单位：万元`` / ``项目资金（万元）``."""
    if not unit:
        return text
    m = re.match(r"^(\s*(?:金额)?单位\s*[:：]\s*)(万元|千元|亿元|元)(\s*)$", text)
    if m:
        return m.group(1) + unit + m.group(3)
    return _UNIT_IN.sub(lambda m: m.group(1) + unit + m.group(3), text, count=1)
