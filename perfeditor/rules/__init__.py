"""Validation of budget performance target forms: value parser, rule engine, rule sets.

Qt-free. The window's live validation and ``perfeditor check`` use the same engine::

    from perfeditor.rules import RULESETS, check_document, ruleset_for, Validator
"""
from __future__ import annotations

from perfeditor.rules.engine import (
    Validator,
    check_department,
    check_document,
    check_project,
    ruleset_for,
)
from perfeditor.rules.findings import Finding, Rule, RuleSet
from perfeditor.rules.rulesets import RULESETS
from perfeditor.rules.values import (
    COMMON_QUALITATIVE,
    COMMON_UNITS,
    ParsedValue,
    normalise_operators,
    parse_value,
)

__all__ = [
    "COMMON_QUALITATIVE", "COMMON_UNITS", "Finding", "ParsedValue", "RULESETS", "Rule", "RuleSet",
    "Validator", "check_department", "check_document", "check_project", "normalise_operators",
    "parse_value", "ruleset_for",
]
