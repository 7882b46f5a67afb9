"""forms.compose: one composition of each form, rendered by both writers — a .docx and an .xlsx
written from the same project print the same rows, in the same order, with the same texts."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest
from lxml import etree

from perfeditor.forms.compose import compose, compose_department
from perfeditor.io.docx.writer import write_docx
from perfeditor.io.xlsx.writer import write_xlsx
from perfeditor.model import Budget, Department, DepartmentTask, Document, Indicator, Project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _project() -> Project:
    return Project(
        name="城建管理经费", code="130100-01", unit="某县住房和城乡建设局", implementer="某县城管局",
        purpose="城市道路维护", goals="完成道路维护。", spending_plan={"3月底": "30", "6月底": "60"},
        budget=Budget(total="500", fiscal="400", other="100", unit="万元"),
        indicators=[Indicator(level1="产出指标", level2="数量指标", level3="维护道路", value="≥20公里"),
                    Indicator(level1="产出指标", level2="数量指标", level3="维护路灯", value="≥100盏"),
                    Indicator(level1="满意度指标", level2="服务对象满意度", level3="群众满意度", value="≥90%")])


def _docx_rows(path) -> list[list[str]]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    rows: list[list[str]] = []
    for el in root.find(f"{W}body"):
        if el.tag == f"{W}p" and "".join(el.itertext()).strip():
            rows.append(["".join(el.itertext()).strip()])
        for tr in el.iter(f"{W}tr"):
            texts = ["\n".join("".join(p.itertext()) for p in tc.iter(f"{W}p")).strip() for tc in tr.iter(f"{W}tc")]
            if any(texts):
                rows.append([t for t in texts if t])
    return rows


def _xlsx_rows(path) -> list[list[str]]:
    ws = openpyxl.load_workbook(path).worksheets[-1]
    rows = []
    for row in ws.iter_rows(values_only=True):
        texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
        if texts:
            rows.append(texts)
    return rows


@pytest.mark.parametrize("layout", ["hebei-project", "hebei-graded", "mof-project"])
def test_docx_and_xlsx_print_the_same_form(layout, tmp_path):
    p = _project()
    p.variant.layout = layout
    doc = Document(layout=layout, projects=[p])
    write_docx(doc, tmp_path / "f.docx", layout)
    write_xlsx(doc, tmp_path / "f.xlsx", layout)
    docx_rows = _docx_rows(tmp_path / "f.docx")
    assert docx_rows[0] == ["项目支出绩效目标表" if layout == "mof-project" else "1、城建管理经费绩效目标表"]
    assert docx_rows == _xlsx_rows(tmp_path / "f.xlsx")


def test_department_form_is_the_same_in_both_formats(tmp_path):
    dep = Department(form="table", name="某县住房和城乡建设局", overall="完成年度任务。",
                     tasks=[DepartmentTask(name="保障性住房", content="维修", total="120", fiscal="100", other="20")],
                     budget=Budget(total="120", fiscal="100", other="20", unit="万元"),
                     indicators=[Indicator(level1="产出指标", level2="数量指标", level3="维修套数", value="≥200套")])
    doc = Document(layout="mof-project", department=dep)
    write_docx(doc, tmp_path / "d.docx")
    write_xlsx(doc, tmp_path / "d.xlsx")
    assert _docx_rows(tmp_path / "d.docx") == _xlsx_rows(tmp_path / "d.xlsx")  # (its unit line too)
    assert compose_department(dep).notes == []


def test_first_levels_merge_down_and_an_empty_form_keeps_one_row():
    t = compose(_project(), "hebei-project")
    first = t.header_rows[1] + 1
    level1 = [c for c in t.cells if c.row >= first and c.col == 0]
    assert [(c.text, c.rows) for c in level1] == [("产出指标", 2), ("满意度指标", 1)]
    assert t.split_at == t.header_rows[0] and t.n_rows == first + 3
    empty = compose(Project(name="空"), "mof-project")
    side = next(c for c in empty.cells if c.role == "side")
    assert empty.n_rows == empty.header_rows[1] + 2 and side.rows == 2


def test_what_the_layout_cannot_hold_is_named_alike_by_both_writers(tmp_path):
    assert "code" in compose(_project(), "hebei-graded").left_out
    assert compose(_project(), "hebei-project").left_out == ["implementer"]
    second = _project()
    second.name = "市政维护经费"
    doc = Document(layout="hebei-project", projects=[_project(), second])
    report = write_docx(doc, tmp_path / "g.docx", "hebei-graded")
    assert report == write_xlsx(doc, tmp_path / "g.xlsx", "hebei-graded")
    assert "河北分级评价标准绩效目标表没有“项目编码”栏，“城建管理经费”、“市政维护经费”的该项内容未写入。" in report


def test_narrative_reads_back_in_both_formats_and_prints_the_same(tmp_path):
    from perfeditor.io import load_document
    from perfeditor.model import DepartmentItem

    dep = Department(form="narrative", overall="全面完成年度任务。", measures="加强领导。",
                     items=[DepartmentItem(title="一、住房保障", goal="1.完成改造\n目标：300户", indicator="改造300户\n2.验收合格"),
                            DepartmentItem(title="二、村镇建设", goal="改善人居环境。")])
    doc = Document(layout="hebei-project", department=dep)
    texts = {}
    for ext, write in (("docx", write_docx), ("xlsx", write_xlsx)):
        write(doc, tmp_path / f"n.{ext}")
        back = load_document(tmp_path / f"n.{ext}").department
        assert [(i.title, i.goal, i.indicator) for i in back.items] == [(i.title, i.goal, i.indicator) for i in dep.items]
        assert (back.overall, back.measures) == (dep.overall, dep.measures)
    texts["docx"] = [r[0] for r in _docx_rows(tmp_path / "n.docx")]
    texts["xlsx"] = [r[0] for r in _xlsx_rows(tmp_path / "n.xlsx")]
    assert texts["docx"] == texts["xlsx"]


@pytest.mark.parametrize("counts, n, sizes", [
    ([4, 3], 7, [4, 3]),          # as it was
    ([4, 3], 9, [4, 5]),          # rows added go to the last part
    ([5, 4], 3, [2, 1]),          # rows removed come out of the last parts first, one kept each
    ([3, 1, 1], 3, [1, 1, 1]),
    ([2, 2], 1, None),            # fewer rows than parts
])
def test_a_split_forms_parts_share_its_rows(counts, n, sizes):
    from perfeditor.forms.compose import part_sizes

    assert part_sizes(counts, n) == sizes
