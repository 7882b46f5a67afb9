"""New .docx files: the body built from the layouts, poured into ``resources/templates/base.docx``."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from perfeditor.forms.compose import compose, compose_department
from perfeditor.forms.layouts import written_layout
from perfeditor.forms.narrative import heading_lines, narrative_paragraphs
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_table import render
from perfeditor.io.source import SourceMap
from perfeditor.model import Department, Document, Project

BASE = Path(__file__).resolve().parents[3] / "resources" / "templates" / "base.docx"


_PROSE_STYLES = {"section": "SectionHeading", "item": "ItemHeading", "body": "BodyText"}


def narrative_sections(dep: Department, looks: dict | None = None) -> list:
    """一、总体绩效目标 / 二、分项绩效目标 / 三、工作保障措施 with their paragraphs
    (:func:`perfeditor.forms.narrative.narrative_paragraphs`); ``looks``: the (pPr, rPr) of the
    "section" headings, "item" headings and "body" paragraphs (else the template's styles)."""
    out = []
    for text, kind in narrative_paragraphs(dep):
        ppr, rpr = (looks or {}).get(kind, (None, None))
        out.append(x.paragraph(text, _PROSE_STYLES[kind], ppr=ppr, rpr=rpr))
    return out


def build_project(project: Project, index: int, layout: str, look: x.Look, widths=None, merges=()) -> list:
    """The blocks of ``project``'s form in ``layout`` (:func:`~perfeditor.forms.compose.compose`;
    ``merges``: its cells merged down over indicator rows, see there)."""
    return render(compose(project, layout, index, merges), look, widths)


def separate_tables(groups: list[list]) -> list:
    """The blocks of ``groups`` (forms, or what stands before them) one after the other, with an
    empty paragraph where one ends on a table and the next starts with one (Word would join them
    into one table); inside a group, blocks stand as they are."""
    out: list = []
    for blocks in groups:
        if out and blocks and out[-1].tag == x.W_TBL and blocks[0].tag == x.W_TBL:
            out.append(x.paragraph(""))
        out += blocks
    return out


def build_body(doc: Document, layout: str, smap: SourceMap | None = None) -> list:
    """The body of a new .docx for ``doc`` in ``layout``; ``smap``: where ``doc`` was read from
    (a project written in its own layout merges the cells its file merged down, 指标值确定依据 …)."""
    look = x.Look(split_header=True, as_text=True)
    heading, dep = heading_lines(doc), doc.department
    if dep is not None and dep.form == "table":
        blocks = render(compose_department(dep, heading), look)
    else:
        blocks = [x.paragraph(t, "PartHeading") for t in heading]
        if dep is not None:
            blocks += [x.paragraph(t, "PartHeading") for t in ("第一部分", "部门整体绩效目标")]
            blocks += narrative_sections(dep)
            if doc.projects:
                blocks += [x.paragraph(t, "PartHeading") for t in ("第二部分", "预算项目绩效目标")]
    forms = [blocks]
    for n, project in enumerate(doc.projects, 1):
        written = written_layout(project, layout, doc.layout)
        merges = smap.merges_of(project, written) if smap is not None else []
        built = build_project(project, n, written, look, merges=merges)
        if any(forms) and built:  # one project a page: a title never stays behind at a page's foot
            x.start_page(built)
        forms.append(built)
    return separate_tables(forms)


def write_new(doc: Document, tmp: Path, layout: str, smap: SourceMap | None = None) -> None:
    """Write a new .docx for ``doc`` in ``layout`` to ``tmp`` (from the base template; ``smap``:
    see :func:`build_body`)."""
    with zipfile.ZipFile(BASE) as zin:
        part = "word/document.xml"
        write_package(zin, {part: _fill(zin.read(part), build_body(doc, layout, smap))}, tmp)


def write_package(zin: zipfile.ZipFile, parts: dict[str, bytes], tmp) -> None:
    """A copy of the package ``zin`` at ``tmp``, its members named in ``parts`` holding theirs."""
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, parts[info.filename] if info.filename in parts else zin.read(info))


_MARK = "PERFEDITOR-BODY"


def _fill(xml: bytes, blocks: list) -> bytes:
    """The template part with ``blocks`` put before its ``w:sectPr``: the small template is
    serialised with a marker where the body goes, and the blocks' text is spliced in there (the
    tables are built as text; parsing them only to write them out again was the export's cost)."""
    root = etree.fromstring(xml)
    if not blocks or blocks[-1].tag == x.W_TBL:
        blocks = blocks + [x.paragraph("")]  # a document must not end on a table
    anchor = x.placeholder(body=root.find(x.w("body")))
    anchor.getparent().replace(anchor, etree.Comment(_MARK))
    head, tail = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True).split(f"<!--{_MARK}-->".encode(), 1)
    return b"".join((head, "".join(map(x.block_xml, blocks)).encode("utf-8"), tail))
