"""One recogniser for every format: the same indicator header read from a .docx table's grid and
from an .xlsx sheet's grid (forms.recognize over forms.grid)."""
from __future__ import annotations

from perfeditor.forms.recognize import detect_header, indicator_of
from perfeditor.io.docx.grid import grid_from_rows, joined_lines
from perfeditor.io.xlsx.grid import Grid as SheetGrid

# 绩效指标 (side) | 一级指标 | 二级指标 | 三级指标 | 指标值 over 中期 · 年度
_HEADER = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", ""]
_SUB = ["", "", "", "", "中期", "年度"]
_ROW = ["", "产出指标", "数量指标", "培训人数", "100人", "50人"]


def _docx_grid():
    def row(texts, spans=None, vmerge=None):
        cells, col = [], 0
        while col < len(texts):
            span = (spans or {}).get(col, 1)
            cells.append((span, (vmerge or {}).get(col), None, texts[col]))
            col += span
        return (0, False, cells, None)
    rows = [row(_HEADER, spans={4: 2}, vmerge={c: "restart" for c in range(4)}),
            row(_SUB, vmerge={c: "continue" for c in range(4)}),
            row(_ROW)]
    return grid_from_rows(rows, joined_lines)


def _sheet_grid():
    text = {}
    for r, texts in enumerate((_HEADER, _SUB, _ROW), 1):
        for c, t in enumerate(texts, 1):
            if t:
                text[(r, c)] = t
    merges = [(1, c, 2, c) for c in range(1, 5)] + [(1, 5, 1, 6)]
    return SheetGrid.from_parts("表", text, merges)


def test_the_same_header_is_read_from_a_table_and_a_sheet():
    d = detect_header(_docx_grid(), 0)
    x = detect_header(_sheet_grid(), 1)
    assert d is not None and x is not None
    assert d.columns == x.columns == ["level1", "level2", "level3", "value_midterm", "value"]
    assert d.side and x.side
    assert (d.end - d.row, x.end - x.row) == (2, 2)  # the 中期 · 年度 row belongs to the header
    assert d.labels == x.labels
    assert x.labels["col:value_group"] == "指标值" and x.labels["side"] == "绩效指标"


def test_a_graded_row_has_every_grade():
    ind = indicator_of({"level3": "完工率", "grade:优": "≥90%"}, graded=True)
    assert ind.grades == {"优": "≥90%", "良": "", "中": "", "差": ""}


# 一级 · 二级 · 指标值确定依据 merged down over two rows; a third row holding only its 一级 category
_IND_HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]
_IND_ROWS = [["产出指标", "数量指标", "培训人数", "100人", "依据A"],
             ["", "", "合格率", "95%", ""],
             ["效益指标", "", "", "", ""]]
_MERGED = (0, 1, 4)  # the columns merged over the first two indicator rows


def _indicator_tables():
    def row(texts, vmerge):
        return (0, False, [(1, vmerge.get(c), None, t) for c, t in enumerate(texts)], None)
    rows = [row(_IND_HEADER, {}), row(_IND_ROWS[0], dict.fromkeys(_MERGED, "restart")),
            row(_IND_ROWS[1], dict.fromkeys(_MERGED, "continue")), row(_IND_ROWS[2], {})]
    text = {(r, c): t for r, texts in enumerate([_IND_HEADER, *_IND_ROWS], 1)
            for c, t in enumerate(texts, 1) if t}
    sheet = SheetGrid.from_parts("表", text, [(2, c + 1, 3, c + 1) for c in _MERGED])
    return grid_from_rows(rows, joined_lines), sheet


def test_one_indicator_row_rule_for_a_table_and_a_sheet():
    """A cell merged down gives its text to 一级/二级 of every row it spans but to no other field
    (it is its first row's); a row holding only its own 一级 category is an indicator. The same
    in a .docx table and an .xlsx sheet."""
    from perfeditor.forms.recognize import read_indicators

    table, sheet = _indicator_tables()
    from_table, _ = read_indicators(table, 1, detect_header(table, 0))
    rows: list[int] = []
    from_sheet, _ = read_indicators(sheet, 2, detect_header(sheet, 1), rows=rows)
    def fields(inds):
        return [(i.level1, i.level2, i.level3, i.value, i.basis) for i in inds]

    assert rows == [2, 3, 4]
    assert fields(from_table) == fields(from_sheet) == [
        ("产出指标", "数量指标", "培训人数", "100人", "依据A"),
        ("产出指标", "数量指标", "合格率", "95%", ""),
        ("效益指标", "", "", "", "")]


def _block(rows: list):
    """The same rows as a .docx table and as an .xlsx sheet: a list of five texts, or one text
    across the five columns."""
    def cells(row):
        return [(5, None, None, row)] if isinstance(row, str) else [(1, None, None, t) for t in row]
    table = grid_from_rows([(0, False, cells(row), None) for row in rows], joined_lines)
    text, merges = {}, []
    for r, row in enumerate(rows, 1):
        if isinstance(row, str):
            text[(r, 1)] = row
            merges.append((r, 1, r, 5))
        else:
            text.update(((r, c), t) for c, t in enumerate(row, 1) if t)
    return table, SheetGrid.from_parts("表", text, merges)


def test_one_block_end_for_a_table_and_a_sheet():
    """An empty row with indicator rows after it is an (empty) indicator: a row the clerk inserted
    and has not filled in yet; a note across the block and a repeated header are passed over; the
    block ends at an empty row that no indicator row follows. The same in a .docx table and an
    .xlsx sheet (a sheet used to end the block at any empty row, dropping the rows a clerk filled
    under it)."""
    from perfeditor.forms.recognize import read_indicators

    row = ["产出指标", "数量指标", "", "1", "计划"]
    table, sheet = _block([_IND_HEADER, row[:2] + ["a", *row[3:]], [""] * 5, ["", "", "b", "2", ""],
                           "注：以上为年度指标", ["", "", "c", "3", ""], _IND_HEADER, ["", "", "d", "4", ""],
                           [""] * 5, "六、其他说明", ["", "", "e", "5", ""]])
    got_table, end_table = read_indicators(table, 1, detect_header(table, 0))
    got_sheet, end_sheet = read_indicators(sheet, 2, detect_header(sheet, 1))
    assert [i.level3 for i in got_table] == [i.level3 for i in got_sheet] == ["a", "", "b", "c", "d"]
    assert all(i.level1 == "产出指标" for i in got_sheet)
    assert (end_table, end_sheet) == (8, 9)  # the empty row before 六、其他说明


def test_every_label_holds_its_kinds_character():
    """The block end classifies a cell's text by a character every label of its kind holds
    (recognize.KIND_CHARS) before normalising it: a label added without one would be missed."""
    from perfeditor.forms import vocabulary as V
    from perfeditor.forms.recognize import KIND_CHARS

    block, title, mark = KIND_CHARS
    heads = [k for d in (V.HEADER_LABELS, V._HEADER_CUTS) for k, v in d.items()
             if v.kind == "value" and v.field in ("code", "name", "unit", "goals")]
    marks = [k for d in (V.INDICATOR_LABELS, V._INDICATOR_CUTS) for k, v in d.items() if v in ("level1", "level3")]
    assert heads and all(any(ch in k for ch in block) for k in heads)
    assert marks and all(any(ch in k for ch in mark) for k in [*marks, *V.SIDE_LABELS])
    assert all(any(ch in w for ch in title) for w in V._TITLE_WORDS)
    assert all(any(ch in w for ch in block) for w in ("单位：万元", "金额单位：元"))  # unit lines
