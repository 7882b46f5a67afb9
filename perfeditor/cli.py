"""The command line: ``perfeditor dump|check|convert|rules|apply`` (the README's command-line contract).

Runs on the Qt-free core only. The window and the PDF writer (both Qt) are joined to it by
:mod:`perfeditor.main`, which hands in ``pdf_writer``.
Exit status: 0 done, 1 findings of severity ``error`` (check), 2 the file could not be read.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from perfeditor.errors import PerfeditorError
from perfeditor.logs import configure_logging, log_path

log = logging.getLogger(__name__)

COMMANDS = ("dump", "check", "convert", "rules", "apply")


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):  # pragma: no cover - exotic streams
            pass


def _fail(message: str, code: int = 2) -> int:
    print(f"perfeditor: {message}", file=sys.stderr)
    return code


def cmd_dump(args: argparse.Namespace) -> int:
    from perfeditor.io import load_document
    from perfeditor.model import dump_document

    doc = load_document(args.file)
    json.dump(dump_document(doc), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from perfeditor.io import load_document
    from perfeditor.rules import RULESETS, check_document, ruleset_for

    doc = load_document(args.file)
    name = args.rules or ruleset_for(doc)
    if name not in RULESETS:
        return _fail(f"没有名为“{name}”的规则集；可用的有：{'、'.join(RULESETS)}。")
    findings = check_document(doc, name)
    if args.json:
        json.dump([f.to_json() for f in findings], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for f in findings:
            print(f.format_line())
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        infos = len(findings) - errors - warnings
        print(f"规则集 {name}：错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个。")
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_rules(args: argparse.Namespace) -> int:
    from perfeditor.rules import RULESETS

    names = [args.rules] if args.rules else list(RULESETS)
    for name in names:
        if name not in RULESETS:
            return _fail(f"没有名为“{name}”的规则集；可用的有：{'、'.join(RULESETS)}。")
        ruleset = RULESETS[name]
        print(f"# {name}：{ruleset.title}")
        for rule in ruleset.rules:
            print(f"{rule.id}\t{rule.severity}\t{rule.description}")
        print()
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    from perfeditor.io import load_document, save_document

    doc = load_document(args.input)
    out = Path(args.output)
    if out.resolve() == Path(args.input).resolve():
        return _fail("输出文件不能与输入文件相同。")
    if out.suffix.lower() == ".pdf":
        if args.pdf_writer is None:
            return _fail("本环境没有图形界面组件（Qt），无法导出 PDF。")
        args.pdf_writer(doc, out, layout=args.layout)
        return 0
    report = save_document(doc, out, layout=args.layout)
    for line in report:
        print(f"perfeditor: {line}", file=sys.stderr)
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    """Write the differences between FILE and EDITED.json (``dump`` shape) into FILE or OUT."""
    from perfeditor.errors import FormReadError
    from perfeditor.io import load_document, plan_save
    from perfeditor.io.apply import apply_dump

    doc = load_document(args.file)
    try:
        text = Path(args.edited).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return _fail(f"找不到文件：{args.edited}")
    except (OSError, UnicodeDecodeError):
        return _fail(f"无法读取 JSON 文件“{args.edited}”（应为 UTF-8 文本）。")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        where = f"（第 {line} 行）" if line else ""
        return _fail(f"“{Path(args.edited).name}”不是有效的 JSON{where}。")
    try:
        apply_dump(doc, data)
    except FormReadError as err:
        return _fail(err.message)
    out = Path(args.output) if args.output else Path(args.file)
    if out.suffix.lower() == ".pdf":
        return _fail("apply 只能写出 .docx、.xlsx 或 .perf.json；PDF 请用 convert。")
    plan = plan_save(doc, out, number_titles=False)
    for line in plan.losses:
        print(f"perfeditor: {line}", file=sys.stderr)
    for line in plan.write():
        if line not in plan.losses:
            print(f"perfeditor: {line}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="perfeditor",
        description="预算绩效目标表编辑器。不带命令时打开编辑窗口。",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    p = sub.add_parser("dump", help="以 JSON 输出文件内容")
    p.add_argument("file")
    p.set_defaults(func=cmd_dump)
    p = sub.add_parser("check", help="按规则审核文件")
    p.add_argument("file")
    p.add_argument("--rules", help="规则集名称（mof-2015、mof-2021、hebei）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("convert", help="转换为 .docx、.xlsx、.pdf 或 .perf.json")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--layout", help="目标版式（hebei-project、hebei-graded、mof-project）")
    p.set_defaults(func=cmd_convert)
    p = sub.add_parser("apply", help="把按 dump 格式修改过的 JSON 写回文件（只改动有差别之处）")
    p.add_argument("file")
    p.add_argument("edited", metavar="EDITED.json")
    p.add_argument("-o", "--output", help="写到另一个文件（默认写回 FILE）")
    p.set_defaults(func=cmd_apply)
    p = sub.add_parser("rules", help="列出规则集中的全部规则")
    p.add_argument("rules", nargs="?", help="规则集名称")
    p.set_defaults(func=cmd_rules)
    return parser


def wants_window(argv: list[str]) -> bool:
    """No command (nothing, or a file to open): the window, not the command line."""
    return not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-"))


def main(argv: list[str] | None = None, pdf_writer: Callable | None = None) -> int:
    """Run one command; ``pdf_writer(doc, out, layout=)`` writes PDF (None: PDF is refused)."""
    _utf8_stdio()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.pdf_writer = pdf_writer
    configure_logging()
    try:
        return args.func(args)
    except PerfeditorError as err:
        return _fail(err.message)
    except KeyboardInterrupt:
        return _fail("已取消。", 130)
    except BrokenPipeError:  # the reader of our output went away (`perfeditor dump X | head`)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (MemoryError, RecursionError):
        log.exception("resources exhausted")
        return _fail("文件内容过大或结构异常，无法处理。")
    except Exception:  # noqa: BLE001 - the contract: one Chinese line, never a traceback; logged
        log.exception("command %s failed", argv[:1])
        return _fail(f"处理时发生程序错误，详情已记入日志：{log_path()}", 2)


if __name__ == "__main__":  # pragma: no cover - `python -m perfeditor` is the entry point
    sys.exit(main())
