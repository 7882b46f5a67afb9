"""Writing a :class:`~perfeditor.model.Document` as .docx: ``write_docx(doc, path, layout=None)``.

Saving back into the .docx the document was read from (same format, same layout; its source map
given) starts from that file and changes only the form tables (:mod:`writer_inplace`); anything
else is a new file built from ``resources/templates/base.docx`` (:mod:`writer_template`). Both go through
:func:`perfeditor.io.atomic.atomic_write`. The returned list names, in Chinese, what the target
layout could not hold.
"""
from __future__ import annotations

import logging
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from perfeditor.errors import FormWriteError
from perfeditor.forms.compose import left_out_report
from perfeditor.io import file_stamp
from perfeditor.io.atomic import atomic_write, same_file
from perfeditor.io.docx.writer_inplace import prepare_in_place
from perfeditor.io.docx.writer_template import write_new
from perfeditor.io.outside import not_carried
from perfeditor.io.source import SourceMap
from perfeditor.model import LAYOUTS, Document

log = logging.getLogger(__name__)


def can_save_in_place(doc: Document, layout: str, smap: SourceMap | None) -> bool:
    """The document came from a .docx that is still as it was read (``smap`` says where its
    forms sit), and keeps its layout."""
    if doc.format != "docx" or not doc.path or layout != doc.layout or smap is None \
            or smap.format != "docx" or not smap.path or not same_file(Path(smap.path), Path(doc.path)):
        return False
    src = Path(doc.path)
    if not src.is_file() or src.suffix.lower() != ".docx":
        return False
    if doc.source_stamp is not None and file_stamp(src) != tuple(doc.source_stamp):
        return False  # changed on disk since: its block positions no longer hold
    return any(ref.format == "docx" and ref.blocks for ref in smap.projects.values()) \
        or (doc.department is not None and smap.department is not None and bool(smap.department.blocks))


def write_docx(doc: Document, path: str | Path, layout: str | None = None,
               smap: SourceMap | None = None) -> list[str]:
    """Write ``doc`` to ``path`` in ``layout`` (default: the document's own); return what was left out."""
    report, losses, run = plan_docx(doc, path, layout, smap)
    return report + losses + run()


def plan_docx(doc: Document, path: str | Path, layout: str | None = None,
              smap: SourceMap | None = None):
    """(report, losses, run): what ``layout`` cannot hold (saving in place: of the forms composed
    anew only, the others kept or patched keep what they hold), what of the original file this save
    cannot keep (worked out before anything is written: the caller asks the clerk), and the
    function that writes the file. ``smap``: where the forms sit in the file ``doc`` was read
    from; a save over that file updates it (in place) to the file as written."""
    path = Path(path)
    target = layout or doc.layout
    if target not in LAYOUTS:
        raise FormWriteError(f"不认识的表格格式“{target}”；可选：hebei-project、hebei-graded、mof-project。")
    in_place = can_save_in_place(doc, target, smap)
    prepared = None
    losses: list[str] = []
    if in_place:  # worked out now: the plan names the forms composed anew before anything is written
        try:
            with _in_chinese(path, "preparing the save of", passing=_DAMAGED):
                prepared = prepare_in_place(doc, Path(doc.path).read_bytes(), smap)  # type: ignore[arg-type]
        except _DAMAGED:  # a damaged part of the original: the file is built anew
            log.warning("in-place save of %s met a damaged part; to be written anew", path, exc_info=True)
            losses.append("原文件中有已损坏的部分，无法只改动修改过的表格，需要按官方版式重新生成文件；"
                          "表格以外的段落、其他表格、页眉页脚和图片将不会保留。")
    # what the layout cannot hold of the forms composed anew (in place: only those; the forms kept
    # or patched keep what they hold)
    report = left_out_report(doc, target, prepared.composed, prepared.department) if prepared is not None \
        else left_out_report(doc, target)
    if not in_place and doc.format == "docx" and doc.path and same_file(Path(doc.path), path):
        why = "改用了其他版式" if target != doc.layout else "文件在打开后已被修改"
        losses.append(f"无法只改动原文档中修改过的表格（{why}），需要按官方模板重新生成整个文档；"
                      "表格以外的段落、其他表格、页眉页脚和图片将不会保留。")
    elif not in_place:  # a new file from the template: what of the original it does not carry
        losses += not_carried(doc, smap, ".docx")

    def run() -> list[str]:
        note: list[str] = []
        with _in_chinese(path, "writing"):
            if prepared is not None:
                try:
                    atomic_write(path, prepared.write)
                    if same_file(Path(doc.path), path):  # type: ignore[arg-type]
                        prepared.refresh()  # the file now has the new structure: point the map at it
                    return []
                except _DAMAGED:  # a damaged member of the original, met while copying it
                    log.warning("in-place save of %s met a damaged part; written anew", path, exc_info=True)
                    note = ["原文件中有已损坏的部分，已按官方版式重新生成文件（表外的其他内容未保留）。"]
            atomic_write(path, lambda tmp: write_new(doc, tmp, target, smap))
            if smap is not None and smap.path and same_file(Path(smap.path), path):
                smap.forget_places()  # the file was rebuilt: its recorded places are gone
            return note
    return report, losses, run


_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError)


@contextmanager
def _in_chinese(path: Path, doing: str, passing: tuple = ()):
    """A writer's failure (other than a :class:`FormWriteError` or one of ``passing``) as one
    Chinese line for the clerk, the original untouched; the log keeps why."""
    try:
        yield
    except (FormWriteError, *passing):
        raise
    except MemoryError:
        raise FormWriteError(f"内容过大，未能保存“{path.name}”；原文件未被改动。") from None
    except Exception as exc:  # noqa: BLE001 - a writer bug: one Chinese line for the clerk, the log keeps why
        log.exception("%s %s failed", doing, path)
        raise FormWriteError(f"保存“{path.name}”时程序出错，未能保存；原文件未被改动。") from exc
