"""`dump`, `check` and `convert` take the new kinds on the command line (they open files through load_document)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.formats.common import MARKUP, SOFFICE, dumped


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfeditor", *args], capture_output=True, timeout=300)


def test_dump_check_and_convert_take_an_xls(tmp_path):
    src = tmp_path / "乐亭.xls"
    shutil.copy(SOFFICE / "public--leting_2024.xls", src)
    out = _cli("dump", str(src))
    assert out.returncode == 0, out.stderr.decode()
    assert json.loads(out.stdout.decode("utf-8")) == json.loads(_cli("dump", str(src)).stdout.decode("utf-8"))
    check = _cli("check", str(src), "--json")
    assert check.returncode in (0, 1) and isinstance(json.loads(check.stdout.decode("utf-8")), list)
    for target in ("乐亭.xlsx", "乐亭.docx"):
        conv = _cli("convert", str(src), str(tmp_path / target))
        assert conv.returncode == 0, conv.stderr.decode()
        assert dumped(tmp_path / target)["projects"] == dumped(src)["projects"]


def test_convert_takes_html_and_wordml(tmp_path):
    for name, target in (("public--leting_2024.gbk.xls", "out.xlsx"),
                         ("public--qiannan_2022_part.w2003.doc", "out.docx")):
        conv = _cli("convert", str(MARKUP / name), str(tmp_path / target))
        assert conv.returncode == 0, conv.stderr.decode()
        assert dumped(tmp_path / target)["projects"] == dumped(MARKUP / name)["projects"]


def test_convert_refuses_to_write_an_old_format(tmp_path):
    conv = _cli("convert", str(SOFFICE / "public--leting_2024.xls"), str(tmp_path / "out.xls"))
    assert conv.returncode == 2 and not (tmp_path / "out.xls").exists()
    assert len(conv.stderr.decode("utf-8").strip().splitlines()) == 1
