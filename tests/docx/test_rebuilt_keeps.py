"""A form table rebuilt in place (rows added, removed or moved, a project copied …) keeps what
the clerk's rows held besides their values: the row properties and table property exceptions of
the original row each rebuilt row stands for (matched by its indicator, not its position), its
bookmarks, comment anchors and content controls; no bookmark or comment is left with one end
only, whatever was removed; and a save with nothing the form can hold leaves the file byte for
byte. The variants are made here from our fixtures with lxml."""
from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from perfeditor.io import plan_save, read_document
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.blocks import body_blocks
from perfeditor.io.docx.text import iter_cells, iter_rows
from perfeditor.model import dump_document
from tests.docx.test_write_helpers import normalise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "docx"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_W14, _W15 = "http://schemas.microsoft.com/office/word/2010/wordml", "http://schemas.microsoft.com/office/word/2012/wordml"


def _el(xml: str):
    return etree.fromstring(f'<r xmlns:w="{x.W_NS}">{xml}</r>')[0]


def _variant(src: Path, dst: Path, change, comments: int = 0) -> Path:
    """``src`` copied to ``dst``, its main part (parsed) given to ``change``; with a comments
    part holding comments 0 … ``comments`` - 1 when asked."""
    with zipfile.ZipFile(src) as zin:
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    root = etree.fromstring(members["word/document.xml"])
    change(root)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if comments:  # (and Word's record of each comment's state, by its paragraph's id)
        members["word/comments.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{x.W_NS}" '
            f'xmlns:w14="{_W14}">' + "".join(
                f'<w:comment w:id="{k}" w:author="审核" w:initials="审"><w:p w14:paraId="{k + 16:08X}"><w:r>'
                f"<w:t>批注{k}</w:t></w:r></w:p></w:comment>" for k in range(comments)) + "</w:comments>").encode()
        members["word/commentsExtended.xml"] = (f'<w15:commentsEx xmlns:w15="{_W15}">' + "".join(
            f'<w15:commentEx w15:paraId="{k + 16:08X}" w15:done="0"/>' for k in range(comments))
            + "</w15:commentsEx>").encode()
        rels = "word/_rels/document.xml.rels"
        members[rels] = members[rels].replace(
            b"</Relationships>", f'<Relationship Id="rIdC" Type="{_COMMENTS}" Target="comments.xml"/>'
            "</Relationships>".encode())
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.comments+xml"/></Types>')
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return dst


def _row(root, text: str):
    """The table row with a cell reading ``text``."""
    return next(tr for tbl in root.iter(x.W_TBL) for tr in iter_rows(tbl)
                if any(x.text_of(tc).strip() == text for tc in iter_cells(tr)))


def _cell(root, text: str):
    return next(tc for tc in iter_cells(_row(root, text)) if x.text_of(tc).strip() == text)


