"""The value parser: every value the seeds hold classifies as a clerk reads it."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rules_builders import DATA, DUMPS

from perfeditor.rules import COMMON_QUALITATIVE, COMMON_UNITS, normalise_operators, parse_value
from perfeditor.rules.values import KINDS, value_hint

#: Every indicator value and grade in the fixtures' dumps and seed 001, and its kind.
SEED_KINDS: dict[str, str] = {
    # percentages
    "≥98百分比": "percentage", "≥95百分比": "percentage", "≥100百分比": "percentage",
    "≥97百分比": "percentage", "≥75百分比": "percentage", "≥80百分比": "percentage",
    "100%": "percentage", "10%": "percentage", "≥95%": "percentage", "≥98%": "percentage",
    "≥85%": "percentage", "≥90%": "percentage", "≥80%": "percentage", "≥70%": "percentage",
    "<70%": "percentage", "＜70%": "percentage", "＜85%": "percentage", "≥100%": "percentage",
    "≥99%": "percentage", ">85%": "percentage", ">90%": "percentage", ">95%": "percentage",
    ">98%": "percentage", "≥50%": "percentage",
    # quantities (a count with its unit, or a bare number)
    "≥70年": "quantity", "≥1586座": "quantity", "≥1次": "quantity", "≥80户": "quantity",
    "≥353户": "quantity", "≥46个": "quantity", "≥100": "quantity", "≥98": "quantity",
    "14.62万平方米": "quantity", "5.48万平方米": "quantity", "243套": "quantity",
    "151884户": "quantity", "451个": "quantity", "41431户": "quantity", "147.62万吨": "quantity",
    "100台": "quantity", "6755户": "quantity", "3个": "quantity", "4320平方米": "quantity",
    "≥100本": "quantity", "1位持证律师": "quantity", "≥4次": "quantity", "≥4人": "quantity",
    "1台": "quantity", "拜访企业≥6家": "quantity", "≥4个": "quantity", "≥68人": "quantity",
    "≥66人": "quantity", "≥64人": "quantity", "＜64人": "quantity", "≥20": "quantity",
    "≥18": "quantity", "≥17": "quantity", "＜17": "quantity", "≥10次": "quantity",
    "全州12县市全覆盖": "quantity",
    # money
    "83054元": "money", "≤10.38万": "money", "1000元/台": "money", "≤1.9万元": "money",
    "≤1万元": "money", "≤9万元": "money", "≤2万元": "money", "≤4万元": "money",
    "≤1.1万元": "money", "≤6万元": "money", "≤9.9万元": "money", "≤1.5万元": "money",
    # frequency
    "每周≥7次": "frequency",
    # deadlines
    "2024年底前": "deadline", "2024年12月底前": "deadline", "2024年12月前": "deadline",
    "2024年12月底": "deadline", "2022年12月31日": "deadline",
    # not applicable
    "无涉及": "not_applicable",
    # broken: a number typed twice
    "≥9090%及以上": "broken", "≥9595%及以上": "broken", "≥8585%及以上": "broken",
    "": "empty",
}
QUALITATIVE_SEED = [
    "优", "保持整洁", "达到上级标准", "全面保障", "确保工作运转正常", "开展主题党日活动\\表彰慰问\\发放补助等",
    "促进全州经济发展", "有所提高", "得到保障", "补全我州新型建材产业链", "完成州委依法治州办阶段性目标",
    "企业落地创造新的就业岗位", "保障勤务需求", "执法制式服装应配尽配。",
    "推进市政基础设施新增和改造城镇道路≥50公里、停车位≥5000个, 新增城市绿地30公顷。促进生活垃圾分类宣传、"
    "部分设施购置; 启动智慧城管建设工作、提升城市管理方面营商环境等。",
]


def _seed_values() -> set[str]:
    out: set[str] = set()
    for path in list(DUMPS.values()) + [DATA / "seed001.json"]:
        dump = json.loads(path.read_text(encoding="utf-8"))
        for p in dump["projects"]:
            for ind in p["indicators"]:
                out.add(ind["value"])
                out.update((ind["grades"] or {}).values())
    return out


def test_every_seed_value_has_the_kind_a_clerk_reads():
    unknown = []
    for text in sorted(_seed_values()):
        pv = parse_value(text)
        if text in SEED_KINDS:
            assert pv.kind == SEED_KINDS[text], (text, pv)
        elif pv.kind != "qualitative":
            unknown.append((text, pv.kind))
    # whatever the table does not list is plain words (定性)
    assert not unknown, unknown


@pytest.mark.parametrize("text", QUALITATIVE_SEED)
def test_qualitative_seed_values(text):
    pv = parse_value(text)
    assert pv.kind == "qualitative"
    assert pv.operator == "定性"


@pytest.mark.parametrize("text,kind", [
    ("≥各4次/年", "frequency"), ("≥1次/年", "frequency"), ("每月1次", "frequency"),
    ("2024年12月底前", "deadline"), ("2024年底前", "deadline"), ("2022年12月31日", "deadline"),
    ("2024年12月前", "deadline"), ("12月底前", "deadline"), ("2024-12-31", "deadline"),
    ("≤10.38万", "money"), ("83054元", "money"), ("全面保障", "qualitative"),
    ("无涉及", "not_applicable"), ("不适用", "not_applicable"), ("≥9090%及以上", "broken"),
    ("≥100", "quantity"), ("≥98百分比", "percentage"), ("=100%", "percentage"),
    ("≥120%", "percentage"), ("21.4.", "broken"), ("≥≥90%", "broken"), ("90%%", "broken"),
    ("≥", "broken"), ("2024年13月底前", "broken"), ("90%-95%", "percentage"),
    ("不低于90%", "percentage"), ("事项压缩至80项以内", "quantity"), ("工作报告≥5份", "quantity"),
    ("重特大事故零次", "qualitative"), ("  ", "empty"),
])
def test_kinds(text, kind):
    assert parse_value(text).kind == kind


def test_structure_of_a_quantitative_value():
    pv = parse_value("每周≥7次")
    assert (pv.operator, pv.number, pv.unit, pv.per) == ("≥", Decimal(7), "次", "周")
    pv = parse_value("≥各4次/年")
    assert (pv.operator, pv.number, pv.unit, pv.per) == ("≥", Decimal(4), "次/年", "年")
    pv = parse_value(">85%")
    assert (pv.operator, pv.number, pv.unit) == ("＞", Decimal(85), "%")
    pv = parse_value("≥90%以上")
    assert pv.operator == "≥" and pv.suffix == "以上"
    pv = parse_value("不超过5万元")
    assert pv.operator == "≤" and pv.amount_wan == Decimal(5)
    assert parse_value("100%").operator == ""


def test_money_is_normalised_to_wan_yuan():
    assert parse_value("≤10.38万").amount_wan == Decimal("10.38")
    assert parse_value("83054元").amount_wan == Decimal("8.3054")
    assert parse_value("1000元/台").amount_wan is None  # per unit: not an amount of the project
    assert parse_value("1000元/台").per == "台"
    assert parse_value("1.2亿元").amount_wan == Decimal(12000)


def test_unit_with_wan_is_no_money():
    assert parse_value("14.62万平方米").kind == "quantity"
    assert parse_value("147.62万吨").amount_wan is None


def test_deadline_parts():
    pv = parse_value("2022年12月31日")
    assert (pv.year, pv.month, pv.day) == (2022, 12, 31)
    pv = parse_value("2024年底前")
    assert (pv.year, pv.month) == (2024, None)
    assert parse_value("12月底前").year is None


def test_broken_explains_itself():
    assert "两次" in parse_value("≥9090%及以上").problem
    assert "小数点" in parse_value("21.4.").problem
    assert "9090" in value_hint(parse_value("≥9090%及以上"))


def test_full_width_digits_and_operators():
    pv = parse_value("≥９０％")
    assert pv.kind == "percentage" and pv.number == Decimal(90)
    assert parse_value(">=90%").operator == "≥"
    assert parse_value("<=5万元").operator == "≤"


def test_text_is_kept_exactly():
    assert parse_value(" ≥90 % ").text == " ≥90 % "


def test_normalise_operators():
    assert normalise_operators(">=90%") == "≥90%"
    assert normalise_operators("<=5") == "≤5"
    assert normalise_operators("≧1次") == "≥1次"
    assert normalise_operators(">5") == ">5"  # a plain > stays as typed
    assert normalise_operators("优") == "优"


def test_completion_lists():
    assert "%" in COMMON_UNITS and "万元" in COMMON_UNITS and "次/年" in COMMON_UNITS
    assert "全覆盖" in COMMON_QUALITATIVE and "无涉及" in COMMON_QUALITATIVE
    assert len(set(COMMON_UNITS)) == len(COMMON_UNITS)
    for q in COMMON_QUALITATIVE:
        assert parse_value(q).kind in ("qualitative", "not_applicable"), q


def test_parsed_value_is_frozen():
    pv = parse_value("≥90%")
    with pytest.raises(AttributeError):  # dataclasses.FrozenInstanceError
        pv.kind = "money"  # type: ignore[misc]


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parse_value_never_raises(text):
    pv = parse_value(text)
    assert pv.kind in KINDS
    assert pv.text == text


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"[≥≤<>=＞＜＝每各]{0,2}[0-9０-９.]{0,6}(%|百分比|万元|元|次/年|个|年|月|日){0,2}"
                     r"(及以上|以内|底前)?", fullmatch=True))
def test_parse_value_never_raises_on_value_like_text(text):
    assert parse_value(text).kind in KINDS
