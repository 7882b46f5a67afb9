"""A structure-aware mutator for .docx and .xlsx packages (no Qt, no network).

:func:`mutate` takes the bytes of a sample form and a seeded :class:`random.Random` and returns a
damaged or hostile variant and a one-line description of what was done: XML elements deleted or
duplicated (rows many times), spans and merge ranges pushed to extremes (also spelled the ways
Excel accepts: ``$``, lower case, white space, 8-digit rows), cell references reordered, numbers
and styles garbled, relationships and parts removed, a member's CRC broken, the zip truncated.
The same seed always gives the same mutant.
"""
from __future__ import annotations

import io
import random
import re
import zipfile

from lxml import etree
from openpyxl.utils import get_column_letter as _col

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)

#: Ways of writing a huge merged range that all mean A1:XFD1048576 (or more) to a lenient parser.
HUGE_MERGES = ("A1:XFD1048576", "$A$1:$XFD$1048576", "a1:xfd1048576", " A1:XFD1048576 ",
               "A1 :XFD1048576", "A1:XFD10485760", "A1:XFD99999999", "'Sheet1'!A1:XFD1048576",
               "XFD1048576:A1", "A:XFD", "1:1048576", "A1:ZZZ1048576")
_EXTREME_NUMBERS = ("0", "-1", "1", "2", "63", "64", "65535", "99999999", "2147483648",
                    "1e9", "NaN", "", "x", "3.5", " 7 ", "-2147483649", "１")


