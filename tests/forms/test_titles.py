"""Form titles: numbered files stay numbered 1, 2, 3 … after projects are added, copied, removed
or moved; a copy takes its own name into its title; files without numbers are left alone."""
from __future__ import annotations

from perfeditor.forms.titles import chinese_numeral, next_item_title, renumber, renumber_items, split_ordinal
from perfeditor.model import Document, Project

#: The uids of the projects "read from a file" (a source map's projects).
READ: set[int] = set()


def _read(*titles, names=None):
    names = names or [t.split("、")[-1].replace("绩效目标表", "") for t in titles]
    got = [Project(title=t, name=n) for t, n in zip(titles, names, strict=True)]
    READ.update(p.uid for p in got)
    return got


def test_split_ordinal_reads_the_usual_styles():
    assert split_ordinal("2、城建管理经费绩效目标表") == (2, "{n}、", "城建管理经费绩效目标表")
    assert split_ordinal("12.城区消防栓维护费绩效目标表") == (12, "{n}.", "城区消防栓维护费绩效目标表")
    assert split_ordinal("（3）某项目绩效目标表") == (3, "（{n}）", "某项目绩效目标表")
    assert split_ordinal("2020年老旧小区改造绩效目标表")[0] is None  # a year, not a number
    assert split_ordinal("项目支出绩效目标表") == (None, "", "项目支出绩效目标表")


def test_unchanged_numbered_file_keeps_every_title():
    doc = Document(projects=_read("1、甲绩效目标表", "2、乙绩效目标表"))
    assert renumber(doc, READ) == {}


def test_a_copy_gets_the_next_number_and_its_own_name_and_later_ones_follow():
    a, b, c = _read("1、甲绩效目标表", "2、城建管理经费绩效目标表", "3、丙绩效目标表")
    copy = Project(title=b.title, name="城建管理经费（副本）")
    new = Project(title="新项目绩效目标表", name="新项目")
    doc = Document(projects=[a, b, copy, new, c])
    titles = renumber(doc, READ)
    assert [titles.get(k, p.title) for k, p in enumerate(doc.projects)] == [
        "1、甲绩效目标表", "2、城建管理经费绩效目标表", "3、城建管理经费（副本）绩效目标表",
        "4、新项目绩效目标表", "5、丙绩效目标表"]
    assert doc.projects[2].title == b.title  # renumber only says what to change


def test_removed_and_moved_projects_close_the_numbering():
    a, b, c = _read("1、甲绩效目标表", "2、乙绩效目标表", "3、丙绩效目标表")
    doc = Document(projects=[c, a])
    titles = renumber(doc, READ)
    assert [titles.get(k, p.title) for k, p in enumerate(doc.projects)] == ["1、丙绩效目标表", "2、甲绩效目标表"]


def test_a_file_without_numbers_gets_none():
    a, b = _read("项目支出绩效目标表", "项目支出绩效目标表", names=["甲", "乙"])
    doc = Document(projects=[a, Project(title="项目支出绩效目标表", name="丙"), b])
    assert renumber(doc, READ) == {}


def test_an_excerpt_keeps_counting_from_its_first_number():
    a, b, c = _read("4、甲绩效目标表", "5、乙绩效目标表", "6、丙绩效目标表")
    assert renumber(Document(projects=[a, b, c]), READ) == {}
    doc = Document(projects=[a, c])
    assert [renumber(doc, READ).get(k, p.title) for k, p in enumerate(doc.projects)] == ["4、甲绩效目标表", "5、丙绩效目标表"]


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in (1, 7, 10, 11, 19, 20, 23, 99)] == \
        ["一", "七", "十", "十一", "十九", "二十", "二十三", "九十九"]


def test_department_items_numbered_count_in_order():
    titles = ["一、推进城乡建设", "三、安全生产", "二、工程质量", "四、建筑节能"]
    assert renumber_items(titles) == {1: "二、安全生产", 2: "三、工程质量"}
    # an untitled item after a titled one would be saved as part of it: it takes its ordinal
    titles = ["一、推进城乡建设", "三、安全生产", "二、工程质量", "", "四、建筑节能"]
    assert renumber_items(titles) == {1: "二、安全生产", 2: "三、工程质量", 3: "四、", 4: "五、建筑节能"}
    assert renumber_items(["", "一、甲"]) == {}  # an untitled first item (the lead text) stays
    assert renumber_items(["一、甲", "二、乙"]) == {}
    assert renumber_items(["甲", "一、乙"]) == {}  # not all numbered: titles are the clerk's own
    assert next_item_title(["一、甲", "二、乙"], 1) == "二、"
    assert next_item_title(["甲", "乙"], 1) == ""
    many = [f"{chinese_numeral(n)}．项" for n in range(12, 0, -1)]
    assert renumber_items(many)[0] == "一．项" and renumber_items(many)[11] == "十二．项"


def test_a_copy_of_a_copy_takes_its_own_name_into_its_title():
    """The window's 复制项目 twice: the first copy's title already names it (renumbered when it was
    added), the second still has that title; it took its own name only from a project read from the
    file, so two forms came out titled 城建管理经费（副本）, and a graded form, whose title carries
    the name, was written with another title than the document held."""
    a, b = _read("1、甲绩效目标表", "2、城建管理经费绩效目标表")
    first = Project(title="3、城建管理经费（副本）绩效目标表", name="城建管理经费（副本）")
    second = Project(title=first.title, name="城建管理经费（副本）（副本）")
    doc = Document(projects=[a, b, first, second])
    titles = renumber(doc, READ)
    assert [titles.get(k, p.title) for k, p in enumerate(doc.projects)] == [
        "1、甲绩效目标表", "2、城建管理经费绩效目标表", "3、城建管理经费（副本）绩效目标表",
        "4、城建管理经费（副本）（副本）绩效目标表"]


def test_forms_left_after_every_form_read_was_removed_still_count_from_the_first_number():
    """Every form of a numbered file removed, a copy of the second left: it was left numbered 2
    (only forms read from the file said how the file numbers), and once saved and so read, the
    next save numbered it 1: saving twice changed the file."""
    a, b = _read("1、甲绩效目标表", "2、乙绩效目标表")
    copy = Project(title="3、乙（副本）绩效目标表", name="乙（副本）")
    doc = Document(projects=[copy], first_number=1)
    assert renumber(doc, READ) == {0: "1、乙（副本）绩效目标表"}
    unnumbered = Document(projects=[Project(title="乙（副本）绩效目标表", name="乙（副本）")], first_number=1)
    assert renumber(unnumbered, READ) == {}


def test_department_items_numbered_with_digits_or_brackets_count_in_order():
    """Items numbered 1. / 1、 / （一） (the reader takes them): a new item took no number, and read
    back as part of the item above it."""
    assert next_item_title(["1.住房保障股", "2.城建股"], 2) == "3."
    assert next_item_title(["1、住房保障股", "2、城建股"], 1) == "2、"
    assert next_item_title(["（一）住房保障", "（二）城建"], 2) == "（三）"
    assert renumber_items(["1.住房保障股", "3.城建股", "2.质监站"]) == {1: "2.城建股", 2: "3.质监站"}
    assert renumber_items(["（一）甲", "（三）乙"]) == {1: "（二）乙"}
    assert renumber_items(["1.甲", "二、乙"]) == {}  # two kinds of number: the clerk's own titles
    assert next_item_title(["1.甲", "二、乙"], 2) == ""
    assert next_item_title(["2024年工作", "甲"], 1) == ""  # (a year is no ordinal)
