"""另存为 → 选择表格版式: the four layouts a clerk can save to, the national form in its 2015 or
2021 variant, named as ``perfeditor convert --layout`` and printing name them
(``mof-project-2015`` / ``mof-project-2021``, :data:`perfeditor.printing.html.PRINT_LAYOUTS`).

The writers take the layout (``mof-project``) and read the variant from each project's
:class:`~perfeditor.model.FormVariant`: saving in a variant gives every project not already in it
that variant's form (its rows and indicator columns: 2015 with the 中期 rows, 2021 with
指标值设定依据), for the save only until it succeeds — a cancelled or failed save gives the
projects their own forms back.
"""
from __future__ import annotations

from perfeditor.model import Document, FormVariant, Project

#: (choice, the Chinese name shown): what Save As offers, in this order.
SAVE_CHOICES: tuple[tuple[str, str], ...] = (
    ("hebei-project", "河北项目表"),
    ("hebei-graded", "河北分级表"),
    ("mof-project-2015", "财政部项目表(2015)"),
    ("mof-project-2021", "财政部项目表(2021)"),
)


def split_choice(choice: str) -> tuple[str, str]:
    """``"mof-project-2021"`` → ``("mof-project", "2021")``; other layouts → (layout, "")."""
    if choice.startswith("mof-project-"):
        return "mof-project", choice.rsplit("-", 1)[1]
    return choice, ""


def project_system(p: Project) -> str:
    """The national form's variant a project is in: its own, else by its first levels."""
    if p.variant.layout == "mof-project" and p.variant.system:
        return p.variant.system
    return "2021" if any(i.level1.strip().startswith("成本") for i in p.indicators) else "2015"


def current_choice(doc: Document) -> str:
    """The choice that saves ``doc`` as it is."""
    if doc.layout != "mof-project":
        return doc.layout
    from perfeditor.rules.engine import ruleset_for

    return "mof-project-2021" if ruleset_for(doc) == "mof-2021" else "mof-project-2015"


#: The 2021 form's indicator block: 指标值设定依据 before 备注 (the writers widen it with every
#: further column the project fills).
COLUMNS_2021 = ("level1", "level2", "level3", "value", "basis", "note")


def variant_form(system: str) -> FormVariant:
    """A new national form of ``system`` (the rows and the side label 文件→新建 gives it; the
    2021 one with its 指标值设定依据 column even where no row fills it yet)."""
    from perfeditor.authoring.new import FORM_KINDS, new_project

    variant = new_project(FORM_KINDS["mof-2021" if system == "2021" else "mof-2015"]).variant
    if system == "2021":
        variant.indicator_columns = list(COLUMNS_2021)
    return variant


def put_in_variant(doc: Document, system: str) -> list[tuple[Project, FormVariant]]:
    """Give every project not in the national form's ``system`` variant that variant's form;
    returns (project, its form before) for :func:`restore_variants`."""
    changed: list[tuple[Project, FormVariant]] = []
    if not system:
        return changed
    for p in doc.projects:
        if p.variant.layout == "mof-project" and project_system(p) == system:
            continue
        changed.append((p, p.variant))
        p.variant = variant_form(system)
    return changed


def restore_variants(changed: list[tuple[Project, FormVariant]]) -> None:
    for p, variant in changed:
        p.variant = variant
