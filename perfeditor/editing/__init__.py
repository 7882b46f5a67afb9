"""The editing layer: every change to a document as a function returning a change set.

Qt-free (it sits on :mod:`perfeditor.model` only): the window's undo commands wrap these functions
and its models turn the change sets into row insertions, removals, moves and changed cells.
"""
from perfeditor.editing.changes import (
    DEPARTMENT,
    ChangeSet,
    FieldChanged,
    Focus,
    ListKey,
    RowsInserted,
    RowsMoved,
    RowsRemoved,
)
from perfeditor.editing.ops import (
    get_field,
    insert_project,
    insert_rows,
    list_key,
    move_project,
    move_rows,
    moved_back,
    remove_project,
    remove_rows,
    removed_rows,
    renumber_item_titles,
    renumber_titles,
    restore_rows,
    set_field,
    set_fields,
    store_field,
)

__all__ = [
    "DEPARTMENT", "ChangeSet", "FieldChanged", "Focus", "ListKey", "RowsInserted", "RowsMoved",
    "RowsRemoved", "get_field", "insert_project", "insert_rows", "list_key", "move_project",
    "move_rows", "moved_back", "remove_project", "remove_rows", "removed_rows", "renumber_item_titles",
    "renumber_titles", "restore_rows",
    "set_field", "set_fields", "store_field",
]
