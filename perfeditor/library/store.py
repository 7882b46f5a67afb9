"""The indicator library's database: what was learned, and the suggestions built from it.

Tables:

- ``source``: one learned file (or the starter set, ``builtin = 1``); learning a file again
  replaces what it taught before, so saving a file ten times does not count it ten times.
- ``occurrence``: one indicator row of one source (三级指标, description, value, unit, basis,
  first and second level, project name, budget year).
- ``suggestion``: one per (三级指标, first-level key, second-level key), rebuilt for the names a
  source touched: the latest description, value and basis, how many files and rows used it,
  the latest year, and the name's pinyin initials.
- ``suggestion_fts``: an FTS5 index with the trigram tokenizer over name and initials, used for
  queries of three characters or more; shorter queries scan ``suggestion`` (still a few ms for
  100,000 names).

A connection belongs to one thread: the window's worker opens its own :class:`Library`.
"""
from __future__ import annotations

import logging
import math
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from perfeditor.model import Document
from perfeditor.paths import user_data_dir

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
STARTER_KEY = "builtin:starter"
STARTER_FILE = Path(__file__).resolve().parents[2] / "resources" / "library" / "starter.json"
_WS = re.compile(r"\s+")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS source(
    id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, path TEXT, year INTEGER,
    learned REAL NOT NULL, builtin INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS occurrence(
    source INTEGER NOT NULL, name TEXT NOT NULL, l1 TEXT, l2 TEXT, level1 TEXT, level2 TEXT,
    description TEXT, value TEXT, unit TEXT, basis TEXT, project TEXT, year INTEGER);
CREATE INDEX IF NOT EXISTS occurrence_name ON occurrence(name);
CREATE INDEX IF NOT EXISTS occurrence_source ON occurrence(source);
CREATE TABLE IF NOT EXISTS suggestion(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, l1 TEXT NOT NULL, l2 TEXT NOT NULL,
    level1 TEXT, level2 TEXT, description TEXT, value TEXT, unit TEXT, basis TEXT,
    files INTEGER NOT NULL, uses INTEGER NOT NULL, last_year INTEGER, last_learned REAL,
    initials TEXT NOT NULL, UNIQUE(name, l1, l2));
CREATE INDEX IF NOT EXISTS suggestion_name ON suggestion(name);
CREATE VIRTUAL TABLE IF NOT EXISTS suggestion_fts USING fts5(name, initials, tokenize='trigram');
"""


def default_path() -> Path:
    """The library's database in the user's data folder."""
    return user_data_dir() / "library" / "indicators.sqlite3"


@dataclass
class Suggestion:
    """One indicator the library offers."""

    name: str
    level1: str
    level2: str
    description: str
    value: str
    unit: str
    basis: str
    files: int       # how many files used it (the starter set counts none)
    uses: int        # how many rows used it
    last_year: int | None
    score: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Row:
    """One indicator as learned."""

    name: str
    level1: str = ""
    level2: str = ""
    description: str = ""
    value: str = ""
    basis: str = ""
    project: str = ""
    year: int | None = None


def _unit(value: str) -> str:
    from perfeditor.rules.values import parse_value

    try:
        return parse_value(value).unit if value else ""
    except Exception:  # noqa: BLE001 - a value the parser chokes on is stored without unit; logged
        log.exception("value %r not parsed", value)
        return ""


def rows_of_document(doc: Document) -> list[Row]:
    """Every named indicator of ``doc`` (projects and the department table)."""
    from perfeditor.rules.budget_year import find_budget_year

    year = find_budget_year(doc).year
    out: list[Row] = []
    for p in doc.projects:
        for ind in p.indicators:
            name = _WS.sub("", ind.level3)
            if name:
                out.append(Row(name, ind.level1.strip(), ind.level2.strip(), ind.description.strip(),
                               ind.value.strip(), ind.basis.strip(), p.name.strip(), year))
    if doc.department is not None:
        for ind in doc.department.indicators:
            name = _WS.sub("", ind.level3)
            if name:
                out.append(Row(name, ind.level1.strip(), ind.level2.strip(), ind.description.strip(),
                               ind.value.strip(), ind.basis.strip(), doc.department.name, year))
    return out


def _keys(level1: str, level2: str) -> tuple[str, str]:
    from perfeditor.rules.labels import level1_key, level2_key

    return level1_key(level1), level2_key(level2) if level2 else ""


def _fts_query(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class Library:
    """The indicator library at ``path`` (default: :func:`default_path`)."""

    def __init__(self, path: str | Path | None = None, starter: bool = True, readonly: bool = False):
        self.path = Path(path) if path is not None else default_path()
        self._initials: dict[str, str] = {}
        if readonly:
            # A reader never waits for a writer (WAL) and never creates the file; raises
            # sqlite3.OperationalError when there is no library yet.
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=1,
                                      isolation_level=None)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: every change runs in an explicit BEGIN IMMEDIATE (:meth:`_writing`), so
        # two writers (two windows, the command line) wait for each other instead of colliding.
        self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        with self._writing():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
        if starter:
            self.ensure_starter()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- learning ---------------------------------------------------------------------------
    def learn_document(self, doc: Document, path: str | Path | None = None) -> int:
        """Learn every indicator of ``doc`` (read from ``path``); returns how many rows."""
        where = path or doc.path
        key = str(Path(where).resolve()) if where else f"unsaved:{id(doc)}"
        from perfeditor.rules.budget_year import find_budget_year

        return self.learn_rows(key, rows_of_document(doc), path=str(where or ""),
                               year=find_budget_year(doc).year)

    def learn_rows(self, key: str, rows: list[Row], path: str = "", year: int | None = None,
                   builtin: bool = False) -> int:
        """Replace what source ``key`` taught with ``rows``, in one transaction."""
        now = time.time()
        with self._writing():
            self._learn(key, rows, path, year, builtin, now)
        return len(rows)

    def _learn(self, key: str, rows: list[Row], path: str, year: int | None, builtin: bool, now: float) -> None:
        cur = self.db.execute("SELECT id FROM source WHERE key = ?", (key,))
        found = cur.fetchone()
        touched: set[str] = set()
        if found is not None:
            sid = found[0]
            touched.update(n for (n,) in self.db.execute(
                "SELECT DISTINCT name FROM occurrence WHERE source = ?", (sid,)))
            self.db.execute("DELETE FROM occurrence WHERE source = ?", (sid,))
            self.db.execute("UPDATE source SET path = ?, year = ?, learned = ? WHERE id = ?",
                            (path, year, now, sid))
        else:
            sid = self.db.execute(
                "INSERT INTO source(key, path, year, learned, builtin) VALUES (?, ?, ?, ?, ?)",
                (key, path, year, now, int(builtin))).lastrowid
        batch = []
        for r in rows:
            l1, l2 = _keys(r.level1, r.level2)
            batch.append((sid, r.name, l1, l2, r.level1, r.level2, r.description, r.value,
                          _unit(r.value), r.basis, r.project, r.year))
            touched.add(r.name)
        self.db.executemany(
            "INSERT INTO occurrence(source, name, l1, l2, level1, level2, description, value, unit,"
            " basis, project, year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        self._rebuild(touched)

    def _rebuild(self, names: set[str]) -> None:
        """Recompute the suggestions of ``names`` from their occurrences."""
        if not names:
            return
        names_list = sorted(names)
        groups: dict[tuple[str, str, str], list] = defaultdict(list)
        for chunk in _chunks(names_list, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                    "SELECT o.name, o.l1, o.l2, o.level1, o.level2, o.description, o.value, o.unit, o.basis,"
                    f" o.year, s.id, s.learned, s.builtin FROM occurrence o JOIN source s ON s.id = o.source"
                    f" WHERE o.name IN ({marks})", chunk):
                groups[(row[0], row[1], row[2])].append(row)
            old = [r[0] for r in self.db.execute(f"SELECT id FROM suggestion WHERE name IN ({marks})", chunk)]
            if old:
                self.db.executemany("DELETE FROM suggestion_fts WHERE rowid = ?", [(i,) for i in old])
                self.db.execute(f"DELETE FROM suggestion WHERE name IN ({marks})", chunk)
        out = []
        for (name, l1, l2), rows in groups.items():
            learned = [r for r in rows if not r[12]]
            # the latest learned row that says something, else the starter set's
            best = max(rows, key=lambda r: (not r[12], bool(r[6]), bool(r[5]), r[11] or 0, r[9] or 0))
            years = [r[9] for r in learned if r[9]]
            initials = self._initials.get(name)
            if initials is None:
                from perfeditor.library.pinyin import initials as pinyin_initials

                initials = self._initials[name] = pinyin_initials(name)
            out.append((name, l1, l2, best[3], best[4], best[5], best[6], best[7], best[8],
                        len({r[10] for r in learned}), len(learned), max(years) if years else None,
                        max((r[11] for r in learned), default=None), initials))
        for row in out:
            rowid = self.db.execute(
                "INSERT INTO suggestion(name, l1, l2, level1, level2, description, value, unit, basis, files,"
                " uses, last_year, last_learned, initials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row).lastrowid
            self.db.execute("INSERT INTO suggestion_fts(rowid, name, initials) VALUES (?, ?, ?)",
                            (rowid, row[0], row[13]))

    def add_paths(self, paths: Iterable[str | Path], report=None) -> tuple[int, list[str]]:
        """Learn files and folders (recursively: .docx, .xlsx, .perf.json). Returns (files learned,
        Chinese lines for the files that could not be read); ``report(path, n)`` after each file."""
        from perfeditor.errors import PerfeditorError
        from perfeditor.io import load_document

        learned, failed = 0, []
        for path in _form_files(paths):
            try:
                doc = load_document(path)
            except PerfeditorError as err:
                failed.append(f"{path}：{err.message}")
                continue
            n = self.learn_document(doc, path)
            learned += 1
            if report is not None:
                report(path, n)
        return learned, failed

    def ensure_starter(self) -> None:
        """Load the starter set of common indicators (once per version of the resource)."""
        import json

        try:
            raw = STARTER_FILE.read_text(encoding="utf-8")
        except OSError:
            log.exception("starter set %s missing", STARTER_FILE)
            return
        stamp = f"{SCHEMA_VERSION}:{len(raw)}:{hash_text(raw)}"
        cur = self.db.execute("SELECT value FROM meta WHERE key = 'starter'").fetchone()
        if cur is not None and cur[0] == stamp:
            return
        data = json.loads(raw)
        rows = [Row(_WS.sub("", e["name"]), e.get("level1", ""), e.get("level2", ""), e.get("description", ""),
                    e.get("value", ""), e.get("basis", "")) for e in data["indicators"]]
        with self._writing():
            cur = self.db.execute("SELECT value FROM meta WHERE key = 'starter'").fetchone()
            if cur is not None and cur[0] == stamp:
                return  # another connection loaded it meanwhile
            self._learn(STARTER_KEY, rows, "", None, True, time.time())
            self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('starter', ?)", (stamp,))

    def clear(self) -> None:
        """Forget every learned file (the starter set stays)."""
        with self._writing():
            self.db.execute("DELETE FROM occurrence WHERE source IN (SELECT id FROM source WHERE builtin = 0)")
            self.db.execute("DELETE FROM source WHERE builtin = 0")
            self.db.execute("DELETE FROM suggestion")
            self.db.execute("DELETE FROM suggestion_fts")
            self._rebuild({n for (n,) in self.db.execute("SELECT DISTINCT name FROM occurrence")})
        self.db.execute("VACUUM")

    # --- suggestions ------------------------------------------------------------------------
    def search(self, text: str, level1: str = "", level2: str = "", limit: int = 12) -> list[Suggestion]:
        """Indicators whose name holds ``text``, or whose pinyin initials hold it (``myd``), best
        first: by how many files and rows used them, how recently, and whether their first and
        second level are the ones given. (The window searches a :class:`SuggestionIndex` instead,
        which ranks the same way.)"""
        q = _query(text)
        if not q:
            return []
        latin = q.isascii()
        cols = ", ".join(_INDEX_COLUMNS)
        if len(q) >= 3:
            match = f"{{name initials}} : {_fts_query(q)}" if latin else f"name : {_fts_query(q)}"
            where, params = "id IN (SELECT rowid FROM suggestion_fts WHERE suggestion_fts MATCH ?)", [match]
        else:
            where = "(instr(initials, ?) > 0 OR instr(name, ?) > 0)" if latin else "instr(name, ?) > 0"
            params = [q, q] if latin else [q]
        k1, k2 = _keys(level1, level2)
        rows: list = []
        try:
            for extra, more in (("", []), (" AND l1 = ?", [k1])):
                if extra and not k1:
                    continue
                sql = (f"SELECT {cols} FROM suggestion WHERE {where}{extra}"
                       f" ORDER BY files DESC, uses DESC LIMIT {_CANDIDATES}")
                rows += self.db.execute(sql, params + more).fetchall()
            newest = self.db.execute("SELECT max(last_year) FROM suggestion").fetchone()[0] or 0
        except sqlite3.OperationalError:
            log.exception("library search %r failed", q)
            return []
        return rank(rows, q, k1, k2, newest, limit)

    def by_level(self, level1: str, level2: str = "", limit: int = 50) -> list[Suggestion]:
        """The indicators under first level ``level1`` and second level ``level2`` (either may be
        empty: then any; both empty: none), most used first, ranked as :meth:`search` ranks (what
        Ctrl+J offers in an empty 三级指标 cell). :meth:`SuggestionIndex.by_level` gives the same."""
        k1, k2 = _keys(level1, level2)
        if not k1 and not k2:
            return []
        where = " AND ".join(c for c, k in (("l1 = ?", k1), ("l2 = ?", k2)) if k)
        cols = ", ".join(_INDEX_COLUMNS)
        try:
            rows = self.db.execute(f"SELECT {cols} FROM suggestion WHERE {where} ORDER BY files DESC, uses DESC"
                                   f" LIMIT {max(_CANDIDATES, limit)}", [k for k in (k1, k2) if k]).fetchall()
            newest = self.db.execute("SELECT max(last_year) FROM suggestion").fetchone()[0] or 0
        except sqlite3.OperationalError:
            log.exception("library listing of %r / %r failed", level1, level2)
            return []
        return rank(rows, "", k1, k2, newest, limit)

    def load_index(self) -> "SuggestionIndex":
        """Every suggestion in memory, most used first, for searching on every key press."""
        cols = ", ".join(_INDEX_COLUMNS)
        return SuggestionIndex(self.db.execute(f"SELECT {cols} FROM suggestion ORDER BY files DESC, uses DESC,"
                                               " last_learned DESC").fetchall())

    def stats(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "path": str(self.path),
            "files": one("SELECT count(*) FROM source WHERE builtin = 0"),
            "indicators": one("SELECT count(*) FROM occurrence o JOIN source s ON s.id = o.source"
                              " WHERE s.builtin = 0"),
            "names": one("SELECT count(DISTINCT name) FROM suggestion"),
            "starter": one("SELECT count(*) FROM occurrence o JOIN source s ON s.id = o.source"
                           " WHERE s.builtin = 1"),
            "years": [y for (y,) in self.db.execute(
                "SELECT DISTINCT year FROM source WHERE builtin = 0 AND year IS NOT NULL ORDER BY year")],
        }


#: suggestion columns read for ranking, in this order (see :func:`rank`)
_INDEX_COLUMNS = ("name", "level1", "level2", "description", "value", "unit", "basis", "files", "uses",
                  "last_year", "last_learned", "l1", "l2", "initials")
#: how many of the most used matches (overall, and of the current first level) are ranked
_CANDIDATES = 300


def _query(text: str) -> str:
    q = _WS.sub("", text or "")
    return q.lower() if q.isascii() else q


def rank(rows, q: str, k1: str, k2: str, newest: int, limit: int) -> list[Suggestion]:
    """Score candidate rows (``_INDEX_COLUMNS``) for query ``q`` and the current levels' keys."""
    now = time.time()
    latin = q.isascii()
    best: dict[str, Suggestion] = {}
    for r in rows:
        name = r[0]
        score = 3.0 * math.log1p(r[7]) + math.log1p(r[8])
        if r[9] and newest:
            score += max(0.0, 1.5 - 0.5 * (newest - r[9]))   # this year's and last year's first
        if r[10]:
            score += max(0.0, 1.0 - (now - r[10]) / (86400 * 365))
        if k1 and r[11] == k1:
            score += 4.0
            if k2 and r[12] == k2:
                score += 3.0
        if name == q or (latin and r[13] == q):
            score += 3.0
        elif name.startswith(q) or (latin and r[13].startswith(q)):
            score += 1.0
        score -= len(name) * 0.01  # among equals, the shorter name
        if name in best and best[name].score >= score:
            continue
        best[name] = Suggestion(name, r[1] or "", r[2] or "", r[3] or "", r[4] or "", r[5] or "", r[6] or "",
                                r[7], r[8], r[9], round(score, 3))
    return sorted(best.values(), key=lambda s: (-s.score, s.name))[:limit]


class SuggestionIndex:
    """The library's suggestions in memory (read-only), searched without SQLite on every key press.

    Names (and pinyin initials) are kept in one newline-joined string per first-level key, most
    used first, so that ``str.find`` walks them in C and stops after the :data:`_CANDIDATES` most
    used matches; those are ranked by :func:`rank`, exactly as :meth:`Library.search` ranks.
    """

    def __init__(self, rows: list):
        import bisect

        self._bisect = bisect.bisect_right
        self.rows = rows
        self.newest = max((r[9] or 0 for r in rows), default=0)
        groups: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            groups[""].append(i)
            if r[11]:
                groups[r[11]].append(i)
        self._groups = {key: (self._blob([rows[i][0] for i in idx]), self._blob([rows[i][13] for i in idx]), idx)
                        for key, idx in groups.items()}

    @staticmethod
    def _blob(texts: list[str]) -> tuple[str, list[int]]:
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        return "\n".join(texts), starts

    def _matches(self, key: str, q: str, out: set[int]) -> None:
        group = self._groups.get(key)
        if group is None:
            return
        names, initials, idx = group
        for (blob, starts) in ((names, ) if not q.isascii() else (names, initials)):
            found = 0
            at = blob.find(q)
            while at >= 0 and found < _CANDIDATES:
                k = self._bisect(starts, at) - 1
                out.add(idx[k])
                found += 1
                nxt = starts[k + 1] if k + 1 < len(starts) else len(blob)
                at = blob.find(q, nxt)

    def search(self, text: str, level1: str = "", level2: str = "", limit: int = 12) -> list[Suggestion]:
        q = _query(text)
        if not q or "\n" in q:
            return []
        k1, k2 = _keys(level1, level2)
        hits: set[int] = set()
        self._matches("", q, hits)
        if k1:
            self._matches(k1, q, hits)
        return rank([self.rows[i] for i in hits], q, k1, k2, self.newest, limit)

    def by_level(self, level1: str, level2: str = "", limit: int = 50) -> list[Suggestion]:
        """As :meth:`Library.by_level`: the indicators under these levels, most used first."""
        k1, k2 = _keys(level1, level2)
        if not k1 and not k2:
            return []
        idx = self._groups.get(k1, ((), (), []))[2] if k1 else range(len(self.rows))
        rows = []
        for i in idx:  # most used first: the first _CANDIDATES of these levels are ranked
            r = self.rows[i]
            if not k2 or r[12] == k2:
                rows.append(r)
                if len(rows) >= max(_CANDIDATES, limit):
                    break
        return rank(rows, "", k1, k2, self.newest, limit)

    def __len__(self) -> int:
        return len(self.rows)


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _form_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                name = f.name.lower()
                if f.is_file() and not name.startswith(("~$", ".~")) and \
                        (name.endswith((".docx", ".xlsx", ".perf.json"))) and ".bak." not in name:
                    yield f
        else:
            yield p
