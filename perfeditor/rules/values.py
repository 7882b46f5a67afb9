"""Understanding an indicator value (指标值) the way a clerk reads it.

Budget systems store a value as operator (≥ ＞ ＝ ＜ ≤ 定性) + number + unit. :func:`parse_value`
reads the text as typed into that structure, *alongside* the text (which is never changed), and
says which kind of value it is: quantity, percentage, money, frequency, deadline, qualitative,
not_applicable, broken or empty. It never raises: text it cannot read is ``broken`` (with the
reason in ``problem``) or ``qualitative``.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

log = logging.getLogger(__name__)

KINDS: tuple[str, ...] = (
    "quantity", "percentage", "money", "frequency", "deadline",
    "qualitative", "not_applicable", "broken", "empty",
)
#: The operators of the budget systems, as they are stored.
OPERATORS: tuple[str, ...] = ("≥", "＞", "＝", "＜", "≤")

#: Units offered for completion while typing a value.
COMMON_UNITS: list[str] = [
    "%", "个", "次", "人", "人次", "户", "套", "台", "座", "项", "家", "份", "本", "批", "场",
    "所", "辆", "处", "件", "篇", "期", "天", "月", "年", "小时", "公里", "米", "平方米",
    "万平方米", "亩", "公顷", "吨", "万吨", "元", "万元", "次/年", "次/月", "次/周", "元/人",
]
#: Qualitative values offered for completion (定性指标值).
COMMON_QUALITATIVE: list[str] = [
    "优", "良", "良好", "好", "合格", "达标", "全覆盖", "有所提高", "显著提升", "明显提升",
    "逐步提高", "稳定运行", "正常运行", "及时", "按时完成", "有效保障", "全面保障",
    "确保工作运转正常", "无涉及", "不适用",
]

_PERCENT_UNITS = {"%", "百分比", "百分点"}
#: Money units and their factor to 万元.
_MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal("0.0001"), "万元": Decimal(1), "万": Decimal(1), "千元": Decimal("0.1"),
    "百万元": Decimal(100), "亿元": Decimal(10000), "亿": Decimal(10000),
}
_NOT_APPLICABLE = {
    "无涉及", "不涉及", "不适用", "无", "无此项", "暂无", "无相关", "不涉及此项", "/", "-", "—",
    "——", "－", "无涉及内容", "此项不适用", "n/a", "N/A", "NA",
}
_TIME_WORDS = ("年", "月", "周", "季度", "季", "日", "天", "星期", "半年", "学期", "小时")

# Full-width digits, punctuation and signs a Chinese input method produces.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％／－～", "0123456789.%/-~")
_SPACES = re.compile(r"\s+")
_OP_TEXT = (
    (">=", "≥"), ("＞＝", "≥"), ("≧", "≥"), ("⩾", "≥"),
    ("<=", "≤"), ("＜＝", "≤"), ("≦", "≤"), ("⩽", "≤"),
)
_OP_CANON = {
    "≥": "≥", ">": "＞", "＞": "＞", "=": "＝", "＝": "＝", "==": "＝", "<": "＜", "＜": "＜",
    "≤": "≤",
}
_WORD_OPS = (  # longest first
    ("大于或等于", "≥"), ("小于或等于", "≤"), ("大于等于", "≥"), ("小于等于", "≤"),
    ("不低于", "≥"), ("不少于", "≥"), ("不小于", "≥"), ("至少", "≥"), ("不高于", "≤"),
    ("不超过", "≤"), ("不多于", "≤"), ("不大于", "≤"), ("控制在", "≤"), ("高于", "＞"),
    ("大于", "＞"), ("多于", "＞"), ("超过", "＞"), ("低于", "＜"), ("小于", "＜"),
    ("少于", "＜"), ("等于", "＝"),
)
_SUFFIX_OPS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "之内": "≤"}

_OPS_RE = r"(?:>=|<=|==|≥|≤|>|<|=|＞|＜|＝)"
_NUM_RE = r"\d+(?:\.\d+)?"
_QUANT = re.compile(
    rf"^(?P<prefix>[^\d≥≤<>=＞＜＝]*?)(?P<op>{_OPS_RE})?(?P<each>各)?(?P<num>{_NUM_RE})"
    r"(?P<unit>[^\d≥≤<>=＞＜＝]*?)(?P<suffix>及以上|以上|及以下|以下|以内|之内|左右|内)?$"
)
_RANGE = re.compile(
    rf"^(?P<prefix>[^\d≥≤<>=＞＜＝]{{0,6}}?)(?P<lo>{_NUM_RE})(?P<unit1>[^\d~至到]{{0,6}}?)"
    rf"(?:-|~|至|到|—)(?P<hi>{_NUM_RE})(?P<unit>[^\d≥≤<>=＞＜＝]{{0,8}})$"
)
_DATE = re.compile(
    r"^(?P<pre>截至|截止|截止到|于|在|预计|计划|预计于|计划于|力争|力争于)?"
    r"(?:(?P<y>(?:19|20)\d{2})年(?:度)?)?(?:(?P<m>\d{1,2})月(?:份)?)?(?:(?P<d>\d{1,2})[日号])?"
    r"(?P<tail>底|末|中旬|上旬|下旬|初|内|年底|年末)?"
    r"(?P<post>前|之前|以前|内|之内|前后|止|为止|前完成|之前完成|完成|底前完成|全部完成|结束)?$"
)
_DATE_DASH = re.compile(r"^(?P<y>(?:19|20)\d{2})[-./](?P<m>\d{1,2})(?:[-./](?P<d>\d{1,2}))?(?:前|之前)?$")
_RELATIVE = re.compile(
    r"^(?:年底前|年底|年末|年内|当年|本年度内|本年内|当年内|年度内|本年度|年底前完成|年内完成|按时|"
    r"(?P<n>\d+)(?:个)?(?:月|天|日|工作日|个工作日|周|季度)(?:内|之内|以内|前))$"
)
_TWO_DOTS = re.compile(r"\d+\.\d*\.")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_PUNCT_TEXT = re.compile(r"[，。；;、,！!？?：:\\（）()“”\"]")


@dataclass(frozen=True)
class ParsedValue:
    """The structure of one value; ``text`` is exactly what was given."""

    text: str
    kind: str
    operator: str = ""           # ≥ ＞ ＝ ＜ ≤, "" (none typed) or "定性"
    number: Decimal | None = None
    unit: str = ""               # as typed (% / 百分比 / 万平方米 / 次/年 / 元 …)
    number_high: Decimal | None = None  # upper end of a range (90-95%)
    prefix: str = ""             # text before the number (每周, 拜访企业)
    suffix: str = ""             # 及以上 / 以内 …
    per: str = ""                # money per unit (台 in 元/台); period of a frequency (周, 年)
    amount_wan: Decimal | None = None  # money normalised to 万元 (absolute amounts only)
    year: int | None = None      # deadline
    month: int | None = None
    day: int | None = None
    problem: str = ""            # why the value is broken (Chinese, for the clerk)

    @property
    def is_quantitative(self) -> bool:
        return self.kind in ("quantity", "percentage", "money", "frequency")

    @property
    def is_percentage(self) -> bool:
        return self.kind == "percentage"


def normalise_operators(text: str) -> str:
    """``>=`` → ``≥`` and ``<=`` → ``≤`` (also ``≧``/``≦``/``＞＝``/``＜＝``); nothing else changes."""
    for src, dst in _OP_TEXT:
        if src in text:
            text = text.replace(src, dst)
    return text


def _clean(text: str) -> str:
    t = _SPACES.sub("", text).translate(_FULLWIDTH)
    return normalise_operators(t)


def _dec(s: str) -> Decimal | None:
    try:
        return Decimal(s)
    except (InvalidOperation, ValueError):
        return None


def _broken(text: str, problem: str, number: Decimal | None = None, unit: str = "",
            operator: str = "") -> ParsedValue:
    return ParsedValue(text=text, kind="broken", operator=operator, number=number, unit=unit,
                       problem=problem)


def _typed_twice(digits: str) -> bool:
    """``9090`` / ``9595`` / ``100100``: the same number typed twice."""
    n = len(digits)
    return n >= 4 and n % 2 == 0 and digits[: n // 2] == digits[n // 2:]


def _deadline(text: str, t: str) -> ParsedValue | None:
    m = _DATE.match(t)
    if m and (m.group("y") or m.group("m")):
        y = int(m.group("y")) if m.group("y") else None
        mo = int(m.group("m")) if m.group("m") else None
        d = int(m.group("d")) if m.group("d") else None
        if mo is None and d is not None:
            return None
        tail = m.group("tail") or ""
        if y is None and not (m.group("post") or tail):  # a bare "12月" is no deadline
            return None
        if y is not None and mo is None and not (tail or m.group("post")):
            pass  # "2024年": a year
        if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
            return _broken(text, "日期不存在（月份应为1～12，日应为1～31）")
        return ParsedValue(text=text, kind="deadline", year=y, month=mo, day=d,
                           number=Decimal(y) if y else None, suffix=m.group("post") or "")
    m = _DATE_DASH.match(t)
    if m:
        y, mo = int(m.group("y")), int(m.group("m"))
        d = int(m.group("d")) if m.group("d") else None
        if not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
            return _broken(text, "日期不存在（月份应为1～12，日应为1～31）")
        return ParsedValue(text=text, kind="deadline", year=y, month=mo, day=d, number=Decimal(y))
    m = _RELATIVE.match(t)
    if m:
        n = m.group("n")
        return ParsedValue(text=text, kind="deadline", number=Decimal(n) if n else None)
    return None


def _unit_kind(unit: str, prefix: str) -> tuple[str, str, Decimal | None]:
    """(kind, per, factor to 万元) of a quantitative value's unit."""
    base, _, per = unit.partition("/")
    if base in _PERCENT_UNITS:
        return "percentage", per, None
    if base in _MONEY_UNITS:
        return "money", per, _MONEY_UNITS[base]
    if base.startswith("次") or base.endswith("次"):
        if per and per.lstrip("每") in _TIME_WORDS:
            return "frequency", per, None
        if "每" in prefix or any(prefix.endswith(w) for w in ("每年", "每月", "每周", "每天", "每日")):
            return "frequency", prefix.lstrip("每"), None
    elif "次/" in unit or ("每" in prefix and per == ""):
        if "每" in prefix and base in ("次", "次数", "人次", "回", "遍"):
            return "frequency", prefix.lstrip("每"), None
    return "quantity", per, None


