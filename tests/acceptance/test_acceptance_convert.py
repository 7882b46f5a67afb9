"""`perfeditor convert` of every corpus file to .docx and .xlsx keeps the dump; .pdf works."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.acceptance.corpus import (
    CORPUS,
    FILES,
    ROUND_TRIP_TARGETS,
    cli,
    collapse,
    converted,
    dump_in_process,
    dump_of,
    known,
)

CASES = [(f, t) for f in FILES for t in ROUND_TRIP_TARGETS if not known(f, f"convert:{t}")]
PDF_SAMPLES = ["seed001_beidaihe.docx", "seed003_pingxiang.xlsx", "var_messy_labels.docx"]


@pytest.mark.parametrize(("name", "target"), CASES)
def test_convert_keeps_the_dump(name, target):
    out = converted(name, target)
    result = cli("convert", str(CORPUS / name), str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    before, after = dump_of(CORPUS / name), dump_in_process(out)
    assert collapse(after) == collapse(before)


@pytest.mark.parametrize("name", PDF_SAMPLES)
def test_convert_to_pdf(name, tmp_path):
    out = tmp_path / "out.pdf"
    result = cli("convert", str(CORPUS / name), str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                              text=True, check=True).stdout
        first = dump_of(CORPUS / name)["projects"][0]
        assert collapse(first["indicators"][0]["level3"])[:6] in collapse(text).replace(" ", "")
