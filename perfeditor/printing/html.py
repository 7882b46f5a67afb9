"""Print HTML for a Document: one section per printed part (the department part, each project).

No Qt here: the HTML is the subset Qt's ``QTextDocument`` understands (tables with rowspan and
colspan, ``<thead>`` rows repeated on every page, borders collapsed). Every text goes through
:func:`esc`. :mod:`perfeditor.printing.paginate` turns the sections into pages.
"""
from __future__ import annotations

import html as _html
from dataclasses import dataclass

from perfeditor.forms.layouts import DECLARATIONS, written_layout
from perfeditor.io.source import SourceMap
from perfeditor.model.document import LAYOUTS, Document
from perfeditor.printing.bounded import clip

#: Point sizes of the printed forms, as in the official files: 三号 (16 pt) part headings and the
#: national form's title, 四号 (14 pt) Hebei project titles, 小四 (12 pt) narrative text and 10 pt
#: table text.
TITLE_PT = 16
PROJECT_TITLE_PT = 14
TEXT_PT = 12
TABLE_PT = 10

#: Label cells in bold? The official forms print them in the body weight.
HEADER_BOLD = False

#: What the user may choose as print layout (``mof-project`` prints the project's own system).
PRINT_LAYOUTS: tuple[str, ...] = (*LAYOUTS, *(k for k in DECLARATIONS if k not in LAYOUTS))


@dataclass
class Section:
    """One printed part: it starts on a new page."""

    html: str
    title: str            # for the print job's title and the tests
    landscape: bool = False  # a wide form: landscape pages unless the page setup says otherwise
    layout: str = ""         # the layout it is printed in: whose page setup applies
    top_aligned: bool = False  # body cells top-aligned already (a part of a split form)


def esc(text: str) -> str:
    """``text`` escaped for HTML, line breaks kept as ``<br/>``."""
    return _html.escape(clip(text or ""), quote=True).replace("\r\n", "\n").replace("\n", "<br/>")


def cell(text: str = "", *, rowspan: int = 1, colspan: int = 1, align: str = "center",
         width: str = "", header: bool = False, raw: bool = False, valign: str = "middle") -> str:
    """One table cell; ``raw`` when ``text`` is HTML already."""
    attrs = [f'align="{align}"', f'valign="{valign}"']
    if rowspan > 1:
        attrs.append(f'rowspan="{rowspan}"')
    if colspan > 1:
        attrs.append(f'colspan="{colspan}"')
    if width:
        attrs.append(f'width="{width}"')
    body = text if raw else esc(text)
    if header and HEADER_BOLD and body:
        body = f"<b>{body}</b>"
    return f"<td {' '.join(attrs)}>{body}</td>"


#: How far (CSS px, 1/96 inch) a table is pulled up onto the bordered table right above it so
#: that both borders fall on one line and the two tables print as one form (measured on the PDF).
JOIN_OVERLAP_PX = 3


def table(rows: list[str], head: list[str] | None = None, *, border: bool = True,
          join: bool = False) -> str:
    """A full-width table; ``head`` rows go into ``<thead>`` (repeated on every page);
    ``join``: drawn as the continuation of the bordered table just above it."""
    margin = f"margin:0px; margin-top:-{JOIN_OVERLAP_PX}px;" if join else "margin:0px;"
    style = (f"border-collapse:collapse; border-style:solid; border-color:#000; "
             f"font-size:{TABLE_PT}pt; {margin}")
    attrs = (f'border="{1 if border else 0}" cellspacing="0" cellpadding="{3 if border else 0}" '
             f'width="100%" style="{style}"')
    thead = "<thead>" + "".join(f"<tr>{r}</tr>" for r in head) + "</thead>" if head else ""
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return f"<table {attrs}>{thead}<tbody>{body}</tbody></table>"


def title_html(text: str, size: float = TITLE_PT) -> str:
    return (f'<p align="center" style="font-size:{size}pt; font-weight:bold; '
            f'margin-top:0px; margin-bottom:8px;">{esc(text)}</p>')


def paragraphs(text: str, *, indent: bool = True) -> str:
    """Each line of ``text`` as a paragraph, first line indented two characters."""
    style = f"font-size:{TEXT_PT}pt; margin-top:0px; margin-bottom:4px;"
    # Two ideographic spaces: two characters on every device (CSS px in a QTextDocument laid out
    # for a printer are device pixels, so a px text-indent shrinks with the resolution).
    lead = "\u3000\u3000" if indent else ""
    return "".join(f'<p style="{style}"><span style="white-space:pre">{lead}</span>'
                   f'{esc(line.strip())}</p>' for line in clip(text or "").splitlines() if line.strip())


def heading(text: str, *, level: int = 1) -> str:
    size = TITLE_PT if level == 0 else (TEXT_PT + 2 if level == 1 else TEXT_PT)
    align = ' align="center"' if level == 0 else ""
    return (f'<p{align} style="font-size:{size}pt; font-weight:bold; margin-top:6px; '
            f'margin-bottom:4px;">{esc(text)}</p>')


def split_layout(layout: str | None) -> tuple[str | None, str]:
    """``"mof-project-2021"`` → ``("mof-project", "2021")``; unknown names → ValueError."""
    if layout is None or layout == "":
        return None, ""
    if layout not in PRINT_LAYOUTS:
        raise ValueError(layout)
    if layout.startswith("mof-project-"):
        return "mof-project", layout.rsplit("-", 1)[1]
    return layout, ""


def document_sections(doc: Document, layout: str | None = None,
                      project_indexes: list[int] | None = None,
                      source_map: SourceMap | None = None) -> list[Section]:
    """The printed parts of ``doc``: the department part first when printing the whole file
    (``project_indexes`` None), then each chosen project on pages of its own. ``source_map``: where
    ``doc`` was read from (the window's, ``convert``'s); a project printed in its own layout merges
    the cells its file merged down over indicator rows (指标值确定依据 …) as the file does."""
    from perfeditor.forms.narrative import heading_lines
    from perfeditor.printing.department_html import PROJECTS_PART_HEADING, department_sections
    from perfeditor.printing.project_html import project_sections

    target, system = split_layout(layout)
    sections: list[Section] = []
    # the file's heading on top of the whole file, as the .docx and .xlsx exports write it: in the
    # department table form, else above the first part printed
    lines = heading_lines(doc) if project_indexes is None else []
    if project_indexes is None:
        indexes = list(range(len(doc.projects)))
        if doc.department is not None:
            sections.extend(department_sections(doc.department, doc.projects != [], lines))
            for section in sections:
                section.layout = doc.layout or ""
            lines = [] if doc.department.form == "table" else lines

    else:
        indexes = [i for i in project_indexes if 0 <= i < len(doc.projects)]
    part_heading = bool(sections) and doc.department is not None \
        and doc.department.form == "narrative"
    for i in indexes:
        project = doc.projects[i]
        printed = written_layout(project, target, doc.layout, system)
        merges = source_map.merges_of(project, printed) if source_map is not None else []
        parts = project_sections(project, i + 1, printed, system, merges)
        if part_heading:
            lead = "".join(heading(h, level=0) for h in PROJECTS_PART_HEADING)
            parts[0].html = parts[0].html.replace("<body>", "<body>" + lead, 1)
            part_heading = False
        sections.extend(parts)
    if lines and sections:
        lead = "".join(heading(h, level=0) for h in lines)
        sections[0].html = sections[0].html.replace("<body>", "<body>" + lead, 1)
    return sections