def _quantitative(text: str, t: str) -> ParsedValue | None:
    m = _QUANT.match(t)
    if not m:
        return None
    prefix, op, num, unit = m.group("prefix"), m.group("op") or "", m.group("num"), m.group("unit")
    suffix = m.group("suffix") or ""
    if unit.startswith(".") or ".." in t:
        return _broken(text, "数字中多了小数点", _dec(num.rstrip(".")), "", _OP_CANON.get(op, ""))
    for word, wop in _WORD_OPS:
        if prefix.endswith(word):
            if op:
                return _broken(text, "比较符号重复", _dec(num), unit)
            prefix, op = prefix[: -len(word)], wop
            break
    if len(prefix) > 10 or len(unit) > 8 or _PUNCT_TEXT.search(prefix + unit):
        return None  # a sentence that happens to hold a number
    if any(o in prefix for o in ("≥", "≤", ">", "<", "=", "＞", "＜", "＝")):
        return _broken(text, "比较符号重复", _dec(num), unit)
    operator = _OP_CANON.get(op, "")
    if not operator and suffix in _SUFFIX_OPS:
        operator = _SUFFIX_OPS[suffix]
    number = _dec(num)
    if unit.count("%") > 1 or ("%" in unit and unit.strip("%") and unit.strip("%") in _PERCENT_UNITS):
        return _broken(text, "百分号重复", number, unit, operator)
    kind, per, factor = _unit_kind(unit, prefix)
    if kind == "percentage" and "." not in num and _typed_twice(num) and number is not None \
            and number > 100:
        return _broken(text, f"数字“{num}”像是同一个数输入了两次", number, unit, operator)
    amount = None
    if kind == "money" and factor is not None and not per and number is not None:
        amount = number * factor
    return ParsedValue(text=text, kind=kind, operator=operator, number=number, unit=unit,
                       prefix=prefix, suffix=suffix, per=per, amount_wan=amount)


