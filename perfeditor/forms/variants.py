"""Which variant of the national form (财政部 项目支出绩效目标表) a project is in: ``"2015"``
(财预〔2015〕88号: 成本 a second level under 产出, 中期 rows and values) or ``"2021"``
(财预〔2021〕101号: 成本指标 a first level, a column 指标值设定依据(及数据来源)).

The form itself decides first, what its rows hold only when it does not tell: a 2021 form whose
clerk has not filled a 成本 row yet still reads as 2021.
"""
from __future__ import annotations

import re
from typing import Iterable, Literal, Mapping

from perfeditor.model import Indicator, Project

System = Literal["2015", "2021"]

#: The 2021 form's basis column: 指标值设定依据 / 指标值设定依据及数据来源 (the 2015 form has none;
#: the 河北 forms' column is 指标值确定依据).
BASIS_2021 = "设定依据"
#: The column's name as the writers print it in the 2021 form.
BASIS_2021_LABEL = "指标值设定依据及数据来源"
#: The 2021 system's second levels under 成本指标 (the 2015 system has one 成本指标 under 产出).
COST_LEVEL2_2021 = ("经济成本", "社会成本", "生态环境成本")
#: Rows and columns only the 2015 form has (中期资金总额 …, 中期目标, 中期指标值).
MIDTERM_FIELDS = frozenset({"budget.midterm_total", "budget.midterm_fiscal", "budget.midterm_other",
                            "goals_midterm", "value_midterm"})

_SPACE = re.compile(r"[\s\u3000]+")


def _key(text: str) -> str:
    return _SPACE.sub("", text or "")


def data_system(indicators: Iterable[Indicator]) -> System:
    """What the rows say: a first level 成本…, or a second level of the 2021 成本指标, is 2021."""
    return "2021" if any(_key(ind.level1).startswith("成本") or _key(ind.level2).startswith(COST_LEVEL2_2021)
                         for ind in indicators) else "2015"


def read_system(labels: Mapping[str, str], fields: Iterable[str],
                indicators: Iterable[Indicator]) -> System:
    """The variant of a national form just read, by its printed labels and the fields of its rows and
    columns: a 设定依据 column is 2021, a 中期 row or column 2015; else its rows (:func:`data_system`)."""
    basis = labels.get("col:basis") or labels.get("basis") or ""
    if BASIS_2021 in _key(basis):
        return "2021"
    if MIDTERM_FIELDS & {*fields, *labels}:
        return "2015"
    return data_system(indicators)


def project_system(p: Project) -> System:
    """The variant a project is in: its own, else as a reader would decide (a 河北 form's by its
    indicators alone)."""
    v = p.variant
    if v.layout != "mof-project":
        return data_system(p.indicators)
    if v.system:
        return v.system  # type: ignore[return-value]
    return read_system(v.labels, [*v.rows, *v.indicator_columns], p.indicators)
