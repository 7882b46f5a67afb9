"""The one vocabulary of the forms: every printed label, its spellings and normalisation, the
field it names, and every field's Chinese title. Both file readers (.docx, .xlsx) read through it.

Real files differ in spaces, colons and brackets, a bracketed unit or years, a leading ``其中`` or
``*``, and labels cut at the cell's edge: :func:`norm` reduces a text to a key, and every lookup is
one dict lookup on it. The text as printed is what the model keeps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Bracketed parts and separators, dropped in one pass (a bracket is never a separator, so this is
#: dropping the bracketed parts first, then the separators).
_DROP = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]|[\s\u3000:：*＊、,，.。;；]+")


@lru_cache(maxsize=1 << 16)  # labels and values repeat from form to form
def norm(text: str) -> str:
    """``其中：财政    资金`` → ``财政资金``; ``资金总额(万元):`` → ``资金总额``."""
    t = _DROP.sub("", text)
    if t.startswith("其中") and len(t) > 2:
        t = t[2:]
    return t


@dataclass(frozen=True)
class Label:
    field: str   # model field ("name", "budget.fiscal", …) or a group name ("group:plan", …)
    kind: str    # "value": the value is the next cell; "group": a heading over other cells


def _labels(kind: str, pairs: dict[str, tuple[str, ...]]) -> dict[str, Label]:
    return {name: Label(field, kind) for field, names in pairs.items() for name in names}


#: Header-block labels (normalised text → Label). A group label heads other cells and takes no
#: value of its own; its printed text is kept in ``FormVariant.labels`` under the group's name.
HEADER_LABELS: dict[str, Label] = {
    **_labels("value", {
        "code": ("项目编码", "项目代码"),
        "name": ("项目名称",),
        "unit": ("主管部门及代码", "主管部门", "单位名称", "预算单位", "部门单位"),
        "implementer": ("实施单位",),
        "kind": ("项目属性",),
        "period": ("项目期",),
        "source": ("资金来源",),
        # 项目资金总额 is a total with its figure beside it (as 资金总额); the group is 项目资金
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
        "group:goals": ("总体目标", "绩效目标总体目标", "年度总体目标", "绩效目标申报"),
        "group:budget": ("项目资金", "预算资金", "资金情况"),
    }),
}

#: Indicator header labels (normalised text → field). ``group:grades`` heads 优 · 良 · 中 · 差.
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
    "权重": "weight", "分值": "weight", "权重分值": "weight", "权重/分值": "weight",
    "优": "grade:优", "良": "grade:良", "中": "grade:中", "差": "grade:差",
    "绩效指标评价标准": "group:grades", "评价标准": "group:grades",
}
#: The leading side column (mof-project), or 绩效指标 as the name column of the graded layout.
SIDE_LABELS = frozenset({"绩效指标", "年度绩效指标", "项目绩效指标", "绩效指标情况"})

#: First-level category names without their ``指标`` suffix → the category (效果 is 效益's older name).
LEVEL1_ALIASES: dict[str, str] = {"产出": "产出", "效益": "效益", "效果": "效益", "满意度": "满意度", "成本": "成本",
                                  "产出类": "产出", "效益类": "效益", "效果类": "效益", "满意度类": "满意度"}

#: Every field's Chinese title (messages, the editor, what a layout leaves out).
FIELD_TITLES: dict[str, str] = {
    "title": "表格标题", "name": "项目名称", "code": "项目编码", "unit": "单位", "implementer": "实施单位",
    "kind": "项目属性", "period": "项目期", "source": "资金来源", "purpose": "资金用途",
    "spending_plan": "资金支出计划", "goals": "绩效目标", "goals_midterm": "中期目标",
    "budget.total": "预算数", "budget.fiscal": "财政资金", "budget.other": "其他资金",
    "budget.superior": "上级补助", "budget.local": "本级安排", "budget.midterm_total": "中期资金总额",
    "budget.midterm_fiscal": "中期财政拨款", "budget.midterm_other": "中期其他资金",
    "level1": "一级指标", "level2": "二级指标", "level3": "三级指标", "description": "绩效指标描述",
    "value": "指标值", "value_midterm": "中期指标值", "basis": "指标值确定依据", "note": "说明",
    "weight": "权重", "grades": "评价标准（优良中差）", "indicators": "绩效指标",
    # the department part
    "overall": "总体绩效目标", "measures": "工作保障措施", "goal": "分项目标", "indicator": "分项指标",
    "content": "主要内容", "total": "总额", "fiscal": "财政拨款", "other": "其他资金",
}


def field_title(field: str) -> str:
    """``budget.fiscal`` → ``财政资金``; ``grade:优`` → ``评价标准（优）``."""
    return f"评价标准（{field[6:]}）" if field.startswith("grade:") else FIELD_TITLES.get(field, field)


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


_HEADER_CUTS = _cut_index(HEADER_LABELS)
_INDICATOR_CUTS = _cut_index({k: v for k, v in INDICATOR_LABELS.items() if len(k) > 2})


@lru_cache(maxsize=1 << 16)
def header_label(text: str) -> Label | None:
    """The header-block label ``text`` is (a value label or a group label), or None for a value."""
    t = norm(text) if len(text) <= 48 else ""  # (values are long: not normalised)
    if not t or len(t) > 14:
        return None
    if t.startswith("资金支出计划"):  # 资金支出计划（%） / 资金支出计划表 …
        t = "资金支出计划"
    return HEADER_LABELS.get(t) or _HEADER_CUTS.get(t)


def header_field(text: str) -> str | None:
    """The field a value label names (``budget.fiscal`` …), or None (a value, or a group label)."""
    lab = header_label(text)
    return lab.field if lab is not None and lab.kind == "value" else None


def group_field(text: str) -> str | None:
    """The group a heading names (``group:plan`` …), or None."""
    lab = header_label(text)
    return lab.field if lab is not None and lab.kind == "group" else None


@lru_cache(maxsize=1 << 16)
def indicator_label(text: str) -> str | None:
    """The indicator column field of a header cell, ``"side"`` (绩效指标) or None."""
    t = norm(text) if len(text) <= 48 else ""
    if not t or len(t) > 16:
        return None
    if t in SIDE_LABELS:
        return "side"
    return INDICATOR_LABELS.get(t) or _INDICATOR_CUTS.get(t)  # (cut starts keep three characters or more)


@lru_cache(maxsize=1 << 16)
def is_category(text: str) -> bool:
    """产出指标 / 效果指标 / 满意度 …: a first-level category's name."""
    t = norm(text)
    while t.endswith("指标"):
        t = t[:-2]
    return t in LEVEL1_ALIASES


