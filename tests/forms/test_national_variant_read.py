"""The national form's variant (2015 / 2021) is read from the form itself: a 2021 form whose clerk
has not filled a 成本 row yet, or one converted from a 河北 form, still reads as 2021 in every
format, and `perfeditor check` judges it by the 2021 rules."""
from __future__ import annotations

import importlib.util

import pytest

from perfeditor.authoring.new import FORM_KINDS, new_project
from perfeditor.cli import main
from perfeditor.forms.variants import project_system, read_system
from perfeditor.io import load_document, save_document
from perfeditor.model import Document, FormVariant, Indicator, Project
from perfeditor.rules import check_document, ruleset_for
from tests.conftest import OWN_FIXTURES

ROWS = [Indicator(level1="产出指标", level2="数量指标", level3="改造户数", value="≥120户"),
        Indicator(level1="效益指标", level2="社会效益指标", level3="居住条件改善", value="明显改善"),
        Indicator(level1="满意度指标", level2="服务对象满意度指标", level3="住户满意度", value="≥90%")]


def _markup():
    """The repository's own producer of the foreign formats (HTML saved as .xls / .doc)."""
    spec = importlib.util.spec_from_file_location(
        "make_markup", OWN_FIXTURES / "formats" / "make_markup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def form_2021_without_cost() -> Document:
    """The 2021 form (新建 → 财政部 2021) whose 成本指标 rows are not filled yet (none left)."""
    p = new_project(FORM_KINDS["mof-2021"], unit="101001某某局", name="老旧小区改造")
    p.indicators = [i.model_copy() for i in ROWS]
    p.indicators[0].basis = "改造计划"
    return Document(layout="mof-project", projects=[p])


def test_the_form_decides_before_its_rows():
    basis21 = {"col:basis": "指标值设定依据及数据来源"}
    assert read_system(basis21, ["level1", "basis"], ROWS) == "2021"
    assert read_system({"col:basis": "指标值\n设定依据"}, [], ROWS) == "2021"
    assert read_system({}, ["goals_midterm"], ROWS) == "2015"
    assert read_system({}, ["level1", "value_midterm", "value"], ROWS) == "2015"
    cost = [*ROWS, Indicator(level1="成本指标", level2="经济成本指标", level3="单价", value="≤3万元")]
    assert read_system({}, ["level1", "value", "note"], cost) == "2021"
    assert read_system({"col:basis": "指标值确定依据"}, ["basis"], ROWS) == "2015"  # the 河北 column
    assert read_system({}, ["budget.midterm_total"], cost) == "2015"  # the 2015 form, 成本 mis-filed
    under_output = [*ROWS, Indicator(level1="产出指标", level2="经济成本指标", level3="单价", value="≤3万元")]
    assert read_system({}, [], under_output) == "2021"  # a 2021 second level
    assert read_system({}, [], ROWS) == "2015"


def test_a_project_in_memory_keeps_its_own_variant():
    p = Project(variant=FormVariant(layout="mof-project", system="2015",
                                    labels={"col:basis": "指标值设定依据"}), indicators=list(ROWS))
    assert project_system(p) == "2015"
    p.variant.system = ""
    assert project_system(p) == "2021"
    hebei = Project(variant=FormVariant(layout="hebei-project", labels={"col:basis": "指标值设定依据"}),
                    indicators=list(ROWS))
    assert project_system(hebei) == "2015"  # a 河北 form's 设定依据 says nothing of the national form


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_2021_form_without_cost_rows_reads_as_2021(tmp_path, capsys, suffix):
    path = tmp_path / f"form{suffix}"
    save_document(form_2021_without_cost(), path, layout="mof-project")
    back = load_document(path)
    p = back.projects[0]
    assert not any(i.level1.startswith("成本") for i in p.indicators)
    assert p.variant.system == "2021" and "basis" in p.variant.indicator_columns
    assert ruleset_for(back) == "mof-2021"
    # the 2021 rules: 成本指标 is a first level the form lacks
    assert any(f.rule == "structure.level1" and "成本指标" in f.message for f in check_document(back))
    capsys.readouterr()
    main(["check", str(path)])
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("规则集 mof-2021")


@pytest.mark.parametrize("kind", ["utf8.xls", "word.doc"])
def test_a_2021_form_without_cost_rows_reads_as_2021_from_foreign_formats(tmp_path, kind):
    markup = _markup()
    source = tmp_path / ("form.xlsx" if kind.endswith(".xls") else "form.docx")
    save_document(form_2021_without_cost(), source, layout="mof-project")
    foreign = tmp_path / f"form.{kind}"
    if kind == "utf8.xls":
        foreign.write_text(markup.to_html(source, "utf-8"), encoding="utf-8")
    else:
        foreign.write_text(markup.to_word_html(source), encoding="utf-8")
    back = load_document(foreign)
    assert [p.variant.system for p in back.projects] == ["2021"]
    assert ruleset_for(back) == "mof-2021"


def test_the_2015_form_keeps_its_rules_with_a_basis_column(tmp_path):
    """A 2015 form keeps a filled basis column under the 河北 name, not the 2021 form's 设定依据."""
    doc = form_2021_without_cost()
    doc.projects[0] = new_project(FORM_KINDS["mof-2015"], name="老旧小区改造")
    doc.projects[0].indicators = [i.model_copy() for i in ROWS]
    doc.projects[0].indicators[0].basis = "改造计划"
    for suffix in (".docx", ".xlsx"):
        path = tmp_path / f"form{suffix}"
        save_document(doc, path, layout="mof-project")
        back = load_document(path)
        p = back.projects[0]
        assert p.indicators[0].basis == "改造计划" and p.variant.system == "2015", suffix
        assert "设定依据" not in p.variant.labels.get("col:basis", ""), suffix
        assert ruleset_for(back) == "mof-2015"

