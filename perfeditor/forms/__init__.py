"""The form layer both file formats share (no Qt, no file library): what the forms mean, apart
from how a .docx or .xlsx stores them.

* :mod:`~perfeditor.forms.vocabulary`: every printed label, its spellings and normalisation, the
  field it names, and every field's Chinese title (both readers match labels through it);
* :mod:`~perfeditor.forms.layouts`: one declaration per layout (河北项目表, 河北分级表, 财政部项目表
  2015 / 2021, the department table) — header rows, indicator columns, labels, widths — the only
  place the editor, the writers, printing and the rules read them from;
* :mod:`~perfeditor.forms.titles`: form titles (``2、城建管理经费绩效目标表``) — numbering and the
  title of a copied project.
* :mod:`~perfeditor.forms.variants`: which variant (2015 / 2021) a national form (财政部 项目支出绩效目标表)
  is in, decided from the form (its 指标值设定依据 column, its 中期 rows) before its rows; both
  readers, the writers and the choice of rule set ask it.
* :mod:`~perfeditor.forms.grid`, :mod:`~perfeditor.forms.recognize`, :mod:`~perfeditor.forms.header`:
  recognition — a table's cell grid (from either format) → its indicator header and rows, its
  header block (values, labels and the grid position of each field, which each format turns into
  its own place);
* :mod:`~perfeditor.forms.department`, :mod:`~perfeditor.forms.narrative`: the department part —
  the national table form read from a grid, the narrative read from a run of texts (and printed as
  paragraphs);
* :mod:`~perfeditor.forms.compose`: composition — a project in a layout (or the department form)
  → the table to write (cells with spans, roles, alignment; header rows; where a two-table form
  splits) and what the layout cannot hold; the .docx writer renders it as WordprocessingML, the
  .xlsx writer as cells.
"""
