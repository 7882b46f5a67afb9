"""Comparing two versions of a form (文件→比较, ``perfeditor diff A B``). Qt-free.

Projects are paired by 项目编码, then by 项目名称 (the same matching as copying last year's form);
indicators inside a pair by first level, second level and name, in order. Every difference is one
:class:`Change`: a project or indicator only in one file, or one field that differs.
"""
from perfeditor.compare.diff import Change, diff_documents, format_change, text_segments

__all__ = ["Change", "diff_documents", "format_change", "text_segments"]
