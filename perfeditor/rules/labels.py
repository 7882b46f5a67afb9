"""Indicator level labels compared the way a finance bureau means them.

Labels are compared without white space and without the ``指标`` suffix, with the known aliases
(效果 = 效益, 环境效益 = 生态效益). ``level1_key`` gives one of 产出 / 效益 / 满意度 / 成本 (or "");
``level2_key`` the canonical second level (数量 … 服务对象满意度) or the cleaned label.
"""
from __future__ import annotations

import re
from functools import lru_cache

from perfeditor.forms.vocabulary import LEVEL1_ALIASES as _LEVEL1_ALIASES

_WS = re.compile(r"\s+")
LEVEL1_KEYS: tuple[str, ...] = ("产出", "效益", "满意度", "成本")
LEVEL1_NAMES: dict[str, str] = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标",
                                "成本": "成本指标"}
_LEVEL2_ALIASES = {
    "环境效益": "生态效益", "生态环境效益": "生态效益", "经济效果": "经济效益", "社会效果": "社会效益",
    "生态效果": "生态效益", "环境效果": "生态效益", "可持续影响效益": "可持续影响",
    "可持续": "可持续影响", "可持续性影响": "可持续影响", "服务对象满意": "服务对象满意度",
    "社会公众或服务对象满意度": "服务对象满意度", "社会公众满意度": "服务对象满意度",
    "满意度": "服务对象满意度", "环境成本": "生态环境成本", "生态成本": "生态环境成本",
    "时限": "时效", "时效性": "时效", "产出数量": "数量", "产出质量": "质量", "产出时效": "时效",
    "产出成本": "成本",
}

#: Which second levels belong to which first level, per indicator system.
LEVEL2_2015: dict[str, frozenset[str]] = {
    "产出": frozenset({"数量", "质量", "时效", "成本"}),
    "效益": frozenset({"经济效益", "社会效益", "生态效益", "可持续影响"}),
    "满意度": frozenset({"服务对象满意度"}),
    "成本": frozenset({"经济成本", "社会成本", "生态环境成本"}),
}
LEVEL2_2021: dict[str, frozenset[str]] = {
    "产出": frozenset({"数量", "质量", "时效"}),
    "效益": LEVEL2_2015["效益"],
    "满意度": LEVEL2_2015["满意度"],
    "成本": frozenset({"经济成本", "社会成本", "生态环境成本", "成本"}),
}


def _strip(label: str) -> str:
    key = _WS.sub("", label or "")
    while key.endswith("指标"):
        key = key[:-2]
    return key


@lru_cache(maxsize=4096)
def level1_key(label: str) -> str:
    """``"效果指标"`` → ``"效益"``; ``"满意度"`` → ``"满意度"``; unknown → ``""``."""
    return _LEVEL1_ALIASES.get(_strip(label), "")


@lru_cache(maxsize=4096)
def level2_key(label: str) -> str:
    """``"环境效益指标"`` → ``"生态效益"``; unknown labels come back cleaned."""
    key = _strip(label)
    return _LEVEL2_ALIASES.get(key, key)


def known_level2(system: str) -> dict[str, frozenset[str]]:
    return LEVEL2_2021 if system == "2021" else LEVEL2_2015


@lru_cache(maxsize=4096)
def owner_of(level2: str, system: str) -> str:
    """The first level a canonical second level belongs to in ``system`` (or ""); cached: every
    row of a project asks after each edit."""
    for l1, l2s in known_level2(system).items():
        if level2 in l2s:
            return l1
    return ""


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    """Text without white space (for comparing names); cached per text."""
    return _WS.sub("", text) if text else ""
