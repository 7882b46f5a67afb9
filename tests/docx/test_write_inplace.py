"""Saving back into the opened .docx: only the form tables change."""
from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_write_helpers import normalise  # noqa: E402

from perfeditor.errors import FormWriteError  # noqa: E402
from perfeditor.io import load_document, read_document, save_document  # noqa: E402
from perfeditor.io.docx.blocks import body_blocks  # noqa: E402
from perfeditor.io.docx.writer import write_docx  # noqa: E402
from perfeditor.model import Indicator, Project, dump_document  # noqa: E402
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES  # noqa: E402

PUBLIC_DOCX = sorted(PUBLIC_FIXTURES.glob("*.docx"))
OWN_DOCX = sorted((OWN_FIXTURES / "docx").glob("*.docx")) if (OWN_FIXTURES / "docx").is_dir() else []
DINGZHOU = PUBLIC_FIXTURES / "dingzhou_2020.docx"
QIANNAN = PUBLIC_FIXTURES / "qiannan_2022_part.docx"


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def copy_of(src: Path, tmp_path: Path) -> Path:
    dst = tmp_path / src.name
    shutil.copy(src, dst)
    return dst


def dump(path: Path) -> dict:
    return normalise(dump_document(load_document(path)))


def tables_xml(path: Path) -> list[bytes]:
    from lxml import etree

    root = etree.fromstring(members(path)["word/document.xml"])
    return [etree.tostring(b) for b in body_blocks(root)]


@pytest.mark.parametrize("src", PUBLIC_DOCX + OWN_DOCX, ids=lambda p: p.name)
def test_unedited_save_changes_nothing(src: Path, tmp_path: Path):
    path = copy_of(src, tmp_path)
    before = members(path)
    doc, doc_map = read_document(path)
    assert save_document(doc, path, source_map=doc_map) == []
    assert members(path) == before  # every member, document.xml included
    assert dump(path) == normalise(dump_document(doc))


def test_save_as_copies_the_original_package(tmp_path: Path):
    doc, doc_map = read_document(DINGZHOU)
    doc.projects[3].budget.total = "58.00"
    out = tmp_path / "另存.docx"
    write_docx(doc, out, smap=doc_map)
    before, after = members(DINGZHOU), members(out)
    assert set(before) == set(after)
    assert all(before[k] == after[k] for k in before if k != "word/document.xml")
    assert before["word/document.xml"] != after["word/document.xml"]


def test_edited_values_only_change_those_values(tmp_path: Path):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    expected = dump_document(doc)
    doc.projects[2].indicators[1].value = "≥99%"
    doc.projects[2].goals = "1、完成住建局年度任务\n2、新的目标"
    doc.projects[2].budget.fiscal = "2300.00"
    expected["projects"][2]["indicators"][1]["value"] = "≥99%"
    expected["projects"][2]["goals"] = "1、完成住建局年度任务\n2、新的目标"
    expected["projects"][2]["budget"]["fiscal"] = "2300.00"
    old_blocks = tables_xml(DINGZHOU)
    save_document(doc, path, source_map=doc_map)
    assert dump(path) == normalise(expected)
    new_blocks = tables_xml(path)
    assert len(new_blocks) == len(old_blocks)
    edited = set(doc_map.of(doc.projects[2]).blocks)
    changed = {i for i, (a, b) in enumerate(zip(old_blocks, new_blocks, strict=False)) if a != b}
    assert changed and changed <= edited  # the other forms and the narrative are untouched


def test_edited_table_keeps_the_original_look(tmp_path: Path):
    from lxml import etree

    path = copy_of(QIANNAN, tmp_path)
    doc, doc_map = read_document(path)
    doc.projects[0].indicators[0].value = "每周≥8次"
    save_document(doc, path, source_map=doc_map)
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    old = etree.fromstring(members(QIANNAN)["word/document.xml"])
    new = etree.fromstring(members(path)["word/document.xml"])
    old_tbl, new_tbl = body_blocks(old)[1], body_blocks(new)[1]
    assert [g.get(f"{W}w") for g in old_tbl.iter(f"{W}gridCol")] == \
        [g.get(f"{W}w") for g in new_tbl.iter(f"{W}gridCol")]
    assert etree.tostring(old_tbl.find(f"{W}tblPr")) == etree.tostring(new_tbl.find(f"{W}tblPr"))
    assert b"FormCell" not in members(path)["word/document.xml"]  # no style the file lacks


