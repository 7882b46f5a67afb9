"""New .docx files: every fixture written anew reads back to the same dump, in its own layout and
converted to the others (keeping what the target holds, reporting what it drops)."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_write_helpers import normalise  # noqa: E402

from perfeditor.io import load_document  # noqa: E402
from perfeditor.io.docx.writer import write_docx  # noqa: E402
from perfeditor.model import LAYOUTS, dump_document  # noqa: E402
from tests.conftest import OWN_FIXTURES, public_fixture_files  # noqa: E402

OWN_DOCX = sorted((OWN_FIXTURES / "docx").glob("*.docx")) if (OWN_FIXTURES / "docx").is_dir() else []
ALL = public_fixture_files() + OWN_DOCX


def _fresh(path: Path):
    """The document of ``path``, detached from its file (so the writer builds a new one)."""
    doc = load_document(path)
    doc.path = None
    doc.format = ""
    return doc


@pytest.mark.parametrize("src", ALL, ids=lambda p: p.name)
def test_new_file_round_trip(src: Path, tmp_path: Path):
    doc = _fresh(src)
    out = tmp_path / "out.docx"
    assert write_docx(doc, out) == []  # its own layout holds everything
    back = load_document(out)
    assert normalise(dump_document(back)) == normalise(dump_document(load_document(src)))


def test_new_file_is_a_real_chinese_docx(tmp_path: Path):
    doc = _fresh(next(p for p in ALL if p.name == "dingzhou_2020.docx"))
    out = tmp_path / "out.docx"
    write_docx(doc, out)
    with zipfile.ZipFile(out) as zf:
        styles = zf.read("word/styles.xml").decode("utf-8")
        body = zf.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in styles and 'w:eastAsia="宋体"' in styles
    assert 'w:eastAsia="仿宋_GB2312"' in styles
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body  # A4
    assert "<w:tblHeader/>" in body and 'w:vMerge w:val="restart"' in body
    assert "1、安居保障工程配套基础设施建设绩效目标表" in body and "单位：万元" in body


# Converting to another layout --------------------------------------------------------------------

CONVERSIONS = [pytest.param(src, layout, id=f"{src.name}->{layout}")
               for src in public_fixture_files() for layout in LAYOUTS]


@pytest.mark.parametrize(("src", "layout"), CONVERSIONS)
def test_convert_keeps_what_the_target_holds(src: Path, layout: str, tmp_path: Path):
    doc = _fresh(src)
    out = tmp_path / "out.docx"
    write_docx(doc, out, layout)
    back = load_document(out)
    assert {p.variant.layout for p in back.projects} == {layout}
    expected = normalise(dump_document(load_document(src)), layout, titles=False)
    assert normalise(dump_document(back), layout, titles=False) == expected


def test_convert_reports_what_it_drops(tmp_path: Path):
    src = next(p for p in ALL if p.name == "dingzhou_2020.docx")
    report = write_docx(_fresh(src), tmp_path / "out.docx", "mof-project")
    text = "\n".join(report)
    assert "项目编码" in text and "资金用途" in text
    # the national form has a 指标解释 column in some variants: the descriptions are kept there
    assert "绩效指标描述" not in text
    back = load_document(tmp_path / "out.docx")
    assert [i.description for i in back.projects[0].indicators] == \
        [i.description for i in _fresh(src).projects[0].indicators]
    assert "21 个项目" in text
    assert write_docx(_fresh(src), tmp_path / "same.docx", "hebei-project") == []


def test_convert_graded_to_project_reports_grades(tmp_path: Path):
    src = next(p for p in ALL if p.name == "pingxiang_2020_part.docx")
    report = write_docx(_fresh(src), tmp_path / "out.docx", "hebei-project")
    assert any("评价标准" in line for line in report)


def test_unknown_layout_is_refused_in_chinese(tmp_path: Path):
    from perfeditor.errors import FormWriteError

    src = next(p for p in ALL if p.name == "qiannan_2022_part.docx")
    with pytest.raises(FormWriteError, match="格式"):
        write_docx(_fresh(src), tmp_path / "out.docx", "no-such-layout")
    assert not (tmp_path / "out.docx").exists()


def test_new_file_strips_characters_xml_cannot_hold(tmp_path: Path):
    doc = _fresh(next(p for p in ALL if p.name == "qiannan_2022_part.docx"))
    doc.projects[0].name = "局机关\x01物业\x1f管理"
    doc.projects[0].indicators[0].note = "说明\x00文字\uffff"
    out = tmp_path / "out.docx"
    write_docx(doc, out)
    back = load_document(out)
    assert back.projects[0].name == "局机关物业管理"
    assert back.projects[0].indicators[0].note == "说明文字"


@pytest.mark.parametrize("layout", [None, "mof-project", "hebei-graded"])
def test_budget_year_survives_convert(tmp_path: Path, layout):
    """The heading that tells the budget year (``2024年部门预算``) is written into new files."""
    sys.path.insert(0, str(OWN_FIXTURES / "docx"))
    from xml_fixtures import _write, p, tbl, tc, tr

    from perfeditor.cli import main
    from perfeditor.rules.budget_year import find_budget_year

    src = tmp_path / "src.docx"
    form = tbl(6, tr(tc("项目编码"), tc("X-1"), tc("项目名称"), tc("甲项目", span=3)),
               tr(tc("绩效目标"), tc("完成任务", span=5)),
               tr(*[tc(t) for t in ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值",
                                    "指标值确定依据")]),
               tr(*[tc(t) for t in ("产出指标", "数量指标", "完成数", "", "≥1个", "")]))
    _write(src, [p("某县住房和城乡建设局"), p("2024年部门预算"), p("1、甲项目绩效目标表"), form])
    before = find_budget_year(load_document(src))
    assert before.year == 2024
    out = tmp_path / "out.docx"
    assert main(["convert", str(src), str(out), *(["--layout", layout] if layout else [])]) == 0
    back = load_document(out)
    assert find_budget_year(back).year == before.year
    assert "某县住房和城乡建设局" in back.preamble
    assert [q.name for q in back.projects] == ["甲项目"]  # the heading is no part of the form
    again = tmp_path / "again.docx"
    write_docx(_fresh(out), again)
    assert load_document(again).preamble.count("2024年部门预算") == 1
