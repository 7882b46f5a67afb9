"""In-place saves of value-only edits: only the cells whose values changed are rewritten."""
from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_write_helpers import normalise  # noqa: E402

from perfeditor.io import load_document, read_document, save_document  # noqa: E402
from perfeditor.io.docx.text import cell_text  # noqa: E402
from perfeditor.io.docx.writer_patch import set_cell_text, splice_cells  # noqa: E402
from perfeditor.model import dump_document  # noqa: E402
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DINGZHOU = PUBLIC_FIXTURES / "dingzhou_2020.docx"
HEBEI = OWN_FIXTURES / "docx" / "hebei_project.docx"  # written by LibreOffice
MOF_2015 = OWN_FIXTURES / "docx" / "mof_2015.docx"
_TC = re.compile(rb"<w:tc[\s>]|</w:tc>")


def main_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml")


def cell_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of every ``w:tc`` in document order."""
    spans: list = []
    stack: list = []
    for m in _TC.finditer(data):
        if m.group() == b"</w:tc>":
            k, start = stack.pop()
            spans[k] = (start, m.end())
        else:
            stack.append((len(spans), m.start()))
            spans.append(None)
    return spans


def changed_cells(before: bytes, after: bytes) -> list[int]:
    """The cells whose bytes differ; asserts that nothing outside them does."""
    a, b = cell_spans(before), cell_spans(after)
    assert len(a) == len(b)
    changed = [k for k in range(len(a)) if before[slice(*a[k])] != after[slice(*b[k])]]

    def outside(data: bytes, spans: list) -> bytes:
        pieces, pos = [], 0
        for k in changed:
            pieces.append(data[pos:spans[k][0]])
            pos = spans[k][1]
        return b"".join(pieces) + data[pos:]

    assert outside(before, a) == outside(after, b)  # byte-identical apart from those cells
    return changed


def cells(data: bytes) -> list:
    return list(etree.fromstring(data).iter(f"{W}tc"))


def look(tc) -> tuple:
    """A cell's own properties, its first paragraph's and its first text run's."""
    pr = tc.find(f"{W}tcPr")
    ppr = tc.find(f"{W}p/{W}pPr")
    run = next((r for r in tc.iter(f"{W}r") if r.find(f"{W}t") is not None), None)
    rpr = run.find(f"{W}rPr") if run is not None else None
    return tuple(etree.tostring(e) if e is not None else None for e in (pr, ppr, rpr))


