"""Project-level edits started from the menus (add, duplicate, delete, reorder, move rows to…)."""
from __future__ import annotations

from perfeditor.model import Project
from perfeditor.ui.commands import InsertProject, MoveProject, RemoveProject, move_to_level, move_to_project
from perfeditor.ui.move_target import MoveTargetDialog


def current_project_index(window) -> int | None:
    """The index of the project the tree's current node belongs to, or None."""
    return _current(window)[1]


def _current(window) -> tuple[Project | None, int | None]:
    project = window.tree_model.project_of(window.tree.currentIndex())
    return project, (window.session.project_index(project) if project is not None else None)


def add_project(window) -> None:
    from perfeditor.ui.new_form import add_project as add_with_starter_rows

    add_with_starter_rows(window)


def duplicate_project(window) -> None:
    s = window.session
    project, index = _current(window)
    if project is None:
        window.show_message("请先在左侧选择要复制的项目。")
        return
    copy = project.copy_fresh()  # a new uid: no place in the file
    copy.name = f"{project.name}（副本）"
    if s.source_map is not None:  # saved, it merges cells (指标值确定依据 …) as the original does
        s.source_map.note_copy(copy, project)
    s.stack.push(InsertProject(s, index + 1, copy, "复制项目"))
    show_new(window, copy, "已复制项目")


def show_new(window, project: Project, said: str) -> None:
    """A project just added: shown, its 项目名称 selected with the caret in it, to be typed over."""
    rename(window, project)
    window.show_message(f"{said}：请填写项目名称。")


def rename(window, project: Project | None = None) -> None:
    """F2 on a project in the tree: its 项目名称, selected (``project``: the current one)."""
    project = project or _current(window)[0]
    window.editors.select(window.tree_model.project_index(project))
    if window.editors.project.focus_field("name"):
        window.editors.project.fields["name"].selectAll()


def on_project_node(window, then) -> None:
    """A key of the tree (Delete, F2) that acts on the project under the caret, not on a level."""
    node = window.tree_model.node(window.tree.currentIndex())
    if node is not None and node.kind == "project":
        then(window)


def delete_project(window) -> None:
    s = window.session
    project, index = _current(window)
    if project is None:
        window.show_message("请先在左侧选择要删除的项目。")
        return
    if not window.dialogs.question(f"删除项目“{project.name or project.title}”及其全部指标？（可撤销）", "删除项目"):
        return
    s.stack.push(RemoveProject(s, index, f"删除项目“{project.name}”"))
    window.show_message(f"已删除项目“{project.name or project.title}”（可撤销：Ctrl+Z）。")


def move_project(window, delta: int) -> None:
    s = window.session
    project, index = _current(window)
    if project is None:
        return
    dest = index + delta
    if not 0 <= dest < len(s.doc.projects):
        return
    s.stack.push(MoveProject(s, index, dest, "上移项目" if delta < 0 else "下移项目"))
    window.editors.select(window.tree_model.project_index(project))


def move_rows_to(window, table, rows: list[int] | None = None) -> None:
    """移动到…: choose a first/second level (in this project or another) for the selected rows."""
    if table is None or table.table_model() is None:
        window.show_message("请先选择要移动的指标行。")
        return
    model = table.table_model()
    if not isinstance(model.project, Project):
        window.show_message("部门整体绩效指标不能移动到项目中。")
        return
    rows = rows if rows is not None else table.selected_rows()
    if not rows:
        return
    s = window.session
    first = model.indicator(rows[0])
    dialog = MoveTargetDialog(s.doc, model.project, (first.level1, first.level2), window)
    target = dialog.target() if window.dialogs.run(dialog) else None
    dialog.deleteLater()
    if target is None:
        return
    target, l1, l2 = target
    if target is model.project:
        cmd = move_to_level(s, target, [model.indicator(r) for r in rows], l1, l2)
    else:
        cmd = move_to_project(s, model.project, [model.source_row(r) for r in rows], target, l1, l2)
    if cmd is not None:
        s.stack.push(cmd)
