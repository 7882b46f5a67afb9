"""另存为 → 选择表格版式: the four layouts a clerk can save to, the national form in its 2015 or
2021 variant, named as ``perfeditor convert --layout`` and printing name them
(``mof-project-2015`` / ``mof-project-2021``); what a variant means for the projects' forms is
:mod:`perfeditor.authoring.variants`.
"""
from __future__ import annotations

from perfeditor.authoring.variants import put_in_variant, restore_variants
from perfeditor.authoring.variants import split_layout as split_choice
from perfeditor.model import Document, Indicator

__all__ = ["SAVE_CHOICES", "current_choice", "put_in_variant", "restore_variants", "split_choice"]

#: (choice, the Chinese name shown): what Save As offers, in this order.
SAVE_CHOICES: tuple[tuple[str, str], ...] = (
    ("hebei-project", "河北项目表"),
    ("hebei-graded", "河北分级表"),
    ("mof-project-2015", "财政部项目表(2015)"),
    ("mof-project-2021", "财政部项目表(2021)"),
)


def current_choice(doc: Document) -> str:
    """The choice that saves ``doc`` as it is."""
    if doc.layout != "mof-project":
        return doc.layout
    from perfeditor.rules.engine import ruleset_for

    return "mof-project-2021" if ruleset_for(doc) == "mof-2021" else "mof-project-2015"


def left_out_edits(doc: Document, written: Document) -> tuple[list[tuple], list[str]]:
    """After a save in ``doc.layout`` to a new file, read back as ``written``: the edits that clear
    what that layout cannot hold and the file indeed does not hold (nothing is cleared that the
    file has), and the Chinese names of the fields cleared, each once.

    The window then shows the file as written; the clearing is one undo step, so the clerk can
    bring the texts back (and save them in a layout that holds them)."""
    from perfeditor.editing import get_field
    from perfeditor.forms.layouts import left_out_fields
    from perfeditor.forms.vocabulary import field_title

    if len(written.projects) != len(doc.projects):
        return [], []
    edits: list[tuple] = []
    names: list[str] = []
    for project, theirs in zip(doc.projects, written.projects, strict=True):
        for field in left_out_fields(project, doc.layout):
            if field == "grades":
                found = [edit for k, ind in enumerate(project.indicators)
                         for edit in _grade_edits(ind, theirs.indicators, k, project)]
            elif field in Indicator.model_fields:  # an indicator column
                found = [(ind, field, "", project) for k, ind in enumerate(project.indicators)
                         if not _has(theirs.indicators, k, field)]
            elif any(str(v).strip() for v in _values(get_field(theirs, field))):
                found = []  # the file holds it after all: kept
            else:
                found = [(project, field, {} if field == "spending_plan" else "", project)]
            edits += found
            if found and field_title(field) not in names:
                names.append(field_title(field))
    return edits, names


def _grade_edits(ind: Indicator, indicators: list[Indicator], k: int, project) -> list[tuple]:
    """The edits clearing the grades of ``ind`` the ``k``-th of ``indicators`` (read back) lacks:
    when it holds none of them, one edit giving the row the read-back row's grades (None in a
    layout without them), so that the row is as the file reads and its undo gives back the four
    as they were; else the grades missing, each emptied."""
    grades = ind.grades or {}
    missing = [g for g in grades if not _has(indicators, k, f"grade:{g}")]
    if not missing:
        return []
    if len(missing) == len(grades):
        theirs = indicators[k].grades if k < len(indicators) else None
        return [(ind, "grades", dict(theirs) if theirs is not None else None, project)]
    return [(ind, f"grade:{g}", "", project) for g in missing]


def as_read_back(doc: Document, written: Document) -> list[tuple]:
    """After a save to a new file (another format or layout), read back as ``written``: the
    edits that give ``doc`` the shape the file reads back in where neither holds any text —
    grades (None, or the four empty ones of the graded layout) and the spending plan (none, or
    the months the form prints, empty) — so that the window's document equals the file's field
    for field. Texts are never touched (what the file cannot hold is :func:`left_out_edits`)."""
    if len(written.projects) != len(doc.projects):
        return []
    edits: list[tuple] = []
    for project, theirs in zip(doc.projects, written.projects, strict=True):
        if project.spending_plan != theirs.spending_plan and _blank(project.spending_plan) \
                and _blank(theirs.spending_plan):
            edits.append((project, "spending_plan", dict(theirs.spending_plan), project))
        if len(project.indicators) != len(theirs.indicators):
            continue
        for ind, back in zip(project.indicators, theirs.indicators, strict=True):
            if ind.grades != back.grades and _blank(ind.grades) and _blank(back.grades):
                edits.append((ind, "grades", dict(back.grades) if back.grades is not None else None, project))
    return edits


def _blank(value: dict | None) -> bool:
    return not any(str(v or "").strip() for v in (value or {}).values())


def _values(value) -> list:
    return list(value.values()) if isinstance(value, dict) else [value]


def _has(indicators: list[Indicator], k: int, field: str) -> bool:
    """Whether the ``k``-th of ``indicators`` (read back from the file) has ``field`` filled."""
    from perfeditor.editing import get_field

    return k < len(indicators) and bool(str(get_field(indicators[k], field) or "").strip())


def written_titles(doc: Document, written: Document) -> list[tuple]:
    """The projects whose title the file written prints otherwise (a generic 项目支出绩效目标表
    written as “1、名称绩效目标表”), with that title: the window takes it, so that a later save in
    place writes it back, never the generic one (a form without a 项目名称 row keeps the name only
    in its title)."""
    if len(written.projects) != len(doc.projects):
        return []
    return [(mine, theirs.title) for mine, theirs in zip(doc.projects, written.projects, strict=True)
            if theirs.title.strip() and theirs.title != mine.title]