# --- the amounts' unit ---------------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def unit_label(text: str) -> str | None:
    """``单位：万元`` / ``金额单位：元`` (the amounts' unit, printed beside the unit name) → ``万元`` /
    ``元``; None when the text is not a unit line."""
    if len(text) > 24 or "单" not in text or ":" not in text and "：" not in text:
        return None  # 单位万元 without a colon may be a name
    t = norm(text)
    if len(t) > 8 or not t.endswith("元") or "单位" not in t:
        return None
    return t[t.index("单位") + 2:] or None


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


# --- form titles ---------------------------------------------------------------------------------

_TITLE_WORDS = ("绩效目标表", "目标表", "申报表", "目标申报")
_NUMBER = "[0-9０-９一二三四五六七八九十百]+"
_ORDINAL = re.compile(rf"^\s*(?:[（(]{_NUMBER}[)）]|{_NUMBER}[)）]|{_NUMBER}[、.．,，\s])[、.．,，\s]*")
_TITLE_SUFFIXES = ("项目支出绩效目标表", "绩效目标申报表", "绩效目标表")


@lru_cache(maxsize=1 << 16)
def looks_like_title(text: str) -> bool:
    """``2、城建管理经费绩效目标表``, ``项目支出绩效目标申报表`` …: a form's title."""
    t = norm(text)
    return 0 < len(t) <= 120 and any(w in t for w in _TITLE_WORDS)


def name_from_title(title: str) -> str:
    """``1、平乡县保障安居工程绩效目标表`` → ``平乡县保障安居工程``."""
    name = _ORDINAL.sub("", title.strip(), count=1).strip()
    suffix = next((s for s in _TITLE_SUFFIXES if name.endswith(s)), "")
    return name[:len(name) - len(suffix)].strip()


# --- the national department form (部门整体支出绩效目标申报表) --------------------------------------

#: Its row labels, matched normalised at their start (``部门名称（盖章）``) → what the row holds.
_DEPARTMENT_STARTS = {"部门名称": "name", "年度主要任务": "tasks", "金额合计": "sum", "年度总体目标": "overall",
                      "年度绩效指标": "indicators"}
_DEPARTMENT_EXACT = {"部门单位名称": "name", "单位名称": "name", "合计": "sum"}
#: Its task header labels → the :class:`~perfeditor.model.DepartmentTask` field; 预算申请（万元）
#: heads the three amounts and names their unit.
DEPARTMENT_TASK_LABELS = {"任务名称": "name", "主要内容": "content", "总额": "total", "财政拨款": "fiscal",
                          "其他资金": "other"}
DEPARTMENT_BUDGET_HEAD = "预算申请"


@lru_cache(maxsize=1 << 12)
def department_label(text: str) -> str | None:
    """The department form's row a label starts: "name", "tasks", "sum", "overall",
    "indicators"; None for anything else."""
    if not text or len(text) > 30:
        return None
    t = norm(text)
    return _DEPARTMENT_EXACT.get(t) or next((v for k, v in _DEPARTMENT_STARTS.items() if t.startswith(k)), None)
