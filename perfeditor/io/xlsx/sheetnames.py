"""Sheets named after their forms (``21.住建局办公楼局部改造工程``): the names follow the titles.

A workbook of one form per sheet often names each sheet after its form: the title's number and
the project's name (or the title itself), or the name alone, as a sheet name may hold it. Reading
notes whether a form alone on its sheet has it so (:func:`note_sheet_names`); a save then names
such a sheet after the form's title as it is now, renumbered (:func:`sheet_name_for`), and a sheet
added for a new project after its own title (:func:`new_sheet_name`). Other sheets keep their
names. :func:`rename_sheets` renames them in the package, formulas and names following.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from xml.sax.saxutils import escape

from lxml import etree

from perfeditor.forms.titles import split_ordinal
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.io.xlsx.sheetxml import _N, PARSER, map_ranges, split_sheet, to_bytes
from perfeditor.model import Project

log = logging.getLogger(__name__)

#: What Excel refuses in a sheet name (and control characters).
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
MAX_CHARS = 31
_SUFFIX = "绩效目标表"


def clean(text: str) -> str:
    """``text`` as a sheet name may hold it: forbidden characters left out, no quote at either
    end, at most 31 characters (not deduplicated)."""
    return _FORBIDDEN.sub("", text).strip().strip("'").strip()[:MAX_CHARS].strip().strip("'")


def _bodies(title: str, name: str) -> dict[str, str]:
    """What a sheet name may give after the number: the name, the title without its number, the
    title without its number and its closing 绩效目标表."""
    _, _, rest = split_ordinal(title)
    out = {"name": name.strip(), "title": rest, "short": rest.removesuffix(_SUFFIX).strip()}
    return {k: v for k, v in out.items() if v}


def named_after(sheet: str, title: str, name: str) -> tuple[str, str] | None:
    """(the sheet name's ordinal style, which text follows it) when ``sheet`` is the number of
    ``title`` and one of :func:`_bodies`, as a sheet name holds it, or one of them alone (style
    ``""``: a sheet named after the project without a number); else None."""
    number, _, _ = split_ordinal(title)
    got, style, _ = split_ordinal(sheet)
    if got is not None and got != number:
        return None
    prefix = style.format(n=number) if got is not None else ""
    for kind, body in _bodies(title, name).items():
        if clean(prefix + body) == sheet:
            return style if got is not None else "", kind
    return None


def sheet_name_for(named: tuple[str, str], title: str, name: str) -> str | None:
    """The name of a sheet named after its form (``named``: see :func:`named_after`) for the
    form's ``title`` and ``name`` now; None when the sheet was numbered and the title no longer
    is, or when the text it follows is empty (the sheet keeps its name)."""
    number, _, _ = split_ordinal(title)
    style, kind = named
    body = _bodies(title, name).get(kind)
    if not body or style and number is None:
        return None
    return clean((style.format(n=number) if style else "") + body) or None


def note_sheet_names(projects: list[Project], smap: SourceMap) -> None:
    """Record, for each project whose form is alone on its sheet (no other form, no department
    part there), whether that sheet is named after it (``FormPlace.sheet_named``)."""
    places = [(p, smap.projects.get(p.uid)) for p in projects]
    count = Counter(ref.sheet for _, ref in places if ref is not None)
    if smap.department is not None:
        count[smap.department.sheet] += 1
    for p, ref in places:
        if ref is not None and ref.format == "xlsx" and count[ref.sheet] == 1:
            ref.sheet_named = named_after(ref.sheet, p.title, p.name)


def new_sheet_name(p: Project, template: FormPlace | None) -> str:
    """The text a sheet added for ``p`` is named from (made unique by the caller): after its
    title as the ``template`` form's sheet is named after its own, else its name or title."""
    if template is not None and template.sheet_named is not None:
        named = sheet_name_for(template.sheet_named, p.title, p.name)
        if named:
            return named
    return p.name or p.title or "项目"


def quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _mentions(text: str, names) -> set[str]:
    """The sheet names of ``names`` that ``text`` (a formula, or a part's XML) may refer to."""
    return {n for n in names if n + "!" in text or quoted(n) + "!" in text
            or escape(n) + "!" in text or escape(quoted(n), {"'": "&apos;"}) + "!" in text}


def rename_formula(formula: str, renames: dict[str, str]) -> str:
    """``formula`` (with or without ``=``) with its references to the sheets of ``renames``
    pointing at their new names. Raises ValueError when it cannot be parsed."""
    def rename(operand: str) -> str:
        sheet, ref = split_sheet(operand)
        return f"{quoted(renames[sheet])}!{ref}" if sheet in renames else operand
    return map_ranges(formula, rename)


_WORKBOOK = "xl/workbook.xml"
_APP = "docProps/app.xml"


def rename_sheets(read, members: set[str], renames: dict[str, str]) -> dict[str, bytes]:
    """The changed members when the sheets of ``renames`` (old name → new) take their new names:
    the workbook's sheet list; every formula (in the package's worksheets as they are now,
    ``members``) and defined name that refers to one follows it; the sheet titles of
    ``docProps/app.xml``. A sheet that another part refers to in a way not followed here (a chart,
    a pivot table, a formula that cannot be parsed) keeps its name. ``read(member)``: its bytes now."""
    renames = {old: new for old, new in renames.items() if old != new}
    if not renames:
        return {}
    formula_parts = {m for m in members if m.startswith("xl/worksheets/") and m.endswith(".xml")} | {_WORKBOOK}
    for member in sorted(members):  # refers to a sheet in a part we do not rewrite: it keeps its name
        if member in formula_parts or member == _APP or not member.endswith(".xml") \
                or member.startswith(("xl/worksheets/", "xl/sharedStrings")):
            continue
        for old in _mentions(read(member).decode("utf-8", "replace"), renames):
            log.info("sheet %r is referred to by %s; not renamed", old, member)
            renames.pop(old)
    out: dict[str, bytes] = {}
    roots = {}
    for member in formula_parts:
        if member not in members:
            continue
        data = read(member)
        if not _mentions(data.decode("utf-8", "replace"), renames):
            continue
        root = etree.fromstring(data, PARSER)
        roots[member] = root
        for el in [*root.iter(f"{_N}f"), *root.iter(f"{_N}definedName")]:
            if el.text and _mentions(el.text, renames):
                try:
                    rename_formula(el.text, renames)
                except Exception:  # noqa: BLE001 - a formula we cannot follow: its sheet keeps its name
                    for old in _mentions(el.text, renames):
                        log.info("formula %r refers to sheet %r; not renamed", el.text, old)
                        renames.pop(old, None)
    wb = roots.get(_WORKBOOK)
    if wb is None:
        wb = etree.fromstring(read(_WORKBOOK), PARSER)
    names_now = [sheet.get("name") for sheet in wb.iter(f"{_N}sheet")]
    while renames:  # a name taken twice (a sheet kept its name): neither of those renamed
        taken = Counter(renames.get(n, n).lower() for n in names_now)
        clash = [old for old, new in renames.items() if taken[new.lower()] > 1]
        if not clash:
            break
        for old in clash:
            renames.pop(old)
    if not renames:
        return {}
    for member, root in roots.items():
        changed = False
        for el in [*root.iter(f"{_N}f"), *root.iter(f"{_N}definedName")]:
            if el.text and _mentions(el.text, renames):
                new = rename_formula(el.text, renames)
                changed = changed or new != el.text
                el.text = new
        if changed and member != _WORKBOOK:
            out[member] = to_bytes(root)
    for sheet in wb.iter(f"{_N}sheet"):
        if sheet.get("name") in renames:
            sheet.set("name", renames[sheet.get("name")])
    out[_WORKBOOK] = to_bytes(wb)
    if _APP in members:
        app = etree.fromstring(read(_APP), PARSER)
        changed = False
        for el in app.iter("{*}lpstr"):
            if el.text in renames:
                el.text = renames[el.text]
                changed = True
        if changed:
            out[_APP] = to_bytes(app)
    return out