def _read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _write(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return out.getvalue()


def _main_parts(parts: dict[str, bytes]) -> list[str]:
    names = [n for n in parts if n.endswith(".xml") or n.endswith(".rels")]
    main = [n for n in names if n in ("word/document.xml", "xl/workbook.xml")
            or n.startswith("xl/worksheets/")]
    return main or names


def _pick_part(parts: dict[str, bytes], rng: random.Random, main_bias: float = 0.7) -> str | None:
    names = [n for n in parts if n.endswith((".xml", ".rels"))]
    if not names:
        return None
    if rng.random() < main_bias:
        return rng.choice(_main_parts(parts))
    return rng.choice(names)


def _tree(parts: dict[str, bytes], name: str):
    try:
        return etree.fromstring(parts[name], _PARSER)
    except etree.XMLSyntaxError:
        return None


def _store(parts: dict[str, bytes], name: str, root) -> None:
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _elements(root, rng: random.Random, tags: tuple[str, ...] = ()) -> list:
    els = [e for e in root.iter() if isinstance(e.tag, str)]
    if tags:
        wanted = [e for e in els if etree.QName(e).localname in tags]
        if wanted:
            return wanted
    return els


def _delete(parts, rng):
    name = _pick_part(parts, rng)
    root = _tree(parts, name) if name else None
    if root is None:
        return "nothing"
    els = [e for e in _elements(root, rng, ("tc", "tr", "tbl", "p", "c", "row", "mergeCell", "v",
                                            "sheet", "Relationship", "gridCol", "tblGrid"))
           if e.getparent() is not None]
    if not els:
        return "nothing"
    for _ in range(rng.choice((1, 1, 2, 5))):
        el = rng.choice(els)
        if el.getparent() is not None:
            el.getparent().remove(el)
    _store(parts, name, root)
    return f"delete element in {name} ({etree.QName(el).localname})"


def _duplicate(parts, rng):
    import copy

    name = _pick_part(parts, rng, 0.9)
    root = _tree(parts, name) if name else None
    if root is None:
        return "nothing"
    els = [e for e in _elements(root, rng, ("tr", "row", "tbl", "tc", "c", "mergeCell", "sheet", "p"))
           if e.getparent() is not None]
    if not els:
        return "nothing"
    el = rng.choice(els)
    times = rng.choice((1, 2, 10, 100, 1000, 5000))
    for _ in range(times):
        el.addnext(copy.deepcopy(el))
    _store(parts, name, root)
    return f"duplicate {etree.QName(el).localname} x{times} in {name}"


def _spans(parts, rng):
    if "word/document.xml" in parts:
        root = _tree(parts, "word/document.xml")
        if root is None:
            return "nothing"
        choice = rng.random()
        if choice < 0.5:
            tcs = list(root.iter(f"{W}tc"))
            if not tcs:
                return "nothing"
            tc = rng.choice(tcs)
            pr = tc.find(f"{W}tcPr")
            if pr is None:
                pr = etree.SubElement(tc, f"{W}tcPr")
                tc.insert(0, pr)
            span = pr.find(f"{W}gridSpan")
            if span is None:
                span = etree.SubElement(pr, f"{W}gridSpan")
            val = rng.choice(_EXTREME_NUMBERS)
            span.set(f"{W}val", val)
            _store(parts, "word/document.xml", root)
            return f"gridSpan={val!r}"
        if choice < 0.8:
            tcs = list(root.iter(f"{W}tc"))
            for tc in rng.sample(tcs, min(len(tcs), rng.choice((1, 10, 100)))):
                pr = tc.find(f"{W}tcPr")
                if pr is None:
                    pr = etree.SubElement(tc, f"{W}tcPr")
                    tc.insert(0, pr)
                vm = etree.SubElement(pr, f"{W}vMerge")
                if rng.random() < 0.5:
                    vm.set(f"{W}val", rng.choice(("restart", "continue", "bogus")))
            _store(parts, "word/document.xml", root)
            return "vMerge sprinkled"
        trs = list(root.iter(f"{W}tr"))
        for tr in rng.sample(trs, min(len(trs), 3)):
            pr = tr.find(f"{W}trPr")
            if pr is None:
                pr = etree.SubElement(tr, f"{W}trPr")
                tr.insert(0, pr)
            gb = etree.SubElement(pr, f"{W}gridBefore")
            gb.set(f"{W}val", rng.choice(_EXTREME_NUMBERS))
        _store(parts, "word/document.xml", root)
        return "gridBefore extremes"
    sheets = [n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    if not sheets:
        return "nothing"
    name = rng.choice(sheets)
    root = _tree(parts, name)
    if root is None:
        return "nothing"
    mcs = root.find(f"{S}mergeCells")
    if mcs is None:
        mcs = etree.SubElement(root, f"{S}mergeCells")
    if rng.random() < 0.5:
        ref = rng.choice(HUGE_MERGES)
    else:
        r0, c0 = rng.randint(1, 60), rng.randint(1, 12)
        ref = f"{_col(c0)}{r0}:{_col(c0 + rng.choice((0, 1, 50, 16000)))}{r0 + rng.choice((0, 1, 1000, 10**6))}"
    etree.SubElement(mcs, f"{S}mergeCell", ref=ref)
    _store(parts, name, root)
    return f"merge {ref!r} in {name}"


def _reorder(parts, rng):
    sheets = [n for n in parts if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    if sheets:
        name = rng.choice(sheets)
        root = _tree(parts, name)
        if root is None:
            return "nothing"
        cells = list(root.iter(f"{S}c"))
        refs = [c.get("r") for c in cells]
        mode = rng.random()
        if mode < 0.4:
            rng.shuffle(refs)
            for c, r in zip(cells, refs, strict=False):
                if r is not None:
                    c.set("r", r)
            what = "shuffled cell refs"
        elif mode < 0.7:
            for c in rng.sample(cells, min(len(cells), 20)):
                c.set("r", rng.choice(("a1", "$B$2", "AAAA1", "A0", "A99999999", "1A", "", " C3", "XFD1048576")))
            what = "odd cell refs"
        else:
            rows = list(root.iter(f"{S}row"))
            for row in rng.sample(rows, min(len(rows), 10)):
                row.set("r", rng.choice(_EXTREME_NUMBERS))
            what = "odd row numbers"
        _store(parts, name, root)
        return f"{what} in {name}"
    root = _tree(parts, "word/document.xml") if "word/document.xml" in parts else None
    if root is None:
        return "nothing"
    trs = list(root.iter(f"{W}tr"))
    if len(trs) < 2:
        return "nothing"
    a, b = rng.sample(trs, 2)
    if any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors()):
        return "nothing"  # a row of a table nested in the other: no swap (lxml refuses the cycle)
    pa = a.getparent()
    ia = pa.index(a)
    b.addprevious(a) if rng.random() < 0.5 else None
    pa.insert(min(ia, len(pa)), b)
    _store(parts, "word/document.xml", root)
    return "rows swapped"


def _garble(parts, rng):
    name = _pick_part(parts, rng, 0.4)
    if rng.random() < 0.4:
        for cand in ("xl/styles.xml", "word/styles.xml", "word/numbering.xml", "xl/sharedStrings.xml"):
            if cand in parts and rng.random() < 0.6:
                name = cand
                break
    root = _tree(parts, name) if name else None
    if root is None:
        return "nothing"
    targets = [(e, k) for e in root.iter() if isinstance(e.tag, str) for k in e.attrib
               if re.fullmatch(r"[-\d.]+", e.attrib[k] or "x") or etree.QName(k).localname in (
                   "s", "numFmtId", "xfId", "fontId", "borderId", "fillId", "val", "count", "r", "ref",
                   "formatCode", "t", "Target", "Id")]
    if not targets:
        return "nothing"
    n = rng.choice((1, 3, 20))
    for e, k in rng.sample(targets, min(n, len(targets))):
        e.set(k, rng.choice(_EXTREME_NUMBERS + ("General", "yyyy-mm-dd", '[$-F800]dddd', "0.00E+00",
                                                 "s", "str", "e", "inlineStr", "#,##0;[Red]-#,##0")))
    if rng.random() < 0.3:
        vs = [v for v in root.iter(f"{S}v", f"{W}t")]
        for v in rng.sample(vs, min(len(vs), 5)):
            v.text = rng.choice(_EXTREME_NUMBERS + ("1E+308", "-1E+308", "9" * 400, "45000.5"))
    _store(parts, name, root)
    return f"garbled {min(n, len(targets))} attributes in {name}"


def _remove_part(parts, rng):
    names = list(parts)
    name = rng.choice(names) if rng.random() < 0.5 else rng.choice(
        [n for n in names if n.endswith(".rels") or n in ("xl/workbook.xml", "xl/styles.xml",
                                                           "xl/sharedStrings.xml", "[Content_Types].xml",
                                                           "word/styles.xml")] or names)
    del parts[name]
    return f"removed part {name}"


def _remove_rel(parts, rng):
    rels = [n for n in parts if n.endswith(".rels")]
    if not rels:
        return "nothing"
    name = rng.choice(rels)
    root = _tree(parts, name)
    if root is None or not len(root):
        return "nothing"
    el = rng.choice(list(root))
    if rng.random() < 0.5:
        root.remove(el)
        what = "removed"
    else:
        el.set("Target", rng.choice(("../../../etc/passwd", "missing.xml", "", "/", "worksheets/sheet1.xml",
                                     "http://example.invalid/x.xml")))
        what = "retargeted"
    _store(parts, name, root)
    return f"{what} relationship {el.get('Id')} in {name}"


def _many_sheets(parts, rng):
    if "xl/workbook.xml" not in parts:
        return "nothing"
    root = _tree(parts, "xl/workbook.xml")
    sheets = root.find(f"{S}sheets") if root is not None else None
    if sheets is None or not len(sheets):
        return "nothing"
    first = sheets[0]
    n = rng.choice((50, 500, 2001))
    for k in range(n):
        el = etree.SubElement(sheets, first.tag, dict(first.attrib))
        el.set("name", f"S{k}")
        el.set("sheetId", str(1000 + k))
    _store(parts, "xl/workbook.xml", root)
    return f"{n} sheet entries to one part"


def _huge_text(parts, rng):
    name = "word/document.xml" if "word/document.xml" in parts else "xl/sharedStrings.xml"
    root = _tree(parts, name) if name in parts else None
    if root is None:
        return "nothing"
    ts = list(root.iter(f"{W}t", f"{S}t"))
    if not ts:
        return "nothing"
    t = rng.choice(ts)
    size = rng.choice((10_000, 200_000, 1_000_000))
    t.text = ("很长的文字" * (size // 5))[:size]
    _store(parts, name, root)
    return f"{size} characters in one cell of {name}"


MUTATIONS = {
    "delete": _delete, "duplicate": _duplicate, "spans": _spans, "reorder": _reorder,
    "garble": _garble, "remove_part": _remove_part, "remove_rel": _remove_rel,
    "many_sheets": _many_sheets, "huge_text": _huge_text,
}
_WEIGHTS = {"delete": 4, "duplicate": 3, "spans": 4, "reorder": 3, "garble": 4, "remove_part": 2,
            "remove_rel": 2, "many_sheets": 1, "huge_text": 1}


def break_member(data: bytes, name: str, rng: random.Random | None = None) -> bytes:
    """``data`` with a byte flipped inside member ``name``'s compressed data (its CRC fails)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name)
    buf = bytearray(data)
    with io.BytesIO(data) as fh:  # the local header's own name and extra field lengths
        fh.seek(info.header_offset + 26)
        n, m = int.from_bytes(fh.read(2), "little"), int.from_bytes(fh.read(2), "little")
    start = info.header_offset + 30 + n + m
    pos = start + (rng.randrange(info.compress_size) if rng else info.compress_size // 2)
    buf[pos] ^= 0xFF
    return bytes(buf)


def _break_crc(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Flip a byte inside one member's compressed data (its CRC no longer matches)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = [i for i in zf.infolist() if i.compress_size > 8]
    if not infos:
        return data, "nothing"
    info = rng.choice(infos)
    return break_member(data, info.filename, rng), f"broken CRC in {info.filename}"


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """A mutant of the package ``data`` and what was done to it."""
    roll = rng.random()
    if roll < 0.05:
        cut = rng.randrange(1, len(data))
        return data[:cut], f"truncated at {cut} of {len(data)}"
    if roll < 0.10:
        return _break_crc(data, rng)
    parts = _read(data)
    kinds = list(_WEIGHTS)
    steps = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        kind = rng.choices(kinds, weights=[_WEIGHTS[k] for k in kinds])[0]
        steps.append(MUTATIONS[kind](parts, rng))
    return _write(parts), "; ".join(steps)
