"""Any text a clerk types comes back from a written workbook as typed (outer spaces aside)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsx_helpers import comparable

from perfeditor.io import load_document
from perfeditor.io.xlsx.writer import write_xlsx
from perfeditor.model import Budget, Document, Indicator, Project, dump_document

# Text that cannot be mistaken for a form label: label words are made of these characters only
# in fixed combinations, so draw from digits, signs, latin letters and a few other CJK words.
_ATOMS = st.sampled_from(["完成", "改造", "户", "≥", "≤", "%", "=", "+", "-", "@", "1", "0", ".",
                          "98", "万元", "\n", " ", "HYPERLINK(\"x\")", "年底前", "a", "Z", "、"])
TEXT = st.lists(_ATOMS, max_size=8).map("".join)
AMOUNT = st.one_of(TEXT, st.from_regex(r"\A(0|[1-9]\d{0,5})(\.\d{1,3})?\Z"),
                   st.from_regex(r"\A(0|[1-9]\d{0,2})(\.\d{1,2})?%\Z"))


@st.composite
def projects(draw):
    inds = [Indicator(level1=draw(st.sampled_from(["产出指标", "效益指标", "满意度指标"])),
                      level2=draw(st.sampled_from(["数量指标", "质量指标"])),
                      level3="指标" + draw(TEXT), description=draw(TEXT), value=draw(TEXT),
                      basis=draw(TEXT)) for _ in range(draw(st.integers(1, 4)))]
    return Project(title="1、测试绩效目标表", name="测试" + draw(TEXT), code=draw(TEXT),
                   unit="单位" + draw(TEXT),
                   budget=Budget(total=draw(AMOUNT), fiscal=draw(AMOUNT), other=draw(AMOUNT)),
                   purpose="用于" + draw(TEXT), goals="目标" + draw(TEXT),
                   spending_plan={"3月底": draw(AMOUNT), "6月底": draw(AMOUNT), "10月底": "",
                                  "12月底": draw(AMOUNT)},
                   indicators=inds)


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_any_typed_text_round_trips(project):
    doc = Document(projects=[project])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "h.xlsx"
        write_xlsx(doc, out)
        again = load_document(out)
    assert comparable(dump_document(again)) == comparable(dump_document(doc))
