"""Recognising forms by their labels: variants, split and two-table forms, what is not a form."""
from __future__ import annotations

import sys
import time

import pytest

from perfeditor.errors import FormReadError
from perfeditor.forms.vocabulary import norm
from perfeditor.io import load_document
from perfeditor.io.docx import read_docx
from perfeditor.io.source import SourceMap
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES

sys.path.insert(0, str(OWN_FIXTURES / "docx"))
from xml_fixtures import _write, p, tbl, tc, tr  # noqa: E402

OWN = OWN_FIXTURES / "docx"


# --- variants of the own fixtures ----------------------------------------------------------------

def test_hebei_variants():
    places = SourceMap()
    doc = read_docx(OWN / "hebei_project.docx", places)
    plain, row_title, split = doc.projects
    assert plain.variant.indicator_columns == ["level1", "level2", "level3", "description", "value", "basis"]
    assert not (plain.variant.title_as_row or plain.variant.split or plain.variant.two_tables)
    assert row_title.variant.title_as_row and row_title.title == "2、燃气安全保护装置加装绩效目标表"
    assert row_title.variant.indicator_columns[-1] == "weight"
    assert row_title.variant.labels["col:basis"] == "指标值设定依据"
    assert row_title.variant.labels["col:level3"] == "三级\n指标"
    assert row_title.variant.labels["budget.fiscal"].startswith("其中：财政") \
        and norm(row_title.variant.labels["budget.fiscal"]) == "财政资金"
    assert row_title.variant.labels["code"] == "项目编码:"
    assert split.variant.split and len(places.of(split).blocks) == 4  # title, table, title, table
    assert [i.level1 for i in split.indicators][3:] == ["产出指标", "效益指标", "满意度指标"]
    assert plain.budget.unit == "万元"


def test_mof_variants():
    doc = read_docx(OWN / "mof_2015.docx")
    national, two = doc.projects
    v = national.variant
    assert v.layout == "mof-project" and v.system == "2015" and v.indicator_side_label
    assert v.indicator_columns == ["level1", "level2", "level3", "value_midterm", "value"]
    assert {"kind", "period", "budget.midterm_total", "goals_midterm"} <= set(v.rows)
    assert national.budget.midterm_fiscal == "840" and national.budget.fiscal == "280"
    assert two.variant.two_tables and not two.variant.split
    assert two.variant.labels["budget.superior"] == "其中: 上级补"
    v21 = read_docx(OWN / "mof_2021.docx").projects[0].variant
    assert v21.system == "2021" and v21.labels["col:basis"] == "指标值设定依据及数据来源"


def test_graded_variant():
    doc = read_docx(OWN / "hebei_graded.docx")
    for p_ in doc.projects:
        assert p_.variant.layout == "hebei-graded"
        assert p_.variant.indicator_columns == ["level1", "level3", "description", "grade:优",
                                                "grade:良", "grade:中", "grade:差", "basis"]
        assert all(set(i.grades) == set("优良中差") for i in p_.indicators)
    assert doc.projects[1].name == "2020年自收自支人员工作经费"


@pytest.mark.parametrize("path", sorted(OWN.glob("*.docx")) + sorted(PUBLIC_FIXTURES.glob("*.docx")),
                         ids=lambda p: p.name)
def test_levels_filled_on_every_row(path):
    doc = read_docx(path)
    for p_ in doc.projects:
        for i in p_.indicators:
            assert i.level1
            if "level2" in p_.variant.indicator_columns:
                assert i.level2


def test_department_narrative_and_preamble():
    doc = read_docx(OWN / "hebei_project.docx")
    dep = doc.department
    assert dep is not None and dep.form == "narrative"
    assert dep.items[0].title == "1.住房保障股" and dep.items[0].indicator == "分配率≥95%。"
    assert "部门整体绩效目标" in doc.preamble and len(doc.preamble) <= 4000
    places = SourceMap()
    ding = read_docx(PUBLIC_FIXTURES / "dingzhou_2020.docx", places)
    assert places.department.blocks[0] == 0
    assert "一、总体绩效目标" in ding.preamble and "TC" not in ding.preamble


def test_department_table_form():
    doc = read_docx(OWN / "department_table.docx")
    dep = doc.department
    assert dep.form == "table" and dep.name == "某县住房和城乡建设局"
    assert [t.name for t in dep.tasks] == ["保障性住房", "市政设施"]
    assert dep.budget.total == "200" and len(dep.indicators) == 3
    assert doc.projects == []


# --- what is not a form ------------------------------------------------------------------------

def _hebei_table(name: str, inds: list[tuple[str, str, str]]) -> str:
    rows = [tr(tc("项目编码"), tc("X-1"), tc("项目名称"), tc(name, span=3)),
            tr(tc("绩效目标"), tc("完成任务", span=5)),
            tr(tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("绩效指标描述"), tc("指标值"), tc("指标值确定依据"))]
    rows += [tr(tc(a), tc(b), tc(c), tc(""), tc("≥1"), tc("")) for a, b, c in inds]
    return tbl(6, *rows)


