"""The national form's two variants as layouts to save in: ``mof-project-2015`` (成本 under 产出,
the 中期 rows) and ``mof-project-2021`` (成本指标 as a first level, 指标值设定依据), named as
printing names them (:data:`perfeditor.printing.html.PRINT_LAYOUTS`).

The writers take the layout (``mof-project``) and read the variant from each project's
:class:`~perfeditor.model.FormVariant`: saving in a variant gives every project not already in it
that variant's form (its rows and indicator columns). The window gives the projects their own
forms back when the save does not happen (:func:`restore_variants`).
"""
from __future__ import annotations

from perfeditor.forms.variants import project_system
from perfeditor.io.source import FormPlace, SourceMap
from perfeditor.model import Document, FormVariant, Project

#: The 2021 form's indicator block: 指标值设定依据 before 备注 (the writers widen it with every
#: further column the project fills).
COLUMNS_2021 = ("level1", "level2", "level3", "value", "basis", "note")


def split_layout(choice: str) -> tuple[str, str]:
    """``"mof-project-2021"`` → ``("mof-project", "2021")``; other layouts → (layout, "")."""
    if choice.startswith("mof-project-") and choice.rsplit("-", 1)[1] in ("2015", "2021"):
        return "mof-project", choice.rsplit("-", 1)[1]
    return choice, ""


def variant_form(system: str) -> FormVariant:
    """A new national form of ``system`` (the rows and the side label 文件→新建 gives it; the
    2021 one with its 指标值设定依据 column even where no row fills it yet)."""
    from perfeditor.authoring.new import FORM_KINDS, new_project

    variant = new_project(FORM_KINDS["mof-2021" if system == "2021" else "mof-2015"]).variant
    if system == "2021":
        variant.indicator_columns = list(COLUMNS_2021)
    return variant


Changed = list[tuple[Project, FormVariant, FormPlace | None, str]]


def put_in_variant(doc: Document, system: str, source_map: SourceMap | None = None) -> Changed:
    """Give every project not in the national form's ``system`` variant that variant's form;
    returns (project, its form before, its place, the place's digest before) for
    :func:`restore_variants`. Nothing for ``""``. A project given another form counts as changed
    for a save into the file it was read from (its place in ``source_map`` forgets the content
    digest: the table is rebuilt in the new form, not kept as it was)."""
    changed: Changed = []
    if not system:
        return changed
    for p in doc.projects:
        if p.variant.layout == "mof-project" and project_system(p) == system:
            continue
        place = source_map.of(p) if source_map is not None else None
        changed.append((p, p.variant, place, place.digest if place is not None else ""))
        p.variant = variant_form(system)
        if place is not None:
            place.digest = ""
    return changed


def restore_variants(changed: Changed) -> None:
    for p, variant, place, digest in changed:
        p.variant = variant
        if place is not None:
            place.digest = digest
