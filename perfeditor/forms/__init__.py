"""The form layer both file formats share (no Qt, no file library): what the forms mean, apart
from how a .docx or .xlsx stores them. Each module's docstring says more.

* :mod:`~perfeditor.forms.vocabulary`, :mod:`~perfeditor.forms.layouts`,
  :mod:`~perfeditor.forms.titles`, :mod:`~perfeditor.forms.variants`: every printed label and field
  title, one declaration per layout, form titles, the national form's variant (2015 / 2021);
* :mod:`~perfeditor.forms.grid`, :mod:`~perfeditor.forms.recognize`, :mod:`~perfeditor.forms.header`,
  :mod:`~perfeditor.forms.find`: recognition — a table's cell grid (from either format) → its forms,
  each with its header block, indicator header and rows, and where each value sits;
* :mod:`~perfeditor.forms.department`, :mod:`~perfeditor.forms.narrative`: the department part (the
  national table form, the narrative);
* :mod:`~perfeditor.forms.compose`: composition — a project in a layout (or the department form)
  → the table to write, which the .docx writer renders as WordprocessingML, the .xlsx writer as cells.
"""
