"""A long fuzz campaign over the readers (and a sample through the command line).

    nice .venv/bin/python tools/fuzz.py --count 10000 [--seed 1] [--jobs 2] [--cli-every 20]
                                        [--keep DIR] [--slow 5] [--hang 20]

Mutants of the sample forms (``tests/fuzz/mutate.py``) are read in worker processes with
``load_document`` (a hang is a worker that does not answer within ``--hang`` seconds; it is killed
and replaced); every ``--cli-every``-th mutant also runs through ``perfeditor dump`` in a process of
its own (exit status, lines on stderr, peak memory). Prints counts of outcomes, exit codes,
tracebacks, hangs, slow files and peak memory; mutants that failed (a crash, a hang, a slow or
noisy file, too much memory) are copied to ``--keep`` for ``tests/fixtures/fuzz/``.
"""
from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

MEMORY_LIMIT_MB = 1024
#: one log and data folder for every process of the campaign (removed at the end)
DATA_DIR = tempfile.mkdtemp(prefix="perfeditor-fuzz-data-")


def _worker(conn) -> None:
    import resource

    os.environ.setdefault("PERFEDITOR_DATA_DIR", DATA_DIR)
    from perfeditor.logs import configure_logging
    from tests.fuzz.harness import read_one

    configure_logging()
    while True:
        path = conn.recv()
        if path is None:
            return
        out = read_one(Path(path))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        conn.send((out.status, out.seconds, out.message[-3000:], rss))


class Worker:
    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()

    def restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.start()