def _root(path: Path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _saved(path: Path, edit) -> tuple:
    """``path`` read, ``edit(doc, places)`` made, saved in place: (the document, the part as saved)."""
    doc, places = read_document(path)
    edit(doc, places)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    again, _ = read_document(path)
    assert normalise(dump_document(again)) == normalise(dump_document(doc))
    return doc, _root(path)


def _add_row(doc, _places, p: int = 0, k: int = 0) -> None:
    """A copy of indicator ``k`` of project ``p`` (新增指标) after it."""
    new = doc.projects[p].indicators[k].copy_fresh()
    new.level3 = "新增指标"
    doc.projects[p].indicators.insert(k + 1, new)


def _pr(tr, tag: str):
    return tr.find(f"{x.W_TRPR}/{x.w(tag)}")


# --- row properties ------------------------------------------------------------------------------

def test_a_rebuilt_row_keeps_the_properties_of_the_row_it_stands_for(tmp_path):
    """A tall row (exact height), centred, with its own cell margins (w:tblPrEx), after a row was
    added above it: its properties stay with it (they went to the row standing at its place, the
    new one), and the form's first row stays repeated on each page."""
    def change(root):
        tr = _row(root, "疏通管网长度")
        tr.find(x.W_TRPR).extend([_el('<w:trHeight w:val="900" w:hRule="exact"/>'), _el('<w:jc w:val="center"/>')])
        tr.insert(0, _el('<w:tblPrEx><w:tblCellMar><w:left w:w="30" w:type="dxa"/></w:tblCellMar></w:tblPrEx>'))
        _row(root, "项目名称").find(x.W_TRPR).append(_el("<w:tblHeader/>"))

    path = _variant(FIXTURES / "mof_2021.docx", tmp_path / "rows.docx", change)
    _, root = _saved(path, _add_row)
    tr = _row(root, "疏通管网长度")
    assert _pr(tr, "trHeight").get(x.W_VAL) == "900" and _pr(tr, "jc") is not None
    assert tr.find(x.w("tblPrEx")) is not None and tr[0].tag == x.w("tblPrEx")
    assert [_pr(r, "trHeight").get(x.W_VAL) for r in root.iter(x.W_TR) if _pr(r, "trHeight") is not None].count("900") == 1
    assert _pr(_row(root, "新增指标"), "trHeight") is None or _pr(_row(root, "新增指标"), "trHeight").get(x.W_VAL) != "900"
    assert _pr(_row(root, "项目名称"), "tblHeader") is not None


def test_a_rebuilt_row_keeps_the_grid_columns_it_leaves_out(tmp_path):
    """A row the clerk shortened (its last cell gone: w:gridAfter and its width) is rebuilt as
    short, and reads back the same."""
    def change(root):
        tr = _row(root, "市民满意度")
        last = list(iter_cells(tr))[-1]
        width = last.find(f"{x.W_TCPR}/{x.w('tcW')}").get(x.W_W)
        tr.remove(last)
        tr.find(x.W_TRPR).extend([_el('<w:gridAfter w:val="1"/>'), _el(f'<w:wAfter w:w="{width}" w:type="dxa"/>')])

    path = _variant(FIXTURES / "mof_2021.docx", tmp_path / "short.docx", change)
    cols = len(x.grid_widths(next(_root(path).iter(x.W_TBL))))
    doc, root = _saved(path, _add_row)
    assert doc.projects[0].indicators[-1].basis == ""
    tr = _row(root, "市民满意度")
    assert _pr(tr, "gridAfter").get(x.W_VAL) == "1" and _pr(tr, "wAfter") is not None
    spans = [int(s.get(x.W_VAL)) if (s := tc.find(f"{x.W_TCPR}/{x.w('gridSpan')}")) is not None else 1
             for tc in iter_cells(tr)]
    assert sum(spans) == cols - 1


# --- content controls ----------------------------------------------------------------------------

def _controls(props: str = "", inline: bool = False):
    """A change making the value cells ≥120公里 and 减少 each filled by a content control
    (``props``: more of its properties; ``inline``: around the runs of the cell's paragraph, as
    Word inserts a plain-text control), tagged value0 and value1."""
    def change(root):
        for k, text in enumerate(("≥120公里", "减少")):
            into = _cell(root, text).find(x.W_P) if inline else _cell(root, text)
            sdt = _el(f'<w:sdt><w:sdtPr>{props.format(k=k)}<w:tag w:val="value{k}"/></w:sdtPr><w:sdtContent/></w:sdt>')
            sdt[1].extend(into.findall(x.W_R if inline else x.W_P))
            into.append(sdt)
    return change


def _value_changed(rebuilt: bool):
    """An edit: 减少 → 减少一半, in a table rebuilt (a row added first) or patched."""
    def edit(doc, places):
        if rebuilt:
            _add_row(doc, places)
        next(i for i in doc.projects[0].indicators if i.value == "减少").value = "减少一半"
    return edit


def test_content_controls_in_a_rebuilt_table_are_kept(tmp_path):
    """Two value cells filled by content controls; a row added (the table rebuilt) and one of
    the two values changed: both cells keep their control, the changed one with the new text."""
    change = _controls('<w:alias w:val="指标值"/>')

    def edit(doc, places):
        _add_row(doc, places)
        next(i for i in doc.projects[0].indicators if i.value == "减少").value = "减少一半"

    path = _variant(FIXTURES / "mof_2021.docx", tmp_path / "sdt.docx", change)
    _, root = _saved(path, edit)
    tags = {tc.find(f"{x.w('sdt')}/{x.w('sdtPr')}/{x.w('tag')}").get(x.W_VAL): x.text_of(tc)
            for tc in root.iter(x.W_TC) if tc.find(x.w("sdt")) is not None}
    assert tags == {"value0": "≥120公里", "value1": "减少一半"}


def test_a_copied_forms_content_controls_have_no_ids_of_the_original(tmp_path):
    """A project copied: its form, a copy of the original's blocks, keeps the content controls
    but not their ids (the ids of a document's controls are unique)."""
    change = _controls('<w:id w:val="100{k}"/>')

    def edit(doc, places):  # (a copy keeping the original's uid: the document's own copies are told apart alike)
        copy = doc.projects[0].model_copy(deep=True)
        copy.name = f"{copy.name}（副本）"
        doc.projects.append(copy)

    path = _variant(FIXTURES / "mof_2021.docx", tmp_path / "sdt.docx", change)
    _, root = _saved(path, edit)
    ids = [el.get(x.W_VAL) for el in root.iter(x.w("id")) if el.getparent().tag == x.w("sdtPr")]
    assert sorted(ids) == ["1000", "1001"]
    assert len(list(root.iter(x.w("sdt")))) == 4


# --- bookmarks and comments ----------------------------------------------------------------------

def _marked(root, doc, places) -> None:
    """In each form: a bookmark and a comment on each indicator's 三级指标 cell, a bookmark from
    the form's first paragraph to its second indicator's row, and one from the paragraph before
    the form to its first indicator's row."""
    blocks = body_blocks(root)
    n = 0
    for j, p in enumerate(doc.projects):
        first = blocks[places.of(p).blocks[0]]
        for k, ind in enumerate(p.indicators):
            para = _cell(root, ind.level3).find(x.W_P)
            para.insert(1, _el(f'<w:bookmarkStart w:id="{100 + n}" w:name="ind{n}"/>'))
            para.insert(2, _el(f'<w:commentRangeStart w:id="{n}"/>'))
            para.extend([_el(f'<w:commentRangeEnd w:id="{n}"/>'), _el(f'<w:bookmarkEnd w:id="{100 + n}"/>'),
                         _el(f'<w:r><w:commentReference w:id="{n}"/></w:r>')])
            start = first.getprevious() if k == 0 else first
            if k in (0, 1) and start is not None:
                what = ("outer", "span")[k]
                holder = start if start.tag == x.W_P else next(start.iter(x.W_P))
                holder.append(_el(f'<w:bookmarkStart w:id="{500 + 2 * j + k}" w:name="{what}{j}"/>'))
                para.append(_el(f'<w:bookmarkEnd w:id="{500 + 2 * j + k}"/>'))
            n += 1


def _marks(root) -> tuple[Counter, Counter]:
    """(bookmark names, comment ids) each as often as the part has it whole; asserting that no
    bookmark or comment has one end only, and no bookmark ends before it starts."""
    starts = Counter(m.get(x.w("id")) for m in root.iter(x.w("bookmarkStart")))
    ends = Counter(m.get(x.w("id")) for m in root.iter(x.w("bookmarkEnd")))
    assert starts == ends and set(starts.values()) <= {1}
    order = [(m.tag, m.get(x.w("id"))) for m in root.iter(x.w("bookmarkStart"), x.w("bookmarkEnd"))]
    assert all(order.index((x.w("bookmarkStart"), i)) < order.index((x.w("bookmarkEnd"), i)) for i in starts)
    refs = Counter(m.get(x.w("id")) for m in root.iter(x.w("commentReference")))
    ranges = [Counter(m.get(x.w("id")) for m in root.iter(x.w(t))) for t in ("commentRangeStart", "commentRangeEnd")]
    assert ranges[0] == ranges[1] and set(refs.values()) <= {1} and set(ranges[0]) <= set(refs)
    return Counter(m.get(x.w("name")) for m in root.iter(x.w("bookmarkStart"))), refs


def _copy(doc, places) -> None:
    p = doc.projects[0]
    c = p.copy_fresh()
    places.note_copy(c, p)
    c.name, c.title = f"{p.name}二期", f"{p.title}（二期）"
    doc.projects.insert(1, c)


EDITS = {
    "value": lambda doc, _: setattr(doc.projects[0].indicators[1], "value", "≥99"),
    "value-of-a-marked-cell": lambda doc, _: setattr(doc.projects[0].indicators[1], "level3", "验收合格率（新）"),
    "row-added": lambda doc, places: _add_row(doc, places, 2, 3),
    "row-removed": lambda doc, _: doc.projects[0].indicators.pop(1),
    "rows-removed-in-each-form": lambda doc, _: [p.indicators.pop(0) for p in doc.projects],
    "row-moved": lambda doc, _: doc.projects[1].indicators.insert(0, doc.projects[1].indicators.pop(1)),
    "project-removed": lambda doc, _: doc.projects.pop(0),
    "project-moved": lambda doc, _: doc.projects.insert(0, doc.projects.pop(2)),
    "project-copied": _copy,
    "project-added": lambda doc, _: doc.projects.append(doc.projects[1].copy_fresh()),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_bookmarks_and_comments_stay_whole(edit, tmp_path):
    """Whatever the edit, every bookmark and comment left has both its ends (an orphan makes
    Word refuse the file), and those of the rows and forms that stay are kept, once."""
    doc, places = read_document(FIXTURES / "hebei_project.docx")
    count = sum(len(p.indicators) for p in doc.projects)
    path = _variant(FIXTURES / "hebei_project.docx", tmp_path / "marks.docx",
                    lambda root: _marked(root, doc, places), comments=count)
    names, _ = _marks(_root(path))
    assert len(names) == count + 2 * len(doc.projects)
    kept: dict = {}  # indicator (uid) → the number of its marks

    def marked_edit(doc, places):
        kept.update((i.uid, k) for k, i in enumerate(i for p in doc.projects for i in p.indicators))
        EDITS[edit](doc, places)

    doc, root = _saved(path, marked_edit)
    names, refs = _marks(root)
    stay = [kept[i.uid] for p in doc.projects for i in p.indicators if i.uid in kept]
    assert {f"ind{n}" for n in stay} <= set(names)
    assert {str(n) for n in stay} <= set(refs)
    with zipfile.ZipFile(path) as z:  # the comments part holds the comments anchored, no other
        held = etree.fromstring(z.read("word/comments.xml"))
        states = etree.fromstring(z.read("word/commentsExtended.xml"))
    assert {c.get(x.w("id")) for c in held} == set(refs)
    assert {s.get(f"{{{_W15}}}paraId") for s in states} == {c[0].get(f"{{{_W14}}}paraId") for c in held}


# --- nothing to write ----------------------------------------------------------------------------

def test_apply_with_only_fields_the_form_cannot_hold_leaves_the_file_as_it_was(tmp_path):
    """`perfeditor apply` whose JSON changes only what the form has no cell for (实施单位, 上级补助,
    an indicator's 中期指标值 and 说明 in a 河北 project form): stderr names them and the file is
    left byte for byte as it was, in place or written elsewhere (the form was rebuilt for the
    indicator fields, and the package written anew)."""
    from tests.test_cli_apply import _write, dump, run_cli

    path = tmp_path / "form.docx"
    path.write_bytes(original := (FIXTURES / "hebei_project.docx").read_bytes())
    data = dump(path)
    p = data["projects"][0]
    p["implementer"], p["budget"]["superior"] = "某实施单位", "10"
    p["indicators"][0]["value_midterm"], p["indicators"][0]["note"] = "≥5", "备注"
    edited = _write(tmp_path, data)
    for out in (tmp_path / "other.docx", path):
        got = run_cli("apply", path, edited, *(["-o", out] if out != path else []))
        assert got.returncode == 0
        assert len(got.stderr.decode("utf-8").strip().splitlines()) == 4
        assert out.read_bytes() == original


def test_a_rewritten_department_table_keeps_what_its_unchanged_rows_hold(tmp_path):
    """A task added above another in a department table (the table rewritten): the row of the
    task that did not change keeps its height and its bookmark (they went by position to the
    row standing at its place)."""
    def change(root):
        tr = _row(root, "道路路灯维护")
        tr.find(x.W_TRPR).append(_el('<w:trHeight w:val="800" w:hRule="exact"/>'))
        para = _cell(root, "道路路灯维护").find(x.W_P)
        para.insert(1, _el('<w:bookmarkStart w:id="7" w:name="task"/>'))
        para.append(_el('<w:bookmarkEnd w:id="7"/>'))

    def edit(doc, _places):
        tasks = doc.department.tasks
        tasks.insert(0, tasks[0].model_copy(update={"name": "新增任务"}))

    path = _variant(FIXTURES / "department_table.docx", tmp_path / "department.docx", change)
    _, root = _saved(path, edit)
    assert _pr(_row(root, "道路路灯维护"), "trHeight").get(x.W_VAL) == "800"
    assert _pr(_row(root, "新增任务"), "trHeight") is None or _pr(_row(root, "新增任务"), "trHeight").get(x.W_VAL) != "800"
    names, _ = _marks(root)
    assert names == {"task": 1}
    assert _cell(root, "道路路灯维护").find(f"{x.W_P}/{x.w('bookmarkStart')}") is not None


def test_a_table_of_several_forms_rebuilt_keeps_each_forms_own_marks(tmp_path):
    """Two forms in one table, a row added to the second (the table rebuilt): the bookmarks in
    each form's 项目名称 row and in an indicator row stay, once each (the second form's header
    rows stood for the first form's)."""
    names = ("城市排水设施维护", "市政道路养护", "疏通管网长度")

    def change(root):
        for k, text in enumerate(names):
            para = _cell(root, text).find(x.W_P)
            para.insert(1, _el(f'<w:bookmarkStart w:id="{k}" w:name="b{k}"/>'))
            para.append(_el(f'<w:bookmarkEnd w:id="{k}"/>'))

    path = _variant(FIXTURES / "multi_mof_2021.docx", tmp_path / "shared.docx", change)
    _, root = _saved(path, lambda doc, places: _add_row(doc, places, 1, 0))
    assert _marks(root)[0] == {"b0": 1, "b1": 1, "b2": 1}
    for k, text in enumerate(names):
        assert _cell(root, text).find(f"{x.W_P}/{x.w('bookmarkStart')}").get(x.w("name")) == f"b{k}"


@pytest.mark.parametrize("rebuilt", [False, True])
def test_a_changed_value_in_a_bound_content_control_is_not_taken_back_by_its_binding(rebuilt, tmp_path):
    """A content control bound to the file's custom XML (w:dataBinding): Word shows the bound
    value, not the text, so a value changed in it would come back as the old one on opening. The
    changed control keeps its properties without the binding (an unchanged one keeps it), patched
    or rebuilt."""
    change = _controls('<w:dataBinding w:xpath="/form/v{k}" w:storeItemID="{{00000000-0000-0000-0000-000000000001}}"/>')

    edit = _value_changed(rebuilt)

    path = _variant(FIXTURES / "mof_2021.docx", tmp_path / "bound.docx", change)
    _, root = _saved(path, edit)
    bound = {tc.find(f".//{x.w('tag')}").get(x.W_VAL): tc.find(f".//{x.w('dataBinding')}") is not None
             for tc in root.iter(x.W_TC) if tc.find(x.w("sdt")) is not None}
    assert bound == {"value0": True, "value1": False}


def test_a_bookmark_of_a_rows_columns_stays_with_the_row_as_a_bookmark_of_its_text(tmp_path):
    """A bookmark on table columns (w:colFirst / w:colLast, between a row's cells) stays with the
    rebuilt row, in its cells' text: the column range means nothing inside a paragraph."""
    def change(root):
        tr = _row(root, "疏通管网长度")
        tr.find(x.W_TRPR).addnext(_el('<w:bookmarkStart w:id="3" w:name="cols" w:colFirst="1" w:colLast="3"/>'))
        tr.append(_el('<w:bookmarkEnd w:id="3"/>'))

    path = _variant(FIXTURES / "mof_2021.docx", tmp_path / "cols.docx", change)
    _, root = _saved(path, _add_row)
    assert _marks(root)[0] == {"cols": 1}
    start = next(_row(root, "疏通管网长度").iter(x.w("bookmarkStart")))
    assert start.getparent().tag == x.W_P and start.get(x.w("colFirst")) is None


@pytest.mark.parametrize("rebuilt", [False, True])
def test_content_controls_inside_a_cells_paragraph_are_kept(rebuilt, tmp_path):
    """Content controls around a paragraph's runs (as Word inserts a plain-text control at the
    cursor), in two value cells; one value changed, patched or in a rebuilt table: both cells
    keep their control, in their paragraph, the changed one holding the new text."""
    change = _controls(inline=True)

    edit = _value_changed(rebuilt)

    path = _variant(FIXTURES / "mof_2021.docx", tmp_path / "inline.docx", change)
    _, root = _saved(path, edit)
    held = {sdt.find(f"{x.w('sdtPr')}/{x.w('tag')}").get(x.W_VAL): (sdt.getparent().tag, x.text_of(sdt))
            for sdt in root.iter(x.w("sdt"))}
    assert held == {"value0": (x.W_P, "≥120公里"), "value1": (x.W_P, "减少一半")}
