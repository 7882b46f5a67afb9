"""A form wrapped in a layout table (the whole body, or each form's title and table, inside the one
cell of a 1×1 table, as some templates and web exports do) reads like the unwrapped form, and a save
in place edits it inside the wrapper."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from perfeditor.io import load_document, plan_save, read_document
from perfeditor.model import Indicator, dump_document
from tests.conftest import OWN_FIXTURES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMES = ["hebei_graded.docx", "hebei_project.docx", "mof_2015.docx", "mof_2021.docx"]


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wrapped(src, dst, each: bool = False) -> None:
    """``src`` with its body (with ``each``, each table and the paragraph above it) inside the one
    cell of a 1×1 table."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    kids = [el for el in root.find(_q("body")) if el.tag in (_q("p"), _q("tbl"))]
    groups = [kids]
    if each:
        groups = [[x for x in (kids[k - 1] if k and kids[k - 1].tag == _q("p") else None, el) if x is not None]
                  for k, el in enumerate(kids) if el.tag == _q("tbl")]
    for group in groups:
        tbl = etree.Element(_q("tbl"))
        etree.SubElement(etree.SubElement(tbl, _q("tblPr")), _q("tblW")).attrib.update({_q("w"): "5000",
                                                                                       _q("type"): "pct"})
        etree.SubElement(etree.SubElement(tbl, _q("tblGrid")), _q("gridCol")).set(_q("w"), "9000")
        tc = etree.SubElement(etree.SubElement(tbl, _q("tr")), _q("tc"))
        etree.SubElement(etree.SubElement(tc, _q("tcPr")), _q("tcW")).attrib.update({_q("w"): "9000",
                                                                                    _q("type"): "dxa"})
        group[0].addprevious(tbl)
        tc.extend(group)
        etree.SubElement(tc, _q("p"))  # (a cell ends with a paragraph)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)


def _tables(path) -> int:
    with zipfile.ZipFile(path) as zf:
        return len(etree.fromstring(zf.read("word/document.xml")).findall(f".//{_q('tbl')}"))


@pytest.mark.parametrize("each", [False, True])
@pytest.mark.parametrize("name", NAMES)
def test_a_form_in_a_layout_table_reads_like_the_unwrapped_one(name, each, tmp_path):
    dst = tmp_path / name
    wrapped(OWN_FIXTURES / "docx" / name, dst, each)
    assert dump_document(load_document(dst)) == dump_document(load_document(OWN_FIXTURES / "docx" / name))


@pytest.mark.parametrize("each", [False, True])
@pytest.mark.parametrize("name", ["hebei_project.docx", "mof_2021.docx"])
def test_a_save_edits_the_form_inside_its_layout_table(name, each, tmp_path):
    path = tmp_path / name
    wrapped(OWN_FIXTURES / "docx" / name, path, each)
    tables = _tables(path)
    doc, places = read_document(path)
    p = doc.projects[0]
    p.indicators[0].value = "改过的值"
    p.indicators.append(Indicator(level1=p.indicators[-1].level1, level2=p.indicators[-1].level2,
                                  level3="新增指标", value="≥1"))
    want = dump_document(doc)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert dump_document(load_document(path)) == want
    assert _tables(path) == tables  # the wrapper kept, around the same tables


def boxed_titles(src, dst) -> None:
    """``src`` with each title paragraph right above a table put in a table of one cell (a box)."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    kids = [el for el in root.find(_q("body")) if el.tag in (_q("p"), _q("tbl"))]
    for above, el in zip(kids, kids[1:], strict=False):
        if el.tag == _q("tbl") and above.tag == _q("p") and "".join(above.itertext()).strip():
            box = etree.Element(_q("tbl"))
            etree.SubElement(etree.SubElement(box, _q("tblGrid")), _q("gridCol")).set(_q("w"), "9000")
            above.addprevious(box)
            etree.SubElement(etree.SubElement(box, _q("tr")), _q("tc")).append(above)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in members.items():
            zf.writestr(n, data)


@pytest.mark.parametrize("name", NAMES)
def test_a_title_in_a_box_above_its_table_is_the_forms_title(name, tmp_path):
    dst = tmp_path / name
    boxed_titles(OWN_FIXTURES / "docx" / name, dst)
    assert dump_document(load_document(dst)) == dump_document(load_document(OWN_FIXTURES / "docx" / name))


@pytest.mark.parametrize("name", ["hebei_graded.docx", "hebei_project.docx"])
def test_a_save_edits_a_form_whose_title_is_in_a_box(name, tmp_path):
    """A value edited: patched, the box kept; the title (and name) edited: the form's title says it."""
    path = tmp_path / name
    boxed_titles(OWN_FIXTURES / "docx" / name, path)
    tables = _tables(path)
    doc, places = read_document(path)
    doc.projects[1].indicators[0].level3 = "改过的指标"
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert load_document(path).projects[1].indicators[0].level3 == "改过的指标" and _tables(path) == tables
    doc, places = read_document(path)
    p = doc.projects[0]
    p.name, p.title = p.name + "改", p.title.replace(p.name, p.name + "改")
    want = dump_document(doc)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert dump_document(load_document(path)) == want
