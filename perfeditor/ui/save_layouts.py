"""另存为 → 选择表格版式: the four layouts a clerk can save to, the national form in its 2015 or
2021 variant, named as ``perfeditor convert --layout`` and printing name them
(``mof-project-2015`` / ``mof-project-2021``); what a variant means for the projects' forms is
:mod:`perfeditor.authoring.variants`.
"""
from __future__ import annotations

from perfeditor.authoring.variants import put_in_variant, restore_variants
from perfeditor.authoring.variants import split_layout as split_choice
from perfeditor.model import Document

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
