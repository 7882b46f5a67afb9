"""``perfeditor apply``: a document edited as JSON (the shape of ``perfeditor dump``) laid over the
document read from the file, so that the same save plan as the window's Ctrl+S writes only the
differences.

Projects are matched by position: the n-th project of the JSON replaces the content of the file's
n-th (keeping where and how that form sits in the file); projects beyond the file's are added
(laid out like the project before them), the file's projects beyond the JSON's are removed.
"""
from __future__ import annotations

from typing import Any

from perfeditor.errors import FormReadError
from perfeditor.model import Document, Project
from perfeditor.model.dump import department_from_dump, project_from_dump

_CONTENT = ("title", "name", "code", "unit", "implementer", "kind", "period", "source", "purpose",
            "spending_plan", "goals", "goals_midterm", "indicators")


def check_dump(data: Any) -> None:
    """Raise :class:`FormReadError` (one Chinese line) unless ``data`` has the dump's shape."""
    def bad(what: str) -> FormReadError:
        return FormReadError(f"JSON 的内容不是 perfeditor dump 的格式：{what}。")

    if not isinstance(data, dict):
        raise bad("最外层应是一个对象")
    if not isinstance(data.get("projects"), list):
        raise bad("缺少 projects 列表")
    dep = data.get("department")
    if dep is not None and not isinstance(dep, dict):
        raise bad("department 应是对象或 null")
    for k, p in enumerate(data["projects"], start=1):
        if not isinstance(p, dict):
            raise bad(f"第 {k} 个项目不是对象")
        if not isinstance(p.get("indicators", []), list) or \
                not all(isinstance(i, dict) for i in p.get("indicators", [])):
            raise bad(f"第 {k} 个项目的 indicators 应是对象的列表")
        if "budget" in p and not isinstance(p["budget"], dict):
            raise bad(f"第 {k} 个项目的 budget 应是对象")
        if p.get("spending_plan") not in ("", None) and not isinstance(p.get("spending_plan"), dict):
            raise bad(f"第 {k} 个项目的 spending_plan 应是对象或空字符串")


def apply_dump(doc: Document, data: dict) -> None:
    """Make ``doc`` hold the content of ``data`` (checked by :func:`check_dump`)."""
    check_dump(data)
    edited = [project_from_dump(p, doc.layout) for p in data["projects"]]
    kept: list[Project] = []
    for k, new in enumerate(edited):
        if k < len(doc.projects):
            target = doc.projects[k]
        else:  # added: laid out like the project before it
            before = kept[-1] if kept else None
            target = Project(variant=before.variant.model_copy(deep=True) if before is not None
                             else new.variant)
        _take(target, new, _CONTENT)
        kept.append(target)
    doc.projects[:] = kept
    dep = data.get("department")
    if dep is None:
        doc.department = None
        return
    new_dep = department_from_dump(dep)
    if doc.department is None:
        doc.department = new_dep
        return
    old = doc.department
    _take(old, new_dep, ("overall", "items", "measures", "name", "tasks", "indicators"))
    old.form = new_dep.form if new_dep.form == "table" else old.form


def _take(target, new, fields: tuple[str, ...]) -> None:
    """``target`` holds ``new``'s ``fields`` and budget; the amount unit stays the file's."""
    for field in fields:
        setattr(target, field, getattr(new, field))
    unit = target.budget.unit
    target.budget = new.budget
    target.budget.unit = unit
