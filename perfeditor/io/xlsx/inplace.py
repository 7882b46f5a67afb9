"""Saving over the workbook a document was read from: only the edited forms change.

The reader recorded, per project, the cell of every value (``variant.extras["cells"]``) and its
indicator block (``extras["block"]``). Here the sheet XML of each sheet holding an edited project
is patched with lxml: values are rewritten in their cells (keeping the cells' styles), indicator
rows are rebuilt from the original rows as templates (horizontal merges repeated, 一级/二级 merged
down), the rows below shift. Every other zip member is copied unchanged; unedited projects keep
their rows as they were.
"""
from __future__ import annotations

import copy
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from perfeditor.io.atomic import atomic_write
from perfeditor.io.xlsx.numfmt import format_value
from perfeditor.io.xlsx.styles import clean, number_value
from perfeditor.model import Document, Project

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_N = f"{{{NS}}}"
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%",
                    10: "0.00%", 49: "@"}
_NUMERIC_FIELDS = ("budget.", "plan:")


class NotPatchable(Exception):
    """The change cannot be made in place; the caller writes a new workbook."""


def _col_letter(n: int) -> str:
    s = ""
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _split(ref: str) -> tuple[int, int]:
    m = _REF.match(ref.replace("$", ""))
    if not m:
        raise NotPatchable(ref)
    return int(m.group(2)), _col_number(m.group(1))


def can_patch(doc: Document, path: Path, layout: str, keep_own: bool = False) -> bool:
    if doc.format != "xlsx" or not doc.path or (layout != doc.layout and not keep_own):
        return False
    src = Path(doc.path)
    if src.suffix.lower() != ".xlsx" or not src.is_file() or Path(path).suffix.lower() != ".xlsx":
        return False
    for p in doc.projects:
        ref = p.source_ref
        if ref is None or ref.format != "xlsx" or not ref.sheet or not ref.digest \
                or (p.variant.layout != layout and not keep_own) \
                or "block" not in p.variant.extras:
            return False
    dep = doc.department
    if dep is not None and (dep.source is None or dep.source.format != "xlsx"
                            or not dep.source.digest or dep.form != "narrative"):
        return False
    return True


def _dep_digest(dep) -> str:
    fp = getattr(dep, "content_fingerprint", None)
    return fp() if fp else ""


class _Sheet:
    """A worksheet's XML with its rows indexed."""

    def __init__(self, data: bytes):
        self.root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
        self.data = self.root.find(f"{_N}sheetData")
        if self.data is None:
            raise NotPatchable("no sheetData")
        self.rows = {int(r.get("r")): r for r in self.data.findall(f"{_N}row") if r.get("r")}
        if len(self.rows) != len(self.data):
            raise NotPatchable("rows without numbers")

    def cell(self, r: int, c: int, create: bool = True):
        row = self.rows.get(r)
        if row is None:
            if not create:
                return None
            row = etree.Element(f"{_N}row", r=str(r))
            later = [k for k in self.rows if k > r]
            if later:
                self.rows[min(later)].addprevious(row)
            else:
                self.data.append(row)
            self.rows[r] = row
        ref = f"{_col_letter(c)}{r}"
        before = None
        for el in row.findall(f"{_N}c"):
            rc = _split(el.get("r"))[1] if el.get("r") else 0
            if rc == c:
                return el
            if rc > c and before is None:
                before = el
        if not create:
            return None
        el = etree.Element(f"{_N}c", r=ref)
        style = self._neighbour_style(row, c)
        if style:
            el.set("s", style)
        if before is not None:
            before.addprevious(el)
        else:
            row.append(el)
        return el

    @staticmethod
    def _neighbour_style(row, c: int) -> str | None:
        cells = row.findall(f"{_N}c")
        return cells[-1].get("s") if cells else row.get("s")


