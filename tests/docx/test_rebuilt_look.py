"""A form rebuilt in place takes its look from the original rows, but never the 2-point size of
an empty cell's spacer paragraph (LibreOffice writes one under every merged cell): labels written
into such a cell used to print as a thin line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from perfeditor import editing
from perfeditor.io import plan_save, read_document
from perfeditor.io.docx.reader import main_part_bytes
from perfeditor.model import dump_document
from tests.docx.test_write_helpers import normalise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _tiny_texts(path: Path) -> list[str]:
    """Texts set in runs smaller than 6 pt."""
    out = []
    for run in re.findall(r"<w:r>.*?</w:r>", main_part_bytes(path).decode("utf-8")):
        size = re.search(r'<w:sz w:val="(\d+)"/>', run)
        text = re.search(r"<w:t[^>]*>([^<]+)</w:t>", run)
        if size and text and int(size.group(1)) < 12:
            out.append(text.group(1))
    return out


def test_rebuilt_forms_never_print_labels_in_a_spacer_size(tmp_path):
    path = tmp_path / "multi.docx"
    shutil.copy(FIXTURES / "docx" / "multi_hebei_project.docx", path)
    assert _tiny_texts(path) == []
    doc, places = read_document(path)
    editing.move_project(doc, 0, 1)  # the shared table is rebuilt
    plan = plan_save(doc, path, source_map=places)
    plan.write()
    assert _tiny_texts(path) == []


def _narrow_text_cells(path: Path) -> list[str]:
    """Texts of cells narrower than 7 mm (400 twips): a letter a line."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.reader import parse_document_xml

    out = []
    for tc in parse_document_xml(path).iter(x.W_TC):
        tcw = tc.find(f"{x.W_TCPR}/{x.w('tcW')}")
        text = x.text_of(tc).strip()
        if text and tcw is not None and tcw.get(x.W_TYPE, "dxa") == "dxa" and int(tcw.get(x.W_W, "0")) < 400:
            out.append(text)
    return out


def test_a_rebuilt_two_table_form_keeps_readable_columns(tmp_path):
    """LibreOffice's tables carry a sliver column under merged cells, and the indicator table has
    a grid of its own: a form rebuilt after a row was added printed 12月底 and 指标值确定依据 a
    letter a line (the original's grid was reused for columns it does not match)."""
    from perfeditor.io.docx.text import W_TBL

    path, doc, p = _two_tables_with_a_row(tmp_path, 0)
    again, _ = read_document(path)
    assert again.projects[0].variant.two_tables
    assert [i.level3 for i in again.projects[0].indicators] == [i.level3 for i in p.indicators]
    assert _narrow_text_cells(path) == []
    assert sum(1 for el in parse_body(path) if el.tag == W_TBL) == 2 * len(doc.projects)


def _two_tables_with_a_row(tmp_path, k: int):
    """var_two_tables.docx copied, its first form given a copy of indicator ``k`` (新增指标) after
    it, saved in place: (the path, the document, the form's project)."""
    path = tmp_path / "two.docx"
    shutil.copy(FIXTURES / "acceptance" / "var_two_tables.docx", path)
    doc, places = read_document(path)
    p = doc.projects[0]
    row = p.indicators[k].copy_fresh()
    row.level3 = "新增指标"
    p.indicators.insert(k + 1, row)
    plan_save(doc, path, source_map=places).write()
    return path, doc, p


def parse_body(path: Path) -> list:
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml

    return body_blocks(parse_document_xml(path))


def test_a_rebuilt_two_table_forms_unedited_header_table_stays_as_it_was(tmp_path):
    """Only the indicators changed: the header table (项目名称, 预算, 绩效目标 …) keeps its own grid
    and cell widths (issue 10: [2235,1364,1287,1797,1298,2029,195] became the layout's own widths,
    the whole table looking different after a row was added to the indicator table)."""
    from lxml import etree

    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import W_TBL

    before = [el for el in parse_body(FIXTURES / "acceptance" / "var_two_tables.docx") if el.tag == W_TBL]
    path, doc, p = _two_tables_with_a_row(tmp_path, 1)
    after = [el for el in parse_body(path) if el.tag == W_TBL]
    assert etree.tostring(after[0]) == etree.tostring(before[0])  # grid, widths, cells: as they were
    assert [g.get(x.W_W) for g in after[0].iter(x.w("gridCol"))] == ["2235", "1364", "1287", "1797", "1298", "2029", "195"]
    again, _ = read_document(path)
    assert [i.level3 for i in again.projects[0].indicators] == [i.level3 for i in p.indicators]
    assert again.projects[0].variant.two_tables


