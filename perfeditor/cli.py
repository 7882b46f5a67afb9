"""The command line: ``perfeditor dump|check|convert|rules`` (the README's command-line contract),
and ``apply`` / ``library`` / ``diff`` described in the README in the same style.

Runs on the Qt-free core only. The window and the PDF writer (both Qt) are joined to it by
:mod:`perfeditor.main`, which hands in ``pdf_writer``.
Exit status: 0 done, 1 findings of severity ``error`` (check), 2 the file could not be read.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path

from perfeditor.errors import PerfeditorError
from perfeditor.logs import configure_logging, log_path

log = logging.getLogger(__name__)

COMMANDS = ("dump", "check", "convert", "rules", "apply", "library", "diff")


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
    # The imports, the model and its JSON make many objects and no cycles worth collecting: the
    # cyclic collector, walking them again and again, costs a tenth of a large file's dump.
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        from perfeditor.io import load_document
        from perfeditor.model import dump_document
        from perfeditor.model.jsontext import dumps

        doc = load_document(args.file)
        sys.stdout.write(dumps(dump_document(doc)))  # json.dump(…, indent=1), several times faster
        sys.stdout.write("\n")
    finally:
        if enabled:
            gc.enable()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    paths = args.file
    if len(paths) > 1 or args.report or Path(paths[0]).is_dir():
        return _check_batch(args)
    from perfeditor.io import load_document
    from perfeditor.rules import RULESETS, check_document, ruleset_for

    doc = load_document(paths[0])
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
        print(f"规则集 {name}：{_counts(findings)}。")
    return 1 if any(f.severity == "error" for f in findings) else 0


def _counts(findings) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return f"错误 {errors} 个，警告 {warnings} 个，提示 {len(findings) - errors - warnings} 个"


def _check_batch(args: argparse.Namespace) -> int:
    """``check PATH…``: every form under the paths, in parallel; per-file output, an optional report."""
    from perfeditor.review import REPORT_SUFFIXES, collect_files, review_files, write_report
    from perfeditor.review.batch import skipped_text
    from perfeditor.rules import RULESETS

    if args.rules and args.rules not in RULESETS:
        return _fail(f"没有名为“{args.rules}”的规则集；可用的有：{'、'.join(RULESETS)}。")
    if args.report and Path(args.report).suffix.lower() not in REPORT_SUFFIXES:
        return _fail(f"审核报告只能保存为 .xlsx 或 .html：{args.report}")
    skipped: list[Path] = []
    files = collect_files(args.file, skipped)
    if not files:
        return _fail("所给的文件夹中没有可审核的文件（.docx、.xlsx 等预算绩效目标表）。" + skipped_text(skipped))
    progress = _progress_line if sys.stderr.isatty() else None
    results = []
    try:
        for result in review_files(files, args.rules, workers=args.jobs, progress=progress):
            results.append(result)
            if progress:
                sys.stderr.write("\r\033[K")
            if not args.json:
                _print_result(result)
    finally:
        if progress:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
    read = [r for r in results if r.readable]
    if args.json:
        json.dump([{"file": r.name, "department": r.department, "projects": r.projects, "ruleset": r.ruleset,
                    "error": r.error or None, "findings": [f.to_json() for f in r.findings]} for r in results],
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        every = [f for r in results for f in r.findings]
        unread = f"，{len(results) - len(read)} 个未能读取" if len(read) < len(results) else ""
        print(f"共 {len(results)} 个文件{unread}：{_counts(every)}。")
    if skipped:  # (on stderr: stdout keeps the contract's lines)
        print(f"perfeditor: {skipped_text(skipped)}", file=sys.stderr)
    if args.report:
        write_report(results, args.report)
        print(f"审核报告已保存：{args.report}", file=sys.stderr)
    if not read:
        return 2
    return 1 if any(r.count("error") for r in read) else 0


def _print_result(result) -> None:
    if not result.readable:
        print(f"== {result.name}")
        print(f"perfeditor: {result.name}：{result.error}", file=sys.stderr)
        print(f"未能读取：{result.error}")
        return
    print(f"== {result.name}（{result.department or '部门未注明'}，{result.projects} 个项目，规则集 {result.ruleset}）")
    for f in result.findings:
        print(f.format_line())
    print(f"{_counts(result.findings)}。")


def _progress_line(done: int, total: int, result) -> None:
    name = result.name if len(result.name) <= 40 else "…" + result.name[-39:]
    sys.stderr.write(f"\r\033[K审核中 {done}/{total}  {name}")
    sys.stderr.flush()


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


#: What ``convert --layout`` takes: the layouts, and the national form's 2015 / 2021 variants.
CONVERT_LAYOUTS = ("hebei-project", "hebei-graded", "mof-project", "mof-project-2015", "mof-project-2021")


def cmd_convert(args: argparse.Namespace) -> int:
    from perfeditor.io import read_document, save_document

    if args.layout is not None and args.layout not in CONVERT_LAYOUTS:
        return _fail(f"没有名为“{args.layout}”的版式；可用的有：{'、'.join(CONVERT_LAYOUTS)}。")
    doc, source_map = read_document(args.input)  # (a .docx/.xlsx in its own layout keeps the rest)
    out = Path(args.output)
    if out.resolve() == Path(args.input).resolve():
        return _fail("输出文件不能与输入文件相同。")
    if out.suffix.lower() == ".pdf":
        if args.pdf_writer is None:
            return _fail("本环境没有图形界面组件（Qt），无法导出 PDF。")
        args.pdf_writer(doc, out, layout=args.layout, source_map=source_map)  # (merged cells as in the file)
        return 0
    from perfeditor.authoring.variants import put_in_variant, split_layout

    layout, system = split_layout(args.layout) if args.layout else (None, "")
    put_in_variant(doc, system, source_map)  # mof-project-2015 / -2021: that variant's rows and columns
    report = save_document(doc, out, layout=layout, source_map=source_map)
    _check_reads_back(out)
    for line in report:
        print(f"perfeditor: {line}", file=sys.stderr)
    return 0


def cmd_library(args: argparse.Namespace) -> int:
    from perfeditor.library import Library

    with Library() as lib:
        if args.action == "add":
            learned, failed = lib.add_paths(args.paths, report=lambda p, n: print(f"{p}\t{n}"))
            for line in failed:
                print(f"perfeditor: {line}", file=sys.stderr)
            print(f"已学习 {learned} 个文件" + (f"，{len(failed)} 个无法读取。" if failed else "。"))
            return 2 if failed and not learned else 0
        if args.action == "search":
            if args.text.strip():
                found = lib.search(args.text, level1=args.level1 or "", level2=args.level2 or "", limit=args.limit)
            else:  # no text: what the library holds under the levels given (Ctrl+J in an empty cell)
                found = lib.by_level(args.level1 or "", args.level2 or "", limit=args.limit)
            if args.json:
                json.dump([s.to_json() for s in found], sys.stdout, ensure_ascii=False, indent=1)
                sys.stdout.write("\n")
            else:
                for s in found:
                    level = " › ".join(x for x in (s.level1, s.level2) if x)
                    print(f"{s.name}\t{level}\t{s.value}\t{s.files} 个文件\t{s.description}")
                if not found and args.text.strip():
                    print(f"指标库中没有与“{args.text}”相符的指标。")
                elif not found:
                    print("指标库中没有所给一级、二级指标下的指标"
                          "（可给出要查找的文字，或用 --level1、--level2 指定）。")
            return 0
        stats = lib.stats()
        if args.json:
            json.dump(stats, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            years = "、".join(str(y) for y in stats["years"]) or "无"
            print(f"指标库：{stats['path']}\n已学习文件 {stats['files']} 个，指标 {stats['indicators']} 条，"
                  f"不同指标名称 {stats['names']} 个（含常用指标 {stats['starter']} 条）；年度：{years}。")
        return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from perfeditor.compare import diff_documents, format_change
    from perfeditor.io import load_document

    changes = diff_documents(load_document(args.a), load_document(args.b))
    if args.json:
        json.dump([c.to_json() for c in changes], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for c in changes:
            print(format_change(c))
        print(f"共 {len(changes)} 处不同。" if changes else "两个文件内容相同。")
    return 1 if changes else 0


def _check_reads_back(out: Path) -> None:
    """A conversion reports success only when the program can read what it wrote."""
    from perfeditor.errors import FormReadError, FormWriteError
    from perfeditor.io import load_document

    try:
        load_document(out)
    except FormReadError as err:
        log.error("%s was written but does not read back: %s", out, err.message)
        out.unlink(missing_ok=True)
        raise FormWriteError(f"转换结果“{out.name}”写出后无法读回，已删除；详情已记入日志：{log_path()}") from None
def cmd_apply(args: argparse.Namespace) -> int:
    """Write the differences between FILE and EDITED.json (``dump`` shape) into FILE or OUT."""
    from perfeditor.errors import FormReadError
    from perfeditor.io import load_document, read_document
    from perfeditor.io.apply import apply_dump

    doc, source_map = read_document(args.file)
    if (args.edited is None) == (args.last_year is None):
        return _fail("请给出 EDITED.json，或用 --last-year 指定往年文件（二者选一）。")
    if args.new_projects and args.last_year is None:
        return _fail("--new-projects 只能与 --last-year 同用。")
    if args.last_year is not None:
        parts = {p.strip() for p in args.parts.split(",") if p.strip()}
        if not parts or parts - LAST_YEAR_PARTS:
            return _fail(f"--parts 只能是 {','.join(sorted(LAST_YEAR_PARTS))} 中的一项或几项。")
        for line in _copy_last_year(doc, load_document(args.last_year), parts, args.new_projects):
            print(line)
        return _write_applied(doc, source_map, args)
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
    dep = doc.department
    if dep is not None and dep.form != "table":
        from perfeditor.forms.narrative import item_placeholders

        for k, title in item_placeholders([i.title for i in dep.items]).items():
            print(f"perfeditor: 分项绩效目标第 {k + 1} 项没有标题，已写为“{title}”（否则会并入上一项）。",
                  file=sys.stderr)
    return _write_applied(doc, source_map, args)


#: What ``apply --last-year`` can copy: 绩效目标, 绩效指标, 资金支出计划.
LAST_YEAR_PARTS = frozenset({"goals", "indicators", "plan"})


def _copy_last_year(doc, old, parts: set[str], new_projects: bool = False) -> list[str]:
    """Copy ``parts`` of every project of ``old`` (last year's file) matched by code, then name,
    into ``doc``, years moved forward (as the window's 从往年文件复制); with ``new_projects``, last
    year's projects that ``doc`` lacks are added after its last (新增项目), else named on stderr.
    Returns the lines to print: what was copied or added and every text whose years moved."""
    from perfeditor.authoring import last_year as ly

    delta, only = ly.year_gap(doc, old)
    lines: list[str] = []
    matches = ly.match_projects(doc, old)
    for m in matches:
        if m.current is None or m.old is None:
            continue
        target = doc.projects[m.current]
        plan = ly.plan_copy(target, old.projects[m.old], parts, delta, only)
        if plan.empty():
            continue
        ly.apply_plan(doc, target, plan)
        lines.append(f"已复制：{target.name}（按{'项目编码' if m.how == 'code' else '项目名称'}对应）")
        lines += [f"请复核：{r}" for r in plan.review]
    missing = ly.unmatched_old(matches)
    if new_projects:
        for j in missing:
            project, plan = ly.project_from_last_year(doc, old.projects[j], parts, delta, only)
            doc.projects.append(project)
            lines.append(f"已新增：{project.name}（往年有、本年没有的项目；预算金额请按本年填写）")
            lines += [f"请复核：{r}" for r in plan.review]
    elif missing:
        names = "、".join(old.projects[j].name for j in missing[:3]) + ("…" if len(missing) > 3 else "")
        print(f"perfeditor: 往年文件另有 {len(missing)} 个本年没有的项目（{names}），未加入；"
              "加 --new-projects 可作为新增项目加入。", file=sys.stderr)
    if not lines:
        lines.append("没有可复制的内容（没有按项目编码或名称对应上的项目，或内容已相同）。")
    return lines


#: What ``apply`` writes (in place or to ``-o``).
APPLY_WRITES = (".docx", ".xlsx", ".perf.json")


def _write_applied(doc, source_map, args: argparse.Namespace) -> int:
    from perfeditor.io import plan_save

    out = Path(args.output) if args.output else Path(args.file)
    if not out.name.lower().endswith(APPLY_WRITES):
        if not args.output:  # a file read from another format (.xls, .doc …) is never written back in it
            from perfeditor.io.formats import save_suffix

            return _fail(f"“{out.name}”不能按原格式写回（apply 只能写出 .docx、.xlsx 或 .perf.json）；"
                         f"请用 -o 指定新文件，如 -o {out.stem}{save_suffix(source_map)}。")
        pdf = "；PDF 请用 convert" if out.suffix.lower() == ".pdf" else ""
        return _fail(f"apply 只能写出 .docx、.xlsx 或 .perf.json{pdf}。")
    plan = plan_save(doc, out, source_map=source_map, number_titles=False)
    for line in plan.losses:
        print(f"perfeditor: {line}", file=sys.stderr)
    for line in plan.write():
        if line not in plan.losses:
            print(f"perfeditor: {line}", file=sys.stderr)
    return 0


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: D102 - argparse's
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


#: argparse's own usage errors (Python 3.11's English texts) in Chinese; the first match wins
_USAGE_ERRORS = tuple((re.compile(pattern), text) for pattern, text in (
    (r"^the following arguments are required: (.+)$", r"缺少参数：\1"),
    (r"^unrecognized arguments: (.+)$", r"不认识的参数：\1"),
    (r"^argument (.+?): invalid int value: '(.*)'$", r"参数 \1：“\2”不是整数"),
    (r"^argument (.+?): invalid choice: '(.*)' \(choose from (.+)\)$", r"参数 \1：没有“\2”，可选：\3"),
    (r"^argument (.+?): expected (?:one|at least one|at most one|\d+) arguments?$", r"参数 \1 后面缺少值"),
    (r"^argument (.+?): not allowed with argument (.+)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^argument (.+?): ignored explicit argument '(.*)'$", r"参数 \1 不带值（多了“\2”）"),
    (r"^ambiguous option: (.+?) could match (.+)$", r"选项 \1 不明确，可能是：\2"),
    (r"^argument (.+?): (.+)$", r"参数 \1：\2"),
))


def _usage_error_in_chinese(message: str) -> str:
    for pattern, text in _USAGE_ERRORS:
        if pattern.match(message):
            return pattern.sub(text, message)
    return message


class _ChineseParser(argparse.ArgumentParser):
    """argparse with its own texts in Chinese: ``用法：``, the groups' titles, ``-h``'s help and the
    usage errors (one line after the usage, exit status 2 as before)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _ChineseHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str):  # noqa: D102 - argparse's
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{_usage_error_in_chinese(message)}（用 {self.prog} -h 查看说明）\n")


def _positive_int(text: str) -> int:
    """A count of at least 1 (``--jobs``, ``--limit``); 0 and negatives are refused, not ignored."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"须为不小于 1 的整数，不能是“{text}”")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(
        prog="perfeditor",
        description="预算绩效目标表编辑器。不带命令时打开编辑窗口。",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    p = sub.add_parser("dump", help="以 JSON 输出文件内容")
    p.add_argument("file")
    p.set_defaults(func=cmd_dump)
    p = sub.add_parser("check", help="按规则审核文件（可给多个文件或文件夹）")
    p.add_argument("file", nargs="+", metavar="PATH", help="文件或文件夹（文件夹内逐层查找全部可读的表）")
    p.add_argument("--rules", help="规则集名称（mof-2015、mof-2021、hebei）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出审核结果")
    p.add_argument("--report", metavar="FILE", help="另存审核报告（.xlsx 或 .html）")
    p.add_argument("--jobs", type=_positive_int, metavar="N", help="同时审核的进程数（默认：全部处理器核心）")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("convert", help="转换为 .docx、.xlsx、.pdf 或 .perf.json")
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--layout", help="目标版式（hebei-project、hebei-graded、mof-project、"
                                    "mof-project-2015、mof-project-2021）")
    p.set_defaults(func=cmd_convert)
    p = sub.add_parser("apply", help="把按 dump 格式修改过的 JSON 写回文件（只改动有差别之处）")
    p.add_argument("file")
    p.add_argument("edited", metavar="EDITED.json", nargs="?")
    p.add_argument("--last-year", metavar="LAST", help="从往年文件复制（按项目编码、名称对应，年份顺延）")
    p.add_argument("--parts", default="goals,indicators,plan",
                   help="与 --last-year 同用：复制哪些部分（goals 绩效目标、indicators 绩效指标、plan 资金支出计划）")
    p.add_argument("--new-projects", action="store_true",
                   help="与 --last-year 同用：往年有、本年没有的项目作为新增项目加入（加在最后）")
    p.add_argument("-o", "--output", help="写到另一个文件（默认写回 FILE）")
    p.set_defaults(func=cmd_apply)
    p = sub.add_parser("rules", help="列出规则集中的全部规则")
    p.add_argument("rules", nargs="?", help="规则集名称")
    p.set_defaults(func=cmd_rules)
    p = sub.add_parser("library", help="本机指标库：学习文件、查找指标、统计")
    lsub = p.add_subparsers(dest="action", metavar="操作", required=True)
    q = lsub.add_parser("add", help="学习文件或文件夹中的全部指标")
    q.add_argument("paths", nargs="+")
    q = lsub.add_parser("search", help="按名称片段或拼音首字母查找指标")
    q.add_argument("text")
    q.add_argument("--level1", help="当前一级指标（排序时优先）")
    q.add_argument("--level2", help="当前二级指标（排序时优先）")
    q.add_argument("--limit", type=_positive_int, default=12, help="最多列出几条（默认 12）")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    q = lsub.add_parser("stats", help="指标库统计")
    q.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_library)
    p = sub.add_parser("diff", help="比较两个文件（按项目列出新增、删除和修改）")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--json", action="store_true", help="以 JSON 输出差异")
    p.set_defaults(func=cmd_diff)
    return parser


def wants_window(argv: list[str]) -> bool:
    """No command (nothing, or a file to open): the window, not the command line."""
    return not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-"))


def main(argv: list[str] | None = None, pdf_writer: Callable | None = None) -> int:
    """Run one command; ``pdf_writer(doc, out, layout=, source_map=)`` writes PDF (None: PDF is refused)."""
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
