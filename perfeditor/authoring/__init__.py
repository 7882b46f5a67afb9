"""Writing a form faster: new documents and projects with starter rows, copying last year's
targets into this year's form, moving the years inside texts forward. Qt-free.
"""
from perfeditor.authoring.last_year import PARTS, CopyPlan, ProjectMatch, match_projects, plan_copy
from perfeditor.authoring.new import FORM_KINDS, FormKind, new_document, new_project, starter_indicators
from perfeditor.authoring.years import shift_years

__all__ = [
    "FORM_KINDS", "PARTS", "CopyPlan", "FormKind", "ProjectMatch", "match_projects", "new_document",
    "new_project", "plan_copy", "shift_years", "starter_indicators",
]
