"""External references dropped from every .docx/.xlsx the program writes. No Qt.

A file saved over or converted from the sender's keeps the sender's parts; some make Word or Excel
fetch something when the clerk opens it (attached templates, altChunks, linked pictures, links to
other workbooks, data connections). :func:`strip_file` removes them with what points at them
(formulas into another workbook keep their last value). Hyperlinks stay: fetched only when clicked.
"""
from __future__ import annotations

import logging
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

log = logging.getLogger(__name__)

_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
#: relationship types (their last segment) that are dropped wherever they point
_ALWAYS = {"attachedTemplate", "aFChunk", "externalLink", "connections", "queryTable", "subDocument",
           "frame", "externalLinkPath", "xlExternalLinkPath"}
#: relationship types kept although external (fetched only when the clerk clicks)
_KEEP_EXTERNAL = {"hyperlink"}
#: elements referring to a dropped relationship that are removed with it (others lose the attribute)
_WHOLE = {"altChunk", "attachedTemplate", "externalReference", "subDoc", "frame"}
_EXTERNAL_FORMULA = re.compile(r"\[\d+\]")

REPORT = ("已删除文件中的外部引用（附加模板、外部内容、链接的图片、外部工作簿链接或数据连接），"
          "以免打开时访问其他文件或网络。")


def _rels_owner(rels_name: str) -> str:
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def _target(owner: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(owner), target))


def _xml(parts: dict[str, bytes], name: str):
    try:
        return etree.fromstring(parts[name], _PARSER)
    except (etree.XMLSyntaxError, KeyError):
        return None


def _dump(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def strip_parts(parts: dict[str, bytes]) -> bool:
    """Remove external references from a package given as name → bytes (changed in place);
    True when something was removed."""
    drop_parts: set[str] = set()
    drop_ids: dict[str, set[str]] = {}
    for name in [n for n in parts if n.endswith(".rels")]:
        root = _xml(parts, name)
        if root is None:
            continue
        owner = _rels_owner(name)
        changed = False
        for rel in list(root.iter(f"{_PKG}Relationship")):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            external = rel.get("TargetMode") == "External"
            if kind in _ALWAYS or (external and kind not in _KEEP_EXTERNAL):
                root.remove(rel)
                changed = True
                drop_ids.setdefault(owner, set()).add(rel.get("Id", ""))
                if not external:
                    drop_parts.add(_target(owner, rel.get("Target", "")))
        if changed:
            parts[name] = _dump(root)
    if not drop_ids and not drop_parts:
        return False
    for owner, ids in drop_ids.items():
        root = _xml(parts, owner)
        if root is None:
            continue
        for el in list(root.iter()):
            if not isinstance(el.tag, str):
                continue
            for attr, value in list(el.attrib.items()):
                if value in ids and attr.startswith(f"{{{_R_NS}}}"):
                    if etree.QName(el).localname in _WHOLE and el.getparent() is not None:
                        el.getparent().remove(el)
                        break
                    del el.attrib[attr]
        if owner == "xl/workbook.xml":
            refs = root.find(f"{_S}externalReferences")
            if refs is not None and not len(refs):
                root.remove(refs)
            for dn in list(root.iter(f"{_S}definedName")):
                if dn.text and _EXTERNAL_FORMULA.search(dn.text):
                    dn.getparent().remove(dn)
        parts[owner] = _dump(root)
    if any(p.startswith("xl/externalLinks/") for p in drop_parts):
        _edit(parts, "xl/worksheets/", _drop_external_formulas)
    if any(p.startswith(("xl/connections", "xl/queryTables/")) for p in drop_parts):
        _edit(parts, "xl/tables/", _unlink_table)
    for part in drop_parts:
        parts.pop(part, None)
        folder, base = posixpath.split(part)
        parts.pop(posixpath.join(folder, "_rels", base + ".rels"), None)
    ct = _xml(parts, "[Content_Types].xml")
    if ct is not None:
        for o in list(ct.iter(f"{_CT}Override")):
            if o.get("PartName", "").lstrip("/") in drop_parts:
                ct.remove(o)
        parts["[Content_Types].xml"] = _dump(ct)
    return True


def _edit(parts: dict[str, bytes], folder: str, edit) -> None:
    """Each XML part in ``folder`` that ``edit`` (its root → whether it changed it) changes."""
    for name in [n for n in parts if n.startswith(folder) and n.endswith(".xml")]:
        root = _xml(parts, name)
        if root is not None and edit(root):
            parts[name] = _dump(root)


def _drop_external_formulas(root) -> bool:
    """Formulas into another workbook become their last value (the link is gone)."""
    gone = [f for f in root.iter(f"{_S}f") if f.text and _EXTERNAL_FORMULA.search(f.text)]
    for f in gone:
        f.getparent().remove(f)
    return bool(gone)


def _unlink_table(root) -> bool:
    """A table that was a query table becomes a plain table."""
    if root.get("tableType") != "queryTable":
        return False
    del root.attrib["tableType"]
    root.attrib.pop("connectionId", None)
    for col in root.iter(f"{_S}tableColumn"):
        col.attrib.pop("queryTableFieldId", None)
    return True


_MARKERS = (b"TargetMode=\"External\"", b"TargetMode='External'", b"/attachedTemplate", b"/aFChunk",
            b"/externalLink", b"/connections", b"/queryTable", b"/subDocument", b"/frame")


def has_external(path: str | Path) -> bool:
    """Whether the package at ``path`` has anything :func:`strip_parts` would remove (a cheap look
    at its relationship parts only)."""
    try:
        with zipfile.ZipFile(path) as zf:
            rels = (zf.read(info) for info in zf.infolist() if info.filename.endswith(".rels"))
            return any(any(m in data for m in _MARKERS) for data in rels)
    except (zipfile.BadZipFile, OSError):
        return False


def strip_file(path: str | Path) -> list[str]:
    """Remove external references from the written package at ``path`` (atomically); the
    clerk's report line when something was removed."""
    from perfeditor.io.atomic import atomic_write_zip

    path = Path(path)
    if not has_external(path):
        return []
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        parts = {i.filename: zf.read(i) for i in infos}
    if not strip_parts(parts):
        return []
    atomic_write_zip(path, infos, parts)
    log.info("external references removed from %s", path)
    return [REPORT]