def test_an_edited_header_table_keeps_the_originals_grid_and_only_its_texts_change(tmp_path):
    """The header table edited (项目名称 and a spending-plan figure) while a row is added to the
    indicator table: the layout's table has 资金支出计划 spanning the columns unlike the original
    (2,2,1,1 against 1,1,2,2), and the rebuilt one came out in the layout's column widths. It is the
    original's table with the two cells' texts changed (issue 10)."""
    from lxml import etree

    from perfeditor.io.docx.text import W_TBL

    path = tmp_path / "two.docx"
    shutil.copy(FIXTURES / "acceptance" / "var_two_tables.docx", path)
    before = [el for el in parse_body(path) if el.tag == W_TBL]
    doc, places = read_document(path)
    p = doc.projects[0]
    old_name = p.name
    p.name = "改过的项目名称"
    p.spending_plan["6月底"] = "60.00"
    row = p.indicators[1].copy_fresh()
    row.level3 = "新增指标"
    p.indicators.insert(2, row)
    plan_save(doc, path, source_map=places).write()
    after = [el for el in parse_body(path) if el.tag == W_TBL]
    expected = etree.tostring(before[0], encoding="unicode")
    expected = expected.replace(old_name, "改过的项目名称").replace(">50.00<", ">60.00<")
    assert etree.tostring(after[0], encoding="unicode") == expected  # grid, spans, widths, look kept
    again, _ = read_document(path)
    q = again.projects[0]
    assert (q.name, q.spending_plan["6月底"]) == ("改过的项目名称", "60.00")
    assert [i.level3 for i in q.indicators] == [i.level3 for i in p.indicators]
    assert q.variant.two_tables


def _narrower_rebuilt():
    """var_two_tables.docx's first form: the project, its original blocks and their tables, and a
    "rebuilt" copy of the blocks whose header table ``head`` has other widths (1000 twips a column
    and a cell)."""
    import copy

    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import W_TBL

    path = FIXTURES / "acceptance" / "var_two_tables.docx"
    doc, places = read_document(path)
    p = doc.projects[0]
    body = parse_body(path)
    own = [body[i] for i in places.of(p).blocks]
    built = [copy.deepcopy(el) for el in own]
    head = [el for el in built if el.tag == W_TBL][0]
    for el in [*head.iter(x.w("gridCol")), *head.iter(x.w("tcW"))]:
        el.set(x.W_W, "1000")
    return p, own, [el for el in own if el.tag == W_TBL], built, head


