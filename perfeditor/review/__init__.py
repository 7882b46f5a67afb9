"""Batch review: check many forms at once (in parallel processes) and write a review report.

Qt-free. ``perfeditor check PATH…`` and the window's 审核→批量审核 use the same functions::

    from perfeditor.review import collect_files, review_files, write_report
"""
from __future__ import annotations

from perfeditor.review.batch import FileResult, ReviewCancelled, collect_files, review_file, review_files
from perfeditor.review.report import REPORT_SUFFIXES, write_report

__all__ = ["REPORT_SUFFIXES", "FileResult", "ReviewCancelled", "collect_files", "review_file", "review_files",
           "write_report"]