def test_document_without_forms(tmp_path):
    path = tmp_path / "plain.docx"
    _write(path, [p("部门收支总表"), tbl(3, tr(tc("收入"), tc("支出"), tc("合计")),
                                          tr(tc("项目名称"), tc("1.00"), tc("2.00")))])
    doc = read_docx(path)
    assert doc.projects == [] and doc.department is None
    with pytest.raises(FormReadError, match="没有找到"):
        load_document(path)


def test_table_after_text_is_not_a_continuation(tmp_path):
    path = tmp_path / "two.docx"
    other = tbl(6, tr(*[tc(t) for t in ("产出指标", "数量指标", "资产", "a", "b", "c")]))
    _write(path, [p("1、甲项目绩效目标表"), _hebei_table("甲项目", [("产出指标", "数量指标", "n1")]),
                  p("六、国有资产占用情况说明：本部门共有车辆2辆。"), other])
    places = SourceMap()
    doc = read_docx(path, places)
    assert len(doc.projects) == 1 and len(doc.projects[0].indicators) == 1
    assert places.of(doc.projects[0]).blocks == [0, 1]


def test_headerless_continuation_after_repeated_title(tmp_path):
    path = tmp_path / "split.docx"
    cont = tbl(6, tr(*[tc(t) for t in ("效益指标", "社会效益指标", "n2", "", "≥2", "")]),
               tr(tc(""), tc(""), tc("n3"), tc(""), tc("≥3"), tc("")))
    _write(path, [p("1、甲项目绩效目标表"), _hebei_table("甲项目", [("产出指标", "数量指标", "n1")]),
                  p(""), p("1、甲项目绩效目标表（续）"), cont])
    places = SourceMap()
    doc = read_docx(path, places)
    (only,) = doc.projects
    assert [i.level3 for i in only.indicators] == ["n1", "n2", "n3"]
    assert only.indicators[2].level1 == "效益指标" and only.indicators[2].level2 == "社会效益指标"
    assert only.variant.split and places.of(only).blocks == [0, 1, 2, 3, 4]


def test_repeated_header_inside_and_stacked_forms(tmp_path):
    path = tmp_path / "stacked.docx"
    a = _hebei_table("甲项目", [("产出指标", "数量指标", "n1")])
    b = _hebei_table("乙项目", [("满意度指标", "服务对象满意度指标", "m1")])
    # two forms in one table: rows of b appended to a
    import re
    rows_b = re.findall(r"<w:tr>.*?</w:tr>", b)
    stacked = a.replace("</w:tbl>", "".join(rows_b) + "</w:tbl>")
    _write(path, [p("项目绩效目标表"), stacked])
    doc = read_docx(path)
    assert [x.name for x in doc.projects] == ["甲项目", "乙项目"]
    assert [len(x.indicators) for x in doc.projects] == [1, 1]


def test_a_stacked_form_starting_with_its_unit_row_ends_the_form_above(tmp_path):
    """The second form of a table starts with its unit line (单位：万元 beside the unit's name):
    the row belongs to its header block (the rule a sheet applies), not to the first form's
    indicators."""
    path = tmp_path / "stacked.docx"
    a = _hebei_table("甲项目", [("产出指标", "数量指标", "n1")])
    b = _hebei_table("乙项目", [("满意度指标", "服务对象满意度指标", "m1")])
    import re
    unit = tr(tc("333001某局", span=5), tc("单位：万元"))
    rows_b = re.findall(r"<w:tr>.*?</w:tr>", b)
    _write(path, [p("项目绩效目标表"), a.replace("</w:tbl>", unit + "".join(rows_b) + "</w:tbl>")])
    first, second = read_docx(path).projects
    assert [i.level3 for i in first.indicators] == ["n1"]
    assert second.name == "乙项目" and second.unit == "333001某局" and second.budget.unit == "万元"


def test_a_header_block_alone_before_another_form_in_the_same_table(tmp_path):
    """A table whose first form has only its header block (its indicators in a table of their
    own, or none yet) and the next form after it: the next 项目编码 / 项目名称 starts that form."""
    path = tmp_path / "stacked.docx"
    import re
    head = tr(tc("项目编码"), tc("X-0"), tc("项目名称"), tc("甲项目", span=3))
    b = _hebei_table("乙项目", [("满意度指标", "服务对象满意度指标", "m1")])
    rows_b = re.findall(r"<w:tr>.*?</w:tr>", b)
    _write(path, [p("项目绩效目标表"), tbl(6, head, *rows_b)])
    first, second = read_docx(path).projects
    assert (first.code, first.name, first.indicators) == ("X-0", "甲项目", [])
    assert (second.code, second.name, [i.level3 for i in second.indicators]) == ("X-1", "乙项目", ["m1"])


