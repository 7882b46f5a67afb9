"""项目→从往年文件复制: last year's projects beside this year's, ticks for what to copy (绩效目标,
绩效指标, 资金支出计划), one undo step; the years inside the copied texts move forward and are
listed for review. Last year's projects this year's file lacks are offered as 新增项目 (unticked):
ticked, they are added after the last project, in the same undo step."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from perfeditor.authoring.last_year import (
    PARTS,
    CopyPlan,
    match_projects,
    plan_copy,
    project_from_last_year,
    year_gap,
)
from perfeditor.model import Document, Project
from perfeditor.ui.commands import Compound, InsertIndicators, InsertProject, RemoveIndicators, SetField
from perfeditor.ui.dialogs import fit_to_screen, ok_cancel
from perfeditor.ui.session import DocumentSession, get_field

_PART_KEYS = tuple(PARTS)
_FIRST_PART_COLUMN = 3
_HOW = {"code": "项目编码相同", "name": "项目名称相同", "": ""}
#: Column 0 of a project only last year's file has: ticked, it is added as a new project.
NEW_PROJECT = "新增项目"


def _has(source: Project, part: str) -> bool:
    """Whether last year's project has something to copy in ``part``."""
    return {"goals": lambda: bool(source.goals.strip()), "indicators": lambda: bool(source.indicators),
            "plan": lambda: any(v.strip() for v in source.spending_plan.values())}[part]()


class CopyFromLastYear(Compound):
    """Every ticked part of every project, as one undo step: a macro of field edits and, where
    the indicators are copied, removal of this year's rows and insertion of last year's; then
    the new projects (``added``, built by :func:`project_from_last_year`) after the last one."""

    def __init__(self, session: DocumentSession, plans: list[tuple[Project, CopyPlan]],
                 added: list[tuple[Project, CopyPlan]] = ()):
        super().__init__(session, "从往年文件复制")
        self.plans = list(plans) + list(added)
        self.added = [project for project, _ in added]
        for project, plan in plans:
            for field, value in plan.edits:
                if get_field(project, field) != value:
                    SetField(session, project, field, value, project, self)
            if plan.indicators is not None:
                if project.indicators:
                    RemoveIndicators(session, project, list(range(len(project.indicators))), parent=self)
                if plan.indicators:
                    InsertIndicators(session, project, 0, list(plan.indicators), parent=self)
        at = len(session.doc.projects)
        for k, project in enumerate(self.added):
            InsertProject(session, at + k, project, "新增项目", parent=self)


