"""PDF export: the text layer holds every project name and indicator, in order, with real
characters (no Kangxi radicals, no U+FFFD); pages are counted sanely."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfeditor.errors import FormWriteError
from perfeditor.model import Document, Indicator, Project, document_from_dump
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")

FIXTURES = sorted(PUBLIC_FIXTURES.glob("*.dump.json"))


def pdf_text(path: Path, raw: bool = True) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


#: Most characters a page break puts inside a cut cell's text: the footer and the repeated header rows.
PAGE_TURN_CHARS = 300


def _find_across_page_turn(text: str, n: str, pos: int) -> int:
    """End of ``n`` in ``text`` from ``pos`` when a page break cuts it in two (the page's footer
    and the next page's repeated header rows between its parts), else -1."""
    for k in range(1, len(n)):
        head = text.find(n[:k], pos)
        while head >= 0:
            between = text.find(n[k:], head + k, head + k + PAGE_TURN_CHARS + len(n) - k)
            if between >= 0 and re.search(r"第\d+页共\d+页", text[head + k:between]):
                return between + len(n) - k
            head = text.find(n[:k], head + 1)
    return -1


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Each needle (white space ignored) occurs after the previous one, whole or cut by a page
    break (a cell's text continues on the next page)."""
    text = squash(haystack)
    pos = 0
    for needle in needles:
        n = squash(needle)
        if not n:
            continue
        found = text.find(n, pos)
        end = found + len(n) if found >= 0 else _find_across_page_turn(text, n, pos)
        assert end >= 0, f"missing or out of order: {needle!r} (after offset {pos})"
        pos = end


def expected_needles(doc: Document) -> list[str]:
    needles: list[str] = []
    for p in doc.projects:
        needles.append(p.name)
        for ind in p.indicators:
            needles.append(ind.level3)
            needles.append(ind.value)
            if ind.grades:
                needles.extend(ind.grades[g] for g in ("优", "良", "中", "差") if g in ind.grades)
    return needles


def bad_chars(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in text
                   if 0x2E80 <= ord(c) <= 0x2FDF or ord(c) == 0xFFFD})


@pytest.fixture(scope="module")
def pdf_writer(qapp):
    from perfeditor.printing.pdf import write_pdf
    return write_pdf


@pytest.mark.parametrize("dump", FIXTURES, ids=lambda p: p.name)
def test_fixture_pdf_holds_every_name_and_indicator_in_order(dump, tmp_path, pdf_writer):
    doc = document_from_dump(json.loads(dump.read_text(encoding="utf-8")))
    out = tmp_path / "out.pdf"
    pages = pdf_writer(doc, out)
    assert pages >= len(doc.projects)
    text = pdf_text(out)
    assert_in_order(text, expected_needles(doc))
    assert bad_chars(text) == []
    assert bad_chars(pdf_text(out, raw=False)) == []
    assert f"第 1 页 共 {pages} 页" in text


@pytest.mark.parametrize("source", sorted(p for p in PUBLIC_FIXTURES.glob("*")
                                          if p.suffix in (".docx", ".xlsx")), ids=lambda p: p.name)
def test_loaded_file_pdf_holds_every_indicator(source, tmp_path, pdf_writer):
    from perfeditor.io import load_document

    doc = load_document(source)
    out = tmp_path / "out.pdf"
    pdf_writer(doc, out)
    text = pdf_text(out)
    assert_in_order(text, expected_needles(doc))
    assert bad_chars(text) == []


def test_radical_prone_characters_come_out_as_themselves(tmp_path, pdf_writer):
    # Each of these shares its glyph with a Kangxi radical / radical supplement in Noto CJK.
    words = "项目 目标 一级 二级 金额 长期 门户 见效 行业 用户 生态 工作 大小 人心 手日月 水火 山田 言 食 马 鱼 鸟"
    doc = Document(projects=[Project(name=words, indicators=[
        Indicator(level1="产出指标", level2="数量指标", level3=words, value="≥98%")])])
    out = tmp_path / "r.pdf"
    pdf_writer(doc, out)
    text = pdf_text(out)
    assert bad_chars(text) == []
    assert squash(words) in squash(text)


def test_font_choice_prefers_a_font_without_shared_radical_glyphs(qapp):
    from perfeditor.printing import fonts

    family = fonts.print_family()
    if "Noto" in family and all("Noto" in f for f in fonts.print_families()):
        pytest.skip("only Noto CJK installed: no font with a correct text layer to choose")
    assert not fonts.radicals_share_glyphs(family)
    if "Noto Sans CJK SC" in fonts.print_families():
        assert fonts.radicals_share_glyphs("Noto Sans CJK SC")  # the trap we avoid


def test_text_is_escaped_not_interpreted(tmp_path, pdf_writer):
    name = "<b>加粗</b> & <p>段落</p>"
    doc = Document(projects=[Project(name=name, goals="<p>目标1: 完成</p>", indicators=[
        Indicator(level1="产出指标", level2="数量指标", level3="a<b", value="≥1&2")])])
    out = tmp_path / "e.pdf"
    pdf_writer(doc, out)
    text = squash(pdf_text(out))
    assert squash(name) in text
    assert "<p>目标1:完成</p>" in text
    assert "a<b" in text and "≥1&2" in text


def test_three_row_project_fits_on_one_page(tmp_path, pdf_writer):
    inds = [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{i}", value="≥1个")
            for i in range(3)]
    doc = Document(projects=[Project(name="小项目", code="001", indicators=inds)])
    out = tmp_path / "one.pdf"
    assert pdf_writer(doc, out) == 1
    assert pdf_text(out).count("\f") == 1


def test_long_cells_wrap_and_long_tables_run_over_pages(tmp_path, pdf_writer):
    long_text = "推进市政基础设施建设补短板，" * 30
    inds = [Indicator(level1="产出指标", level2="数量指标", level3=f"指标{i:02d}",
                      description=long_text, value=f"≥{i}个") for i in range(40)]
    doc = Document(projects=[Project(name="长表项目", indicators=inds)])
    out = tmp_path / "long.pdf"
    pages = pdf_writer(doc, out)
    assert pages > 1
    text = pdf_text(out)
    assert_in_order(text, [f"指标{i:02d}" for i in range(40)])
    assert squash(long_text) in squash(text)  # never cut off
    # the indicator header row repeats on every page
    assert text.count("三级指标") == pages


def test_each_project_starts_on_a_new_page_and_no_page_is_empty(tmp_path, pdf_writer):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import make_document

    doc = make_document(200)
    out = tmp_path / "big.pdf"
    pages = pdf_writer(doc, out)
    text = pdf_text(out)
    chunks = text.split("\f")[:pages]
    assert len(chunks) == pages
    for number, chunk in enumerate(chunks, 1):
        body = squash(chunk.replace(f"第 {number} 页 共 {pages} 页", ""))
        assert body, f"page {number} is empty"
    starts = [i for i, chunk in enumerate(chunks) if "项目编码" in chunk]
    assert len(starts) == 200  # one form (header block) per project, each on its own page
    assert_in_order(text, [p.name for p in doc.projects])


def test_selected_projects_only(tmp_path, pdf_writer):
    doc = document_from_dump(json.loads(
        (PUBLIC_FIXTURES / "dingzhou_2020.docx.dump.json").read_text(encoding="utf-8")))
    out = tmp_path / "sel.pdf"
    pdf_writer(doc, out, project_indexes=[2])
    text = squash(pdf_text(out))
    assert squash(doc.projects[2].name) in text
    assert squash(doc.projects[0].name) not in text
    assert "部门整体绩效目标" not in text


def test_whole_file_prints_department_part_first(tmp_path, pdf_writer):
    doc = document_from_dump(json.loads(
        (PUBLIC_FIXTURES / "dingzhou_2020.docx.dump.json").read_text(encoding="utf-8")))
    out = tmp_path / "all.pdf"
    pdf_writer(doc, out)
    text = pdf_text(out)
    assert_in_order(text, ["部门整体绩效目标", "总体绩效目标", doc.department.items[0].title,
                           "工作保障措施", doc.projects[0].name])


def test_unknown_layout_and_empty_selection_are_chinese_errors(tmp_path, pdf_writer):
    doc = Document(projects=[Project(name="甲")])
    with pytest.raises(FormWriteError, match="版式"):
        pdf_writer(doc, tmp_path / "x.pdf", layout="no-such-layout")
    with pytest.raises(FormWriteError, match="没有可打印"):
        pdf_writer(doc, tmp_path / "y.pdf", project_indexes=[5])
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("layout", ["hebei-project", "hebei-graded", "mof-project",
                                    "mof-project-2021"])
def test_print_in_another_layout(layout, tmp_path, pdf_writer):
    doc = document_from_dump(json.loads(
        (PUBLIC_FIXTURES / "qiannan_2022_part.docx.dump.json").read_text(encoding="utf-8")))
    out = tmp_path / "l.pdf"
    pdf_writer(doc, out, layout=layout)
    text = pdf_text(out)
    assert_in_order(text, [p.name for p in doc.projects])
    assert_in_order(text, [i.level3 for i in doc.projects[0].indicators])
    header = {"hebei-graded": "绩效指标分类", "mof-project": "项目支出绩效目标表",
              "mof-project-2021": "指标值设定依据", "hebei-project": "项目编码"}[layout]
    assert header in squash(text)


def test_convert_command_writes_pdf(tmp_path):
    out = tmp_path / "定州.pdf"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "perfeditor", "convert",
                           str(PUBLIC_FIXTURES / "pingxiang_2020_part.docx"), str(out)],
                          capture_output=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    text = pdf_text(out)
    assert "平乡县保障安居工程" in squash(text)
    assert bad_chars(text) == []


@pytest.mark.parametrize("department", [None, "narrative"])
def test_the_files_heading_prints_above_its_first_form_without_a_department_table(department, tmp_path,
                                                                                pdf_writer):
    """乐亭县…2025年部门预算 (the file's own heading, which tells the budget year) printed only over
    a department table form: a file of project forms only (or of a narrative part) lost it in the
    PDF, while its .docx and .xlsx exports write it on top."""
    from perfeditor.forms.narrative import heading_lines
    from perfeditor.io import load_document
    from perfeditor.model import Department

    doc = load_document(OWN_FIXTURES / "last_year" / "leting_2025.docx")
    assert heading_lines(doc) == ["乐亭县住房和城乡建设局2025年部门预算"] and doc.department is None
    if department:
        doc.department = Department(form=department, overall="全年完成住房保障工作。")
    out = tmp_path / "all.pdf"
    pdf_writer(doc, out)
    first = ["部门整体绩效目标", "全年完成住房保障工作。"] if department else []
    assert_in_order(pdf_text(out), ["乐亭县住房和城乡建设局2025年部门预算", *first, doc.projects[0].name])
    pdf_writer(doc, out, project_indexes=[1])  # a project printed alone: its own form only
    assert "2025年部门预算" not in squash(pdf_text(out))