def _set_value(el, text: str, fmt_of, numeric: bool) -> None:
    for child in list(el):
        if child.tag in (f"{_N}v", f"{_N}f", f"{_N}is"):
            el.remove(child)
    if "t" in el.attrib:
        del el.attrib["t"]
    text = clean(text)
    if not text:
        return
    if numeric:
        nv = number_value(text)
        if nv is not None and format_value(nv[0], fmt_of(el.get("s"))) == text:
            v = etree.SubElement(el, f"{_N}v")
            v.text = repr(nv[0]) if isinstance(nv[0], float) else str(nv[0])
            return
    el.set("t", "inlineStr")
    is_ = etree.SubElement(el, f"{_N}is")
    t = etree.SubElement(is_, f"{_N}t")
    t.text = text
    if text != text.strip() or "\n" in text:
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _styles_formats(zf: zipfile.ZipFile):
    """style index → number format code, from xl/styles.xml."""
    try:
        root = etree.fromstring(zf.read("xl/styles.xml"), etree.XMLParser(resolve_entities=False))
    except KeyError:
        return lambda s: "General"
    custom = {int(n.get("numFmtId")): n.get("formatCode", "General")
              for n in root.iter(f"{_N}numFmt")}
    xfs = root.find(f"{_N}cellXfs")
    ids = [int(x.get("numFmtId", "0")) for x in xfs.findall(f"{_N}xf")] if xfs is not None else []

    def fmt_of(s):
        try:
            nid = ids[int(s)] if s is not None else 0
        except (ValueError, IndexError):
            nid = 0
        return custom.get(nid) or _BUILTIN_FORMATS.get(nid, "General")
    return fmt_of


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    wb = etree.fromstring(zf.read("xl/workbook.xml"), etree.XMLParser(resolve_entities=False))
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"),
                            etree.XMLParser(resolve_entities=False))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PKG_REL}}}Relationship")}
    out = {}
    for sh in wb.iter(f"{_N}sheet"):
        target = targets.get(sh.get(f"{{{R_NS}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        out[sh.get("name")] = path
    return out


def patch(doc: Document, path: Path) -> list[str]:
    src = Path(doc.path)
    edited: dict[str, list[Project]] = {}
    by_sheet: dict[str, list[Project]] = {}
    for p in doc.projects:
        by_sheet.setdefault(p.source_ref.sheet, []).append(p)
        if p.content_fingerprint() != p.source_ref.digest:
            edited.setdefault(p.source_ref.sheet, []).append(p)
    for projects in by_sheet.values():
        order = [p.variant.extras.get("form_index") for p in projects]
        if order != list(range(len(projects))):
            raise NotPatchable("projects added, removed or reordered")
    if any(p.variant.extras.get("forms_in_file") != len(doc.projects) for p in doc.projects):
        raise NotPatchable("projects added or removed")
    report: list[str] = []
    new_members: dict[str, bytes] = {}
    shifts: dict[int, int] = {}
    with zipfile.ZipFile(src) as zf:
        names = _sheet_paths(zf)
        fmt_of = _styles_formats(zf)
        dep = doc.department
        dep_delta = 0
        if dep is not None and dep.source.digest != _dep_digest(dep):
            member = names.get(dep.source.sheet)
            if member is None or dep.source.sheet in edited:
                raise NotPatchable("department sheet")
            xml = _Sheet(zf.read(member))
            dep_delta = _patch_department(xml, dep)
            new_members[member] = etree.tostring(xml.root, xml_declaration=True,
                                                 encoding="UTF-8", standalone=True)
        for sheet, projects in edited.items():
            member = names.get(sheet)
            if member is None:
                raise NotPatchable(f"sheet {sheet}")
            xml = _Sheet(zf.read(member))
            delta_total = 0
            for p in sorted(projects, key=lambda q: q.source_ref.first_row, reverse=True):
                delta = _patch_project(xml, p, fmt_of, report)
                shifts[id(p)] = delta
                delta_total += delta
            new_members[member] = etree.tostring(xml.root, xml_declaration=True,
                                                 encoding="UTF-8", standalone=True)
        same = Path(path).resolve() == src.resolve()

        def write(tmp: Path) -> None:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
                for info in zf.infolist():
                    data = new_members.get(info.filename)
                    out.writestr(info, data if data is not None else zf.read(info))
        if not new_members and not same:
            atomic_write(Path(path), lambda tmp: tmp.write_bytes(src.read_bytes()))
        elif new_members:
            atomic_write(Path(path), write)
    if same:
        _update_refs(doc, by_sheet, shifts)
        if dep is not None:
            dep.source.last_row += dep_delta
            dep.source.digest = _dep_digest(dep)
    return report


def _patch_department(xml: _Sheet, dep) -> int:
    """Rewrite the narrative rows (一、总体绩效目标 … last paragraph), one paragraph a row, with
    the original heading and paragraph rows as templates."""
    from perfeditor.io.xlsx.writer import department_rows

    first, last = dep.source.first_row, dep.source.last_row
    old_rows = [xml.rows[r] for r in range(first, last + 1) if r in xml.rows]
    if not old_rows:
        raise NotPatchable("department rows")
    heading_tmpl = old_rows[0]
    para_tmpl = old_rows[1] if len(old_rows) > 1 else old_rows[0]
    merges = xml.root.find(f"{_N}mergeCells")
    spans: dict[int, tuple[int, int]] = {}
    for m in list(merges) if merges is not None else []:
        (r1, c1), (r2, c2) = (_split(x) for x in m.get("ref").split(":"))
        if first <= r1 and r2 <= last:
            spans.setdefault(r1, (c1, c2))
            merges.remove(m)
    rows = department_rows(dep)
    delta = len(rows) - (last - first + 1)
    for row in old_rows:
        xml.data.remove(row)
        del xml.rows[int(row.get("r"))]
    if delta:
        _shift_rows(xml, last, delta)
        if merges is not None:
            for m in merges:
                ref = m.get("ref")
                m.set("ref", _shift_ref_text(ref, last, delta))
        _shift_other_refs(xml.root, last, delta)
    anchor = next((xml.rows[r] for r in range(first - 1, 0, -1) if r in xml.rows), None)
    new_refs = []
    for i, (text, kind) in enumerate(rows):
        tmpl = heading_tmpl if kind == "heading" else para_tmpl
        r = first + i
        row = copy.deepcopy(tmpl)
        row.set("r", str(r))
        row.attrib.pop("spans", None)
        first_cell = None
        for el in row.findall(f"{_N}c"):
            _, cc = _split(el.get("r"))
            el.set("r", f"{_col_letter(cc)}{r}")
            for child in list(el):
                el.remove(child)
            el.attrib.pop("t", None)
            first_cell = first_cell if first_cell is not None else el
        if anchor is None:
            xml.data.insert(0, row)
        else:
            anchor.addnext(row)
        anchor = row
        xml.rows[r] = row
        _set_value(xml.cell(r, 1), text, lambda s: "General", False)
        if row.get("customHt") or row.get("ht"):
            width = sum(2 if ord(ch) > 0x2e80 else 1 for ch in text)
            row.set("ht", str(max(float(tmpl.get("ht") or 20), 15.0 * -(-width // 80) + 6)))
            row.set("customHeight", "1")
        span = spans.get(int(tmpl.get("r")))
        if span and span[1] > span[0]:
            new_refs.append(f"{_col_letter(span[0])}{r}:{_col_letter(span[1])}{r}")
    if new_refs:
        if merges is None:
            merges = etree.Element(f"{_N}mergeCells")
            xml.data.addnext(merges)
        for ref in new_refs:
            etree.SubElement(merges, f"{_N}mergeCell", ref=ref)
    if merges is not None:
        merges.set("count", str(len(merges)))
    return delta


def _update_refs(doc: Document, by_sheet, shifts) -> None:
    for projects in by_sheet.values():
        offset = 0
        for p in projects:
            ref = p.source_ref
            extras = p.variant.extras
            if offset:
                ref.first_row += offset
                ref.last_row += offset
                for pos in extras.get("cells", {}).values():
                    pos[0] += offset
                    if len(pos) == 3:  # a span of rows
                        pos[1] += offset
                block = extras["block"]
                for k in ("header_row", "data_row", "end"):
                    block[k] += offset
            delta = shifts.get(id(p), 0)
            if delta:
                ref.last_row += delta
                extras["block"]["end"] += delta
            offset += delta
            ref.digest = p.content_fingerprint()


def _field_text(p: Project, fld: str) -> str | None:
    if fld.startswith("plan:"):
        return p.spending_plan.get(fld[5:], "")
    if fld.startswith("budget."):
        return getattr(p.budget, fld[7:], None)
    return getattr(p, fld, None) if fld in Project.model_fields else None


def _patch_project(xml: _Sheet, p: Project, fmt_of, report: list[str]) -> int:
    extras = p.variant.extras
    cells = extras.get("cells", {})
    for fld, pos in cells.items():
        if fld.endswith(":more_rows"):  # goals spread over rows: all now go in the first
            for rr in range(pos[0], pos[1] + 1):
                el = xml.cell(rr, pos[2], create=False)
                if el is not None:
                    _set_value(el, "", fmt_of, False)
            continue
        r, c = pos
        text = _field_text(p, fld)
        if text is None:
            continue
        _set_value(xml.cell(r, c), text, fmt_of, fld.startswith(_NUMERIC_FIELDS))
    for month, value in p.spending_plan.items():
        if f"plan:{month}" not in cells and value:
            report.append(f"项目“{p.name}”：表中没有“{month}”的资金支出计划，未写入。")
    for fld in ("code", "name", "unit", "implementer", "kind", "period", "source", "purpose",
                "goals", "goals_midterm"):
        if getattr(p, fld) and fld not in cells:
            report.append(f"项目“{p.name}”：原表中没有“{fld}”一栏，该内容未写入。")
    return _patch_indicators(xml, p, fmt_of, report)


def _patch_indicators(xml: _Sheet, p: Project, fmt_of, report: list[str]) -> int:
    block = p.variant.extras["block"]
    cols: dict[str, int] = block["cols"]
    data, end = block["data_row"], block["end"]
    old_rows = [xml.rows[r] for r in range(data, end + 1) if r in xml.rows]
    templates = old_rows or ([xml.rows[block["header_row"]]] if block["header_row"] in xml.rows
                             else [])
    if not templates:
        raise NotPatchable("no template row")
    merges = xml.root.find(f"{_N}mergeCells")
    merge_list = [] if merges is None else list(merges)
    tmpl_hmerges: dict[int, list[tuple[int, int]]] = {}  # template row → [(c1, c2)]
    for m in merge_list:
        (r1, c1), (r2, c2) = (_split(x) for x in m.get("ref").split(":"))
        if r1 == r2 and data <= r1 <= end and c2 > c1:
            tmpl_hmerges.setdefault(r1, []).append((c1, c2))
    n_old, inds = end - data + 1, p.indicators
    n_new = len(inds)
    delta = n_new - n_old
    # remove the old indicator rows and merges inside the block
    for row in old_rows:
        xml.data.remove(row)
        del xml.rows[int(row.get("r"))]
    kept = []
    for m in merge_list:
        (r1, c1), (r2, c2) = (_split(x) for x in m.get("ref").split(":"))
        if data <= r1 and r2 <= end:
            merges.remove(m)
            continue
        kept.append((m, r1, c1, r2, c2))
    # shift everything below the block
    if delta:
        _shift_rows(xml, end, delta)
        for m, r1, c1, r2, c2 in kept:
            if r1 > end:
                r1 += delta
            if r2 >= end:
                r2 = max(r2 + delta, r1)
            m.set("ref", f"{_col_letter(c1)}{r1}:{_col_letter(c2)}{r2}")
        _shift_other_refs(xml.root, end, delta)
    # new rows from templates
    anchor = None
    for r in range(data - 1, 0, -1):
        if r in xml.rows:
            anchor = xml.rows[r]
            break
    new_merges: list[str] = []
    for i, ind in enumerate(inds):
        tmpl = templates[min(i, len(templates) - 1)]
        r = data + i
        row = copy.deepcopy(tmpl)
        row.set("r", str(r))
        if "spans" in row.attrib:
            del row.attrib["spans"]
        for el in row.findall(f"{_N}c"):
            rr, cc = _split(el.get("r"))
            el.set("r", f"{_col_letter(cc)}{r}")
            for child in list(el):
                el.remove(child)
            if "t" in el.attrib:
                del el.attrib["t"]
        values = {f: (ind.grades or {}).get(f[6:], "") if f.startswith("grade:") else getattr(ind, f, "")
                  for f in cols}
        for f in ("level1", "level2"):
            if f in cols and i > 0 and _same_run(inds, i, f):
                values[f] = ""
        if anchor is None:
            xml.data.insert(0, row)
        else:
            anchor.addnext(row)
        anchor = row
        xml.rows[r] = row
        for f, c in cols.items():
            _set_value(xml.cell(r, c), values[f], fmt_of, f == "weight")
        tmpl_r = int(tmpl.get("r")) if tmpl in old_rows else None
        for c1, c2 in tmpl_hmerges.get(tmpl_r, []):
            new_merges.append(f"{_col_letter(c1)}{r}:{_col_letter(c2)}{r}")
    for f in ("level1", "level2"):
        if f not in cols:
            continue
        i = 0
        while i < n_new:
            j = i
            while j + 1 < n_new and _same_run(inds, j + 1, f):
                j += 1
            if j > i:
                c = cols[f]
                new_merges.append(f"{_col_letter(c)}{data + i}:{_col_letter(c)}{data + j}")
            i = j + 1
    if new_merges:
        if merges is None:
            merges = etree.Element(f"{_N}mergeCells")
            xml.data.addnext(merges)
        for ref in new_merges:
            etree.SubElement(merges, f"{_N}mergeCell", ref=ref)
    if merges is not None:
        if len(merges):
            merges.set("count", str(len(merges)))
        else:
            merges.getparent().remove(merges)
    return delta


def _same_run(inds, i: int, f: str) -> bool:
    a, b = inds[i - 1], inds[i]
    if not getattr(b, f) or getattr(a, f) != getattr(b, f):
        return False
    return f == "level1" or a.level1 == b.level1


def _shift_rows(xml: _Sheet, after: int, delta: int) -> None:
    moved = sorted((r for r in xml.rows if r > after), reverse=delta > 0)
    new_index = {r: row for r, row in xml.rows.items() if r <= after}
    for r in moved:
        row = xml.rows[r]
        nr = r + delta
        row.set("r", str(nr))
        for el in row.findall(f"{_N}c"):
            if el.get("r"):
                _, c = _split(el.get("r"))
                el.set("r", f"{_col_letter(c)}{nr}")
            f = el.find(f"{_N}f")
            if f is not None:  # a formula below the form: keep its cached value, drop the formula
                el.remove(f)
        new_index[nr] = row
    xml.rows = new_index


_AREA = re.compile(r"([A-Z]{1,3})(\d+)")


def _shift_ref_text(text: str, after: int, delta: int) -> str:
    def sub(m):
        r = int(m.group(2))
        return f"{m.group(1)}{r + delta if r > after else r}"
    return _AREA.sub(sub, text)


def _shift_other_refs(root, after: int, delta: int) -> None:
    dim = root.find(f"{_N}dimension")
    if dim is not None and dim.get("ref"):
        dim.set("ref", _shift_ref_text(dim.get("ref"), after, delta))
    for tag, attr in (("hyperlink", "ref"), ("conditionalFormatting", "sqref"),
                      ("dataValidation", "sqref"), ("selection", "sqref"), ("selection", "activeCell")):
        for el in root.iter(f"{_N}{tag}"):
            if el.get(attr):
                el.set(attr, _shift_ref_text(el.get(attr), after, delta))
    for brk in root.iter(f"{_N}brk"):
        if brk.getparent() is not None and brk.getparent().tag == f"{_N}rowBreaks":
            r = int(brk.get("id", "0"))
            if r > after:
                brk.set("id", str(r + delta))
