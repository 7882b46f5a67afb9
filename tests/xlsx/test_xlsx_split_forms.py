"""Forms split over pages: the title (and indicator header) repeated inside the indicator block.

A repeated title with indicator rows after it continues the form; a title followed by a header
block (项目名称 …) starts the next form; a different title over an indicator header is a form of
its own.
"""
from __future__ import annotations

import openpyxl

from perfeditor.io import load_document, read_document, save_document
from perfeditor.model import Indicator

TITLE_1 = "1.城市道路维护项目绩效目标表"
TITLE_2 = "2.污水处理项目绩效目标表"
HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]


def _header_block(ws, title, code, name):
    ws.append([title])
    ws.merge_cells(f"A{ws.max_row}:F{ws.max_row}")
    ws.append(["333001某局", None, None, None, None, "单位：万元"])
    ws.append(["项目编码", code, None, "项目名称", name, None])
    ws.append(["绩效目标", "完成任务"])
    ws.append(HEADER)


def _split_workbook(path, repeat_header=False, page_note=False):
    wb = openpyxl.Workbook()
    ws = wb.active
    _header_block(ws, TITLE_1, "P-1", "城市道路维护")
    ws.append(["产出指标", "数量指标", "道路长度", "维护道路", "10公里", "计划"])
    ws.append([None, "质量指标", "合格率", "验收合格", "100%", "计划"])
    ws.merge_cells(f"A{ws.max_row - 1}:A{ws.max_row}")
    if page_note:
        ws.append(["续表"])
    ws.append([TITLE_1])  # the page break repeats the title ...
    ws.merge_cells(f"A{ws.max_row}:F{ws.max_row}")
    if repeat_header:
        ws.append(HEADER)  # ... and perhaps the indicator header
    ws.append(["效益指标", "社会效益指标", "出行改善", "方便出行", "明显", "计划"])
    ws.append(["满意度指标", "服务对象满意度指标", "满意度", "群众满意", "≥90%", "调查"])
    _header_block(ws, TITLE_2, "P-2", "污水处理")
    ws.append(["产出指标", "数量指标", "处理量", "处理污水", "1万吨", "计划"])
    ws.append([TITLE_2])
    ws.append([None, "时效指标", "完成时间", "年底完成", "2024年底前", "计划"])
    wb.save(path)


def _shape(p):
    return [(i.level1, i.level2, i.level3) for i in p.indicators]


def test_indicator_rows_after_a_repeated_title_stay_with_their_form(tmp_path):
    path = tmp_path / "split.xlsx"
    _split_workbook(path)
    doc, places = read_document(path)
    assert [p.name for p in doc.projects] == ["城市道路维护", "污水处理"]
    first, second = doc.projects
    assert _shape(first) == [("产出指标", "数量指标", "道路长度"), ("产出指标", "质量指标", "合格率"),
                             ("效益指标", "社会效益指标", "出行改善"),
                             ("满意度指标", "服务对象满意度指标", "满意度")]
    assert _shape(second) == [("产出指标", "数量指标", "处理量"), ("产出指标", "时效指标", "完成时间")]
    assert first.variant.split and second.variant.split
    assert first.title == TITLE_1 and second.title == TITLE_2
    assert places.of(first).last_row == places.of(second).first_row - 1


def test_a_repeated_header_and_a_page_note_are_skipped_too(tmp_path):
    path = tmp_path / "split.xlsx"
    _split_workbook(path, repeat_header=True, page_note=True)
    first, second = load_document(path).projects
    assert [i.level3 for i in first.indicators] == ["道路长度", "合格率", "出行改善", "满意度"]
    assert [i.level3 for i in second.indicators] == ["处理量", "完成时间"]


def test_a_different_title_over_an_indicator_header_is_a_new_form(tmp_path):
    path = tmp_path / "graded.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    _header_block(ws, TITLE_1, "P-1", "城市道路维护")
    ws.append(["产出指标", "数量指标", "道路长度", "维护道路", "10公里", "计划"])
    ws.append([TITLE_2])
    ws.append(HEADER)
    ws.append(["产出指标", "数量指标", "处理量", "处理污水", "1万吨", "计划"])
    wb.save(path)
    doc = load_document(path)
    assert [p.title for p in doc.projects] == [TITLE_1, TITLE_2]
    assert [len(p.indicators) for p in doc.projects] == [1, 1]


