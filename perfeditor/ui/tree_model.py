"""The navigation tree: file → 部门整体绩效目标 → each project → first levels → second levels.

A thin adapter over the session's document. Project children (the indicator levels) are computed
only when a view asks for them and cached; a change to one project touches only its subtree.
Nodes are addressed by integer ids (``QModelIndex.internalId``), never by Python pointers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from perfeditor.editing import ChangeSet, list_key
from perfeditor.model import Project
from perfeditor.ui.rowsync import sync_rows
from perfeditor.ui.session import DocumentSession

INDICATOR_MIME = "application/x-perfeditor-indicators"
PROJECT_MIME = "application/x-perfeditor-project"
ERROR_COLOR = QColor("#c62828")
WARNING_COLOR = QColor("#b26a00")


class TallestScriptRows(QStyledItemDelegate):
    """Rows as high as a Chinese name needs: the tree's rows are all as high as its first (the
    file's), and a file named in Latin letters made them too low for the projects' Chinese names
    (Linux's Chinese fonts are taller than its Latin ones)."""

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        sample = QStyleOptionViewItem(option)  # (the model not asked again: no roles but the text)
        sample.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        sample.text = "中"
        style = sample.widget.style() if sample.widget is not None else QApplication.style()
        return size.expandedTo(style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, sample, QSize(),
                                                      sample.widget))


@dataclass
class Node:
    kind: str                     # file / department / project / level1 / level2
    key: tuple
    parent_id: int
    project_uid: int = 0
    level1: str = ""
    level2: str = ""
    children: list[int] | None = field(default=None)  # only level nodes keep a list


def _groups(project: Project) -> list[list]:
    """[[level1, [level2, …]], …] in first-seen order."""
    out: dict[str, list[str]] = {}
    for ind in project.indicators:
        l2s = out.setdefault(ind.level1, [])
        if ind.level2 not in l2s:
            l2s.append(ind.level2)
    return [[l1, l2s] for l1, l2s in out.items()]


def _levels_of(project: Project, uids) -> set[tuple[str, str]] | None:
    """The (level1, level2) of the project's rows among ``uids`` (the uids whose marks changed;
    the project's own uid is its own node); None when some uid is no row of it now (a row
    removed: every level may have changed) or ``uids`` is None."""
    if uids is None:
        return None
    rest = set(uids) - {project.uid}
    out: set[tuple[str, str]] = set()
    for ind in project.indicators:
        if ind.uid in rest:
            out.add((ind.level1, ind.level2))
            rest.discard(ind.uid)
            if not rest:
                break
    return None if rest else out


def encode_indicators(project: Project, rows: list[int]) -> QMimeData:
    mime = QMimeData()
    payload = f"{project.uid}:" + ",".join(str(r) for r in sorted(set(rows)))
    mime.setData(INDICATOR_MIME, QByteArray(payload.encode()))
    return mime


def decode_indicators(mime: QMimeData) -> tuple[int, list[int]] | None:
    if not mime.hasFormat(INDICATOR_MIME):
        return None
    try:
        head, rows = bytes(mime.data(INDICATOR_MIME).data()).decode().split(":", 1)
        return int(head), [int(r) for r in rows.split(",") if r]
    except ValueError:
        return None


