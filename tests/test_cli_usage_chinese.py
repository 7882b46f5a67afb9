"""The command line's own help and usage errors are Chinese too: argparse's built-in texts
(``usage:``, ``positional arguments``, ``options``, ``show this help message and exit``,
``error: the following arguments are required``) reached the clerk in English (found by the QA
tour: ``perfeditor dump`` without a file, ``perfeditor --help``)."""
from __future__ import annotations

import re

import pytest

from perfeditor import cli

ARGPARSE_ENGLISH = re.compile(r"usage|positional arguments|options:|show this help|error|required|"
                              r"unrecognized|invalid|expected|argument")


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    out, err = capsys.readouterr()
    return stop.value.code, out, err


@pytest.mark.parametrize("argv", [["--help"], ["dump", "-h"], ["check", "--help"], ["library", "search", "-h"]])
def test_help_is_chinese(capsys, argv):
    code, out, err = _run(capsys, argv)
    assert code == 0 and out
    assert not ARGPARSE_ENGLISH.search(out), out
    assert "用法：" in out and "显示本帮助并退出" in out


@pytest.mark.parametrize("argv, said", [
    (["dump"], "缺少参数：file"),
    (["convert", "a.docx"], "缺少参数：output"),
    (["check", "--jobs", "x", "a.docx"], "“x”不是整数"),
    (["dump", "--bogus", "a.docx"], "不认识的参数：--bogus"),
    (["library"], "缺少参数：操作"),
    (["library", "find", "x"], "“find”"),
    (["check", "--rules"], "--rules"),
    (["check", "--jobs", "0", "a.docx"], "参数 --jobs：须为不小于 1 的整数，不能是“0”"),
    (["check", "--jobs", "-3", "文件夹"], "参数 --jobs：须为不小于 1 的整数，不能是“-3”"),
    (["library", "search", "满意", "--limit", "0"], "参数 --limit：须为不小于 1 的整数，不能是“0”"),
])
def test_usage_errors_are_one_chinese_line_and_exit_2(capsys, argv, said):
    code, out, err = _run(capsys, argv)
    assert code == 2 and not out
    assert said in err, err
    assert not ARGPARSE_ENGLISH.search(err), err
    assert err.splitlines()[-1].startswith("perfeditor")
