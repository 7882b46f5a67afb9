"""Saving never loses the clerk's data: atomic replace, backup of the original, refusal to
overwrite a file changed on disk, clear Chinese messages when the disk or the file says no."""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from perfeditor.errors import FileChangedError, FormWriteError
from perfeditor.io import backup_path, load_document, read_document, save_document
from perfeditor.io.atomic import atomic_write, atomic_write_bytes
from perfeditor.model import dump_document
from tests.conftest import PUBLIC_FIXTURES


@pytest.fixture
def opened(tmp_path):
    path = tmp_path / "表.docx"
    shutil.copy(PUBLIC_FIXTURES / "pingxiang_2020_part.docx", path)
    return (path, *read_document(path))


def _no_temp_left(folder: Path) -> None:
    assert not [p for p in folder.iterdir() if p.name.startswith(".~")]


def test_failed_write_leaves_original_and_no_temp_file(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"original")

    def boom(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(FormWriteError) as info:
        atomic_write(target, boom)
    assert "磁盘空间不足" in info.value.message and "原文件未被改动" in info.value.message
    assert target.read_bytes() == b"original"
    _no_temp_left(tmp_path)


def test_locked_file_gives_a_clear_message(tmp_path, monkeypatch):
    # On Windows a file open in Word cannot be replaced: os.replace raises PermissionError.
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"original")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FormWriteError) as info:
        atomic_write_bytes(target, b"new")
    assert "正被其他程序" in info.value.message
    assert target.read_bytes() == b"original"
    _no_temp_left(tmp_path)


def test_read_only_file_is_not_written(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"original")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == target else real_access(p, mode))
    with pytest.raises(FormWriteError) as info:
        atomic_write_bytes(target, b"new")
    assert "只读" in info.value.message
    assert target.read_bytes() == b"original"


def test_successful_write_replaces_whole_file(tmp_path):
    target = tmp_path / "a.perf.json"
    target.write_bytes(b"old")
    atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"new content"
    _no_temp_left(tmp_path)


def test_first_save_keeps_the_original_beside_it(opened):
    path, doc, doc_map = opened
    original = path.read_bytes()
    doc.projects[0].goals = "已修改的绩效目标"
    save_document(doc, path, backup=True, source_map=doc_map)
    bak = backup_path(path)
    assert bak.name == "表.bak.docx" and bak.read_bytes() == original
    doc.projects[0].goals = "再次修改"
    save_document(doc, path, backup=True, source_map=doc_map)
    assert bak.read_bytes() == original  # the backup is the file as first received
    assert load_document(path).projects[0].goals == "再次修改"


def test_no_backup_when_turned_off(opened):
    path, doc, doc_map = opened
    doc.projects[0].goals = "改"
    save_document(doc, path, backup=False, source_map=doc_map)
    assert not backup_path(path).exists()


def test_file_changed_on_disk_is_not_overwritten_without_consent(opened):
    path, doc, doc_map = opened
    other = PUBLIC_FIXTURES / "qiannan_2022_part.docx"
    shutil.copy(other, path)  # someone else saved over it
    os.utime(path, ns=(doc.source_stamp[0] + 10**9, doc.source_stamp[0] + 10**9))
    doc.projects[0].goals = "我的修改"
    with pytest.raises(FileChangedError):
        save_document(doc, path, source_map=doc_map)
    assert path.read_bytes() == other.read_bytes()
    save_document(doc, path, force=True, source_map=doc_map)  # the clerk confirmed
    assert load_document(path).projects[0].goals == "我的修改"


def test_unedited_save_gives_the_same_dump(opened):
    path, doc, doc_map = opened
    before = dump_document(doc)
    save_document(doc, path, source_map=doc_map)
    assert dump_document(load_document(path)) == before


def test_unknown_target_format_is_refused(tmp_path, opened):
    _, doc, doc_map = opened
    with pytest.raises(FormWriteError) as info:
        save_document(doc, tmp_path / "out.odt", source_map=doc_map)
    assert "不支持" in info.value.message


def test_new_files_get_the_permissions_the_umask_gives(tmp_path, opened):
    _, doc, doc_map = opened
    old = os.umask(0o022)
    try:
        for name in ("新.docx", "新.xlsx", "新.perf.json"):
            save_document(doc, tmp_path / name, source_map=doc_map)
            assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name
        os.umask(0o077)
        save_document(doc, tmp_path / "私.docx", source_map=doc_map)
        assert (tmp_path / "私.docx").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_existing_file_keeps_its_permissions(opened):
    path, doc, doc_map = opened
    os.chmod(path, 0o640)
    doc.projects[0].goals = "改"
    save_document(doc, path, source_map=doc_map)
    assert path.stat().st_mode & 0o777 == 0o640