def test_a_paragraph_after_the_block_is_not_an_indicator(tmp_path):
    path = tmp_path / "para.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    _header_block(ws, TITLE_1, "P-1", "城市道路维护")
    ws.append(["产出指标", "数量指标", "道路长度", "维护道路", "10公里", "计划"])
    ws.append([TITLE_1])
    ws.append(["说明：以上目标由项目单位填报。"])
    wb.save(path)
    (p,) = load_document(path).projects
    assert len(p.indicators) == 1


def test_editing_a_split_form_in_place_keeps_every_indicator(tmp_path):
    path = tmp_path / "split.xlsx"
    _split_workbook(path)
    doc, doc_map = read_document(path)
    first = doc.projects[0]
    first.indicators[2].value = "显著"
    first.indicators.append(Indicator(level1="满意度指标", level2="服务对象满意度指标",
                                      level3="投诉率", value="≤1%"))
    save_document(doc, path, source_map=doc_map)
    again = load_document(path)
    assert [i.level3 for i in again.projects[0].indicators] == [
        "道路长度", "合格率", "出行改善", "满意度", "投诉率"]
    assert again.projects[0].indicators[2].value == "显著"
    assert [i.level3 for i in again.projects[1].indicators] == ["处理量", "完成时间"]
    assert again.projects[1].code == "P-2"


def test_a_numbered_page_note_under_the_repeated_title_is_skipped(tmp_path):
    """``续表一`` under the repeated title is a page note like ``续表`` (the rule the .docx reader
    applies to the paragraphs between a split table's parts): the rows after it stay with their
    form."""
    wb = openpyxl.Workbook()
    ws = wb.active
    _header_block(ws, TITLE_1, "P-1", "城市道路维护")
    ws.append(["产出指标", "数量指标", "道路长度", "维护道路", "10公里", "计划"])
    ws.append([TITLE_1])
    ws.append(["续表一"])
    ws.append(["效益指标", "社会效益指标", "出行改善", "方便出行", "明显", "计划"])
    path = tmp_path / "split.xlsx"
    wb.save(path)
    (p,) = load_document(path).projects
    assert _shape(p) == [("产出指标", "数量指标", "道路长度"), ("效益指标", "社会效益指标", "出行改善")]
    assert p.variant.split


def test_a_form_without_a_name_row_is_named_after_its_title(tmp_path):
    """As in a .docx: a form with no 项目名称 row takes its name from its title."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([TITLE_1])
    ws.append(["项目编码", "P-1", None, "单位：万元"])
    ws.append(["绩效目标", "完成任务"])
    ws.append(HEADER)
    ws.append(["产出指标", "数量指标", "道路长度", "维护道路", "10公里", "计划"])
    path = tmp_path / "named.xlsx"
    wb.save(path)
    (p,) = load_document(path).projects
    assert p.variant.layout == "hebei-project"
    assert p.name == "城市道路维护项目" and p.code == "P-1"


def test_rows_filled_under_an_empty_row_stay_with_their_form(tmp_path):
    """An empty row inside the indicator block (as a .docx table has them) does not end the form
    when indicator rows follow it (it is an indicator still to be filled in, as a row the clerk
    inserted and saved empty); the form ends at the empty row before the next title."""
    wb = openpyxl.Workbook()
    ws = wb.active
    _header_block(ws, TITLE_1, "P-1", "城市道路维护")
    ws.append(["产出指标", "数量指标", "道路长度", "维护道路", "10公里", "计划"])
    ws.append([])
    ws.append([None, "质量指标", "合格率", "验收合格", "100%", "计划"])
    ws.append([])
    _header_block(ws, TITLE_2, "P-2", "污水处理")
    ws.append(["产出指标", "数量指标", "处理量", "处理污水", "1万吨", "计划"])
    path = tmp_path / "gap.xlsx"
    wb.save(path)
    doc, places = read_document(path)
    first, second = doc.projects
    assert _shape(first) == [("产出指标", "数量指标", "道路长度"), ("产出指标", "数量指标", ""),
                             ("产出指标", "质量指标", "合格率")]
    assert _shape(second) == [("产出指标", "数量指标", "处理量")]
    assert places.of(first).last_row == 8 and places.of(first).block.rows == [6, 7, 8]
    first.indicators[2].value = "98%"
    first.indicators.append(Indicator(level1="效益指标", level2="社会效益指标", level3="出行改善", value="明显"))
    save_document(doc, path, source_map=places)
    again = load_document(path)
    assert [(i.level3, i.value) for i in again.projects[0].indicators] == [
        ("道路长度", "10公里"), ("", ""), ("合格率", "98%"), ("出行改善", "明显")]
    assert [p.code for p in again.projects] == ["P-1", "P-2"]
