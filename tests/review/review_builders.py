"""A folder of forms as a finance bureau receives it: good forms in sub-folders, a form with real
errors, a damaged file, a Word file that holds no form, and files that are no forms at all."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = ROOT / "tests" / "fixtures" / "public"
SEED001 = ROOT / "tests" / "rules" / "data" / "seed001.json"

#: name in the report → (department, ruleset, projects, unreadable reason or "")
#: The summary sheet, in the report's order (file names in order of their path parts).
EXPECTED_SUMMARY = [
    ("北戴河区/seed001.perf.json", "秦皇岛市北戴河区住房和城乡建设局", "hebei", 14),
    ("平乡县/pingxiang_2020_part.docx", None, "hebei", 3),
    ("损坏的表.xlsx", None, None, None),
    ("通知.docx", None, None, None),
    ("黔南州/qiannan_2022_part.docx", "黔南州住房和城乡建设局", "mof-2015", 2),
]
UNREADABLE = {"损坏的表.xlsx": "已损坏", "通知.docx": "文件中没有找到预算绩效目标表。"}


def make_batch_folder(base: Path) -> Path:
    from docx import Document as WordDocument

    from perfeditor.io.native import write_native
    from perfeditor.model import document_from_dump

    folder = base / "收到的表"
    for sub in ("平乡县", "黔南州", "北戴河区", ".隐藏"):
        (folder / sub).mkdir(parents=True)
    shutil.copy(PUBLIC / "pingxiang_2020_part.docx", folder / "平乡县")
    shutil.copy(PUBLIC / "qiannan_2022_part.docx", folder / "黔南州")
    shutil.copy(PUBLIC / "qiannan_2022_part.docx", folder / ".隐藏")            # hidden: not looked at
    doc = document_from_dump(json.loads(SEED001.read_text(encoding="utf-8")))
    write_native(doc, folder / "北戴河区" / "seed001.perf.json")
    (folder / "损坏的表.xlsx").write_bytes(b"PK\x03\x04 truncated")              # damaged
    letter = WordDocument()
    letter.add_paragraph("关于报送2024年预算绩效目标的通知")
    letter.save(folder / "通知.docx")                                            # a Word file, no form
    (folder / "说明.txt").write_text("请于月底前报送。", encoding="utf-8")       # not a form kind
    (folder / "~$通知.docx").write_bytes(b"lock")                                 # Word's lock file
    return folder


def child_processes() -> list[int]:
    """Live child processes of this one but multiprocessing's resource tracker (one helper kept for
    the whole program's life, no worker)."""
    import os
    from multiprocessing import resource_tracker

    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    me = os.getpid()
    kids = []
    for task in os.listdir(f"/proc/{me}/task"):
        with open(f"/proc/{me}/task/{task}/children") as fh:
            kids += [int(pid) for pid in fh.read().split()]
    alive = []
    for pid in kids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[-1].split()[0] != "Z" and pid != tracker:
                    alive.append(pid)
        except OSError:  # gone meanwhile
            pass
    return alive
