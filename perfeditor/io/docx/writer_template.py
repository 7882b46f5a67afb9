"""New .docx files: the body built from the layouts, poured into ``resources/templates/base.docx``."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_department import build_department
from perfeditor.io.docx.writer_hebei import build_hebei_graded, build_hebei_project
from perfeditor.io.docx.writer_mof import build_mof_project
from perfeditor.model import Document, Project

TEMPLATES = Path(__file__).resolve().parents[3] / "resources" / "templates"
BASE = TEMPLATES / "base.docx"
DOCUMENT_PART = "word/document.xml"

BUILDERS = {
    "hebei-project": build_hebei_project,
    "hebei-graded": build_hebei_graded,
    "mof-project": build_mof_project,
}


def build_project(project: Project, index: int, layout: str, look: x.Look, widths=None) -> list:
    return BUILDERS[layout](project, index, look, widths)


def project_layout(doc: Document, project: Project, layout: str) -> str:
    """Writing in the document's own layout keeps each project in its own (a file may mix them);
    naming another layout converts every project."""
    if layout == doc.layout and project.variant.layout in BUILDERS:
        return project.variant.layout
    return layout


def separate_tables(blocks: list) -> list:
    """An empty paragraph between two tables in a row (Word would join them into one)."""
    out: list = []
    for b in blocks:
        if out and out[-1].tag == x.W_TBL and b.tag == x.W_TBL:
            out.append(x.paragraph(""))
        out.append(b)
    return out


def build_body(doc: Document, layout: str) -> list:
    look = x.Look(split_header=True)
    blocks: list = []
    dep = doc.department
    if dep is not None:
        blocks += build_department(dep, look)
        if dep.form != "table" and doc.projects:
            blocks += [x.paragraph("第二部分", "PartHeading"), x.paragraph("预算项目绩效目标", "PartHeading")]
    for n, project in enumerate(doc.projects, 1):
        blocks += build_project(project, n, project_layout(doc, project, layout), look)
    return separate_tables(blocks)


def write_new(doc: Document, tmp: Path, layout: str) -> None:
    """Write a new .docx for ``doc`` in ``layout`` to ``tmp`` (from the base template)."""
    with zipfile.ZipFile(BASE) as zin:
        members = [(info, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in members:
            if info.filename == DOCUMENT_PART:
                data = _fill(data, build_body(doc, layout))
            zout.writestr(info, data)


def _fill(xml: bytes, blocks: list) -> bytes:
    root = etree.fromstring(xml)
    body = root.find(x.w("body"))
    sect = body.find(x.w("sectPr"))
    if not blocks or blocks[-1].tag == x.W_TBL:
        blocks = blocks + [x.paragraph("")]  # a document must not end on a table
    for b in blocks:
        if sect is not None:
            sect.addprevious(b)
        else:
            body.append(b)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