def test_truncated_backup_is_replaced_by_the_next_save(opened):
    path, doc, doc_map = opened
    original = path.read_bytes()
    bak = backup_path(path)
    bak.write_bytes(original[: len(original) // 3])  # a full disk stopped the copy part-way
    doc.projects[0].goals = "已修改"
    save_document(doc, path, backup=True, source_map=doc_map)
    assert bak.read_bytes() == original
    assert load_document(bak).projects[0].goals != "已修改"
    _no_temp_left(path.parent)


def test_backup_cut_short_is_never_kept(opened, monkeypatch):
    path, doc, doc_map = opened
    original = path.read_bytes()

    def short_copy(src, dst, *args, **kwargs):
        Path(dst).write_bytes(Path(src).read_bytes()[:4000])
        return dst

    monkeypatch.setattr(shutil, "copyfile", short_copy)
    doc.projects[0].goals = "已修改"
    with pytest.raises(FormWriteError) as info:
        save_document(doc, path, backup=True, source_map=doc_map)
    assert "备份" in info.value.message
    assert not backup_path(path).exists()
    assert path.read_bytes() == original  # nothing saved without the backup
    _no_temp_left(path.parent)


def _stale(folder: Path, name: str, age: float = 3600) -> Path:
    p = folder / name
    p.write_bytes(b"half a save")
    t = p.stat().st_mtime - age
    os.utime(p, (t, t))
    return p


def test_stale_temporary_files_are_removed_on_open_and_save(opened):
    path, doc, doc_map = opened
    folder = path.parent
    mine = [_stale(folder, ".~表.ab12cd_3.docx.tmp"), _stale(folder, ".~表.zz99yy00.docx.tmp")]
    fresh = _stale(folder, ".~表.fresh123.docx.tmp", age=0)  # a save in progress elsewhere
    others = [_stale(folder, ".~表.ab12cd_3.xlsx.tmp"), _stale(folder, ".~别的.ab12cd_3.docx.tmp"),
              _stale(folder, "~$表.docx"), _stale(folder, ".~表.docx.tmp")]
    load_document(path)
    assert not any(p.exists() for p in mine)
    assert fresh.exists() and all(p.exists() for p in others)
    again = _stale(folder, ".~表.qq11ww22.docx.tmp")
    doc.projects[0].goals = "改"
    save_document(doc, path, source_map=doc_map)
    assert not again.exists() and all(p.exists() for p in others)


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _repack(src: Path, dst: Path, change) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    change(parts)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return dst


def _add_rel(parts: dict, rels: str, rid: str, kind: str, target: str, external: bool) -> None:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"{mode}/>'.encode()
    if rels not in parts:
        parts[rels] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                       b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    parts[rels] = parts[rels].replace(b"</Relationships>", rel + b"</Relationships>")


def _hostile_docx(parts: dict) -> None:
    _add_rel(parts, "word/_rels/settings.xml.rels", "rIdT", "attachedTemplate",
             "http://example.invalid/evil.dotm", True)
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"</w:settings>", f'<w:attachedTemplate xmlns:r="{_REL}" r:id="rIdT"/></w:settings>'.encode())
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdA", "aFChunk", "chunk.htm", False)
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdL", "image", "http://example.invalid/p.png", True)
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdH", "hyperlink", "http://example.invalid/", True)
    parts["word/chunk.htm"] = b"<html><body><img src='http://example.invalid/x.png'></body></html>"
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"</w:body>", f'<w:altChunk xmlns:r="{_REL}" r:id="rIdA"/></w:body>'.encode(), 1)


def _hostile_xlsx(parts: dict) -> None:
    _add_rel(parts, "xl/_rels/workbook.xml.rels", "rIdX", "externalLink", "externalLinks/externalLink1.xml", False)
    _add_rel(parts, "xl/_rels/workbook.xml.rels", "rIdC", "connections", "connections.xml", False)
    parts["xl/externalLinks/externalLink1.xml"] = (
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="' + _REL.encode() + b'"><externalBook r:id="rId1"/></externalLink>')
    _add_rel(parts, "xl/externalLinks/_rels/externalLink1.xml.rels", "rId1", "externalLinkPath",
             "file:///C:/secret/other.xlsx", True)
    parts["xl/connections.xml"] = (
        b'<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" '
        b'name="q" type="5" refreshOnLoad="1"><dbPr connection="Provider=x;Data Source=http://example.invalid/"'
        b' command="select 1"/></connection></connections>')
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"<definedNames/>", f'<externalReferences><externalReference xmlns:r="{_REL}" r:id="rIdX"/>'
                            f'</externalReferences><definedNames/>'.encode())


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_external_references_are_dropped_from_what_is_written(tmp_path, kind):
    import zipfile

    src = PUBLIC_FIXTURES / ("pingxiang_2020_part.docx" if kind == "docx" else "leting_2024.xlsx")
    hostile = _repack(src, tmp_path / f"外部.{kind}", _hostile_docx if kind == "docx" else _hostile_xlsx)
    doc, doc_map = read_document(hostile)
    out = tmp_path / f"转换.{kind}"
    report = save_document(doc, out, source_map=doc_map)
    assert any("外部引用" in line for line in report)
    with zipfile.ZipFile(out) as zf:
        rels = b"".join(zf.read(n) for n in zf.namelist() if n.endswith(".rels"))
        names = zf.namelist()
        body = b"".join(zf.read(n) for n in names if n.endswith(".xml"))
    for word in (b"attachedTemplate", b"aFChunk", b"externalLink", b"connections", b"example.invalid/p.png",
                 b"secret"):
        assert word not in rels, word
    assert not any(n.startswith(("xl/externalLinks", "xl/connections")) or n.endswith("chunk.htm") for n in names)
    assert b"altChunk" not in body and b"externalReference" not in body
    if kind == "docx":
        assert b"example.invalid/" in rels  # a hyperlink is fetched only when clicked: kept
    assert dump_document(load_document(out)) == dump_document(doc)
    plain = tmp_path / f"普通.{kind}"
    same, same_map = read_document(src)
    assert not any("外部引用" in line for line in save_document(same, plain, source_map=same_map))


def test_damaged_unused_part_does_not_stop_a_save(tmp_path):
    from tests.fuzz.mutate import break_member

    path = tmp_path / "坏.docx"
    path.write_bytes(break_member((PUBLIC_FIXTURES / "pingxiang_2020_part.docx").read_bytes(),
                                  "docProps/thumbnail.jpeg"))
    doc, doc_map = read_document(path)
    doc.projects[0].goals = "改"
    report = save_document(doc, path, source_map=doc_map)
    assert any("损坏" in line for line in report)
    again = load_document(path)
    assert again.projects[0].goals == "改"
    assert dump_document(again)["projects"] == dump_document(doc)["projects"]