class DocumentTreeModel(QAbstractItemModel):
    #: a project was dragged to another place (the window selects it there)
    projectDropped = Signal(object)
    def __init__(self, session: DocumentSession, parent=None):
        super().__init__(parent)
        self.session = session
        self._nodes: dict[int, Node] = {}
        self._ids: dict[tuple, int] = {}
        self._groups: dict[int, list[list]] = {}  # project uid → cached levels
        #: the projects shown: a snapshot stepped by change sets (see :mod:`perfeditor.ui.rowsync`)
        self._projects: list[Project] = list(session.doc.projects)
        self._row_of: dict[int, int] = {}
        self._reindex()
        session.changed.connect(self._changed)
        session.findingsChanged.connect(self._findings_changed)

    # --- node bookkeeping --------------------------------------------------------------------
    def _node_id(self, kind: str, key: tuple, parent_id: int, **kw) -> int:
        nid = self._ids.get(key)
        if nid is None:
            nid = len(self._nodes) + 1
            self._ids[key] = nid
            self._nodes[nid] = Node(kind, key, parent_id, **kw)
        return nid

    def _reindex(self) -> None:
        self._row_of = {p.uid: i for i, p in enumerate(self._projects)}

    @property
    def _offset(self) -> int:
        return 1 if self.session.doc.department is not None else 0

    def _file_id(self) -> int:
        return self._node_id("file", ("file",), 0)

    def _project_id(self, project: Project) -> int:
        return self._node_id("project", ("p", project.uid), self._file_id(), project_uid=project.uid)

    def _project_by_uid(self, uid: int) -> Project | None:
        row = self._row_of.get(uid)
        return None if row is None else self._projects[row]

    def _levels(self, uid: int) -> list[list]:
        groups = self._groups.get(uid)
        if groups is None:
            project = self._project_by_uid(uid)
            groups = _groups(project) if project is not None else []
            self._groups[uid] = groups
        return groups

    def node(self, index: QModelIndex) -> Node | None:
        if not index.isValid():
            return None
        return self._nodes.get(index.internalId())

    def project_of(self, index: QModelIndex) -> Project | None:
        node = self.node(index)
        return None if node is None or not node.project_uid else self._project_by_uid(node.project_uid)

    def _children_ids(self, nid: int) -> list[int]:
        if nid == 0:
            return [self._file_id()]
        node = self._nodes[nid]
        if node.kind == "file":
            ids = []
            if self.session.doc.department is not None:
                ids.append(self._node_id("department", ("dep",), nid))
            return ids + [self._project_id(p) for p in self._projects]
        if node.kind == "project":
            return [self._node_id("level1", ("l1", node.project_uid, l1), nid,
                                  project_uid=node.project_uid, level1=l1)
                    for l1, _ in self._levels(node.project_uid)]
        if node.kind == "level1":
            for l1, l2s in self._levels(node.project_uid):
                if l1 == node.level1:
                    return [self._node_id("level2", ("l2", node.project_uid, l1, l2), nid,
                                          project_uid=node.project_uid, level1=l1, level2=l2)
                            for l2 in l2s]
        return []

    def _child_id(self, nid: int, row: int) -> int:
        """The id of child ``row`` of ``nid`` without listing all siblings (projects are many)."""
        node = self._nodes.get(nid)
        if node is not None and node.kind == "file":
            if row < self._offset:
                return self._node_id("department", ("dep",), nid)
            return self._project_id(self._projects[row - self._offset])
        return self._children_ids(nid)[row]

    def _child_count(self, nid: int) -> int:
        if nid == 0:
            return 1
        node = self._nodes[nid]
        if node.kind == "file":
            return self._offset + len(self._projects)
        if node.kind == "project":
            return len(self._levels(node.project_uid))
        if node.kind == "level1":
            for l1, l2s in self._levels(node.project_uid):
                if l1 == node.level1:
                    return len(l2s)
        return 0

    def _row(self, nid: int) -> int:
        node = self._nodes[nid]
        if node.kind == "file" or node.kind == "department":
            return 0
        if node.kind == "project":
            return self._offset + self._row_of.get(node.project_uid, 0)
        levels = self._levels(node.project_uid)
        if node.kind == "level1":
            return next((i for i, (l1, _) in enumerate(levels) if l1 == node.level1), 0)
        for l1, l2s in levels:
            if l1 == node.level1 and node.level2 in l2s:
                return l2s.index(node.level2)
        return 0

    def index_of_id(self, nid: int) -> QModelIndex:
        if nid == 0 or nid not in self._nodes:
            return QModelIndex()
        return self.createIndex(self._row(nid), 0, nid)

    def file_index(self) -> QModelIndex:
        return self.index(0, 0)

    def project_index(self, project: Project) -> QModelIndex:
        row = self._row_of.get(project.uid)
        if row is None:
            return QModelIndex()
        return self.index(self._offset + row, 0, self.file_index())

    def department_index(self) -> QModelIndex:
        return self.index(0, 0, self.file_index()) if self._offset else QModelIndex()

    def level_index(self, project: Project, level1: str, level2: str | None = None) -> QModelIndex:
        key = ("l1", project.uid, level1) if level2 is None else ("l2", project.uid, level1, level2)
        self._children_ids(self._project_id(project))
        if level2 is not None:
            self._children_ids(self._ids.get(("l1", project.uid, level1), 0))
        nid = self._ids.get(key)
        return self.index_of_id(nid) if nid else QModelIndex()

    # --- QAbstractItemModel ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        pid = parent.internalId() if parent.isValid() else 0
        if row >= self._child_count(pid):
            return QModelIndex()
        return self.createIndex(row, 0, self._child_id(pid, row))

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes.get(index.internalId())
        if node is None or node.parent_id == 0:
            return QModelIndex()
        return self.index_of_id(node.parent_id)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return self._child_count(parent.internalId() if parent.isValid() else 0)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        # A view asks this of every project when the file node opens: answer without grouping
        # the project's indicators (that waits until the clerk opens the project).
        node = self.node(parent)
        if node is not None and node.kind == "project" and node.project_uid not in self._groups:
            project = self._project_by_uid(node.project_uid)
            return bool(project is not None and project.indicators)
        return self.rowCount(parent) > 0

    def _title(self, node: Node) -> str:
        doc = self.session.doc
        if node.kind == "file":
            return Path(doc.path).name if doc.path else "未命名文件"
        if node.kind == "department":
            return "部门整体绩效目标"
        if node.kind == "project":
            project = self._project_by_uid(node.project_uid)
            if project is None:
                return ""
            return project.name or project.title or "（未命名项目）"
        if node.kind == "level1":
            return node.level1 or "（未填一级指标）"
        return node.level2 or "（未填二级指标）"

    def _findings(self, node: Node) -> list:
        s = self.session
        if node.kind == "file":
            return s.findings
        if node.kind == "department":
            return s.doc_findings
        project = self._project_by_uid(node.project_uid)
        if project is None:
            return []
        found = s.project_findings(project)
        if node.kind == "project":
            return found
        out = []
        for f in found:
            i = f.indicator_index
            if i is None or not 0 <= i < len(project.indicators):
                continue
            ind = project.indicators[i]
            if ind.level1 == node.level1 and (node.kind == "level1" or ind.level2 == node.level2):
                out.append(f)
        return out

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            found = self._findings(node)
            errors = sum(f.severity == "error" for f in found)
            warnings = sum(f.severity == "warning" for f in found)
            badge = []
            if errors:
                badge.append(f"{errors} 错")
            if warnings:
                badge.append(f"{warnings} 警")
            title = self._title(node)
            return f"{title}  〔{'，'.join(badge)}〕" if badge else title
        if role == Qt.ItemDataRole.ForegroundRole:
            found = self._findings(node)
            if any(f.severity == "error" for f in found):
                return QBrush(ERROR_COLOR)
            if any(f.severity == "warning" for f in found):
                return QBrush(WARNING_COLOR)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            found = self._findings(node)
            lines = [f.message for f in found[:15]]
            if len(found) > 15:
                lines.append(f"……共 {len(found)} 条")
            return "\n".join([self._title(node)] + lines)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self.node(index)
        if node is not None and node.kind in ("file", "project", "level1", "level2"):
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        if node is not None and node.kind == "project":
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # --- drags: a project to another place; drops: indicator rows onto a level or project ---
    def mimeTypes(self) -> list[str]:
        return [INDICATOR_MIME, PROJECT_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes) -> QMimeData | None:  # noqa: N802
        nodes = [self.node(i) for i in indexes]
        uids = [n.project_uid for n in nodes if n is not None and n.kind == "project"]
        if not uids:
            return None
        mime = QMimeData()
        mime.setData(PROJECT_MIME, QByteArray(str(uids[0]).encode()))
        return mime

    def _dragged_project(self, data) -> int | None:
        if not data.hasFormat(PROJECT_MIME):
            return None
        try:
            uid = int(bytes(data.data(PROJECT_MIME).data()).decode())
        except ValueError:
            return None
        return self._row_of.get(uid)

    def project_drop_row(self, row: int, parent: QModelIndex) -> int | None:
        """Where a project dropped at (row, parent) goes, as an index into the list before the
        move: between projects of the file node, or onto a project (takes its place)."""
        node = self.node(parent)
        if node is None:
            return None
        if node.kind == "file":
            if row < 0:
                return len(self._projects)
            return max(0, row - self._offset)
        if node.kind == "project":
            return self._row_of.get(node.project_uid)
        return None

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        node = self.node(parent)
        if data.hasFormat(PROJECT_MIME):
            return self._dragged_project(data) is not None and self.project_drop_row(row, parent) is not None
        return node is not None and node.kind in ("project", "level1", "level2") \
            and decode_indicators(data) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        from perfeditor.ui.commands import MoveProject, move_to_level, move_to_project

        if data.hasFormat(PROJECT_MIME):
            source, place = self._dragged_project(data), self.project_drop_row(row, parent)
            if source is None or place is None:
                return False
            dest = place - 1 if place > source else place
            if dest != source:
                project = self.session.doc.projects[source]
                self.session.stack.push(MoveProject(self.session, source, dest, "移动项目"))
                self.projectDropped.emit(project)
            return False  # the command moved it; the view must not remove anything itself
        decoded = decode_indicators(data)
        node = self.node(parent)
        if decoded is None or node is None or node.kind not in ("project", "level1", "level2"):
            return False
        source = self._project_by_uid(decoded[0])
        target = self._project_by_uid(node.project_uid)
        if source is None or target is None:
            return False
        rows = [r for r in decoded[1] if 0 <= r < len(source.indicators)]
        if not rows:
            return False
        level1 = node.level1 if node.kind != "project" else None
        level2 = node.level2 if node.kind == "level2" else None
        if source is target:
            if level1 is None:
                return False
            cmd = move_to_level(self.session, source, [source.indicators[r] for r in rows],
                                level1, level2)
        else:
            cmd = move_to_project(self.session, source, rows, target, level1, level2)
        if cmd is not None:
            self.session.stack.push(cmd)
        return False  # the command did the move; the view must not remove anything itself

    # --- session signals ---------------------------------------------------------------------
    def _changed(self, changes: ChangeSet) -> None:
        if list_key(None, "projects") in changes.lists():
            sync_rows(self, self.file_index(), self._projects, list(self.session.doc.projects),
                      offset=self._offset, after_step=self._reindex)
            for uid in list(self._groups):
                if uid not in self._row_of:
                    del self._groups[uid]
        for uid in changes.projects:
            project = self._project_by_uid(uid)
            if project is not None:
                self._sync_levels(project)
        relevelled = False
        for c in changes.fields():
            if isinstance(c.obj, Project) and c.field in ("name", "title"):
                idx = self.project_index(c.obj)
                if idx.isValid():
                    self.dataChanged.emit(idx, idx)
            relevelled = relevelled or (c.field in ("level1", "level2") and not isinstance(c.obj, Project))
        if relevelled:  # a row changed level: the badges of its old and its new level may change
            for uid in changes.projects:
                project = self._project_by_uid(uid)
                if project is not None:
                    self._levels_changed(project)

    def _levels_changed(self, project: Project) -> None:
        """Every level node of ``project`` shown so far may show other findings."""
        pidx = self.project_index(project)
        for i, (_, l2s) in enumerate(self._groups.get(project.uid) or []):
            l1idx = self.index(i, 0, pidx)
            self.dataChanged.emit(l1idx, l1idx)
            for j in range(len(l2s)):
                idx = self.index(j, 0, l1idx)
                self.dataChanged.emit(idx, idx)

    def _sync_levels(self, project: Project) -> None:
        """Step the project's level nodes to its indicators' levels (row signals, no reset)."""
        old = self._groups.get(project.uid)
        if old is None:  # never shown: computed when a view asks
            return
        new = _groups(project)
        pidx = self.project_index(project)
        sync_rows(self, pidx, old, new, key=lambda g: g[0])
        for i, (_, l2s) in enumerate(new):
            if old[i][1] is not l2s:
                sync_rows(self, self.index(i, 0, pidx), old[i][1], l2s, key=lambda x: x)

    def _findings_changed(self, uids, changed=None) -> None:
        if uids is None:  # a full check: everything may have changed, ranges will do
            self._all_changed()
            return
        # One index at a time: a view repaints a single changed item only, but all of its
        # viewport for a changed range. Of a project's levels, only those holding a row whose
        # marks changed.
        def notify(idx):
            self.dataChanged.emit(idx, idx)

        notify(self.file_index())
        if self._offset:
            notify(self.department_index())
        wanted = set(uids)
        for project in self._projects:
            if project.uid not in wanted:
                continue
            idx = self.project_index(project)
            notify(idx)
            touched = _levels_of(project, changed)
            for i, (l1, l2s) in enumerate(self._groups.get(project.uid) or []):
                if touched is not None and not any(t[0] == l1 for t in touched):
                    continue
                l1idx = self.index(i, 0, idx)
                notify(l1idx)
                for j, l2 in enumerate(l2s):
                    if touched is None or (l1, l2) in touched:
                        notify(self.index(j, 0, l1idx))

    def _all_changed(self) -> None:
        fidx = self.file_index()
        self.dataChanged.emit(fidx, fidx)
        n = self.rowCount(fidx)
        if n:
            self.dataChanged.emit(self.index(0, 0, fidx), self.index(n - 1, 0, fidx))
        for project in self._projects:
            levels = self._groups.get(project.uid)
            if not levels:
                continue
            pidx = self.project_index(project)
            self.dataChanged.emit(self.index(0, 0, pidx), self.index(len(levels) - 1, 0, pidx))
            for i, (_, l2s) in enumerate(levels):
                if l2s:
                    l1idx = self.index(i, 0, pidx)
                    self.dataChanged.emit(self.index(0, 0, l1idx), self.index(len(l2s) - 1, 0, l1idx))
