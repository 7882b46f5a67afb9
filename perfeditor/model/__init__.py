"""The document model: plain pydantic data, no Qt.

Names follow the team's glossary of the form's words: a :class:`Document` (one file) holds an optional
:class:`Department` part and a list of :class:`Project` tables, each with its
:class:`Indicator` rows.
"""
from perfeditor.model.amounts import parse_amount, parse_percent
from perfeditor.model.document import (
    BUDGET_FIELDS,
    INDICATOR_FIELDS,
    LAYOUTS,
    Budget,
    Department,
    DepartmentItem,
    DepartmentTask,
    Document,
    FormVariant,
    Indicator,
    Project,
)
from perfeditor.model.dump import document_from_dump, dump_document

__all__ = [
    "BUDGET_FIELDS", "INDICATOR_FIELDS", "LAYOUTS", "Budget", "Department", "DepartmentItem",
    "DepartmentTask", "Document", "FormVariant", "Indicator", "Project",
    "document_from_dump", "dump_document", "parse_amount", "parse_percent",
]
