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
    with zipfile.ZipFile(dst) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    member = f"xl/worksheets/sheet{len(wb.sheetnames)}.xml"
    sheet = members[member].decode("utf-8")
    sheet = sheet.replace("</worksheet>", f'<drawing xmlns:r="{_RELS}" r:id="rId1"/></worksheet>')
    members[member] = sheet.encode("utf-8")
    rels = member.replace("worksheets/", "worksheets/_rels/") + ".rels"
    members[rels] = _REL.format(type=f"{_RELS}/drawing", target="../drawings/drawing1.xml").encode()
    members["xl/drawings/drawing1.xml"] = _DRAWING.encode("utf-8")
    members["xl/drawings/_rels/drawing1.xml.rels"] = _REL.format(
        type=f"{_RELS}/image", target="../media/image1.png").encode()
    members["xl/media/image1.png"] = _PNG
    types = members["[Content_Types].xml"].decode("utf-8").replace(
        "</Types>", '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/xl/drawings/drawing1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    members["[Content_Types].xml"] = types.encode("utf-8")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return dst, member


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
