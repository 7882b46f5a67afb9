"""Workbooks made for save tests: a sample with a sheet that is not a form (a formula, a picture)."""
from __future__ import annotations

import zipfile

import openpyxl

NOTES = "备注"
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
_DRAWING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
    '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/>'
    '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="印章"/><xdr:cNvPicPr/></xdr:nvPicPr>'
    '<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
    '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>'
    '<xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>')
_REL = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="{type}" Target="{target}"/></Relationships>')
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def with_notes_sheet(src, dst, formula: str = ""):
    """``src`` with a last sheet 备注 holding a formula (and ``formula`` in A4) and a picture."""
    wb = openpyxl.load_workbook(src)
    ws = wb.create_sheet(NOTES)
    ws["A1"], ws["A2"], ws["A3"] = 1, 2, "=SUM(A1:A2)"
    if formula:
        ws["A4"] = formula
    ws["B1"] = "说明：本表由财务科汇总。"
    wb.save(dst)
    member = f"xl/worksheets/sheet{len(wb.sheetnames)}.xml"
    with_picture(dst, member, 1)
    return dst, member


def with_picture(path, member: str, row0: int):
    """``path`` with a picture (印章) on the sheet ``member``, its top-left corner in the 0-based
    row ``row0``, column D; the sheet must have no drawing yet."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    sheet = members[member].decode("utf-8")
    at = next(tag for tag in ("<legacyDrawing", "</worksheet>") if tag in sheet)  # (the schema's order)
    sheet = sheet.replace(at, f'<drawing xmlns:r="{_RELS}" r:id="rIdPic"/>{at}', 1)
    members[member] = sheet.encode("utf-8")
    rels = member.replace("worksheets/", "worksheets/_rels/") + ".rels"
    link = f'<Relationship Id="rIdPic" Type="{_RELS}/drawing" Target="../drawings/drawing1.xml"/>'
    members[rels] = (members[rels].decode("utf-8").replace("</Relationships>", link + "</Relationships>")
                     if rels in members else _REL.format(type=f"{_RELS}/drawing", target="../drawings/drawing1.xml")
                     .replace('Id="rId1"', 'Id="rIdPic"')).encode("utf-8")
    members["xl/drawings/drawing1.xml"] = _DRAWING.replace("<xdr:row>1</xdr:row>", f"<xdr:row>{row0}</xdr:row>").encode()
    members["xl/drawings/_rels/drawing1.xml.rels"] = _REL.format(
        type=f"{_RELS}/image", target="../media/image1.png").encode()
    members["xl/media/image1.png"] = _PNG
    types = members["[Content_Types].xml"].decode("utf-8").replace(
        "</Types>", '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/xl/drawings/drawing1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    members["[Content_Types].xml"] = types.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def sample_copy(name: str, folder, sample=None):
    """A copy of the public sample ``name`` in ``folder`` (to be saved over)."""
    import shutil

    from tests.conftest import PUBLIC_FIXTURES

    dst = folder / name
    shutil.copy(PUBLIC_FIXTURES / (sample or name), dst)
    return dst


def saved_with_copy(path, at: int):
    """``path`` read, a copy of its project ``at`` inserted after it, saved; the document and
    its source map (of the file as saved)."""
    from perfeditor.io import read_document, save_document
    from perfeditor.model import Project

    doc, doc_map = read_document(path)
    p = doc.projects[at]
    copy = Project.model_validate(p.model_dump(exclude={"uid"}))
    copy.name = f"{p.name}（副本）"
    doc.projects.insert(at + 1, copy)
    save_document(doc, path, source_map=doc_map)
    return doc, doc_map


def with_reference_to_form(src, dst, at: int = 0):
    """``src`` (a workbook of one form per sheet) with the notes sheet of :func:`with_notes_sheet`
    whose formula reads a cell on the sheet of form ``at``: removing that form cannot be done in
    place (the formula would turn into #REF!). Returns the path and that form's name."""
    from perfeditor.io import read_document

    doc, places = read_document(src)
    sheet = places.of(doc.projects[at]).sheet
    quoted = "'" + sheet.replace("'", "''") + "'"
    path, _ = with_notes_sheet(src, dst, formula=f"={quoted}!A1")
    return path, doc.projects[at].name


# -- a form whose indicator block has not come yet (a header block only), then a complete form ---------

HEADER_ONLY_T1, HEADER_ONLY_T2 = "1、道路维护项目绩效目标表", "2、污水处理项目绩效目标表"
HEADER_ONLY_WIDTH = 6
_HEAD1 = [  # (text, columns spanned)
    [("项目名称", 1), ("道路维护", 2), ("项目编码", 1), ("P-001", 2)],
    [("主管部门", 1), ("住建局", 2), ("实施单位", 1), ("市政处", 2)],
    [("资金总额(万元)", 1), (120, 5)],
    [("绩效目标", 1), ("完成道路维护20公里", 5)],
]
_HEAD2 = [
    [("项目名称", 1), ("污水处理", 2), ("项目编码", 1), ("P-002", 2)],
    [("主管部门", 1), ("住建局", 2), ("实施单位", 1), ("污水厂", 2)],
    [("资金总额(万元)", 1), (80, 5)],
    [("绩效目标", 1), ("处理污水1万吨", 5)],
    [("一级指标", 1), ("二级指标", 1), ("三级指标", 2), ("指标值", 2)],
    [("产出指标", 1), ("数量指标", 1), ("处理量", 2), ("1万吨", 2)],
    [("产出指标", 1), ("质量指标", 1), ("达标率", 2), ("100%", 2)],
]
#: Title paragraph, header block only; a blank row; title, a complete form; a blank row.
_HEADER_ONLY_BODY = [HEADER_ONLY_T1, _HEAD1, HEADER_ONLY_T2, _HEAD2]
HEADER_ONLY_NOTE = "H20"  # a cell outside the forms


def header_only_workbook(path):
    """The forms on one sheet (rows 1–15): each table boxed, its title above it without borders;
    a note outside them (:data:`HEADER_ONLY_NOTE`)."""
    from openpyxl.styles import Border, Side

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    r = 1
    for block in _HEADER_ONLY_BODY:
        if isinstance(block, str):  # a title without borders: a paragraph over its table
            ws.cell(r, 1, block)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=HEADER_ONLY_WIDTH)
            r += 1
            continue
        for row in block:
            c = 1
            for text, span in row:
                ws.cell(r, c, text)
                for cc in range(c, c + span):
                    ws.cell(r, cc).border = box
                if span > 1:
                    ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
                c += span
            r += 1
        r += 1  # a blank row after each table
    ws[HEADER_ONLY_NOTE] = "备注：本表不含附件。"
    ws.column_dimensions["C"].width = 20
    wb.save(path)
    return path


