"""Where the program keeps the user's own files (log, autosave, indicator library).

Qt-free, so the command line and the window agree. ``PERFEDITOR_DATA_DIR`` overrides the folder
(tests, portable installs). Nothing is ever written into the install folder.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "perfeditor"


def user_data_dir() -> Path:
    """The user's data folder for perfeditor (not created here)."""
    override = os.environ.get("PERFEDITOR_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        return Path(base) / APP if base else Path.home() / "AppData" / "Local" / APP
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP
    base = os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base else Path.home() / ".local" / "share") / APP


def log_dir() -> Path:
    return user_data_dir() / "logs"
