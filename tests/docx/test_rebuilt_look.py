"""A form rebuilt in place takes its look from the original rows, but never the 2-point size of
an empty cell's spacer paragraph (LibreOffice writes one under every merged cell): labels written
into such a cell used to print as a thin line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from perfeditor import editing
from perfeditor.io import plan_save, read_document
from perfeditor.io.docx.reader import main_part_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _tiny_texts(path: Path) -> list[str]:
    """Texts set in runs smaller than 6 pt."""
    out = []
    for run in re.findall(r"<w:r>.*?</w:r>", main_part_bytes(path).decode("utf-8")):
        size = re.search(r'<w:sz w:val="(\d+)"/>', run)
        text = re.search(r"<w:t[^>]*>([^<]+)</w:t>", run)
        if size and text and int(size.group(1)) < 12:
            out.append(text.group(1))
    return out


def test_rebuilt_forms_never_print_labels_in_a_spacer_size(tmp_path):
    path = tmp_path / "multi.docx"
    shutil.copy(FIXTURES / "docx" / "multi_hebei_project.docx", path)
    assert _tiny_texts(path) == []
    doc, places = read_document(path)
    editing.move_project(doc, 0, 1)  # the shared table is rebuilt
    plan = plan_save(doc, path, source_map=places)
    plan.write()
    assert _tiny_texts(path) == []
