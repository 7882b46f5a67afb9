"""The indicator library (指标库): every indicator of every file the clerk opened or saved, plus a
starter set of common indicators, in a local SQLite database in the user's data folder. Qt-free;
it never leaves the machine (no network code anywhere in it).
"""
from perfeditor.library.store import Library, Suggestion, default_path, rows_of_document

__all__ = ["Library", "Suggestion", "default_path", "rows_of_document"]