def _range(text: str, t: str) -> ParsedValue | None:
    m = _RANGE.match(t)
    if not m:
        return None
    unit = m.group("unit") or m.group("unit1")
    if _PUNCT_TEXT.search(unit) or (m.group("unit1") and m.group("unit1") != unit):
        return None
    lo, hi = _dec(m.group("lo")), _dec(m.group("hi"))
    kind, per, _ = _unit_kind(unit, m.group("prefix"))
    if kind == "percentage" and lo is not None and hi is not None and lo > hi:
        return _broken(text, "区间下限大于上限", lo, unit)
    return ParsedValue(text=text, kind=kind, number=lo, number_high=hi, unit=unit,
                       prefix=m.group("prefix"), per=per)


def _unreadable(text: str, t: str) -> ParsedValue:
    """Neither a structured value nor plainly words: broken when it has no words, else qualitative."""
    if _TWO_DOTS.search(t):
        return _broken(text, "数字中多了小数点")
    if not _CJK.search(t):
        if _DIGITS.search(t):
            return _broken(text, "格式无法识别")
        if not any(ch.isalpha() for ch in t):
            return _broken(text, "只有符号，没有数值")
    return ParsedValue(text=text, kind="qualitative", operator="定性")


@lru_cache(maxsize=65536)
def parse_value(text: str) -> ParsedValue:
    """Read one indicator value; never raises (cached per text)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001  # pragma: no cover - a value is a finding, never a crash; logged
        log.exception("value %r could not be parsed", text[:200])
        return _broken(text, "格式无法识别")


def _parse(text: str) -> ParsedValue:
    t = _clean(text)
    if not t:
        return ParsedValue(text=text, kind="empty")
    if t in _NOT_APPLICABLE or t.rstrip("。") in _NOT_APPLICABLE:
        return ParsedValue(text=text, kind="not_applicable")
    if len(t) > 60:
        return ParsedValue(text=text, kind="qualitative", operator="定性")
    if re.search(_OPS_RE + r"{2,}", t.replace("==", "=")) and not t.startswith("=="):
        return _broken(text, "比较符号重复")
    dl = _deadline(text, t)
    if dl is not None:
        return dl
    q = _quantitative(text, t)
    if q is not None:
        return q
    r = _range(text, t)
    if r is not None:
        return r
    if t[-1] in "≥≤<>=＞＜＝" or (t[0] in "≥≤<>=＞＜＝" and not _DIGITS.search(t)):
        return _broken(text, "比较符号后面没有数值")
    return _unreadable(text, t)


def value_hint(pv: ParsedValue) -> str:
    """A short Chinese description of how the value was understood (for tooltips)."""
    names = {
        "quantity": "数量", "percentage": "百分比", "money": "金额", "frequency": "频次",
        "deadline": "时限", "qualitative": "定性", "not_applicable": "不适用",
        "broken": "无法识别", "empty": "未填写",
    }
    head = names.get(pv.kind, pv.kind)
    if pv.is_quantitative and pv.number is not None:
        op = pv.operator or "＝"
        return f"{head}：{op} {pv.number} {pv.unit}".rstrip()
    if pv.kind == "broken" and pv.problem:
        return f"{head}：{pv.problem}"
    return head
