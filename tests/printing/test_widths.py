"""Column widths of the printed indicator block: the official proportions, text columns balanced
by content (mof-project's 三级指标/指标值 no longer wrap heavily on long texts)."""
from __future__ import annotations

import pytest

from perfeditor.model import Document, FormVariant, Indicator, Project
from perfeditor.printing.widths import balanced_widths, text_width

MOF = ["level1", "level2", "level3", "value", "note"]


def mof_project(level3: str, value: str, n: int = 8) -> Project:
    inds = [Indicator(level1="产出指标", level2="数量指标", level3=f"{level3}{i}",
                      value=f"{value}{i}") for i in range(n)]
    return Project(name="长指标项目", indicators=inds,
                   variant=FormVariant(layout="mof-project", indicator_columns=MOF))


def test_text_width_counts_chinese_and_full_width_signs_double():
    assert text_width("三级指标") == 8
    assert text_width("≥98%") == 5  # ≥ prints full-width in Chinese fonts
    assert text_width("ab1") == 3


def test_without_content_the_official_proportions_hold():
    side, widths = balanced_widths("mof-project", MOF, None, side=True)
    # 黔南: 1474 | 907 1077 2438 1814 1361
    assert [round(w) for w in [side, *widths]] == [16, 10, 12, 27, 20, 15]
    assert abs(side + sum(widths) - 100) < 1e-6


def test_long_level3_texts_take_the_room_short_values_do_not_need():
    long3 = "市政道路及附属设施日常维修养护覆盖的道路总里程"
    p = mof_project(long3, "≥5%")
    side, widths = balanced_widths("mof-project", MOF, p.indicators,
                                   {"level3": "三级指标", "value": "指标值", "note": "说明"}, True)
    _, official = balanced_widths("mof-project", MOF, None, side=True)
    w = dict(zip(MOF, widths, strict=False))
    o = dict(zip(MOF, official, strict=False))
    assert w["level3"] > o["level3"] + 10
    assert w["value"] < o["value"] and w["note"] < o["note"]
    # short merged columns keep the official width; the total stays 100
    assert (w["level1"], w["level2"]) == (o["level1"], o["level2"])
    assert abs(side + sum(widths) - 100) < 1e-6


def test_long_values_get_wider_than_short_level3_names():
    p = mof_project("完成率", "全年完成道路维修养护不少于十二万平方米且验收合格率不低于百分之九十五")
    widths = dict(zip(MOF, balanced_widths("mof-project", MOF, p.indicators, side=True)[1], strict=False))
    assert widths["value"] > widths["level3"]


def test_column_that_fits_gets_what_it_needs_never_below_its_header():
    cols = ["level1", "level2", "level3", "description", "value", "basis"]
    inds = [Indicator(level1="产出指标", level2="数量指标", level3="优良率",
                      description="优秀等级项目数量占总数量的比例（百分比）" * 3, value="≥98百分比")]
    widths = dict(zip(cols, balanced_widths("hebei-project", cols, inds,
                                            {"basis": "指标值确定依据"})[1], strict=False))
    # one line of ≥98百分比 (10 half-ems + padding) of a 92 half-em wide table: about 14 %
    assert 13 <= widths["value"] <= 16
    assert widths["description"] > 35
    assert widths["basis"] >= (8 + 3) * 100 / 92 - 0.5  # its header on two lines


def _layout_height(qapp, project: Project) -> float:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from perfeditor.printing.html import document_sections

    html = document_sections(Document(layout="mof-project", projects=[project]))[0].html
    doc = QTextDocument()
    doc.setHtml(html)
    doc.setPageSize(QSizeF(612, 100000))  # 162 mm at 96 dpi
    return doc.size().height()


def test_balanced_mof_form_is_shorter_than_with_fixed_proportions(qapp, monkeypatch):
    from perfeditor.printing import widths

    p = mof_project("市政道路及附属设施日常维修养护覆盖的道路总里程与桥梁数量", "≥1", 12)
    balanced = _layout_height(qapp, p)
    monkeypatch.setattr(widths, "FLEXIBLE", frozenset())
    fixed = _layout_height(qapp, p)
    assert balanced < fixed * 0.85


@pytest.mark.parametrize("layout", ["hebei-project", "hebei-graded", "mof-project"])
def test_widths_in_the_html_sum_to_100(layout):
    import re

    from perfeditor.printing.html import document_sections

    p = mof_project("甲乙丙丁", "≥90%")
    p.variant = FormVariant(layout=layout)
    html = document_sections(Document(layout=layout, projects=[p]))[0].html
    head = html[html.index("<thead>"):html.index("</thead>")]
    pct = [float(x) for x in re.findall(r'width="([\d.]+)%"', head)]
    assert 99 <= sum(pct) <= 101
