"""Comparing dumps the way the contract does (white space collapsed, {} and "" alike for plans)."""
from __future__ import annotations

from tests.conftest import collapse_ws


def comparable(dump: dict, keys_of: dict | None = None) -> dict:
    """``dump`` with white space collapsed, empty plans as "", and — when ``keys_of`` (an
    expected dump) is given — only the keys it has (extra keys must then be empty)."""
    out = collapse_ws(dump)
    for p in out["projects"]:
        if not p.get("spending_plan"):
            p["spending_plan"] = ""
    if keys_of is not None:
        out = _restrict(out, collapse_ws(keys_of))
    return out


def _restrict(got, exp):
    if isinstance(got, dict) and isinstance(exp, dict):
        res = {}
        for k, v in got.items():
            if k in exp:
                res[k] = _restrict(v, exp[k])
            elif v not in ("", None, {}, []):
                res[k] = v  # an extra non-empty key shows up as a difference
        return res
    if isinstance(got, list) and isinstance(exp, list):
        return [_restrict(g, e) for g, e in zip(got, exp, strict=False)] + got[len(exp):]
    return got


def expected(exp: dict) -> dict:
    out = collapse_ws(exp)
    for p in out["projects"]:
        if not p.get("spending_plan"):
            p["spending_plan"] = ""
    return out
