"""The project's own format, ``.perf.json``: the contract's dump plus each form's variant.

Plain JSON (UTF-8) so that a clerk's work can always be read back, by this program or by hand.
"""
from __future__ import annotations

import json
from pathlib import Path

from perfeditor.errors import FormReadError
from perfeditor.model import Document, document_from_dump, dump_document

FORMAT_TAG = "perfeditor/1"


def native_dict(doc: Document) -> dict:
    data = dump_document(doc)
    data["format"] = FORMAT_TAG
    data["preamble"] = doc.preamble
    for out, project in zip(data["projects"], doc.projects, strict=False):
        out["variant"] = project.variant.model_dump()
    return data


def write_native(doc: Document, path: str | Path) -> None:
    from perfeditor.io.atomic import atomic_write_bytes

    raw = json.dumps(native_dict(doc), ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write_bytes(Path(path), raw)


def read_native(path: str | Path) -> Document:
    path = Path(path)
    if path.stat().st_size > 200 * 1024 * 1024:
        raise FormReadError("文件过大，超出可处理的范围。")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FormReadError("文件不是有效的 perfeditor 文件（.perf.json），可能已损坏。") from None
    if not isinstance(data, dict) or not isinstance(data.get("projects"), list):
        raise FormReadError("文件不是有效的 perfeditor 文件（.perf.json）：缺少项目列表。")
    doc = document_from_dump(data)
    doc.format = "json"
    return doc