def header_only_document(path):
    """The same forms as a .docx (python-docx): title paragraphs and tables."""
    import docx

    d = docx.Document()
    for block in _HEADER_ONLY_BODY:
        if isinstance(block, str):
            d.add_paragraph(block)
            continue
        t = d.add_table(rows=len(block), cols=HEADER_ONLY_WIDTH)
        t.style = "Table Grid"
        for r, row in enumerate(block):
            c = 0
            for text, span in row:
                cell = t.cell(r, c)
                if span > 1:
                    cell = cell.merge(t.cell(r, c + span - 1))
                cell.text = str(text)
                c += span
    d.save(path)
    return path


def department_and_form_on_one_sheet(src, dst):
    """``src`` (a department table form on its first sheet, a project form on its second) with the
    project form moved under the department table on the first sheet, two rows below it."""
    from copy import copy

    from openpyxl.utils import range_boundaries

    wb = openpyxl.load_workbook(src)
    first, second = wb.worksheets[:2]
    off = first.max_row + 2
    for row in second.iter_rows():
        for cell in row:
            to = first.cell(cell.row + off, cell.column)
            to.value, to.number_format = cell.value, cell.number_format
            to.border, to.alignment = copy(cell.border), copy(cell.alignment)
    for m in second.merged_cells.ranges:
        c1, r1, c2, r2 = range_boundaries(m.coord)
        first.merge_cells(start_row=r1 + off, start_column=c1, end_row=r2 + off, end_column=c2)
    wb.remove(second)
    wb.save(dst)
    return dst
