"""Builders for the rule tests: documents from the public fixtures' dumps, seed 001, small forms."""
from __future__ import annotations

import json
from pathlib import Path

from perfeditor.model import Budget, Document, FormVariant, Indicator, Project, document_from_dump
from tests.conftest import PUBLIC_FIXTURES

DATA = Path(__file__).resolve().parent / "data"
DUMPS = {
    "dingzhou": PUBLIC_FIXTURES / "dingzhou_2020.docx.dump.json",
    "leting": PUBLIC_FIXTURES / "leting_2024.xlsx.dump.json",
    "pingxiang": PUBLIC_FIXTURES / "pingxiang_2020_part.docx.dump.json",
    "qiannan": PUBLIC_FIXTURES / "qiannan_2022_part.docx.dump.json",
}


def load_dump(name: str) -> Document:
    path = DATA / "seed001.json" if name == "seed001" else DUMPS[name]
    return document_from_dump(json.loads(path.read_text(encoding="utf-8")))


def good_indicators() -> list[Indicator]:
    return [
        Indicator(level1="产出指标", level2="数量指标", level3="改造户数", value="≥300户"),
        Indicator(level1="产出指标", level2="质量指标", level3="验收合格率", value="≥98%"),
        Indicator(level1="产出指标", level2="时效指标", level3="完成时限", value="2024年12月底前"),
        Indicator(level1="效益指标", level2="社会效益指标", level3="居住条件改善", value="有所提高"),
        Indicator(level1="满意度指标", level2="服务对象满意度指标", level3="群众满意度", value="≥90%"),
    ]


def make_project(**kw) -> Project:
    """A correct hebei-project form; keyword arguments replace parts of it."""
    base = dict(
        title="1、示范项目绩效目标表", name="示范项目", code="333-0101-ABC-0001", unit="333002示范局",
        budget=Budget(total="100.00", fiscal="100.00", other=""),
        purpose="示范用途",
        spending_plan={"3月底": "25.00", "6月底": "50.00", "10月底": "75.00", "12月底": "100.00"},
        goals="1、完成改造300户\n2、提高居住质量",
        indicators=good_indicators(),
        variant=FormVariant(layout=kw.pop("layout", "hebei-project")),
    )
    base.update(kw)
    return Project(**base)


def make_doc(*projects: Project, layout: str = "hebei-project", preamble: str = "2024年部门预算") -> Document:
    return Document(layout=layout, projects=list(projects) or [make_project()], preamble=preamble)


def ids(findings) -> list[str]:
    return [f.rule for f in findings]


