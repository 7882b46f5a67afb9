"""New .docx files: the body built from the layouts, poured into ``resources/templates/base.docx``."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from perfeditor.forms.compose import compose
from perfeditor.forms.narrative import is_part_end, is_part_start, section_of
from perfeditor.forms.vocabulary import looks_like_title, name_from_title, norm
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_department import build_department
from perfeditor.io.docx.writer_table import render
from perfeditor.model import LAYOUTS, Document, Project

TEMPLATES = Path(__file__).resolve().parents[3] / "resources" / "templates"
BASE = TEMPLATES / "base.docx"
DOCUMENT_PART = "word/document.xml"

def build_project(project: Project, index: int, layout: str, look: x.Look, widths=None) -> list:
    """The blocks of ``project``'s form in ``layout`` (:func:`~perfeditor.forms.compose.compose`)."""
    return render(compose(project, layout, index), look, widths)


def project_layout(doc: Document, project: Project, layout: str) -> str:
    """Writing in the document's own layout keeps each project in its own (a file may mix them);
    naming another layout converts every project."""
    if layout == doc.layout and project.variant.layout in LAYOUTS:
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


_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
HEADING_LINES = 8


def _department_lines(doc: Document) -> set[str]:
    dep = doc.department
    if dep is None:
        return set()
    parts = [dep.name, dep.overall, dep.measures]
    for item in dep.items:
        parts += [item.title, item.goal, item.indicator]
    for task in dep.tasks:
        parts += [task.name, task.content]
    return {norm(line) for part in parts for line in part.split("\n") if line.strip()}


def _key(text: str) -> str:
    """Letters and digits only (sheet names drop brackets and cut titles short)."""
    return re.sub(r"[\W_]+", "", text)


def _written_anyway(t: str, names: set[str], dep_lines: set[str]) -> bool:
    """A preamble line the new file holds elsewhere: a form title, a project's name (also cut
    short, as a sheet's name), a department line, a part or section heading."""
    n, key = norm(t), _key(t)
    if not n or len(t) > 80 or n in dep_lines or looks_like_title(t):
        return True
    if n in ("第一部分", "第二部分") or is_part_start(t) or is_part_end(t) or section_of(t):
        return True
    bare = _key(name_from_title(t))
    return any(name in key or (len(bare) >= 8 and bare in name) for name in names)


def heading_lines(doc: Document) -> list[str]:
    """The file's own heading text kept in ``doc.preamble`` (``某县住建局2024年部门预算`` …), less
    what the new file holds elsewhere. New files print it on top, so the budget year survives a
    conversion."""
    names = {_key(t) for p in doc.projects for t in (p.title, p.name) if _key(t)}
    dep_lines = _department_lines(doc)
    out: list[str] = []
    for line in doc.preamble.split("\n"):
        t = line.strip()
        if t not in out and not _written_anyway(t, names, dep_lines):
            out.append(t)
    if len(out) > HEADING_LINES:  # keep the lines that tell the year
        year = [t for t in out if _YEAR.search(t)][:HEADING_LINES]
        out = [t for t in out if t in year] or out[:HEADING_LINES]
    return out


def build_body(doc: Document, layout: str) -> list:
    look = x.Look(split_header=True, as_text=True)
    blocks: list = [x.paragraph(t, "PartHeading") for t in heading_lines(doc)]
    dep = doc.department
    if dep is not None:
        blocks += build_department(dep, look)
        if dep.form != "table" and doc.projects:
            blocks += [x.paragraph("第二部分", "PartHeading"), x.paragraph("预算项目绩效目标", "PartHeading")]
    for n, project in enumerate(doc.projects, 1):
        built = build_project(project, n, project_layout(doc, project, layout), look)
        if blocks and built:  # one project a page: a title never stays behind at a page's foot
            if built[0].tag == x.W_P and isinstance(built[0], etree._Element):
                x.set_page_break_before(built[0])
            else:
                built.insert(0, x.page_break_paragraph())
        blocks += built
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


_MARK = "PERFEDITOR-BODY"


def _fill(xml: bytes, blocks: list) -> bytes:
    """The template part with ``blocks`` put before its ``w:sectPr``: the small template is
    serialised with a marker where the body goes, and the blocks' text is spliced in there (the
    tables are built as text; parsing them only to write them out again was the export's cost)."""
    root = etree.fromstring(xml)
    body = root.find(x.w("body"))
    sect = body.find(x.w("sectPr"))
    if not blocks or blocks[-1].tag == x.W_TBL:
        blocks = blocks + [x.paragraph("")]  # a document must not end on a table
    mark = etree.Comment(_MARK)
    if sect is not None:
        sect.addprevious(mark)
    else:
        body.append(mark)
    head, tail = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True).split(f"<!--{_MARK}-->".encode(), 1)
    return b"".join((head, "".join(map(x.block_xml, blocks)).encode("utf-8"), tail))
