"""确定 / 取消 for every dialog of the window and of printing (the lowest Qt layer: the window's
:mod:`perfeditor.ui.dialogs` hands it on)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox


def ok_cancel(dialog, ok_text: str = "确定") -> QDialogButtonBox:
    """确定/取消 buttons (Chinese, whatever the system's language) wired to ``dialog``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
