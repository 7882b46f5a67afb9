"""Text written into an empty cell of a form LibreOffice made from HTML (finance systems' exports):
the cell's paragraph mark carried a 2-point spacer size, kept when the run took a readable look, so
an empty line of the text printed as a thin one (the row too low) and text typed after it in Word
came out 2 points high. The mark now takes the run's size, in place and in a rebuilt form."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from perfeditor import editing
from perfeditor.io import plan_save, read_document
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.reader import parse_document_xml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILLED = ("0.00", "问卷\n\n调查结果")


def _mark_sizes(path: Path) -> dict[str, list[int | None]]:
    """The paragraph marks' sizes (half-points) of every paragraph of the cells holding ``FILLED``."""
    out = {}
    for tc in parse_document_xml(path).iter(x.W_TC):
        text = "\n".join(x.text_of(p) for p in tc.iter(x.W_P))
        if text in FILLED:
            sizes = [p.find(f"{x.W_PPR}/{x.W_RPR}/{x.w('sz')}") for p in tc.iter(x.W_P)]
            out[text] = [None if s is None else int(s.get(x.W_VAL)) for s in sizes]
    return out


@pytest.mark.parametrize("name, moved", [("hebei_project.docx", False), ("multi_hebei_project.docx", True)])
def test_a_filled_empty_cells_mark_is_no_spacer(name, moved, tmp_path):
    path = tmp_path / name
    shutil.copy(FIXTURES / "docx" / name, path)
    doc, places = read_document(path)
    p = doc.projects[0]
    p.budget.other, p.indicators[2].basis = FILLED
    if moved:
        editing.move_project(doc, 0, 1)  # the shared table is rebuilt from its original rows
    plan_save(doc, path, source_map=places).write()
    sizes = _mark_sizes(path)
    assert set(sizes) == set(FILLED) and len(sizes[FILLED[1]]) == 3
    assert all(s is None or s >= 12 for got in sizes.values() for s in got), sizes
    back = read_document(path)[0].projects[1 if moved else 0]
    assert (back.budget.other, back.indicators[2].basis) == FILLED