def test_add_and_remove_indicator_rows(tmp_path: Path):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[0]
    p.indicators.insert(1, Indicator(level1="产出指标", level2="数量指标", level3="完成项目数",
                                     description="完成的项目个数", value="≥3个"))
    p.indicators.append(Indicator(level1="满意度指标", level2="服务对象满意度指标",
                                  level3="单位满意度", value="≥95%"))
    del doc.projects[1].indicators[0]
    expected = normalise(dump_document(doc))
    save_document(doc, path, source_map=doc_map)
    assert dump(path) == expected
    back = load_document(path)
    assert [i.level3 for i in back.projects[0].indicators] == \
        ["优良率", "完成项目数", "长期使用性", "群众满意度", "单位满意度"]


def test_level_merges_are_recomputed(tmp_path: Path):
    from lxml import etree

    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    p = doc.projects[0]
    p.indicators.insert(1, Indicator(level1="产出指标", level2="质量指标", level3="验收合格率",
                                     value="100%"))
    save_document(doc, path, source_map=doc_map)
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(members(path)["word/document.xml"])
    tbl = body_blocks(root)[doc_map.of(p).blocks[-1]]
    rows = tbl.findall(f"{W}tr")
    first, second = rows[-4], rows[-3]  # the two 产出指标 / 质量指标 rows
    marks = [[(tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val", "continue")
               if tc.find(f"{W}tcPr/{W}vMerge") is not None else None)
              for tc in tr.findall(f"{W}tc")[:2]] for tr in (first, second)]
    assert marks == [["restart", "restart"], ["continue", "continue"]]


def test_add_remove_and_reorder_projects(tmp_path: Path):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    removed = doc.projects.pop(4)
    doc.projects[0], doc.projects[1] = doc.projects[1], doc.projects[0]
    new = Project.model_validate(removed.model_dump())  # a new uid: not in the map
    new.name = "新增的项目经费"
    new.title = "21、新增的项目经费绩效目标表"
    doc.projects.append(new)
    save_document(doc, path, source_map=doc_map)  # numbered titles follow the new order (the document's too)
    assert [p.title.split("、")[0] for p in doc.projects] == [str(k) for k in range(1, 22)]
    assert doc.projects[0].title == "1、城建管理经费绩效目标表"
    expected = normalise(dump_document(doc))
    assert dump(path) == expected
    text = members(path)["word/document.xml"].decode("utf-8")
    assert removed.title not in text
    assert "第一部分" in text and "三、工作保障措施" in text  # the rest of the file is still there


def test_removing_the_last_project_of_a_mof_file(tmp_path: Path):
    path = copy_of(QIANNAN, tmp_path)
    doc, doc_map = read_document(path)
    doc.projects.pop()
    save_document(doc, path, source_map=doc_map)
    back = load_document(path)
    assert [p.name for p in back.projects] == ["局机关物业管理后勤工作经费"]


def test_department_rewritten_only_when_changed(tmp_path: Path):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    doc.department.overall = "新的总体绩效目标。"
    doc.department.items[0].goal = "推进重点项目。"
    expected = normalise(dump_document(doc))
    old_blocks = tables_xml(DINGZHOU)
    save_document(doc, path, source_map=doc_map)
    assert dump(path) == expected
    new_blocks = tables_xml(path)
    # the project forms (after the narrative) are byte-identical
    assert new_blocks[-40:] == old_blocks[-40:]


def test_control_characters_do_not_corrupt_the_file(tmp_path: Path):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    doc.projects[0].goals = "1、完成\x00资金\x07拨付\x1b"
    doc.projects[0].indicators[0].description = "比例\x0b（百分比）\ud800"
    save_document(doc, path, source_map=doc_map)
    back = load_document(path)
    assert back.projects[0].goals == "1、完成资金拨付"
    assert back.projects[0].indicators[0].description == "比例（百分比）"


