"""Short lines between a form's title paragraph and its table (单位：万元, 填报单位：…) leave the title the
form's; a unit line repeated above the next part of a split form does not end it."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from perfeditor.io import load_document, plan_save, read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMES = ["hebei_graded.docx", "hebei_project.docx", "mof_2015.docx", "mof_2021.docx"]


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def with_lines(src, dst, *lines: str) -> None:
    """``src`` with ``lines`` as paragraphs between each title paragraph and the table under it."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    for tbl in list(root.iter(_q("tbl"))):
        above = tbl.getprevious()
        if above is not None and above.tag == _q("p") and "绩效目标表" in "".join(above.itertext()):
            for line in lines:
                para = etree.Element(_q("p"))
                etree.SubElement(etree.SubElement(para, _q("r")), _q("t")).text = line
                tbl.addprevious(para)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)


_LINES = [("单位：万元",), ("填报单位：某县住房和城乡建设局",), ("填报单位：某县住房和城乡建设局", "（单位：万元）")]


@pytest.mark.parametrize(("name", "lines"), [*((n, x) for n in NAMES if n != "hebei_project.docx" for x in _LINES),
                                             ("hebei_project.docx", ("单位：万元",))])
def test_lines_under_the_title_leave_it_the_forms(name, lines, tmp_path):
    """(hebei_project.docx's split form has them above its second part too: a unit line does not
    end the form, other text does.)"""
    dst = tmp_path / name
    with_lines(OWN_FIXTURES / "docx" / name, dst, *lines)
    assert dump_document(load_document(dst)) == dump_document(load_document(OWN_FIXTURES / "docx" / name))


def test_a_sentence_under_a_title_is_no_such_line(tmp_path):
    """Only short labelled lines are passed over: a heading or a sentence leaves the table untitled."""
    dst = tmp_path / "mof_2021.docx"
    with_lines(OWN_FIXTURES / "docx" / "mof_2021.docx", dst, "二、项目支出情况")
    assert load_document(dst).projects[0].title == ""


@pytest.mark.parametrize("name", ["hebei_graded.docx", "mof_2015.docx"])
def test_a_rebuilt_form_keeps_the_lines(name, tmp_path):
    """A row added (the form written anew): the lines stay in the file."""
    path = tmp_path / name
    with_lines(OWN_FIXTURES / "docx" / name, path, "填报单位：某县住房和城乡建设局")
    doc, places = read_document(path)
    p = doc.projects[0]
    p.indicators.append(p.indicators[-1].model_copy(update={"level3": "新增指标"}))
    want = dump_document(doc)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert dump_document(load_document(path)) == want
    with zipfile.ZipFile(path) as zf:
        assert zf.read("word/document.xml").decode().count("填报单位：某县住房和城乡建设局") == 2