def test_an_edited_header_table_keeps_the_original_table_with_the_new_text():
    """keep_grids given a rebuilt header table in other widths: the original's table comes
    back with the changed value (单位) written into its own cell."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import W_TBL
    from perfeditor.io.docx.writer_patch import set_cell_text
    from perfeditor.io.docx.writer_two_tables import keep_grids

    p, own, tables, built, head = _narrower_rebuilt()
    set_cell_text(next(head.iter(x.W_TC)), "改过的单位名称")  # (as the layout's table would say)
    p.unit = "改过的单位名称"
    keep_grids(p, own, built)
    kept = [el for el in built if el.tag == W_TBL][0]
    assert kept is not head and kept is not tables[0]
    widths = lambda tbl, tag: [el.get(x.W_W) for el in tbl.iter(x.w(tag))]  # noqa: E731
    assert widths(kept, "gridCol") == widths(tables[0], "gridCol")
    assert widths(kept, "tcW") == widths(tables[0], "tcW")
    assert x.text_of(next(kept.iter(x.W_TC))) == "改过的单位名称"


def test_a_header_table_the_original_cannot_hold_takes_its_widths_where_its_rows_span_alike():
    """The edit needs cells the original header table lacks (a spending-plan column renamed): the
    rebuilt table is used, with the original's grid and cell widths put back as its rows span the
    columns alike."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import W_TBL
    from perfeditor.io.docx.writer_two_tables import keep_grids

    p, own, tables, built, head = _narrower_rebuilt()
    next(head.iter(x.w("t"))).text = "改过的单位名称"
    p.unit = "改过的单位名称"
    p.spending_plan = {("9月底" if k == "10月底" else k): v for k, v in p.spending_plan.items()}
    keep_grids(p, own, built)
    assert [el for el in built if el.tag == W_TBL][0] is head
    widths = lambda tbl, tag: [el.get(x.W_W) for el in tbl.iter(x.w(tag))]  # noqa: E731
    assert widths(head, "gridCol") == widths(tables[0], "gridCol")
    assert widths(head, "tcW") == widths(tables[0], "tcW")


