"""Every shared .xlsx fixture dumps equal to its expected dump."""
from __future__ import annotations

import pytest
from xlsx_helpers import comparable, expected

from perfeditor.io import load_document, read_document
from perfeditor.model import dump_document
from tests.conftest import OWN_FIXTURES, PUBLIC_FIXTURES, load_expected_dump

PUBLIC_XLSX = sorted(PUBLIC_FIXTURES.glob("*.xlsx"))


@pytest.mark.parametrize("path", PUBLIC_XLSX, ids=lambda p: p.name)
def test_shared_fixture_dumps_as_expected(path):
    want = load_expected_dump(path)
    got = dump_document(load_document(path))
    assert comparable(got, want) == expected(want)


def test_dingzhou_variant_and_source_refs():
    doc, places = read_document(PUBLIC_FIXTURES / "dingzhou_2020.xlsx")
    assert doc.format == "xlsx" and doc.layout == "hebei-project"
    assert doc.department is not None and places.department.sheet == "部门整体绩效目标"
    first, second = doc.projects[:2]
    assert places.of(first).sheet == "预算项目绩效目标"
    assert places.of(first).first_row == 1
    assert places.of(second).first_row > places.of(first).last_row
    assert places.of(first).digest == first.content_fingerprint()
    assert first.variant.indicator_columns == [
        "level1", "level2", "level3", "description", "value", "basis"]
    assert first.variant.labels["col:basis"] == "指标值确定依据"
    assert "2020" in doc.preamble or "部门整体绩效目标" in doc.preamble


def test_leting_labels_kept_as_printed():
    doc, places = read_document(PUBLIC_FIXTURES / "leting_2024.xlsx")
    p = doc.projects[0]
    assert p.variant.labels["budget.fiscal"] == "其中：财政    资金"
    assert p.budget.other == ""  # a cell holding a single space
    assert p.spending_plan == {"3月底": "25%", "6月底": "50%", "10月底": "100%", "12月底": "100%"}
    assert places.of(p).sheet == places.of(doc.projects[0]).sheet != places.of(doc.projects[1]).sheet
    assert all(i.level1 and i.level2 for q in doc.projects for i in q.indicators)


OWN_XLSX = sorted((OWN_FIXTURES / "xlsx").glob("*.xlsx"))


@pytest.mark.parametrize("path", OWN_XLSX, ids=lambda p: p.name)
def test_own_fixture_dumps_as_expected(path):
    """Fixtures made by LibreOffice from flat ODF (make_fixtures.py), expected dumps from the
    generator's source data."""
    want = load_expected_dump(path)
    got = dump_document(load_document(path))
    assert comparable(got, want) == expected(want)


def test_mof_variants_are_recognised():
    doc, places = read_document(OWN_FIXTURES / "xlsx" / "mof2015_national_stacked.xlsx")
    assert len(doc.projects) == 2  # the budget summary sheet is ignored
    p = doc.projects[0]
    assert p.variant.system == "2015" and p.variant.indicator_side_label
    assert p.variant.indicator_columns[:5] == ["level1", "level2", "level3", "value_midterm", "value"]
    assert {"kind", "period", "budget.midterm_total", "goals_midterm"} <= set(p.variant.rows)
    assert places.of(doc.projects[1]).first_row > places.of(p).last_row
    doc21 = load_document(OWN_FIXTURES / "xlsx" / "mof2021_per_sheet.xlsx")
    assert all(q.variant.system == "2021" for q in doc21.projects)
    assert doc21.projects[0].variant.labels["budget.superior"] == "其中: 上级补"
    assert doc21.projects[0].indicators[2].value == "2024年12月31日"  # a date cell