def test_a_title_row_beside_an_empty_cell_is_the_title(tmp_path):
    """The first row's only text looks like a title: it is the form's title (the rule a sheet
    applies), even when an empty cell stands beside it."""
    path = tmp_path / "title.docx"
    import re
    rows = re.findall(r"<w:tr>.*?</w:tr>", _hebei_table("乙项目", [("产出指标", "数量指标", "n1")]))
    _write(path, [p("项目绩效目标表"), tbl(6, tr(tc("2、乙项目绩效目标表", span=5), tc("")), *rows)])
    (only,) = read_docx(path).projects
    assert only.title == "2、乙项目绩效目标表" and only.variant.title_as_row


def test_value_columns_under_a_spanning_header(tmp_path):
    path = tmp_path / "midterm.docx"
    rows = [tr(tc("项目名称"), tc("丙项目", span=4)),
            tr(tc("年度目标"), tc("目标1", span=4)),
            tr(tc("一级指标", vmerge="restart"), tc("二级指标", vmerge="restart"),
               tc("三级指标", vmerge="restart"), tc("指标值", span=2)),
            tr(tc(vmerge="continue"), tc(vmerge="continue"), tc(vmerge="continue"), tc("中期"), tc("年度")),
            tr(tc("产出指标"), tc("数量指标"), tc("户数"), tc("3000户"), tc("1000户"))]
    _write(path, [p("项目支出绩效目标表"), tbl(5, *rows)])
    (proj,) = read_docx(path).projects
    assert proj.indicators[0].value == "1000户" and proj.indicators[0].value_midterm == "3000户"
    assert proj.variant.indicator_columns == ["level1", "level2", "level3", "value_midterm", "value"]


def test_damaged_file_is_a_read_error(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FormReadError):
        read_docx(bad)


# --- speed ---------------------------------------------------------------------------------------

def test_reading_is_at_most_twice_python_docx():
    import docx

    path = PUBLIC_FIXTURES / "dingzhou_2020.docx"

    def best(fn, n=7):
        times = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    bare = best(lambda: docx.Document(str(path)))
    ours = best(lambda: read_docx(path))
    assert ours <= 2.0 * bare, f"read_docx {ours * 1000:.1f} ms vs python-docx {bare * 1000:.1f} ms"


def test_narrative_item_lines_are_not_headings():
    from perfeditor.forms.narrative import read_narrative

    dep = read_narrative(["第一部分部门整体绩效目标", "全年目标。", "（二）分项绩效目标：", "引言段落。",
                          "一、住房保障", "绩效目标:完成分配", "1、分配公租房", "绩效指标：分配率≥95%",
                          "二、城建", "2、维护路灯", "三、工作保障措施", "（一）制度", "完善制度。"])
    assert dep.overall == "全年目标。"
    assert [i.title for i in dep.items] == ["", "一、住房保障", "二、城建"]
    assert dep.items[0].goal == "引言段落。"
    assert dep.items[1].goal == "完成分配\n1、分配公租房" and dep.items[1].indicator == "分配率≥95%"
    assert dep.items[2].goal == "2、维护路灯"
    assert dep.measures == "（一）制度\n完善制度。"


def test_header_repeated_inside_a_table(tmp_path):
    path = tmp_path / "repeat.docx"
    head = tr(tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("绩效指标描述"), tc("指标值"), tc("指标值确定依据"))
    rows = [tr(tc("项目编码"), tc("X-1"), tc("项目名称"), tc("丁项目", span=3)),
            tr(tc("绩效目标"), tc("完成任务", span=5)), head,
            tr(tc("产出指标"), tc("数量指标"), tc("n1"), tc(""), tc("≥1"), tc("")), head,
            tr(tc("满意度指标"), tc("服务对象满意度指标"), tc("m1"), tc(""), tc("≥90%"), tc(""))]
    _write(path, [p("1、丁项目绩效目标表"), tbl(6, *rows)])
    (proj,) = read_docx(path).projects
    assert [i.level3 for i in proj.indicators] == ["n1", "m1"]


def test_graded_header_block_as_its_own_table(tmp_path):
    """hebei-graded written as two tables: a lone 绩效目标 table is the form's header block when
    the indicator table follows, and nothing at all when it does not."""
    goals = tbl(2, tr(tc("绩效目标"), tc("完成任务")))
    inds = tbl(4, tr(tc("绩效指标分类"), tc("绩效指标"), tc("绩效指标描述"), tc("评价标准确定依据")),
               tr(tc("产出指标"), tc("完成数量"), tc("描述"), tc("依据")))
    path = tmp_path / "graded.docx"
    _write(path, [p("1、甲项目绩效目标表"), goals, p(""), inds])
    (only,) = read_docx(path).projects
    assert only.name == "甲项目" and only.goals == "完成任务" and only.variant.two_tables
    assert [i.level3 for i in only.indicators] == ["完成数量"]
    lone = tmp_path / "lone.docx"
    _write(lone, [p("1、甲项目绩效目标表"), goals, p("其他说明文字。")])
    assert read_docx(lone).projects == []
