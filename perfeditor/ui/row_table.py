"""What the editable row tables (indicators, department tasks) have in common."""
from __future__ import annotations

from PySide6.QtWidgets import QTableView


class RowTableView(QTableView):
    """A table whose model edits through a session's undo stack, row by row."""

    def selected_rows(self) -> list[int]:
        """The selected rows in order; the current row when nothing is selected."""
        rows = {i.row() for i in self.selectionModel().selectedIndexes()} if self.selectionModel() else set()
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def _push(self, cmd) -> None:
        """Push ``cmd`` onto the undo stack of the model's session (nothing when either is missing)."""
        session = getattr(self.model(), "session", None)
        if cmd is not None and session is not None:
            session.stack.push(cmd)
