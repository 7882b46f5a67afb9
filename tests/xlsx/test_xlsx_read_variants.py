"""Arrangements made here with openpyxl: goals over several rows, blank 一级 cells, no title."""
from __future__ import annotations

import openpyxl

from perfeditor.io import load_document, read_document, save_document


def _form(path, goal_rows=("1、完成任务", "2、提高质量")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目"
    ws.append(["333001某局", None, None, None, None, "单位：万元", None])
    ws.append(["项目编码", "X-1", None, "项目名称", "测试项目", None, None])
    ws.append(["预算规模及资金用途", "预算数", 10, "其中:财政资金", 10, "其他资金", None])
    ws.append([None, "用途", None, None, None, None, None])
    ws.merge_cells("A3:A4")
    start = ws.max_row + 1
    for k, g in enumerate(goal_rows):
        ws.append(["绩效目标" if k == 0 else None, g])
    if len(goal_rows) > 1:
        ws.merge_cells(f"A{start}:A{start + len(goal_rows) - 1}")
    ws.append(["一级\n指标", "二级指标", "三级指标", "指标\n解释", "指标值", "备注", "分值"])
    ws.append(["产出指标", "数量指标", "数量", "做多少", "≥1个", "", 50])
    ws.append([None, None, "质量", "做多好", "100%", "注", 50])
    ws["C3"].number_format = "0.00"
    wb.save(path)


def test_goals_over_rows_blank_levels_and_label_variants(tmp_path):
    path = tmp_path / "v.xlsx"
    _form(path)
    doc, doc_map = read_document(path)
    (p,) = doc.projects
    assert p.goals == "1、完成任务\n2、提高质量"
    assert p.budget.total == "10.00" and p.budget.fiscal == "10" and p.purpose == "用途"
    assert p.unit == "333001某局" and p.code == "X-1" and p.title == ""
    assert [(i.level1, i.level2) for i in p.indicators] == [("产出指标", "数量指标")] * 2
    assert [i.description for i in p.indicators] == ["做多少", "做多好"]
    assert [i.weight for i in p.indicators] == ["50", "50"]
    assert p.indicators[1].note == "注"
    assert p.variant.layout == "hebei-project"
    p.goals = "只剩一条目标"
    save_document(doc, path, source_map=doc_map)
    again = load_document(path)
    assert again.projects[0].goals == "只剩一条目标"
