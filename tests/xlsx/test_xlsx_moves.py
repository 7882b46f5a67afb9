"""Projects moved among the stacked forms of one sheet are moved in place: their rows change
places, everything else in the workbook stays (issue 10, item 3)."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest
from xlsx_helpers import comparable, read_with_openpyxl, saved_as_asked

from perfeditor.io import load_document, plan_save, read_document, save_document
from perfeditor.io.xlsx.form_rows import row_map
from perfeditor.model import Project, dump_document
from tests.conftest import PUBLIC_FIXTURES
from tests.workbooks import NOTES, with_notes_sheet

SHEET = "预算项目绩效目标"


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _breaks(path, sheet=SHEET):
    return sorted(b.id for b in openpyxl.load_workbook(path)[sheet].row_breaks.brk)


def test_row_map_keeps_the_gaps_in_place():
    # forms at rows 1-3, 5-6 (gap row 4), 8-11 (gap row 7); the last comes first
    mapping, slots = row_map([(1, 3), (5, 6), (8, 11)], [2, 0, 1])
    assert [mapping[r] for r in range(8, 12)] == [1, 2, 3, 4]
    assert mapping[4] == 5  # the first gap row stays the first gap row
    assert [mapping[r] for r in (1, 2, 3)] == [6, 7, 8] and mapping[7] == 9
    assert [mapping[r] for r in (5, 6)] == [10, 11]
    assert slots == {1: 1, 5: 6, 8: 10}


@pytest.fixture
def noted(tmp_path):
    return with_notes_sheet(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", tmp_path / "dingzhou.xlsx")


def test_moved_stacked_forms_are_moved_in_place(noted):
    path, notes = noted
    before = _members(path)
    doc, places = read_document(path)
    doc.projects[0], doc.projects[3] = doc.projects[3], doc.projects[0]
    doc.projects.append(doc.projects.pop(5))
    doc.projects[7].goals = "移动后又改了目标"
    doc.projects[8].indicators.pop()  # and rows removed from another form
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []  # nothing of the workbook is dropped: no question for the clerk
    assert plan.write() == []
    after = _members(path)
    changed = [n for n in before if before[n] != after[n]]
    assert changed == ["xl/worksheets/sheet2.xml"]  # the stacked forms' sheet alone
    assert after[notes] == before[notes] and after["xl/media/image1.png"] == before["xl/media/image1.png"]
    want = comparable(dump_document(doc))
    assert comparable(dump_document(load_document(path))) == want
    assert comparable(dump_document(read_with_openpyxl(path))) == want  # as openpyxl reads it too
    ws = openpyxl.load_workbook(path)[NOTES]
    assert ws["A3"].value == "=SUM(A1:A2)"
    # the map follows the file as saved: the next edit is saved in place again
    doc.projects[2].goals = "再改一次"
    assert plan_save(doc, path, source_map=places).losses == []
    save_document(doc, path, source_map=places)
    assert comparable(dump_document(load_document(path))) == comparable(dump_document(doc))


def test_a_moved_form_and_an_added_one_on_the_same_sheet(noted):
    path, _ = noted
    doc, places = read_document(path)
    doc.projects.insert(0, doc.projects.pop(4))
    new = Project.model_validate(doc.projects[2].model_dump())  # a new uid: not in the map
    new.name, new.code = "新增在移动之间", "NEW-1"
    doc.projects.insert(6, new)
    got = saved_as_asked(doc, path, places)
    assert [p.name for p in got.projects] == [p.name for p in doc.projects]
    assert comparable(dump_document(got)) == comparable(dump_document(doc))


def test_page_breaks_stay_before_every_form(tmp_path):
    src = PUBLIC_FIXTURES / "dingzhou_2020.xlsx"
    path = tmp_path / "paged.xlsx"
    doc, places = read_document(src)
    wb = openpyxl.load_workbook(src)
    for p in doc.projects[1:]:
        wb[SHEET].row_breaks.append(openpyxl.worksheet.pagebreak.Break(id=places.of(p).first_row - 1))
    wb.save(path)
    doc, places = read_document(path)
    doc.projects[0], doc.projects[-1] = doc.projects[-1], doc.projects[0]
    save_document(doc, path, source_map=places)
    again, again_places = read_document(path)
    assert [p.name for p in again.projects] == [p.name for p in doc.projects]
    assert _breaks(path) == [again_places.of(p).first_row - 1 for p in again.projects[1:]]


def test_a_formula_pointing_into_a_moved_form_asks_first(tmp_path):
    doc, places = read_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    r, c = places.of(doc.projects[1]).cells["budget.total"]
    cell = f"{openpyxl.utils.get_column_letter(c)}{r}"
    path, _ = with_notes_sheet(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", tmp_path / "d.xlsx",
                               formula=f"='{SHEET}'!{cell}")
    before = path.read_bytes()
    doc, places = read_document(path)
    doc.projects[0], doc.projects[1] = doc.projects[1], doc.projects[0]
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses and "调整了项目的先后顺序" in plan.losses[0]  # it would point at another cell
    plan.cancel()
    assert path.read_bytes() == before


@pytest.mark.parametrize("formula", ['="abc', "=SUM(A1))", "=A1+[1"])
def test_a_formula_not_understood_asks_first_and_says_why(tmp_path, formula):
    # openpyxl's tokenizer raises its own error (or IndexError) on these, not ValueError: the
    # plan must still say why it cannot move the forms in place, not fall back without a reason
    path, _ = with_notes_sheet(PUBLIC_FIXTURES / "dingzhou_2020.xlsx", tmp_path / "d.xlsx", formula=formula)
    before = path.read_bytes()
    doc, places = read_document(path)
    doc.projects[0], doc.projects[1] = doc.projects[1], doc.projects[0]
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses and "无法识别的公式" in plan.losses[0]
    plan.cancel()
    assert path.read_bytes() == before


ACCEPTANCE = PUBLIC_FIXTURES.parent / "acceptance"


def _outside_forms(path) -> list[tuple[str, str]]:
    """(sheet, text) of every cell outside the forms and the department part, in order."""
    _, places = read_document(path)
    taken = [(f.sheet, f.first_row, f.last_row) for f in [*places.projects.values(), places.department] if f]
    return [(ws.title, str(c.value)) for ws in openpyxl.load_workbook(path) for row in ws.iter_rows() for c in row
            if c.value is not None and not any(s == ws.title and a <= c.row <= b for s, a, b in taken)]


@pytest.mark.parametrize("name", ["seed003_pingxiang.xlsx", "var_weight.xlsx", "var_title_row.xlsx",
                                  "var_two_tables.xlsx"])
def test_forms_moved_and_removed_in_one_save_stay_in_place(tmp_path, name):
    """Calc stacks the department part, the forms and the rest of the disclosure on one sheet: a
    form moved, another removed and the department text edited are saved in place, and every line
    outside the forms stays (the whole workbook was rebuilt from templates before)."""
    import shutil

    path = tmp_path / name
    shutil.copy(ACCEPTANCE / name, path)
    doc, places = read_document(path)
    outside = _outside_forms(path)
    doc.projects[0], doc.projects[1] = doc.projects[1], doc.projects[0]
    del doc.projects[2]
    if doc.department is not None:
        doc.department.overall = "移动和删除项目的同时改了部门总体目标"
    assert comparable(dump_document(saved_as_asked(doc, path, places))) == comparable(dump_document(doc))
    assert _outside_forms(path) == outside


def test_a_copy_inserted_moves_the_row_break_below_it_never_a_column_break(tmp_path):
    """The page break before the form after the copy moves down with that form; a column break
    whose number happens to be that row's stays where it is (it was moved too)."""
    from openpyxl.worksheet.pagebreak import Break

    from tests.workbooks import saved_with_copy

    src = PUBLIC_FIXTURES / "dingzhou_2020.xlsx"
    path = tmp_path / "paged.xlsx"
    doc, places = read_document(src)
    wb = openpyxl.load_workbook(src)
    at = places.of(doc.projects[2]).first_row - 1  # the break before the form after the copy
    for p in doc.projects[1:]:
        wb[SHEET].row_breaks.append(Break(id=places.of(p).first_row - 1))
    wb[SHEET].col_breaks.append(Break(id=at))
    wb.save(path)
    doc, _ = saved_with_copy(path, 1)
    again, again_places = read_document(path)
    assert [p.name for p in again.projects] == [p.name for p in doc.projects]
    assert _breaks(path) == [again_places.of(p).first_row - 1 for p in again.projects[1:]]
    assert [b.id for b in openpyxl.load_workbook(path)[SHEET].col_breaks.brk] == [at]