def test_failed_save_leaves_the_original(tmp_path: Path, monkeypatch):
    path = copy_of(DINGZHOU, tmp_path)
    before = path.read_bytes()
    doc, doc_map = read_document(path)
    doc.projects[0].name = "改名"

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("perfeditor.io.docx.writer.apply_changes", boom)
    monkeypatch.setattr("perfeditor.io.docx.writer.patch_in_bytes", boom)
    with pytest.raises(FormWriteError) as err:
        save_document(doc, path, source_map=doc_map)
    assert "未能保存" in str(err.value) and "Traceback" not in str(err.value)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_rebuilt_cells_copy_the_original_cells(tmp_path: Path):
    """After a value edit (patched in place, or rebuilt) each cell keeps its original alignment,
    borders, fonts and row height."""
    from lxml import etree

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def looks(path: Path, index: int) -> list:
        root = etree.fromstring(members(path)["word/document.xml"])
        out = []
        for tr in body_blocks(root)[index].iter(f"{W}tr"):
            h = tr.find(f"{W}trPr/{W}trHeight")
            row = [h.get(f"{W}val") if h is not None else None]
            for tc in tr.iter(f"{W}tc"):
                jc = tc.find(f"{W}p/{W}pPr/{W}jc")
                borders = tc.find(f"{W}tcPr/{W}tcBorders")
                fonts = tc.find(f".//{W}r/{W}rPr/{W}rFonts")
                row.append((jc.get(f"{W}val") if jc is not None else None,
                            etree.tostring(borders) if borders is not None else None,
                            fonts.get(f"{W}eastAsia") if fonts is not None else None))
            out.append(row)
        return out

    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    doc.projects[0].indicators[2].value = "≥99百分比"
    table = doc_map.of(doc.projects[0]).blocks[-1]
    save_document(doc, path, source_map=doc_map)
    assert looks(path, table) == looks(DINGZHOU, table)
    assert members(path)["word/document.xml"] != members(DINGZHOU)["word/document.xml"]