def _peak_mb(pid: int) -> int:
    """The process's own peak resident memory so far (``VmHWM``), 0 when unknown. (``wait4``'s
    ``ru_maxrss`` is no use here: a child started with vfork carries this process's peak.)"""
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _run(args: list[str], env: dict, timeout: float) -> tuple[int | str, bytes, int, float]:
    """(exit status or "hang", stderr, peak memory in MB, seconds) of one command; its peak
    memory is watched while it runs."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "perfeditor", *args], cwd=REPO, env=env,
                                stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while True:
            peak = max(peak, _peak_mb(proc.pid))
            pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                return "hang", b"", 0, time.perf_counter() - start
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return proc.returncode, err.read(), peak, seconds


def run_cli(path: Path, timeout: float) -> tuple[int | str, int, int]:
    """(exit status or "hang", lines on stderr, peak memory in MB) of ``perfeditor dump path``."""
    env = dict(os.environ, PERFEDITOR_DATA_DIR=DATA_DIR)
    code, err, rss, _ = _run(["dump", str(path)], env, timeout)
    if code == "hang":
        return "hang", 0, 0
    text = err.decode("utf-8", "replace")
    lines = len([line for line in text.splitlines() if line.strip()])
    if "Traceback" in text:
        lines = -lines
    return code, lines, rss


def run_convert(path: Path, suffix: str, timeout: float) -> tuple[int | str, float, str, int]:
    """(exit status or "hang", seconds, stderr, peak memory in MB) of ``perfeditor convert path
    OUT.suffix``; the command itself checks that a .docx/.xlsx it wrote reads back; a PDF must
    start as one."""
    out = path.with_name(path.stem + ".out" + suffix)
    env = dict(os.environ, PERFEDITOR_DATA_DIR=DATA_DIR, QT_QPA_PLATFORM="offscreen")
    code, raw, rss, seconds = _run(["convert", str(path), str(out)], env, timeout)
    err = raw.decode("utf-8", "replace")
    if code == 0 and suffix == ".pdf" and not (out.exists() and out.read_bytes()[:5] == b"%PDF-"):
        code = "no pdf"
    out.unlink(missing_ok=True)
    return code, seconds, err, rss


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--cli-every", type=int, default=25)
    ap.add_argument("--slow", type=float, default=5.0)
    ap.add_argument("--hang", type=float, default=20.0)
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--convert-every", type=int, default=0,
                    help="also convert every N-th readable mutant to .docx, .xlsx and .pdf (0: none)")
    ap.add_argument("--convert-seconds", type=float, default=30.0)
    args = ap.parse_args(argv)

    from tests.fuzz.harness import make_mutant

    folder = Path(tempfile.mkdtemp(prefix="perfeditor-fuzz-"))
    keep = args.keep or folder / "failed"
    keep.mkdir(parents=True, exist_ok=True)
    workers = [Worker() for _ in range(max(1, args.jobs))]
    counts: collections.Counter = collections.Counter()
    messages: collections.Counter = collections.Counter()
    cli_codes: collections.Counter = collections.Counter()
    conversions: collections.Counter = collections.Counter()
    failures: list[str] = []
    peak = cli_peak = convert_peak = 0
    slowest = 0.0
    started = time.perf_counter()

    def keep_it(path: Path, why: str, what: str) -> None:
        failures.append(f"{why}\t{path.name}\t{what}")
        shutil.copy(path, keep / path.name)

    index = args.start
    while index < args.start + args.count:
        # one mutant per worker, then collect (simple and enough for 2 cores)
        batch = []
        for w in workers:
            if index >= args.start + args.count:
                break
            path, what = make_mutant(index, args.seed, folder)
            w.conn.send(str(path))
            batch.append((w, index, path, what))
            index += 1
        for w, i, path, what in batch:
            if not w.conn.poll(args.hang):
                w.restart()
                counts["hang"] += 1
                keep_it(path, "hang", what)
                continue
            status, seconds, message, rss = w.conn.recv()
            counts[status] += 1
            slowest = max(slowest, seconds)
            peak = max(peak, rss)
            if status == "refused":
                messages[message[:30]] += 1
            if status == "crash":
                keep_it(path, "traceback", what + " | " + message.strip().splitlines()[-1][:200])
            elif seconds > args.slow:
                counts["slow"] += 1
                keep_it(path, f"slow {seconds:.1f}s", what)
            if rss > MEMORY_LIMIT_MB:
                counts["memory"] += 1
                keep_it(path, f"memory {rss} MB", what)
                w.restart()
            if args.cli_every and i % args.cli_every == 0:
                code, lines, crss = run_cli(path, args.hang * 2)
                cli_peak = max(cli_peak, crss)
                cli_codes[code] += 1
                if code not in (0, 2) or lines < 0 or lines > 1 or (code == 2 and lines != 1):
                    counts["cli-bad"] += 1
                    keep_it(path, f"cli exit {code}, {lines} stderr lines", what)
                elif crss > MEMORY_LIMIT_MB:
                    counts["cli-memory"] += 1
                    keep_it(path, f"cli memory {crss} MB", what)
            if args.convert_every and status == "read" and i % args.convert_every == 0:
                for suffix in (".docx", ".xlsx", ".pdf"):
                    code, seconds, err, crss = run_convert(path, suffix, args.convert_seconds * 2)
                    conversions[(suffix, code)] += 1
                    convert_peak = max(convert_peak, crss)
                    if code != 0 or seconds > args.convert_seconds or crss > MEMORY_LIMIT_MB:
                        counts["convert-bad"] += 1
                        keep_it(path, f"convert {suffix}: exit {code} in {seconds:.1f}s, {crss} MB",
                                what + " | " + err[-200:])
            if i % 500 == 499:
                print(f"… {i + 1 - args.start} mutants, {time.perf_counter() - started:.0f} s", flush=True)
            path.unlink(missing_ok=True)
    for w in workers:
        w.conn.send(None)
        w.proc.join(5)
    elapsed = time.perf_counter() - started
    print(f"\n{args.count} mutants (seed {args.seed}) in {elapsed:.0f} s")
    print("outcomes:", dict(counts))
    print("tracebacks:", counts["crash"], " hangs:", counts["hang"], f" slow (> {args.slow:g} s):", counts["slow"],
          " over memory:", counts["memory"])
    print(f"slowest read: {slowest:.2f} s; peak memory of a reading worker: {peak} MB")
    print("command line exit codes:", dict(cli_codes), f"peak memory of one dump {cli_peak} MB")
    if conversions:
        print("conversions of readable mutants (target, exit):", dict(conversions),
              f"peak memory of one conversion {convert_peak} MB")
    print("refusals by message:")
    for msg, n in messages.most_common(25):
        print(f"  {n:6d}  {msg}")
    if failures:
        print(f"failed mutants kept in {keep}:")
        for line in failures:
            print("  " + line)
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    if not failures or args.keep is not None:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