def copy_of(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copy(src, dst)
    return dst


def dump(path: Path) -> dict:
    return normalise(dump_document(load_document(path)))


@pytest.fixture(params=["tables only", "whole part"])
def route(request, monkeypatch):
    """Both ways a value edit is saved: parsing only the edited tables (the reader's record of
    the file), and parsing the whole part (no record: another process read it)."""
    import perfeditor.io.docx.writer as inplace

    used: list = []
    real = inplace.patch_in_bytes

    def spy(doc, xml, crc, smap, lost):
        if request.param == "whole part":
            smap.scan = None  # the map of a file read without the fast scan
        got = real(doc, xml, crc, smap, lost)
        used.append(got is not None)
        return got

    monkeypatch.setattr(inplace, "patch_in_bytes", spy)
    return request.param, used


@pytest.mark.parametrize("src", [DINGZHOU, HEBEI, MOF_2015], ids=lambda p: p.name)
def test_value_only_edit_changes_exactly_those_cells(src: Path, tmp_path: Path, route):
    path = copy_of(src, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[1]
    p.goals = "新的绩效目标：\n按期完成全部任务"
    p.budget.total = "123.45"
    p.indicators[-1].value = "≥98%"
    expected = normalise(dump_document(doc))
    before = main_xml(src)
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    after = main_xml(path)
    changed = changed_cells(before, after)
    assert len(changed) == 3
    old, new = cells(before), cells(after)
    assert sorted(cell_text(new[k]) for k in changed) == \
        sorted(["新的绩效目标：\n按期完成全部任务", "123.45", "≥98%"])
    for k in changed:
        assert look(new[k]) == look(old[k])  # the cell keeps its borders, alignment and fonts
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(path) as b:  # the rest of the package too
        assert all(a.read(n) == b.read(n) for n in a.namelist() if n != "word/document.xml")
    assert route[1] == [route[0] == "tables only"]


def test_a_value_the_layout_has_no_cell_for_is_named_and_the_table_kept(tmp_path: Path, route):
    """实施单位 and 本级安排 have no cell in the Hebei form: they are not written (the plan says so), as
    a rebuilt table would not hold them; the goals edited beside them are patched, the table kept."""
    from perfeditor.io import plan_save

    path = copy_of(HEBEI, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[1]
    p.implementer, p.budget.local, p.goals = "某施工单位", "12.00", "新的绩效目标"
    plan = plan_save(doc, path, source_map=doc_map)
    assert any("实施单位" in line and p.name in line for line in plan.report)
    assert any("本级安排" in line for line in plan.report)
    plan.write()
    after = main_xml(path)
    assert [cell_text(cells(after)[k]) for k in changed_cells(main_xml(HEBEI), after)] == ["新的绩效目标"]
    got = load_document(path).projects[1]
    assert (got.goals, got.implementer, got.budget.local) == ("新的绩效目标", "", "")


def _in_content_controls(src: Path, dst: Path) -> Path:
    """``src`` with the paragraphs of every table cell inside a content control filling the cell
    (as Word's form templates have them), each showing its placeholder."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(members["word/document.xml"])
    for k, tc in enumerate(root.iter(f"{W}tc")):
        paras = tc.findall(f"{W}p")
        sdt = etree.Element(f"{W}sdt")
        pr = etree.SubElement(sdt, f"{W}sdtPr")
        etree.SubElement(pr, f"{W}id").set(f"{W}val", str(100 + k))
        etree.SubElement(pr, f"{W}showingPlcHdr")
        content = etree.SubElement(sdt, f"{W}sdtContent")
        paras[0].addprevious(sdt)
        content.extend(paras)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return dst


def test_cells_filled_by_content_controls_are_patched_in_them(tmp_path: Path, route):
    src = _in_content_controls(HEBEI, tmp_path / "controls.docx")
    (tmp_path / "saved").mkdir()
    path = copy_of(src, tmp_path / "saved")
    doc, doc_map = read_document(path)
    p = doc.projects[1]
    p.goals, p.indicators[0].value = "新的绩效目标\n第二行", "≥99%"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    before, after = main_xml(src), main_xml(path)
    changed = changed_cells(before, after)  # (the table kept: nothing else changed)
    assert sorted(cell_text(cells(after)[k]) for k in changed) == ["≥99%", "新的绩效目标\n第二行"]
    for k in changed:
        sdt = cells(after)[k].find(f"{W}sdt")
        assert sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is None and sdt.find(f"{W}sdtContent/{W}p") is not None


def test_edits_in_many_projects_keep_the_other_forms(tmp_path: Path, route):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    for p in doc.projects[::2]:
        p.indicators[0].value += "（修改）"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    assert len(changed_cells(main_xml(DINGZHOU), main_xml(path))) == len(doc.projects[::2])
    before = main_xml(path)
    save_document(doc, path, backup=False, source_map=doc_map)  # saved again: nothing to change
    assert main_xml(path) == before
    doc.projects[1].goals = "第三次保存"  # and again, edited: the record followed the file
    doc.projects[-1].indicators[-1].value = "≥1个"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    assert len(changed_cells(before, main_xml(path))) == 2
    assert route[1] == [route[0] == "tables only"] * 3


def test_structural_edits_do_not_take_the_tables_only_route(tmp_path: Path, route):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    doc.projects[0].indicators[0].value = "≥1个"
    doc.projects.pop(3)  # a project removed: the whole part is parsed
    doc.department.overall = "新的总体目标"
    save_document(doc, path, backup=False, source_map=doc_map)  # (the numbered titles after it close the gap)
    expected = normalise(dump_document(doc))
    assert dump(path) == expected
    assert route[1] == [False]


def test_renaming_a_merged_group_changes_its_one_cell(tmp_path: Path, route):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[2]
    assert [i.level1 for i in p.indicators[:2]] == ["产出指标", "产出指标"]
    for ind in p.indicators[:2]:
        ind.level1 = "产出"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    changed = changed_cells(main_xml(DINGZHOU), main_xml(path))
    assert [cell_text(cells(main_xml(path))[k]) for k in changed] == ["产出"]


def test_renaming_a_group_over_a_split_table(tmp_path: Path, route):
    """A form split over two tables repeats the 一级 cell in the second: both cells change."""
    path = copy_of(HEBEI, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[2]
    assert p.variant.split and [i.level1 for i in p.indicators].count("产出指标") == 4
    for ind in p.indicators:
        if ind.level1 == "产出指标":
            ind.level1 = "产出"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    changed = changed_cells(main_xml(HEBEI), main_xml(path))
    assert [cell_text(cells(main_xml(path))[k]) for k in changed] == ["产出", "产出"]


def test_a_changed_grouping_rebuilds_the_table(tmp_path: Path, route):
    """One row of a merged 一级 group renamed: the merge must split, so the table is rebuilt."""
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[2]
    p.indicators[1].level1 = "成本指标"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    back = load_document(path).projects[2]
    assert [i.level1 for i in back.indicators] == ["产出指标", "成本指标", "效果指标", "满意度指标"]


def test_a_changed_grouping_and_a_changed_title_rebuild_the_table(tmp_path: Path, route):
    """The project renamed (its title paragraph changes) and one row of a merged 一级 group
    renamed in the same save: the title alone could be patched, the grouping cannot, so the
    table is rebuilt (the save used to fail with 程序出错)."""
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[2]
    p.name, p.title = "城市建设支出（二期）", "3、城市建设支出（二期）绩效目标表"
    p.indicators[1].level1 = "成本指标"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    back = load_document(path).projects[2]
    assert back.title == "3、城市建设支出（二期）绩效目标表"
    assert [i.level1 for i in back.indicators] == ["产出指标", "成本指标", "效果指标", "满意度指标"]


@pytest.mark.parametrize("edit", ["row added", "row removed"])
def test_rows_added_or_removed_rebuild_the_table(edit: str, tmp_path: Path, route):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    inds = doc.projects[2].indicators
    if edit == "row added":
        inds.append(inds[-1].copy_fresh())
    else:
        inds.pop(0)
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    step = 1 if edit == "row added" else -1
    assert len(cell_spans(main_xml(path))) - len(cell_spans(main_xml(DINGZHOU))) == \
        step * len(doc.projects[2].variant.indicator_columns)


def test_a_row_moved_across_a_merged_group_rebuilds(tmp_path: Path, route):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    inds = doc.projects[2].indicators  # 产出 · 产出 · 效果 · 满意度: the 产出 pair is merged
    inds[1], inds[2] = inds[2], inds[1]
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    with pytest.raises(AssertionError):  # rebuilt: more than cell texts differ
        changed_cells(main_xml(DINGZHOU), main_xml(path))


def test_a_patch_that_does_not_read_back_is_undone(tmp_path: Path, monkeypatch, route):
    """Every patched table is read again; when it would not read as the project (here: cell
    texts written wrong on purpose), the patch is undone and the table rebuilt."""
    import perfeditor.io.docx.writer_patch as patch

    real = patch.set_cell_text
    monkeypatch.setattr(patch, "set_cell_text", lambda tc, text, *like: real(tc, text + "错", *like))
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    doc.projects[0].indicators[0].value = "≥95%"
    doc.projects[3].goals = "新的目标"
    expected = normalise(dump_document(doc))
    save_document(doc, path, backup=False, source_map=doc_map)
    assert dump(path) == expected
    assert "错" not in main_xml(path).decode("utf-8")


def test_set_cell_text_keeps_paragraph_and_run_properties():
    tc = etree.fromstring(
        f'<w:tc xmlns:w="{W[1:-1]}"><w:tcPr><w:tcW w:w="900" w:type="dxa"/></w:tcPr>'
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:bookmarkStart w:id="1" w:name="b"/>'
        '<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="21"/></w:rPr>'
        '<w:t>旧</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>值</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc>')
    set_cell_text(tc, "第一行\t甲\n 第二行  ")
    assert cell_text(tc) == "第一行\t甲\n 第二行"
    paras = tc.findall(f"{W}p")
    assert len(paras) == 2
    for p in paras:
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
        for r in p.findall(f"{W}r"):
            assert r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
            assert r.find(f"{W}rPr/{W}b") is None
    assert paras[0].find(f"{W}bookmarkStart") is not None
    assert tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w") == "900"
    set_cell_text(tc, "")
    assert cell_text(tc) == "" and len(tc.findall(f"{W}p")) == 1


def test_splice_refuses_bytes_it_cannot_match():
    data = (f'<?xml version="1.0"?><w:document xmlns:w="{W[1:-1]}"><w:body><w:tbl><w:tr>'
            '<w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>').encode()
    root = etree.fromstring(data)
    second = list(root.iter(f"{W}tc"))[1]
    set_cell_text(second, "新")
    out = splice_cells(data, root, [second])
    assert out is not None and out.count(b"xmlns:w=") == 1
    assert [cell_text(tc) for tc in etree.fromstring(out).iter(f"{W}tc")] == ["", "新"]
    assert changed_cells(data, out) == [1]
    commented = data.replace(b"<w:body>", b"<w:body><!-- <w:tc> -->")
    assert splice_cells(commented, etree.fromstring(commented), [second]) is None