def _with_other_table(src: Path, dst: Path) -> None:
    """``src`` with a non-form table (部门机构设置情况) inserted before the first project."""
    other = ('<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
             '<w:tr><w:tc><w:p><w:r><w:t>单位名称</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:p><w:r><w:t>单位性质</w:t></w:r></w:p></w:tc></w:tr>'
             '<w:tr><w:tc><w:p><w:r><w:t>定州市住房和城乡建设局</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:p><w:r><w:t>行政（绩效指标另表）</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
             '<w:p/>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                at = text.index("<w:p>", text.index("预算项目绩效目标") - 400)
                data = (text[:at] + other + text[at:]).encode("utf-8")
            zout.writestr(info, data)


def test_tables_that_are_not_forms_survive_a_removal(tmp_path: Path):
    path = tmp_path / "with_other.docx"
    _with_other_table(DINGZHOU, path)
    doc, doc_map = read_document(path)
    assert len(doc.projects) == 21
    doc.projects.pop(0)  # a removal makes the writer look for form tables no project claims
    save_document(doc, path, source_map=doc_map)
    back = load_document(path)
    assert len(back.projects) == 20
    text = members(path)["word/document.xml"].decode("utf-8")
    assert "安居保障工程配套基础设施建设绩效目标表" not in text
    assert "行政（绩效指标另表）" in text and "单位性质" in text


@pytest.mark.parametrize("src", PUBLIC_DOCX + OWN_DOCX, ids=lambda p: p.name)
def test_every_layout_edited_in_place(src: Path, tmp_path: Path):
    path = copy_of(src, tmp_path)
    doc, doc_map = read_document(path)
    if doc.projects:
        p = doc.projects[-1]
        p.goals = (p.goals + "\n补充目标：按期完成").strip()
        if p.indicators:
            p.indicators[-1].level3 = "修改后的指标"
            p.indicators.append(p.indicators[-1].copy_fresh())
    if doc.department is not None:
        doc.department.overall = "修改后的总体目标。"
        for task in doc.department.tasks[:1]:
            task.content = "修改后的主要内容"
    expected = normalise(dump_document(doc))
    save_document(doc, path, source_map=doc_map)
    assert dump(path) == expected
    before, after = members(src), members(path)
    assert all(before[k] == after[k] for k in before if k != "word/document.xml")


@pytest.mark.parametrize("form", ["narrative", "table"])
def test_department_added_to_a_file_without_one(form: str, tmp_path: Path):
    from perfeditor.model import Department, DepartmentItem, DepartmentTask

    path = copy_of(QIANNAN, tmp_path)
    doc, doc_map = read_document(path)
    assert doc.department is None
    if form == "table":
        doc.department = Department(form="table", name="黔南州住房和城乡建设局", overall="完成年度任务。",
                                    tasks=[DepartmentTask(name="物业管理", content="后勤保障",
                                                          total="10.38", fiscal="10.38")])
    else:
        doc.department = Department(overall="完成年度任务。", measures="加强管理。",
                                    items=[DepartmentItem(title="一、住房保障", goal="落实政策。")])
    expected = normalise(dump_document(doc))
    save_document(doc, path, source_map=doc_map)
    assert dump(path) == expected


def test_saving_twice_after_structural_changes(tmp_path: Path):
    """After a save that moved forms around, the next save still finds every form."""
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    doc.projects.pop(2)
    doc.projects[0], doc.projects[1] = doc.projects[1], doc.projects[0]
    doc.projects[3].indicators.pop()
    save_document(doc, path, source_map=doc_map)
    doc.projects[5].goals = "第二次保存的目标"
    doc.projects.pop(0)
    doc.department.measures = "第二次保存的措施"
    save_document(doc, path, source_map=doc_map)  # (numbered titles follow)
    expected = normalise(dump_document(doc))
    assert dump(path) == expected
    before = members(path)
    save_document(doc, path, source_map=doc_map)  # nothing changed since: the file stays as it is
    assert members(path) == before


def test_a_source_changed_on_disk_is_not_used_as_a_base(tmp_path: Path):
    path = copy_of(DINGZHOU, tmp_path)
    doc, doc_map = read_document(path)
    shutil.copy(QIANNAN, path)  # someone else replaced the file meanwhile
    out = tmp_path / "另存为.docx"
    write_docx(doc, out, smap=doc_map)
    assert dump(out) == normalise(dump_document(doc))


@pytest.mark.parametrize("form", ["narrative", "table"])
def test_deleting_the_department_part(form: str, tmp_path: Path):
    if form == "narrative":
        path = copy_of(DINGZHOU, tmp_path)
    else:  # 部门整体支出绩效目标申报表 before two mof forms
        from test_write_layouts import mof_document

        path = tmp_path / "mof.docx"
        write_docx(mof_document(), path)
    before = members(path)
    doc, doc_map = read_document(path)
    dep_blocks = set(doc_map.department.blocks)
    old_blocks = tables_xml(path)
    kept = [b for i, b in enumerate(old_blocks) if i not in dep_blocks]
    expected = normalise(dump_document(doc))
    expected["department"] = None
    doc.department = None
    save_document(doc, path, source_map=doc_map)
    back, back_map = read_document(path)
    assert back.department is None and "部门整体" not in back.preamble  # headings went too
    assert normalise(dump_document(back)) == expected
    assert tables_xml(path) == kept  # only the department's blocks went, the rest untouched
    after = members(path)
    assert {k: v for k, v in after.items() if k != "word/document.xml"} == \
        {k: v for k, v in before.items() if k != "word/document.xml"}
    save_document(back, path, source_map=back_map)  # and it stays gone
    assert load_document(path).department is None


def test_new_forms_replacing_every_form_follow_the_rewritten_department_part(tmp_path: Path):
    """Every project removed and a new one added while the department narrative is edited: the
    new form went after what was left of the old department blocks (its 第一部分 headings),
    between them and the rewritten narrative."""
    from perfeditor.io import plan_save
    from perfeditor.io.docx import writer_xml as x
    from perfeditor.io.docx.reader import parse_document_xml

    path = copy_of(OWN_FIXTURES / "acceptance" / "seed000_dingzhou.docx", tmp_path)
    doc, places = read_document(path)
    first = doc.projects[0]
    new = first.copy_fresh()
    new.name = "新的项目"
    doc.projects[:] = [new]
    doc.department.overall += "（改）"
    plan_save(doc, path, source_map=places).write()
    texts = [x.text_of(el) for el in body_blocks(parse_document_xml(path))]
    assert max(k for k, t in enumerate(texts) if "（改）" in t) < min(k for k, t in enumerate(texts) if "新的项目" in t)
    back = load_document(path)
    assert back.department.overall == doc.department.overall and [p.name for p in back.projects] == ["新的项目"]
