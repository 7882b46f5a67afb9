"""The rule sets a finance bureau can choose: mof-2015, mof-2021, hebei.

Rules are data (id, severity, one-line Chinese description, field) plus a small function; the same
function may serve several sets, reading the set's indicator system from the context.
"""
from __future__ import annotations

from perfeditor.rules import (
    amounts,
    cost,
    department,
    goals,
    grades,
    indicator_values,
    plan,
    structure,
    weights,
)
from perfeditor.rules.findings import Rule, RuleSet


def _r(id: str, severity: str, description: str, field: str, check, scope: str = "project") -> Rule:
    return Rule(id=id, severity=severity, description=description, field=field, check=check, scope=scope)


_AMOUNTS = [
    _r("budget.sum", "error", "预算金额须为有效数字；财政资金＋其他资金＝预算数，上级补助＋本级安排＝财政拨款",
       "budget.total", amounts.check_sum),
    _r("budget.range", "warning", "预算金额不应为负数、过大或小数位过多", "budget.total", amounts.check_range),
]
_PLAN = [
    _r("plan.percent", "error", "资金支出计划须为0～100之间的百分比（25.00 或 25% 均可）", "spending_plan",
       plan.check_percent),
    _r("plan.monotonic", "error", "资金支出计划为累计比例，后一季度不应低于前一季度", "spending_plan",
       plan.check_monotonic),
    _r("plan.final", "warning", "12月底的累计支出比例一般应为100%", "spending_plan", plan.check_final),
]
_GOALS = [
    _r("goals.empty", "error", "绩效目标不能为空", "goals", goals.check_empty),
    _r("goals.placeholder", "error", "绩效目标不能保留模板占位文字（目标内容1、目标1：、XXX）", "goals",
       goals.check_placeholder),
    _r("goals.duplicate", "warning", "同一目标不应重复填写", "goals", goals.check_duplicate),
    _r("goals.markup", "warning", "绩效目标中不应残留系统导出的网页标记（如<p>）", "goals", goals.check_markup),
    _r("goals.unmeasured", "info", "每条年度目标都应有绩效指标衡量（供审核人确认）", "goals", goals.check_unmeasured),
]


def _structure(system: str) -> list[Rule]:
    level1 = {"2021": "须有成本、产出、效益（效果）、满意度四类一级指标",
              }.get(system, "须有产出、效益（或效果）、满意度三类一级指标")
    return [
        _r("structure.level1", "error", level1, "level1", structure.check_level1),
        _r("structure.level1-known", "warning", "一级指标应为规则集认可的类别" + (
            "（2015年体系中成本指标属于产出指标）" if system == "2015" else ""), "level1",
           structure.check_level1_known),
        _r("structure.level2-parent", "error", "二级指标应属于其一级指标（数量指标不能放在效益指标下）" + (
            "；成本指标为一级指标" if system == "2021" else ""), "level2", structure.check_level2_parent),
        _r("structure.level2-empty", "warning", "二级指标不应为空", "level2", structure.check_level2_empty),
        _r("structure.output-parts", "warning", "产出指标下一般应有数量指标和质量指标", "level2",
           structure.check_output_parts),
        _r("structure.duplicate", "warning", "同一二级指标下三级指标名称不应重复", "level3",
           structure.check_duplicate_level3),
        _r("structure.identical", "warning", "两行指标不应完全相同", "indicators", structure.check_identical),
        _r("structure.level3-empty", "error", "三级指标名称不能为空", "level3", structure.check_level3_empty),
        _r("structure.value-empty", "error", "指标值不能为空", "value", structure.check_value_empty),
        _r("structure.cross-level", "warning", "同一指标（名称、描述、指标值均相同）不应放在两个一级指标下", "level3",
           structure.check_cross_level),
        _r("structure.satisfaction-benefit", "warning", "满意度指标不能代替效益指标，应放在满意度指标下", "level1",
           structure.check_satisfaction_as_benefit),
        _r("structure.name-length", "error", f"项目名称和三级指标名称不应超过{structure.NAME_LIMIT}字", "level3",
           structure.check_name_length),
        _r("weights.total", "warning", "有权重（分值）列时，各指标权重应为数字且合计100", "indicators",
           weights.check_total),
    ]


_VALUES = [
    _r("value.broken", "error", "指标值须能识别（如“≥9090%及以上”是数字重复输入）", "value",
       indicator_values.check_broken),
    _r("value.percent", "error", "百分比指标值不应超过100%", "value", indicator_values.check_percent_range),
    _r("value.satisfaction", "warning", "满意度指标值应为百分比", "value", indicator_values.check_satisfaction),
    _r("value.unit", "warning", "定量指标值应有计量单位（≥100 应写成 ≥100个 或 ≥100%）", "value",
       indicator_values.check_unit),
    _r("value.deadline", "warning", "时效指标应为预算年度内的日期", "value", indicator_values.check_deadline),
    _r("value.timeliness", "warning", "时效指标的指标值应为时间（完成时限、时长或“及时”），不能是“良好”等", "value",
       indicator_values.check_timeliness),
    _r("value.placeholder", "error", "指标值不能只填占位符（*、-、_、**、/）", "value",
       indicator_values.check_placeholder),
    _r("value.not-applicable", "info", "指标值为“无涉及”或“不适用”（允许，供审核人确认）", "value",
       indicator_values.check_not_applicable),
]
_COST = [
    _r("cost.over-budget", "error", "成本指标值不应超过项目资金总额（万元与元换算后比较）", "value",
       cost.check_over_budget),
    _r("cost.sum-over-budget", "error", "同一项目各成本指标值之和不应超过项目资金总额", "value",
       cost.check_sum_over_budget),
    _r("cost.misplaced", "warning", "金额类成本指标应放在成本指标下，不应放在时效或质量指标下", "level2",
       cost.check_misplaced),
]
_GRADES = [
    _r("grades.parse", "error", "优、良、中、差四个评价标准都应填写且能识别", "grades", grades.check_parse),
    _r("grades.order", "error", "评价标准应满足优 ≥ 良 ≥ 中（越低越好的指标相反），单位一致", "grades",
       grades.check_order),
    _r("grades.complement", "error", "“差”应恰为“中”以外的部分（≥70% 对应 <70%），不留空档、不重叠",
       "grades", grades.check_complement),
]
_DEPARTMENT = [
    _r("department.overall", "error", "部门总体绩效目标不能为空", "goals", department.check_overall,
       "department"),
    _r("department.items", "warning", "分项绩效目标应有内容", "goals", department.check_items, "department"),
    _r("department.table", "error", "部门整体支出绩效目标申报表：金额相加一致，年度绩效指标值能识别且已填写",
       "budget.total", department.check_table, "department"),
]


def _build(name: str, title: str, system: str, with_grades: bool) -> RuleSet:
    rules = (_AMOUNTS + _PLAN + _GOALS + _structure(system) + _VALUES + _COST
             + (_GRADES if with_grades else []) + _DEPARTMENT)
    return RuleSet(name=name, title=title, rules=rules)


RULESETS: dict[str, RuleSet] = {
    "mof-2015": _build("mof-2015", "财政部2015年指标体系（财预〔2015〕88号，成本指标属于产出指标）", "2015",
                       with_grades=True),
    "mof-2021": _build("mof-2021", "财政部2021年指标体系（财预〔2021〕101号，成本指标为一级指标）", "2021",
                       with_grades=True),
    "hebei": _build("hebei", "河北省预算项目绩效目标（效果指标视同效益指标，含分级评价标准）", "hebei",
                    with_grades=True),
}
