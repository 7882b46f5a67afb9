"""``apply`` on a file read from another format (an .xls, a Word web page saved as .doc) cannot
write it back in place: the line said ``不支持保存为“.xls”格式；请选择 .docx、.xlsx、.pdf 或
.perf.json``, offering a PDF that apply refuses and not saying how to go on (found by the QA tour).
It now names the file and the -o to give; ``-o`` with an unwritable suffix names what apply writes."""
from __future__ import annotations

import json
import shutil

from perfeditor import cli
from tests.conftest import PUBLIC_FIXTURES, ROOT

MARKUP = ROOT / "tests" / "fixtures" / "formats" / "markup"


def _copied_and_dumped(source, src, tmp_path, capsys):
    """``source`` copied to ``src`` and its ``dump`` written to edited.json (the path returned)."""
    shutil.copy(source, src)
    assert cli.main(["dump", str(src)]) == 0
    edited = tmp_path / "edited.json"
    edited.write_text(capsys.readouterr().out, encoding="utf-8")
    json.loads(edited.read_text(encoding="utf-8"))
    return edited


def test_apply_in_place_on_an_xls_says_to_give_o(tmp_path, capsys):
    src = tmp_path / "定州.xls"
    edited = _copied_and_dumped(MARKUP / "acceptance--seed000_dingzhou.gbk.xls", src, tmp_path, capsys)
    before = src.read_bytes()
    assert cli.main(["apply", str(src), str(edited)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "定州.xls" in err and "-o 定州.xlsx" in err and ".pdf" not in err, err
    assert src.read_bytes() == before
    assert cli.main(["apply", str(src), str(edited), "-o", str(tmp_path / "定州.xlsx")]) == 0
    assert (tmp_path / "定州.xlsx").exists()


def test_apply_to_an_unwritable_suffix_names_what_apply_writes(tmp_path, capsys):
    src = tmp_path / "定州.docx"
    edited = _copied_and_dumped(PUBLIC_FIXTURES / "dingzhou_2020.docx", src, tmp_path, capsys)
    assert cli.main(["apply", str(src), str(edited), "-o", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert "apply 只能写出 .docx、.xlsx 或 .perf.json" in err and ".pdf" not in err, err
