"""The printed labels of the forms, and how a cell's text is matched against them.

Labels are normalised only for matching (white space, colons, brackets, a leading ``其中`` and
``*`` marks dropped); the text as printed is what the model keeps. A label cut at the cell edge
(``其中: 上级补``, ``本级安``) still matches when the cut leaves it unambiguous.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_DROP = re.compile(r"[\s\u3000:：*＊、,，.。;；]+")


def norm(text: str) -> str:
    """``其中：财政    资金`` → ``财政资金``; ``资金总额(万元):`` → ``资金总额``."""
    t = _BRACKETS.sub("", text)
    t = _DROP.sub("", t)
    if t.startswith("其中") and len(t) > 2:
        t = t[2:]
    return t


@dataclass(frozen=True)
class Label:
    field: str   # model field ("name", "budget.fiscal", …) or a group name ("group:plan", …)
    kind: str    # "value": the value is the next cell; "group": a heading over other cells


def _labels(kind: str, pairs: dict[str, tuple[str, ...]]) -> dict[str, Label]:
    out: dict[str, Label] = {}
    for field, names in pairs.items():
        for name in names:
            out[name] = Label(field, kind)
    return out


#: Header-block labels (normalised text → Label).
HEADER_LABELS: dict[str, Label] = {
    **_labels("value", {
        "code": ("项目编码", "项目代码"),
        "name": ("项目名称",),
        "unit": ("主管部门及代码", "主管部门", "单位名称", "预算单位", "部门单位"),
        "implementer": ("实施单位",),
        "kind": ("项目属性",),
        "period": ("项目期",),
        "source": ("资金来源",),
        "budget.total": ("预算数", "资金总额", "年度资金总额", "预算金额", "项目资金总额"),
        "budget.midterm_total": ("中期资金总额",),
        "budget.fiscal": ("财政资金", "财政拨款"),
        "budget.other": ("其他资金",),
        "budget.superior": ("上级补助",),
        "budget.local": ("本级安排",),
        "purpose": ("资金用途",),
        "goals": ("绩效目标", "年度目标", "年度绩效目标", "项目绩效目标"),
        "goals_midterm": ("中期目标", "中期绩效目标"),
    }),
    **_labels("group", {
        "group:purpose": ("预算规模及资金用途", "预算规模及用途"),
        "group:plan": ("资金支出计划", "支出计划", "资金支出进度计划"),
        "group:goals": ("总体目标", "绩效目标总体目标"),
        "group:budget": ("项目资金", "预算资金", "资金情况"),
    }),
}

GOAL_FIELDS = ("goals", "goals_midterm")

#: Indicator header labels (normalised text → field). "side" is mof-project's 绩效指标 column.
INDICATOR_LABELS: dict[str, str] = {
    "一级指标": "level1", "绩效指标分类": "level1", "指标分类": "level1",
    "二级指标": "level2",
    "三级指标": "level3", "绩效指标名称": "level3", "指标名称": "level3",
    "绩效指标描述": "description", "指标描述": "description", "指标解释": "description",
    "指标值": "value", "年度指标值": "value", "绩效指标值": "value", "年度": "value",
    "中期指标值": "value_midterm", "中期": "value_midterm",
    "指标值确定依据": "basis", "指标值设定依据": "basis", "指标值设定依据及数据来源": "basis",
    "评价标准确定依据": "basis", "确定依据": "basis", "设定依据": "basis",
    "说明": "note", "备注": "note",
    "权重": "weight", "分值": "weight", "权重分值": "weight",
    "优": "grade:优", "良": "grade:良", "中": "grade:中", "差": "grade:差",
    "绩效指标评价标准": "group:grades", "评价标准": "group:grades",
}
#: Texts of the leading side column (mof-project) / of 绩效指标 in the graded layout.
SIDE_LABELS = ("绩效指标", "年度绩效指标", "项目绩效指标", "绩效指标情况")

_SHORT_LABELS = frozenset({"优", "良", "中", "差", "中期", "年度", "说明", "备注", "权重", "分值"})


def _cut_index(table: dict) -> dict:
    """Every start of a label with one or two characters cut off (at least three kept) → the
    label's value, or None where two labels share that start."""
    out: dict = {}
    for k, v in table.items():
        for cut in (1, 2):
            start = k[:len(k) - cut]
            if len(start) >= 3 and start not in table:
                out[start] = v if out.get(start, v) == v else None
    return out


def _prefix_match(t: str, index: dict):
    """A unique label that ``t`` is a cut-off start of (at most two characters lost)."""
    return index.get(t) if len(t) >= 3 else None


_HEADER_CUTS = _cut_index(HEADER_LABELS)


@lru_cache(maxsize=65536)
def header_label(text: str) -> Label | None:
    """The header-block label ``text`` is, or None for a value."""
    if len(text) > 48:
        return None
    t = norm(text)
    if not t or len(t) > 14:
        return None
    hit = HEADER_LABELS.get(t)
    if hit is None and t.startswith("资金支出计划"):
        hit = HEADER_LABELS["资金支出计划"]
    return hit if hit is not None else _prefix_match(t, _HEADER_CUTS)


@lru_cache(maxsize=65536)
def is_unit_marker(text: str) -> bool:
    """``单位：万元`` / ``金额单位：元`` (the amounts' unit, printed beside the unit name)."""
    if len(text) > 24 or "单" not in text:
        return False
    t = norm(text)
    return len(t) <= 8 and t.endswith("元") and "单位" in t


_INDICATOR_CUTS = _cut_index({k: v for k, v in INDICATOR_LABELS.items() if len(k) > 2})


@lru_cache(maxsize=65536)
def indicator_label(text: str) -> str | None:
    """The indicator column field of a header cell, ``"side"`` or None."""
    if len(text) > 48:
        return None
    t = norm(text)
    if not t or len(t) > 16:
        return None
    if t in SIDE_LABELS:
        return "side"
    hit = INDICATOR_LABELS.get(t)
    if hit is None and t not in _SHORT_LABELS:
        hit = _prefix_match(t, _INDICATOR_CUTS)
    return hit
