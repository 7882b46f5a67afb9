"""A form's title carries a TC field (its line in Word's 目录): a title rewritten in place —
renumbered, or its form rebuilt — keeps it, saying the new title, and a new form (a copy) gets
one like the other forms' (issue 10: they were dropped, so 目录 missed those forms)."""
from __future__ import annotations

import re
import shutil
import zipfile

from lxml import etree

from perfeditor import editing
from perfeditor.io import plan_save, read_document
from perfeditor.io.docx import writer_xml as x
from perfeditor.io.docx.writer_patch import set_paragraph_text
from perfeditor.model import Project
from tests.conftest import PUBLIC_FIXTURES


def _entries(path) -> list[str]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return re.findall(r'<w:instrText[^>]*> TC "([^"]*)" \\f C', xml)


def _title_paragraphs(path, titles: list[str]) -> list:
    from perfeditor.io.docx.blocks import body_blocks
    from perfeditor.io.docx.reader import parse_document_xml

    by_text = {x.text_of(el): el for el in body_blocks(parse_document_xml(path)) if el.tag == x.W_P}
    return [by_text[t] for t in titles]


def test_rewritten_and_new_titles_keep_their_toc_entries(tmp_path):
    path = tmp_path / "dingzhou.docx"
    shutil.copy(PUBLIC_FIXTURES / "dingzhou_2020.docx", path)
    doc, places = read_document(path)
    assert _entries(path) == [p.title for p in doc.projects]
    first = doc.projects[0]
    row = first.indicators[0].copy_fresh()
    row.level3 = "新增指标甲"
    first.indicators.insert(1, row)  # project 1 rebuilt
    origin = doc.projects[20]
    copy = Project.model_validate(origin.model_dump(exclude={"uid"}))
    copy.name += "（副本）"
    editing.insert_project(doc, 20, copy)  # the copy is 21, its original renumbered 22
    places.note_copy(copy, origin)
    plan = plan_save(doc, path, source_map=places)
    assert plan.losses == []
    plan.write()
    again, _ = read_document(path)
    titles = [p.title for p in again.projects]
    assert titles[20:] == ["21、劳务基地人员经费（副本）绩效目标表", "22、劳务基地人员经费绩效目标表"]
    assert _entries(path) == titles
    # the copy's title looks like the others (it was built from the emptied blocks of form 1)
    one, new = _title_paragraphs(path, [titles[0], titles[20]])
    ppr = lambda el: [ch.tag for ch in el.find(x.W_PPR) if ch.tag != x.w("pageBreakBefore")]  # noqa: E731
    assert ppr(new) == ppr(one) and new.find(f"{x.W_R}/{x.W_RPR}") is not None


def _p(body: str):
    return etree.fromstring(f'<w:p xmlns:w="{x.W_NS}">{body}</w:p>')


def test_a_renumbered_title_keeps_its_fields_with_the_new_text():
    complex_ = _p('<w:r><w:t>3、旧标题</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                  '<w:r><w:instrText xml:space="preserve"> TC "3、旧</w:instrText></w:r>'
                  '<w:r><w:instrText>标题" \\f C \\l 1 </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    set_paragraph_text(complex_, "4、新标题")
    assert x.text_of(complex_) == "4、新标题"
    assert "".join(t.text or "" for t in complex_.iter(x.w("instrText"))) == ' TC "4、新标题" \\f C \\l 1 '
    simple = _p('<w:r><w:t>3、旧标题</w:t></w:r><w:fldSimple w:instr=\' TC "3、旧标题" \\l 1\'/>'
                '<w:fldSimple w:instr=\' TC "另一条目" \\l 2\'/>')
    set_paragraph_text(simple, "4、新标题")
    assert x.text_of(simple) == "4、新标题"
    assert [f.get(x.w("instr")) for f in simple.iter(x.w("fldSimple"))] == \
        [' TC "4、新标题" \\l 1', ' TC "另一条目" \\l 2']  # (an entry not saying the title: as it was)


def _restyled_title(src, dst, title: str) -> None:
    """``src`` copied to ``dst`` with the title paragraph ``title`` in 楷体, set left, and its TC
    entry at level 2 (the other titles: 黑体, centred, level 1)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                at = xml.index(f'TC "{title}"')
                start, end = xml.rindex("<w:p>", 0, at), xml.index("</w:p>", at)
                para = xml[start:end].replace('w:val="center"', 'w:val="left"').replace("黑体", "楷体")
                para = para.replace("\\l 1", "\\l 2")
                data = (xml[:start] + para + xml[end:]).encode("utf-8")
            zout.writestr(item, data)


def test_a_copys_title_follows_the_title_it_was_copied_from(tmp_path):
    """A copy added as a new form: its title has the field (TC … \\l 2) and the look (楷体, set
    left) of its original's title, not those of the first form's (issue 10)."""
    path = tmp_path / "dingzhou.docx"
    _restyled_title(PUBLIC_FIXTURES / "dingzhou_2020.docx", path, "21、劳务基地人员经费绩效目标表")
    doc, places = read_document(path)
    origin = doc.projects[20]
    copy = Project.model_validate(origin.model_dump(exclude={"uid"}))
    copy.name += "（副本）"
    editing.insert_project(doc, 21, copy)  # the copy is 22, after its original
    places.note_copy(copy, origin)
    plan_save(doc, path, source_map=places).write()
    again, _ = read_document(path)
    titles = [p.title for p in again.projects]
    assert titles[20:] == ["21、劳务基地人员经费绩效目标表", "22、劳务基地人员经费（副本）绩效目标表"]
    first, own, new = _title_paragraphs(path, [titles[0], titles[20], titles[21]])
    instr = lambda el: "".join(t.text or "" for t in el.iter(x.w("instrText")))  # noqa: E731
    assert instr(new) == ' TC "22、劳务基地人员经费（副本）绩效目标表" \\f C \\l 2 '
    assert instr(first).endswith("\\f C \\l 1 ")
    look = lambda el: (el.find(f"{x.W_PPR}/{x.w('jc')}").get(x.W_VAL),  # noqa: E731
                       el.find(f"{x.W_R}/{x.W_RPR}/{x.w('rFonts')}").get(x.w("eastAsia")))
    assert look(new) == look(own) == ("left", "楷体")
    assert look(first) == ("center", "黑体")
