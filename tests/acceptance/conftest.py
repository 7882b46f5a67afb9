"""Runs the command line over the whole acceptance corpus once, on two workers."""
from __future__ import annotations

import pytest

from tests.acceptance.corpus import CORPUS, FILES, ROUND_TRIP_TARGETS, cli, converted, prefetch


@pytest.fixture(scope="session", autouse=True)
def _cli_results(tmp_path_factory):
    """Dumps, checks and conversions of every corpus file, computed in parallel up front."""
    outdir = tmp_path_factory.mktemp("acceptance_out")
    converted.dir = outdir
    first = [("dump", str(CORPUS / f)) for f in FILES]
    first += [("check", str(CORPUS / f), "--json") for f in FILES]
    first += [("convert", str(CORPUS / f), str(converted(f, t))) for f in FILES
              for t in ROUND_TRIP_TARGETS]
    prefetch(first)
    yield
    cli.cache_clear()
