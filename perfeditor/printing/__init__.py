"""Printing, print preview and PDF export of the forms in their official layout.

``html`` / ``project_html`` / ``department_html`` build print HTML (no Qt): every form is the table
:mod:`perfeditor.forms.compose` composes for the writers, rendered by ``project_html.form_html``; ``paginate`` lays it
out on pages with a ``第 N 页 共 M 页`` footer; ``pdf.write_pdf`` writes a PDF (also headless, for
``perfeditor convert X out.pdf``); ``dialogs`` holds the window's 打印预览 / 打印 / 导出 PDF;
``page_setup`` remembers paper, orientation and margins per layout; ``fonts`` picks the font.
"""