class LastYearDialog(QDialog):
    """This year's projects beside last year's, with a tick per part."""

    def __init__(self, current: Document, old: Document, old_name: str, parent=None):
        super().__init__(parent)
        self.current, self.old = current, old
        self.delta, self.only = year_gap(current, old)
        self.setWindowTitle("从往年文件复制")
        fit_to_screen(self, 1000, 600)
        lay = QVBoxLayout(self)
        years = f"，其中的年份顺延 {self.delta} 年"
        if self.only:
            years += f"（{self.only} → {self.only + self.delta}）"
        intro = QLabel(f"往年文件：{old_name}。按项目编码、再按项目名称对应；勾选要复制的内容{years}，"
                       "复制后请复核。已勾选“绩效指标”的项目，本年的指标表将被往年的指标替换。"
                       f"本年没有的往年项目，勾选“{NEW_PROJECT}”即加在最后（预算金额请按本年填写）。")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["本年项目", "往年项目", "对应方式"] + [PARTS[k] for k in _PART_KEYS])
        self.tree.setRootIsDecorated(False)
        # cell by cell: ← → reach the ticks (Space ticks); a row's selection kept the caret in column 0
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)  # (资金支出计划's tick took as much room as a project's name)
        self.tree.setColumnWidth(2, 100)
        for k in range(len(_PART_KEYS)):
            self.tree.setColumnWidth(_FIRST_PART_COLUMN + k, 90)
        for m in match_projects(current, old):
            cur = current.projects[m.current].name if m.current is not None else NEW_PROJECT
            prev = old.projects[m.old].name if m.old is not None else "（往年无对应项目）"
            how = _HOW[m.how] if m.current is not None or m.old is None else "本年无此项目"
            item = QTreeWidgetItem([cur, prev, how] + [""] * len(_PART_KEYS))
            item.setData(0, Qt.ItemDataRole.UserRole, (m.current, m.old))
            if m.old is not None:
                source = old.projects[m.old]
                offered = m.current is None  # a new project: offered, nothing ticked
                if offered:
                    item.setCheckState(0, Qt.CheckState.Unchecked)
                    item.setToolTip(0, f"勾选后，往年项目“{source.name}”作为新项目加在本年文件最后")
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                for k, part in enumerate(_PART_KEYS):
                    item.setCheckState(_FIRST_PART_COLUMN + k, Qt.CheckState.Checked
                                       if _has(source, part) and not offered else Qt.CheckState.Unchecked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
        lay.addWidget(self.tree, 3)
        self.preview = QTextBrowser()
        lay.addWidget(self.preview, 2)
        self.tree.currentItemChanged.connect(self._show_preview)
        self.tree.itemChanged.connect(self._ticked)
        row = QHBoxLayout()
        self.all_button = QPushButton("全选")
        self.none_button = QPushButton("全不选")
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button.clicked.connect(lambda: self.set_all(False))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        row.addWidget(ok_cancel(self, "复制"))
        lay.addLayout(row)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def set_all(self, on: bool) -> None:
        """全选 / 全不选: every part of the matched projects and of the new projects ticked so
        far; 全不选 also unticks the new projects (nothing is then copied or added)."""
        for item in self.items():
            if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            if self._offered(item) and item.checkState(0) != Qt.CheckState.Checked:
                continue
            for k in range(len(_PART_KEYS)):
                item.setCheckState(_FIRST_PART_COLUMN + k, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if self._offered(item) and not on:
                item.setCheckState(0, Qt.CheckState.Unchecked)

    @staticmethod
    def _offered(item: QTreeWidgetItem) -> bool:
        cur, old = item.data(0, Qt.ItemDataRole.UserRole)
        return cur is None and old is not None

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        """A new project's ticks go together: 新增项目 ticks the parts last year's project has
        (unticked, it unticks them all); a part ticked ticks 新增项目 — what is ticked is what
        happens."""
        if not self._offered(item) or getattr(self, "_ticking", False):
            return
        self._ticking = True
        try:
            if column == 0:
                on = item.checkState(0) == Qt.CheckState.Checked
                if not on or not self._parts(item):
                    source = self.old.projects[item.data(0, Qt.ItemDataRole.UserRole)[1]]
                    for k, part in enumerate(_PART_KEYS):
                        item.setCheckState(_FIRST_PART_COLUMN + k, Qt.CheckState.Checked
                                           if on and _has(source, part) else Qt.CheckState.Unchecked)
            elif column >= _FIRST_PART_COLUMN and item.checkState(column) == Qt.CheckState.Checked:
                item.setCheckState(0, Qt.CheckState.Checked)
        finally:
            self._ticking = False

    def _parts(self, item: QTreeWidgetItem) -> set[str]:
        return {p for k, p in enumerate(_PART_KEYS) if item.checkState(_FIRST_PART_COLUMN + k) == Qt.CheckState.Checked}

    def selection(self) -> list[tuple[int, int, set[str]]]:
        """(this year's index, last year's index, parts ticked) for every row with a tick."""
        out = []
        for item in self.items():
            cur, old = item.data(0, Qt.ItemDataRole.UserRole)
            if cur is None or old is None:
                continue
            parts = self._parts(item)
            if parts:
                out.append((cur, old, parts))
        return out

    def new_projects(self) -> list[tuple[int, set[str]]]:
        """(last year's index, parts ticked) for every project of last year's only that is ticked
        as 新增项目, in last year's order."""
        out = []
        for item in self.items():
            cur, old = item.data(0, Qt.ItemDataRole.UserRole)
            if cur is None and old is not None and item.checkState(0) == Qt.CheckState.Checked:
                out.append((old, self._parts(item)))
        return out

    def _show_preview(self, item, _previous=None) -> None:
        if item is None:
            self.preview.clear()
            return
        cur, old = item.data(0, Qt.ItemDataRole.UserRole)
        if old is None:
            self.preview.setPlainText("往年文件中没有与此项目对应的项目，不能复制。")
            return
        from html import escape

        source = self.old.projects[old]
        added = ("" if cur is not None else
                 f"<p>本年文件没有此项目。勾选“{NEW_PROJECT}”，它将作为新项目加在最后，按本年文件的版式，"
                 "复制所勾选的内容；预算金额不复制，请按本年填写。</p>")
        plan = plan_copy(self.current.projects[cur] if cur is not None else source, source,
                         set(_PART_KEYS), self.delta, self.only)
        goals = dict(plan.edits).get("goals", source.goals)
        rows = "".join(
            f"<tr><td>{escape(i.level1)}</td><td>{escape(i.level2)}</td><td>{escape(i.level3)}</td>"
            f"<td>{escape(i.value)}</td></tr>" for i in (plan.indicators or []))
        plan_text = "　".join(f"{k}：{v}" for k, v in source.spending_plan.items() if v.strip()) or "（未填）"
        self.preview.setHtml(
            f"<b>往年项目“{escape(source.name)}”（年份已顺延）</b>{added}<p><b>绩效目标：</b>"
            f"{escape(goals).replace(chr(10), '<br>') or '（未填）'}</p><p><b>资金支出计划：</b>{escape(plan_text)}</p>"
            f"<p><b>绩效指标（{len(plan.indicators or [])} 项）：</b></p>"
            f"<table border=1 cellspacing=0 cellpadding=3><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th>"
            f"<th>指标值</th></tr>{rows}</table>")


def build_command(session: DocumentSession, old: Document, selection, delta: int,
                  only: int | None, new_projects=()) -> tuple[CopyFromLastYear | None, list[str]]:
    """The undo command for ``selection`` and ``new_projects`` (:meth:`LastYearDialog.new_projects`)
    and the review lines (Chinese)."""
    plans, added, review = [], [], []
    for cur, prev, parts in selection:
        target = session.doc.projects[cur]
        plan = plan_copy(target, old.projects[prev], parts, delta, only)
        if not plan.empty():
            plans.append((target, plan))
            review += plan.review
    first = len(session.doc.projects) + 1
    for k, (prev, parts) in enumerate(new_projects):
        project, plan = project_from_last_year(session.doc, old.projects[prev], parts, delta, only, first + k)
        added.append((project, plan))
        review += plan.review
    return (CopyFromLastYear(session, plans, added) if plans or added else None), review


def copy_from_last_year(window, path: str | None = None, choose=None) -> bool:
    """项目→从往年文件复制. ``choose(dialog)`` stands in for the clerk in tests (ticks, then
    returns True to copy); without it the dialog is shown modally."""
    from perfeditor.ui import files

    if not window.session.doc.projects:
        window.show_message("本文件还没有项目：请先新建或打开绩效目标表。")
        return False
    path = path or window.dialogs.open_file_name(str(Path(window.session.doc.path or "").parent),
                                                  title="选择往年的绩效目标表")
    if not path:
        return False
    old = files.read(path, window.dialogs)
    if old is None:
        return False
    if not old.projects:
        window.dialogs.warning("往年文件中没有项目绩效目标表。", "无法复制")
        return False
    dialog = LastYearDialog(window.session.doc, old, Path(path).name, window)
    try:
        accepted = choose(dialog) if choose is not None else dialog.exec() == QDialog.DialogCode.Accepted
        if not accepted:
            return False
        command, review = build_command(window.session, old, dialog.selection(), dialog.delta, dialog.only,
                                        dialog.new_projects())
    finally:
        dialog.deleteLater()
    if command is None:
        window.show_message("没有勾选要复制的内容。")
        return False
    window.session.stack.push(command)
    added = len(command.added)
    copied = len(command.plans) - added
    said = [f"复制 {copied} 个项目的内容"] if copied else []
    said += [f"新增 {added} 个项目（预算金额请按本年填写）"] if added else []
    window.show_message(f"已从往年文件{'、'.join(said)}（可撤销）。")
    if review:
        show_review(window, command)
    return True


def review_changes(session: DocumentSession, command: CopyFromLastYear) -> list:
    """Every text whose years moved, as the comparison view's changes (last year's → copied)."""
    from perfeditor.compare import Change

    out = []
    for project, plan in command.plans:
        index = session.project_index(project)
        for m in plan.moved:
            out.append(Change("changed", "field", project.name, m.indicator, m.field, m.title, m.before, m.after,
                              project_a=index, indicator_a=m.row))
    return out


def show_review(window, command: CopyFromLastYear):
    """The moved years, listed beside the window; each jumps to its place (复核)."""
    from perfeditor.ui.compare_view import CompareDialog

    changes = review_changes(window.session, command)
    dialog = CompareDialog(window, changes, "请复核：年份已顺延",
                           f"已复制 {len(command.plans)} 个项目。以下 {len(changes)} 处文字中的年份已顺延，"
                           "请逐项复核（F8 转到下一处）。", sides=("往年文件", "复制后"))
    dialog.show()
    window.review_dialog = dialog
    return dialog
