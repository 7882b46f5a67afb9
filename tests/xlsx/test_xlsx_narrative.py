"""The department narrative on a sheet: item headings of every ordinal style, where it ends, and
a part with no 一、总体绩效目标 heading (the overall text right after the part heading)."""
from __future__ import annotations

import openpyxl

from perfeditor.forms.narrative import ends_narrative, is_item_heading, section_of
from perfeditor.io import load_document, read_document, save_document

MEASURE = "加强组织领导。建立统筹协调、分工协作的工作体系。"


def _sheet(path, paragraphs, tail=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for t in paragraphs:
        ws.append([t])
    for row in tail:
        ws.append(list(row))
    wb.save(path)


def _form_rows():
    return [
        ["1、城建管理经费绩效目标表"],
        ["333002某局", None, None, None, None, "单位：万元"],
        ["项目编码", "X-1", None, "项目名称", "城建管理经费"],
        ["绩效目标", "保障运转"],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
        ["产出指标", "质量指标", "处理率", "及时处理", "≥95%", "计划"],
    ]


def test_digit_dot_item_headings_and_measures_stop_at_the_second_part(tmp_path):
    path = tmp_path / "dep.xlsx"
    _sheet(path, ["第一部分", "部门整体绩效目标", "一、总体绩效目标", "总体目标正文。",
                  "二、分项绩效目标", "1.产权交易股", "绩效目标:做好监测。", "绩效指标：定期收集。",
                  "2.房产管理股", "绩效目标:即时维修。", "三、工作保障措施", MEASURE,
                  "第二部分", "预算项目绩效目标"], tail=_form_rows())
    doc = load_document(path)
    dep = doc.department
    assert dep.overall == "总体目标正文。"
    assert [i.title for i in dep.items] == ["1.产权交易股", "2.房产管理股"]
    assert dep.items[0].goal == "做好监测。" and dep.items[0].indicator == "定期收集。"
    assert dep.items[1].goal == "即时维修。"
    assert dep.measures == MEASURE
    assert [p.name for p in doc.projects] == ["城建管理经费"]


def test_part_without_overall_heading_and_items_heading_with_a_colon(tmp_path):
    path = tmp_path / "dep.xlsx"
    _sheet(path, ["五、绩效预算信息", "第一部分部门整体绩效目标", "2020年是关键一年。",
                  "（二）分项绩效目标：", "坚持以方案为指导。", "一、住房保障管理",
                  "绩效目标：落实住房保障政策。", "绩效指标：完成年度任务。", "二、城乡建设管理",
                  "绩效目标：负责市政设施。", "三、工作保障措施", MEASURE, "一是注重队伍建设。",
                  "六、政府采购预算情况", "2020年，我部门安排政府采购预算11800万元。"],
           tail=[["项目名称", "预算资金", "合计"], ["住建局", "11800", "11800"],
                 ["八、名词解释"], ["1、项目支出：指在基本支出之外的支出。"]])
    doc, places = read_document(path)
    dep = doc.department
    assert dep.overall == "2020年是关键一年。"
    assert [i.title for i in dep.items] == ["", "一、住房保障管理", "二、城乡建设管理"]
    assert dep.items[0].goal == "坚持以方案为指导。"
    assert dep.items[1].indicator == "完成年度任务。"
    assert dep.measures == f"{MEASURE}\n一是注重队伍建设。"
    assert (places.department.first_row, places.department.last_row) == (3, 13)


def test_measures_stop_at_a_table_and_at_a_form_title(tmp_path):
    path = tmp_path / "dep.xlsx"
    _sheet(path, ["部门整体绩效目标", "一、总体绩效目标", "正文。", "二、分项绩效目标",
                  "（一）老旧小区改造", "绩效目标：改造小区。", "三、工作保障措施", MEASURE],
           tail=[["单位名称", "单位性质"], ["某局", "行政"], ["不属于叙述的段落。"]])
    assert load_document(path).department.measures == MEASURE
    path2 = tmp_path / "dep2.xlsx"
    _sheet(path2, ["部门整体绩效目标", "一、总体绩效目标", "正文。", "三、工作保障措施", MEASURE],
           tail=_form_rows())
    doc = load_document(path2)
    assert doc.department.measures == MEASURE and len(doc.projects) == 1


def test_measures_keep_their_own_ordinal_headings(tmp_path):
    path = tmp_path / "dep.xlsx"
    _sheet(path, ["部门整体绩效目标", "一、总体绩效目标", "正文。", "三、工作保障措施",
                  "一、突出两个加强", "（一）加强机关制度建设。", "二、加大五个力度"])
    assert load_document(path).department.measures == \
        "一、突出两个加强\n（一）加强机关制度建设。\n二、加大五个力度"


def test_an_edited_narrative_without_overall_heading_saves_in_place(tmp_path):
    path = tmp_path / "dep.xlsx"
    _sheet(path, ["第一部分部门整体绩效目标", "2020年是关键一年。", "（二）分项绩效目标：",
                  "1.住房保障管理", "绩效目标：落实政策。", "三、工作保障措施", MEASURE,
                  "第二部分预算项目绩效目标"], tail=_form_rows())
    doc, doc_map = read_document(path)
    doc.department.items[0].goal = "落实住房保障政策。"
    save_document(doc, path, source_map=doc_map)
    again = load_document(path)
    dep = again.department
    assert dep.overall == "2020年是关键一年。"
    assert [(i.title, i.goal) for i in dep.items] == [("1.住房保障管理", "落实住房保障政策。")]
    assert dep.measures == MEASURE
    assert [p.name for p in again.projects] == ["城建管理经费"]


def test_the_grammar():
    assert is_item_heading("1.产权交易股") and is_item_heading("（十一）住建局办公楼局部改造工程")
    assert is_item_heading("一、推进城乡建设")
    assert not is_item_heading("1、加大房地产市场监管力度。加快解决遗留问题。")
    assert not is_item_heading("绩效目标：做好监测")
    assert section_of("（二）分项绩效目标：") == "items"
    assert section_of("三、工作保障措施") == "measures" and section_of("总体绩效目标") == "overall"
    assert ends_narrative("第二部分 预算项目绩效目标") and ends_narrative("九、其他需要说明的事项")
    assert ends_narrative("1、城建管理经费绩效目标表")
    assert not ends_narrative("一、突出两个加强") and not ends_narrative("第一部分")


def test_a_note_beside_a_paragraph_leaves_the_narrative_read_and_is_not_lost(tmp_path):
    """A reviewer's note (已核) right of the merged 总体绩效目标 paragraph: the department part is
    still read (it read as none); an edit of the narrative, which writes its rows anew, asks
    first and names the note rather than dropping it."""
    import openpyxl

    from perfeditor.io import plan_save, read_document
    from tests.conftest import PUBLIC_FIXTURES

    wb = openpyxl.load_workbook(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    ws = wb.worksheets[0]
    ws.cell(4, ws.max_column + 2).value = "已核"
    src = tmp_path / "noted.xlsx"
    wb.save(src)
    doc, smap = read_document(src)
    plain, _ = read_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    assert doc.department is not None and doc.department == plain.department
    doc.department.overall += "（已修改）"
    plan = plan_save(doc, src, source_map=smap)
    assert any("批注文字" in line for line in plan.losses)
