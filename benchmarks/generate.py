"""A large, realistic document for the benchmarks: 200 projects, about 3,000 indicator rows.

    .venv/bin/python benchmarks/generate.py OUT_DIR [--projects 200]

writes ``large.docx`` and ``large.xlsx`` (hebei-project layout) into OUT_DIR through
perfeditor's own writers; other benchmarks import :func:`make_document` / :func:`large_files`.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from perfeditor.model import (  # noqa: E402
    Budget,
    Department,
    DepartmentItem,
    Document,
    FormVariant,
    Indicator,
    Project,
)

_LEVELS = [
    ("产出指标", "数量指标", ["完成项目数量", "改造面积", "检测设备台数", "培训人次", "巡查次数"],
     ["≥{n}个", "{n}万平方米", "≥{n}台", "≥{n}人次", "每周≥{k}次"]),
    ("产出指标", "质量指标", ["工程验收合格率", "资金拨付准确率", "设备完好率"],
     ["≥98%", "100%", "≥95%"]),
    ("产出指标", "时效指标", ["完成时限", "资金拨付及时率"], ["{year}年12月底前", "100%"]),
    ("产出指标", "成本指标", ["项目成本控制"], ["≤{cost}万元"]),
    ("效益指标", "社会效益指标", ["居住环境改善情况", "群众安全感"], ["有所提高", "显著提升"]),
    ("效益指标", "可持续影响指标", ["长效管理机制"], ["持续发挥作用"]),
    ("满意度指标", "服务对象满意度指标", ["群众满意度", "服务对象满意度"], ["≥90%", "≥95%"]),
]


def make_project(i: int, rng: random.Random, year: int = 2024) -> Project:
    total = rng.randint(5, 900) + rng.choice([0, 0.5, 0.38])
    fiscal = total
    name = f"城乡建设重点项目{i:03d}号工程专项经费"
    indicators: list[Indicator] = []
    for level1, level2, names, values in _LEVELS:
        for name3, value in zip(names, values, strict=False):
            indicators.append(Indicator(
                level1=level1, level2=level2, level3=name3,
                description=f"{name3}（按年初工作计划安排统计，含第{i}批次）",
                value=value.format(n=rng.randint(2, 500), k=rng.randint(1, 7), year=year,
                                   cost=f"{total:.2f}"),
                basis="根据年初工作计划安排",
            ))
    return Project(
        title=f"{i}、{name}绩效目标表", name=name, code=f"13022524P0040441{i:04d}N",
        unit="333001某县住房和城乡建设局本级",
        budget=Budget(total=f"{total:.2f}", fiscal=f"{fiscal:.2f}"),
        purpose=f"用于支付{name}的工程款及相关费用",
        spending_plan={"3月底": "25%", "6月底": "50%", "10月底": "80%", "12月底": "100%"},
        goals=f"1.按期完成{name}建设任务\n2.确保资金使用规范、安全、有效",
        indicators=indicators,
        variant=FormVariant(layout="hebei-project"),
    )


def make_document(n_projects: int = 200, seed: int = 0, year: int = 2024) -> Document:
    """A hebei-project document with a department part and ``n_projects`` projects (15 rows each)."""
    rng = random.Random(seed)
    dep = Department(
        overall=f"{year}年，我局紧紧围绕县委县政府的工作部署，全力推进城乡建设各项工作。",
        items=[DepartmentItem(title=f"（{k}）重点工作{k}", goal=f"完成重点工作{k}的年度任务。",
                              indicator="根据年初工作计划安排。") for k in range(1, 6)],
        measures="一是加强组织领导；二是强化资金监管；三是严格绩效考核。",
    )
    return Document(layout="hebei-project", department=dep,
                    projects=[make_project(i, rng, year) for i in range(1, n_projects + 1)],
                    preamble=f"{year}年部门预算信息公开")


def large_files(out_dir: Path, n_projects: int = 200) -> tuple[Path, Path]:
    """Write (or reuse) ``large.docx`` and ``large.xlsx`` in ``out_dir``; return their paths."""
    from perfeditor.io import save_document

    out_dir.mkdir(parents=True, exist_ok=True)
    docx_path, xlsx_path = out_dir / f"large{n_projects}.docx", out_dir / f"large{n_projects}.xlsx"
    doc = make_document(n_projects)
    if not docx_path.exists():
        save_document(doc, docx_path)
    if not xlsx_path.exists():
        save_document(doc, xlsx_path)
    return docx_path, xlsx_path


def bench_arguments() -> argparse.Namespace:
    """``--projects``, ``--runs``, ``--dir``: what the import benchmarks take."""
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "perfeditor-bench")
    return parser.parse_args()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--projects", type=int, default=200)
    args = parser.parse_args()
    for path in large_files(args.out_dir, args.projects):
        print(path)


if __name__ == "__main__":
    main()
