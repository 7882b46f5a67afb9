"""Running mutants through the reader: what a run found, classified.

Used by ``tests/fuzz/test_fuzz.py`` (a seeded few hundred in the normal suite) and by
``tools/fuzz.py`` (long campaigns). No Qt.
"""
from __future__ import annotations

import random
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from tests.fuzz.mutate import mutate

REPO = Path(__file__).resolve().parents[2]
SEEDS = [
    REPO / "tests/fixtures/public/dingzhou_2020.docx",
    REPO / "tests/fixtures/public/pingxiang_2020_part.docx",
    REPO / "tests/fixtures/public/qiannan_2022_part.docx",
    REPO / "tests/fixtures/public/dingzhou_2020.xlsx",
    REPO / "tests/fixtures/public/leting_2024.xlsx",
    REPO / "tests/fixtures/docx/hebei_graded.docx",
    REPO / "tests/fixtures/docx/mof_2015.docx",
    REPO / "tests/fixtures/docx/xml_features.docx",
    REPO / "tests/fixtures/xlsx/department_table.xlsx",
    REPO / "tests/fixtures/xlsx/mof2015_national_stacked.xlsx",
    REPO / "tests/fixtures/xlsx/mof2021_per_sheet.xlsx",
]
#: where every mutant that ever failed is kept
FIXTURES = REPO / "tests/fixtures/fuzz"


@dataclass
class Outcome:
    status: str  # "read", "refused", "crash"
    seconds: float
    message: str = ""


def make_mutant(index: int, seed: int, folder: Path) -> tuple[Path, str]:
    """The ``index``-th mutant of a campaign seeded ``seed``, written into ``folder``."""
    rng = random.Random(seed * 1_000_003 + index)
    source = SEEDS[index % len(SEEDS)]
    data, what = mutate(source.read_bytes(), rng)
    out = folder / f"m{seed}_{index:05d}_{source.stem}{source.suffix}"
    out.write_bytes(data)
    return out, f"{source.name}: {what}"


def read_one(path: Path) -> Outcome:
    """Read ``path`` as the program does; a crash is anything but a Document or FormReadError."""
    from perfeditor.errors import FormReadError
    from perfeditor.io import load_document

    start = time.perf_counter()
    try:
        load_document(path)
    except FormReadError as err:
        return Outcome("refused", time.perf_counter() - start, err.message)
    except BaseException:  # noqa: BLE001 - the harness reports every escape
        return Outcome("crash", time.perf_counter() - start, traceback.format_exc(limit=-6))
    return Outcome("read", time.perf_counter() - start)
