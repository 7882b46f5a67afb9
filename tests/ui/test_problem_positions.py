"""The problems list names an indicator's field by its column's header in that form: 河北分级表's
first columns are 绩效指标分类 and 绩效指标 (the list said 一级指标, 三级指标, columns the clerk
cannot find in that table; found by the tour)."""
from __future__ import annotations

import pytest

from perfeditor.authoring import new_document


def _positions(window) -> list[str]:
    model = window.problems.model
    return [model.index(r, 2).data() for r in range(model.rowCount())]


@pytest.mark.parametrize(("kind", "level3"), [("hebei-graded", "绩效指标"), ("hebei-project", "三级指标"),
                                               ("mof-2021", "三级指标")])
def test_an_indicators_field_is_named_as_its_table_heads_it(make_window, kind, level3):
    doc = new_document(kind, name="某县住房和城乡建设局", code="333001", year=2026)
    window = make_window(doc)
    window.session.validate_all()
    positions = _positions(window)
    assert f"第 1 项指标，{level3}" in positions, positions
    if kind == "hebei-graded":
        assert not [p for p in positions if "三级指标" in p or "一级指标" in p]