def test_an_edited_header_table_is_kept_when_neither_table_holds_a_changed_field(tmp_path):
    """A 2015 national two-table form has no cell for 资金用途 (purpose): edited along with the
    name while a row is added, the original header table is kept with the new name (the purpose is
    left out as the rebuilt table would leave it out, and the save says so)."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import W_TBL

    path = tmp_path / "mof.docx"
    shutil.copy(FIXTURES / "docx" / "mof_2015.docx", path)
    doc, places = read_document(path)
    k = next(k for k, p in enumerate(doc.projects) if p.variant.two_tables)
    p = doc.projects[k]
    body = parse_body(path)
    grid = [g.get(x.W_W) for g in [body[i] for i in places.of(p).blocks if body[i].tag == W_TBL][0]
            .iter(x.w("gridCol"))]
    p.name += "（改）"
    p.purpose = "新的资金用途"
    row = p.indicators[0].copy_fresh()
    row.level3 = "新增指标"
    p.indicators.insert(1, row)
    plan = plan_save(doc, path, source_map=places)
    assert any("资金用途" in line for line in plan.report)
    plan.write()
    again, where = read_document(path)
    q = again.projects[k]
    body = parse_body(path)
    head = [body[i] for i in where.of(q).blocks if body[i].tag == W_TBL][0]
    assert [g.get(x.W_W) for g in head.iter(x.w("gridCol"))] == grid
    assert q.name == p.name and q.variant.two_tables
    assert [i.level3 for i in q.indicators] == [i.level3 for i in p.indicators]


def test_a_rebuilt_two_table_form_with_its_title_as_a_row_saves_a_new_title(tmp_path):
    """A two-table form whose title is the header table's first row (as the writer makes them),
    retitled and given a row: the header table cannot be the original's with its other cells
    patched, since its title row would keep the old title; the title reads back as edited."""
    from perfeditor.io import save_document

    doc, _ = read_document(FIXTURES / "docx" / "multi_hebei_project.docx")
    doc.projects = doc.projects[:2]
    path = tmp_path / "two.docx"
    save_document(doc, path)
    doc, smap = read_document(path)
    p = doc.projects[1]
    assert p.variant.two_tables and p.variant.title_as_row
    p.title = p.title.replace("绩效目标表", "（续建）绩效目标表")
    p.indicators.append(p.indicators[-1].copy_fresh())
    plan_save(doc, path, source_map=smap).write()
    assert [q.title for q in read_document(path)[0].projects] == [q.title for q in doc.projects]


def test_a_two_table_form_with_its_title_as_a_row_is_saved_with_its_new_title(tmp_path):
    """Every form of a .docx written anew is two tables, its title the header table's first row.
    Reopened, a form renumbered (a project before it removed) or renamed is rebuilt, and its
    header table was kept as the original's when the values other than the title agreed: the
    file kept the old title, silently."""
    from perfeditor.editing.rename import renamed_title
    from perfeditor.io import load_document, save_document

    path = tmp_path / "new.docx"
    save_document(load_document(FIXTURES / "docx" / "multi_hebei_project.docx"), path)
    doc, places = read_document(path)
    assert all(p.variant.two_tables and p.variant.title_as_row for p in doc.projects)
    editing.remove_project(doc, 0)
    p = doc.projects[0]
    p.title = renamed_title(p.title, p.name, "城市体检") or p.title
    p.name = "城市体检"
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert [p.title for p in load_document(path).projects] == ["1、城市体检绩效目标表"]


def test_a_copy_of_a_one_table_form_left_alone_is_one_table(tmp_path):
    """A form of one table copied (复制项目) and the original removed: the copy, the only form
    left, was written as a header table and an indicator table (a new file's look), and read back
    as another shape than its original's."""
    from perfeditor.io import load_document

    path = tmp_path / "merged.docx"
    shutil.copy(FIXTURES / "docx" / "merged_basis.docx", path)
    doc, places = read_document(path)
    assert not doc.projects[0].variant.two_tables
    doc.projects[:] = [_copied(doc, places, 0)]
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    assert [p.variant.two_tables for p in load_document(path).projects] == [False]
    assert main_part_bytes(path).count(b"<w:tbl>") == 1


def _copied(doc, places, k: int):
    """复制项目 of the ``k``-th project, as the window makes it (not yet in ``doc``)."""

    first = doc.projects[k]
    copy = first.copy_fresh()
    copy.name = f"{first.name}（副本）"
    places.note_copy(copy, first)
    return copy


def _form_blocks(path: Path, k: int) -> list:
    """The body blocks of the ``k``-th form of ``path``, as read."""
    doc, places = read_document(path)
    body = parse_body(path)
    return [body[i] for i in places.of(doc.projects[k]).blocks]


def _shape(blocks: list) -> list:
    """Per block: "p" for a paragraph; for a table its width (tblW), grid and its first rows'
    spans."""
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import iter_cells, iter_rows
    from perfeditor.io.docx.writer_two_tables import grid_span

    out: list = []
    for el in blocks:
        if el.tag != x.W_TBL:
            out.append("p")
            continue
        out.append((el.find(f"{x.W_TBLPR}/{x.w('tblW')}").get(x.W_W),
                    [g.get(x.W_W) for g in el.iter(x.w("gridCol"))],
                    [[grid_span(tc) for tc in iter_cells(tr)] for tr in iter_rows(el)][:4]))
    return out


@pytest.mark.parametrize("name", ["acceptance/var_two_tables.docx", "docx/mof_2015.docx"])
def test_a_copy_of_a_two_table_form_is_written_like_its_original(tmp_path, name):
    """复制项目 on a two-table form, saved in place: the copy had the layout's header grid (the
    indicator table's too, each table a 7-column grid of the layout's widths) and a paragraph
    between its tables; it is written as its original is: each table its grid, spans and width."""
    path = tmp_path / "two.docx"
    shutil.copy(FIXTURES / name, path)
    doc, places = read_document(path)
    k = next(k for k, p in enumerate(doc.projects) if p.variant.two_tables)
    copy = _copied(doc, places, k)
    doc.projects.insert(k + 1, copy)
    plan_save(doc, path, source_map=places).write()
    again, _ = read_document(path)
    assert again.projects[k + 1].name == copy.name and again.projects[k + 1].variant.two_tables
    original = _shape(_form_blocks(FIXTURES / name, k))
    for form in (k, k + 1):  # (the indicator table's rows: one cell a column of its grid)
        now = _shape(_form_blocks(path, form))
        assert now[:2] == original[:2]
        assert [s if s == "p" else s[:2] for s in now] == [s if s == "p" else s[:2] for s in original]


@pytest.mark.parametrize("name", ["acceptance/var_two_tables.docx", "docx/mof_2015.docx"])
def test_a_rebuilt_two_table_form_keeps_its_blocks_and_each_tables_width(tmp_path, name):
    """A row added to a two-table form's indicator table: the rebuilt form had an empty paragraph
    between its tables that the original did not, and its indicator table took the header
    table's width (tblW 7792 for 7121 in the 2015 national form)."""
    path = tmp_path / "two.docx"
    shutil.copy(FIXTURES / name, path)
    doc, places = read_document(path)
    k = next(k for k, p in enumerate(doc.projects) if p.variant.two_tables)
    p = doc.projects[k]
    row = p.indicators[0].copy_fresh()
    row.level3 = "新增指标"
    p.indicators.insert(1, row)
    plan_save(doc, path, source_map=places).write()
    original = _shape(_form_blocks(FIXTURES / name, k))
    now = _shape(_form_blocks(path, k))
    assert [s if s == "p" else s[:2] for s in now] == [s if s == "p" else s[:2] for s in original]
    assert [i.level3 for i in read_document(path)[0].projects[k].indicators] == [i.level3 for i in p.indicators]


def test_a_copys_title_keeps_with_its_table_where_forms_run_on(tmp_path):
    """复制项目 in a file whose forms run on without page breaks (mof_2015): the copy's title had
    no keep-with-next and could stand alone at the foot of a page; the originals stay as they were."""
    from perfeditor.io.docx import writer_xml as x

    path = tmp_path / "mof.docx"
    shutil.copy(FIXTURES / "docx" / "mof_2015.docx", path)
    doc, places = read_document(path)
    doc.projects.insert(1, _copied(doc, places, 0))
    plan_save(doc, path, source_map=places).write()

    def keeps(blocks):
        return [el.find(f"{x.W_PPR}/{x.w('keepNext')}") is not None for el in blocks if el.tag == x.W_P]
    assert keeps(_form_blocks(path, 1)) == [True]
    assert keeps(_form_blocks(path, 0)) == keeps(_form_blocks(path, 2)) == [False]


def _header_rows(blocks: list) -> list:
    """Per row of the form's table above its indicator header: each cell's grid span, vertical
    merge and, for a label, its text."""
    from perfeditor.forms import vocabulary as V
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.text import iter_cells, iter_rows
    from perfeditor.io.docx.writer_two_tables import grid_span

    table = next(el for el in blocks if el.tag == x.W_TBL)
    rows = []
    for tr in iter_rows(table):
        if "一级指标" in x.text_of(tr):
            return rows
        merge = [tc.find(f"{x.W_TCPR}/{x.w('vMerge')}") for tc in iter_cells(tr)]
        rows.append([(grid_span(tc), None if m is None else m.get(x.W_VAL, "continue"),
                      x.text_of(tc) if V.header_label(x.text_of(tc)) else "")
                     for tc, m in zip(iter_cells(tr), merge, strict=True)])
    return rows


@pytest.mark.parametrize("name", ["mof_2015.docx", "mof_2021.docx"])
@pytest.mark.parametrize("how", ["copied", "row added"])
def test_a_one_table_form_rebuilt_keeps_its_header_rows(tmp_path, name, how):
    """复制项目 on a one-table national form (or a row added to it), saved in place: the copy
    (the rebuilt form) had the layout's header block — 年度资金总额(万元) for the file's 年度资金总额,
    no 项目资金（万元） label merged down beside the amounts (2015), a 总体目标 label the 2021 file
    does not have —; it is headed by its original's rows, cell for cell, its values in them."""
    path = tmp_path / name
    shutil.copy(FIXTURES / "docx" / name, path)
    doc, places = read_document(path)
    if how == "copied":
        doc.projects.insert(1, _copied(doc, places, 0))
    else:
        row = doc.projects[0].indicators[0].copy_fresh()
        row.level3 = "新增指标"
        doc.projects[0].indicators.insert(1, row)
    expected = normalise(dump_document(doc))
    plan_save(doc, path, source_map=places).write()
    again, _ = read_document(path)
    assert normalise(dump_document(again)) == expected
    original = read_document(FIXTURES / "docx" / name)[0].projects[0]
    form = 1 if how == "copied" else 0
    assert again.projects[form].variant.labels == original.variant.labels
    assert _header_rows(_form_blocks(path, form)) == _header_rows(_form_blocks(FIXTURES / "docx" / name, 0))
