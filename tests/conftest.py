"""Shared test set-up: Qt offscreen, paths to the shared fixtures and the project's own."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SHARED_FIXTURES = SHARED / "fixtures"
OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_fixture_files() -> list[Path]:
    return sorted(p for p in SHARED_FIXTURES.glob("*") if p.suffix in (".docx", ".xlsx"))


def collapse_ws(value):
    """The contract compares text with white space collapsed."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, dict):
        return {k: collapse_ws(v) for k, v in value.items()}
    if isinstance(value, list):
        return [collapse_ws(v) for v in value]
    return value


def load_expected_dump(path: Path) -> dict:
    return json.loads(Path(f"{path}.dump.json").read_text(encoding="utf-8"))


def has_soffice() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


needs_soffice = pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) is not installed")
