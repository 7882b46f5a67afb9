"""The form layer both file formats share (no Qt, no file library): what the forms mean, apart
from how a .docx or .xlsx stores them.

* :mod:`~perfeditor.forms.titles`: form titles (``2、城建管理经费绩效目标表``) — numbering and the
  title of a copied project.
"""
