"""Projects added or copied are saved where they stand in the document, with a page break before
their title where the file's forms have one, and numbered titles follow (.docx and .xlsx)."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest
from lxml import etree
from openpyxl.worksheet.pagebreak import Break

from perfeditor.io import plan_save, read_document, save_document
from perfeditor.model import Project, dump_document
from tests.conftest import PUBLIC_FIXTURES, collapse_ws
from tests.workbooks import sample_copy, saved_with_copy, with_reference_to_form

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _copy_of(p: Project) -> Project:
    copy = Project.model_validate(p.model_dump(exclude={"uid"}))
    copy.name = f"{p.name}（副本）"
    return copy


def _new(doc) -> Project:
    """As the window adds one: the layout and plan months of the project it follows."""
    return Project(name="新项目", title="新项目绩效目标表", goals="新项目的目标",
                   spending_plan={k: "" for k in doc.projects[0].spending_plan},
                   variant=doc.projects[0].variant.model_copy(deep=True))


def _edited(path):
    """The document of ``path`` edited, and its source map."""
    doc, doc_map = read_document(path)
    doc.projects.insert(2, _copy_of(doc.projects[1]))
    doc.projects.insert(0, _new(doc))
    del doc.projects[6]
    return doc, doc_map


@pytest.fixture(params=["dingzhou_2020.docx", "dingzhou_2020.xlsx"])
def copy(request, tmp_path):
    return sample_copy(request.param, tmp_path)


def test_added_and_copied_projects_stand_where_they_are_and_titles_are_renumbered(copy):
    doc, doc_map = _edited(copy)
    names = [p.name for p in doc.projects]
    plan = plan_save(doc, copy, source_map=doc_map)
    assert plan.losses == []
    plan.write()
    again, again_map = read_document(copy)
    assert [p.name for p in again.projects] == names
    titles = [p.title for p in again.projects]
    assert titles[:4] == ["1、新项目绩效目标表", "2、安居保障工程配套基础设施建设绩效目标表",
                          "3、城建管理经费绩效目标表", "4、城建管理经费（副本）绩效目标表"]
    assert [t.split("、")[0] for t in titles] == [str(k) for k in range(1, len(titles) + 1)]
    assert collapse_ws(dump_document(again))["projects"] == collapse_ws(dump_document(doc))["projects"]
    # the document took the new titles: saving again changes nothing
    before = copy.read_bytes()
    save_document(again, copy, source_map=again_map)
    assert copy.read_bytes() == before


def test_a_declined_save_keeps_the_titles(tmp_path):
    path, gone = with_reference_to_form(PUBLIC_FIXTURES / "leting_2024.xlsx", tmp_path / "d.xlsx", at=3)
    doc, doc_map = read_document(path)
    doc.projects.insert(1, _new(doc))
    doc.projects[:] = [p for p in doc.projects if p.name != gone]  # a formula reads its sheet: asked first
    titles = [p.title for p in doc.projects]
    plan = plan_save(doc, path, source_map=doc_map)
    assert plan.losses and doc.projects[1].title.startswith("2.")
    plan.cancel()
    assert [p.title for p in doc.projects] == titles


def _starts_page(el) -> bool:
    from perfeditor.io.docx.writer_xml import starts_page

    return starts_page(el)


def test_a_new_docx_form_starts_a_page_where_the_forms_do(tmp_path):
    path = sample_copy("dingzhou_2020.docx", tmp_path)
    saved_with_copy(path, 2)
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(f"{W}body")
    again, places = read_document(path)
    blocks = list(body)
    firsts = [blocks[places.of(p).blocks[0]] for p in again.projects]
    assert all(_starts_page(el) for el in firsts[1:])


def _paged_workbook(src, dst):
    """dingzhou's project sheet with a manual page break before every form."""
    doc, places = read_document(src)
    wb = openpyxl.load_workbook(src)
    sheet = places.of(doc.projects[0]).sheet
    ws = wb[sheet]
    for p in doc.projects[1:]:
        ws.row_breaks.append(Break(id=places.of(p).first_row - 1))
    wb.save(dst)
    return sheet


def _breaks(path, sheet):
    return sorted(b.id for b in openpyxl.load_workbook(path)[sheet].row_breaks.brk)


def test_a_new_xlsx_form_gets_a_page_break_where_the_forms_have_them(tmp_path):
    path = tmp_path / "paged.xlsx"
    sheet = _paged_workbook(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", path)
    doc, _ = saved_with_copy(path, 1)
    again, places = read_document(path)
    assert [p.name for p in again.projects] == [p.name for p in doc.projects]
    starts = [places.of(p).first_row - 1 for p in again.projects[1:]]
    assert _breaks(path, sheet) == starts


def test_no_page_break_is_added_to_a_sheet_without_them(tmp_path):
    path = sample_copy("dingzhou_2020.xlsx", tmp_path)
    doc, doc_map = saved_with_copy(path, 1)
    assert _breaks(path, doc_map.of(doc.projects[0]).sheet) == []
