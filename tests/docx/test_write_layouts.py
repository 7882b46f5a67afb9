"""Every layout the writer builds: the national 2015 and 2021 mof forms, the department table form,
variants (权重 column, title as a row, two tables); and LibreOffice opens each of them."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_write_helpers import normalise  # noqa: E402

from perfeditor.io import load_document, read_document  # noqa: E402
from perfeditor.io.docx.writer import write_docx  # noqa: E402
from perfeditor.model import (  # noqa: E402
    Budget,
    Department,
    DepartmentItem,
    DepartmentTask,
    Document,
    FormVariant,
    Indicator,
    Project,
    dump_document,
)
from tests.conftest import PUBLIC_FIXTURES, needs_soffice  # noqa: E402


def ind(l1: str, l2: str, l3: str, value: str, **kw) -> Indicator:
    return Indicator(level1=l1, level2=l2, level3=l3, value=value, **kw)


def mof_2015() -> Project:
    return Project(
        title="项目支出绩效目标表", name="城镇保障性安居工程", unit="某市住房和城乡建设局 101001",
        implementer="某市住房保障中心", kind="延续项目", period="3年",
        budget=Budget(total="300.00", fiscal="280.00", other="20.00", midterm_total="900.00",
                      midterm_fiscal="850.00", midterm_other="50.00"),
        goals="目标1：完成年度改造任务\n目标2：提升居住条件", goals_midterm="目标1：三年完成全部改造任务",
        indicators=[
            ind("产出指标", "数量指标", "改造户数", "≥300户", value_midterm="≥900户"),
            ind("产出指标", "质量指标", "验收合格率", "100%", value_midterm="100%"),
            ind("产出指标", "成本指标", "户均补助", "≤1万元", value_midterm="≤1万元"),
            ind("效益指标", "社会效益指标", "居住条件", "明显改善", value_midterm="明显改善"),
            ind("满意度指标", "服务对象满意度指标", "住户满意度", "≥90%", value_midterm="≥90%",
                note="问卷"),
        ],
        variant=FormVariant(layout="mof-project", system="2015", indicator_side_label=True,
                            rows=["kind", "period", "budget.midterm_total", "goals_midterm"]))


def mof_2021() -> Project:
    return Project(
        title="项目支出绩效目标表", name="城市道路维护", unit="某市城市管理局", implementer="某市市政维护处",
        kind="经常性项目", period="1年", budget=Budget(total="120.00", fiscal="120.00"),
        goals="目标1：保持道路完好",
        indicators=[
            ind("成本指标", "经济成本指标", "维护成本", "≤120万元", basis="预算批复"),
            ind("产出指标", "数量指标", "维护里程", "≥50公里", basis="年度计划"),
            ind("产出指标", "时效指标", "完成时限", "2024年12月底前", basis="工作安排"),
            ind("效益指标", "社会效益指标", "通行顺畅度", "有所提高", basis="历史数据"),
            ind("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", basis="问卷调查"),
        ],
        variant=FormVariant(layout="mof-project", system="2021", indicator_side_label=True,
                            rows=["kind", "period"]))


def department_table() -> Department:
    return Department(
        form="table", name="某市住房和城乡建设局", overall="全面完成年度住房保障任务。",
        tasks=[DepartmentTask(name="住房保障", content="完成改造任务", total="300.00", fiscal="280.00",
                              other="20.00"),
               DepartmentTask(name="城市维护", content="道路维护", total="120.00", fiscal="120.00")],
        budget=Budget(total="420.00", fiscal="400.00", other="20.00"),
        indicators=[ind("产出指标", "数量指标", "改造户数", "≥300户"),
                    ind("产出指标", "质量指标", "合格率", "100%"),
                    ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%")])


def mof_document() -> Document:
    return Document(layout="mof-project", department=department_table(),
                    projects=[mof_2015(), mof_2021()])


def test_mof_national_2015_and_2021_round_trip(tmp_path: Path):
    doc = mof_document()
    out = tmp_path / "mof.docx"
    assert write_docx(doc, out) == []
    back = load_document(out)
    assert normalise(dump_document(back)) == normalise(dump_document(doc))
    p15, p21 = back.projects
    assert "value_midterm" in p15.variant.indicator_columns
    assert p21.variant.system == "2021" and "basis" in p21.variant.indicator_columns
    body = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    for label in ("项目属性", "项目期", "中期资金总额", "年度资金总额", "中期目标", "年度目标",
                  "中期指标值", "年度指标值", "指标值设定依据及数据来源", "部门整体支出绩效目标申报表",
                  "年度主要任务", "金额合计", "年度绩效指标"):
        assert label in body, label


def test_mof_2021_chosen_for_cost_first_level_when_converting(tmp_path: Path):
    p = mof_2021()
    p.variant = FormVariant(layout="hebei-project")
    out = tmp_path / "out.docx"
    report = write_docx(Document(layout="hebei-project", projects=[p]), out, "mof-project")
    assert not any("依据" in line for line in report)
    back = load_document(out)
    assert back.projects[0].variant.system == "2021"
    assert [i.basis for i in back.projects[0].indicators] == [i.basis for i in p.indicators]


def test_weight_column_and_title_as_row(tmp_path: Path):
    doc, doc_map = read_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    doc.path, doc.format = None, ""
    for n, p in enumerate(doc.projects):
        p.variant.title_as_row = n % 2 == 0
        p.variant.two_tables = n % 3 == 0
        for k, i in enumerate(p.indicators):
            i.weight = str(10 + k)
    out = tmp_path / "out.docx"
    assert write_docx(doc, out, smap=doc_map) == []
    back = load_document(out)
    assert normalise(dump_document(back)) == normalise(dump_document(doc))
    assert [p.variant.title_as_row for p in back.projects] == [n % 2 == 0 for n in range(21)]
    assert all(p.variant.two_tables for p in back.projects)  # new files: header block + indicators
    assert "weight" in back.projects[0].variant.indicator_columns


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _body(path: Path):
    from lxml import etree

    return etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")


@pytest.mark.parametrize("layout", ["hebei-project", "hebei-graded", "mof-project"])
def test_new_files_write_each_form_as_two_joined_tables(tmp_path: Path, layout: str):
    """Word and LibreOffice repeat only a table's first rows: the indicator header must start a
    table of its own, right under the header block (a tiny paragraph between, no gap, same grid)."""
    doc, doc_map = read_document(PUBLIC_FIXTURES / "qiannan_2022_part.docx")
    doc.path, doc.format = None, ""
    out = tmp_path / "out.docx"
    write_docx(doc, out, layout, smap=doc_map)
    body = _body(out)
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 2 * len(doc.projects)
    for upper, lower in zip(tables[::2], tables[1::2], strict=False):
        joint = upper.getnext()
        assert joint.tag == f"{W}p" and joint.getnext() is lower and not "".join(joint.itertext())
        spacing = joint.find(f"{W}pPr/{W}spacing")
        assert spacing.get(f"{W}lineRule") == "exact" and int(spacing.get(f"{W}line")) <= 20
        first = lower.find(f"{W}tr")
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert "指标" in "".join(first.itertext())
        assert upper.find(f".//{W}tblHeader") is None
        grid = [[g.get(f"{W}w") for g in t.find(f"{W}tblGrid")] for t in (upper, lower)]
        assert grid[0] == grid[1]  # the same column edges
        assert upper.find(f"{W}tblPr/{W}tblBorders/{W}bottom").get(f"{W}val") == "nil"
        assert lower.find(f"{W}tblPr/{W}tblBorders/{W}top").get(f"{W}val") == "single"
    back = load_document(out)
    assert len(back.projects) == len(doc.projects)
    assert all(p.variant.two_tables for p in back.projects)
    if layout == doc.layout:
        assert normalise(dump_document(back)) == normalise(dump_document(doc))


def test_in_place_rewrite_of_a_one_table_form_stays_one_table(tmp_path: Path):
    src = tmp_path / "src.docx"
    shutil.copy(PUBLIC_FIXTURES / "qiannan_2022_part.docx", src)
    doc, doc_map = read_document(src)
    before = len(_body(src).findall(f"{W}tbl"))
    one_table = [p for p in doc.projects if not p.variant.two_tables]
    assert one_table
    one_table[0].goals += "（修改）"
    write_docx(doc, src, smap=doc_map)
    assert len(_body(src).findall(f"{W}tbl")) == before
    assert load_document(src).projects[doc.projects.index(one_table[0])].goals.endswith("（修改）")


@needs_soffice
def test_indicator_header_repeats_on_the_next_page(tmp_path: Path):
    """40 indicator rows run over a page: page 2 starts with the indicator header again."""
    p = mof_2021()
    p.variant = FormVariant(layout="hebei-project")
    p.indicators = [ind("产出指标", "数量指标", f"指标{k:02d}", f"≥{k}个", description="说明文字" * 6,
                        basis="依据") for k in range(40)]
    out = tmp_path / "long.docx"
    write_docx(Document(layout="hebei-project", projects=[p]), out)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "-env:UserInstallation=file:///tmp/lo_profile_docxwriter_test",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, timeout=240, capture_output=True)
    pdf = tmp_path / "long.pdf"
    pages = []
    for n in (1, 2):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, timeout=60, check=True).stdout.decode("utf-8")
        pages.append("".join(text.split()))
    assert "项目编码" in pages[0] and "项目编码" not in pages[1]
    assert pages[1].startswith("一级指标二级指标三级指标"), pages[1][:80]


def test_department_narrative_with_indicator_text(tmp_path: Path):
    dep = Department(overall="总体目标。", measures="加强管理。", items=[
        DepartmentItem(title="一、住房保障", goal="落实住房保障政策。", indicator="完成改造300户。"),
        DepartmentItem(title="二、村镇建设", goal="改善人居环境。")])
    doc, doc_map = read_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    doc.path, doc.format = None, ""
    doc.department = dep
    out = tmp_path / "out.docx"
    write_docx(doc, out, smap=doc_map)
    back = load_document(out)
    assert normalise(dump_document(back))["department"] == normalise(dump_document(doc))["department"]


# LibreOffice opens what we write -----------------------------------------------------------------

def _files(tmp_path: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    src, src_map = read_document(PUBLIC_FIXTURES / "dingzhou_2020.docx")
    src.path, src.format = None, ""
    src.projects = src.projects[:3]
    for layout in ("hebei-project", "hebei-graded", "mof-project"):
        out[layout] = tmp_path / f"{layout}.docx"
        write_docx(src, out[layout], layout, smap=src_map)
    out["mof-national"] = tmp_path / "mof-national.docx"
    write_docx(mof_document(), out["mof-national"])
    return out


EXPECTED_TEXT = {
    "hebei-project": ["1、安居保障工程配套基础设施建设绩效目标表", "资金支出计划", "部门整体绩效目标"],
    "hebei-graded": ["绩效指标评价标准", "评价标准确定依据"],
    # converted, a project keeps its own title (the .xlsx writer always did; one composition now)
    "mof-project": ["1、安居保障工程配套基础设施建设绩效目标表", "实施单位", "绩效指标"],
    "mof-national": ["部门整体支出绩效目标申报表", "年度主要任务", "项目期", "指标值设定依据及数据来源"],
}


@needs_soffice
def test_libreoffice_opens_every_layout(tmp_path: Path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    files = _files(tmp_path)
    pdf_dir = tmp_path / "pdf"
    cmd = [soffice, "-env:UserInstallation=file:///tmp/lo_profile_docxwriter_test",
           "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, files.values())]
    subprocess.run(cmd, check=True, timeout=240, capture_output=True)
    for name, path in files.items():
        pdf = pdf_dir / f"{path.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, name
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, timeout=60,
                                  check=True).stdout.decode("utf-8")
            compact = "".join(text.split())
            for want in EXPECTED_TEXT[name]:
                assert want in compact, (name, want)
