"""Shared set-up of the printing tests."""
from __future__ import annotations

import pytest


@pytest.fixture()
def settings(tmp_path, qapp):
    """QSettings() of the dialogs and the page setup go to a private INI file (yielded)."""
    from PySide6.QtCore import QSettings

    old = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    yield QSettings()
    QSettings.setDefaultFormat(old)
