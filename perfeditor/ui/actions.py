"""The window's actions, declared once: an id, a Chinese text, a shortcut."""
from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

SK = QKeySequence.StandardKey


class A(Enum):
    OPEN = ("打开(&O)…", SK.Open)
    SAVE = ("保存(&S)", SK.Save)
    SAVE_AS = ("另存为(&A)…", "Ctrl+Shift+S")
    PRINT_PREVIEW = ("打印预览(&V)…", "Ctrl+Shift+P")
    PRINT = ("打印(&P)…", SK.Print)
    EXPORT_PDF = ("导出 PDF(&E)…", "Ctrl+Shift+E")
    PAGE_SETUP = ("页面设置(&U)…", None)
    PREFERENCES = ("首选项(&R)…", None)
    QUIT = ("退出(&X)", SK.Quit)
    CUT = ("剪切(&T)", SK.Cut)
    COPY = ("复制(&C)", SK.Copy)
    PASTE = ("粘贴(&P)", SK.Paste)
    FIND = ("查找和替换(&F)…", SK.Find)
    INSERT_ROW = ("插入指标行", "Ctrl+I")
    APPEND_ROW = ("在末尾添加指标行", "Ctrl+Shift+I")
    DELETE_ROW = ("删除所选指标行", "Ctrl+Delete")
    DUPLICATE_ROW = ("复制所选指标行", "Ctrl+D")
    ROW_UP = ("指标上移", "Alt+Up")
    ROW_DOWN = ("指标下移", "Alt+Down")
    MOVE_TO = ("移动指标到…", "Ctrl+M")
    ADD_PROJECT = ("添加项目", None)
    DUPLICATE_PROJECT = ("复制项目", None)
    DELETE_PROJECT = ("删除项目", None)
    PROJECT_UP = ("项目上移", "Ctrl+Alt+Up")
    PROJECT_DOWN = ("项目下移", "Ctrl+Alt+Down")
    ITEM_ADD = ("添加分项绩效目标", "Ctrl+Alt+I")
    ITEM_DELETE = ("删除所选分项绩效目标", "Ctrl+Shift+Delete")
    ITEM_UP = ("分项绩效目标上移", "Ctrl+Shift+Up")
    ITEM_DOWN = ("分项绩效目标下移", "Ctrl+Shift+Down")
    CHECK = ("重新审核全部(&K)", "F5")
    NEW = ("新建(&N)…", SK.New)
    COMPARE = ("比较(&M)…", None)
    COPY_LAST_YEAR = ("从往年文件复制…", None)
    SUGGEST = ("从指标库选择三级指标", "Ctrl+J")
    BATCH_REVIEW = ("批量审核(&B)…", None)
    EXPORT_REVIEW = ("导出审核报告(&R)…", None)
    ZOOM_IN = ("放大(&I)", "Ctrl+=")
    ZOOM_OUT = ("缩小(&O)", "Ctrl+-")
    ZOOM_RESET = ("恢复默认大小(&R)", "Ctrl+0")
    HELP_KEYS = ("快捷键(&K)…", "F1")


#: 部门's 分项绩效目标 actions: their keys (Ctrl+Shift+↑ …) are Excel's in the tables, so they are
#: keys of the department page only (the menu's entries work from anywhere)
DEPARTMENT_ITEM_ACTIONS = (A.ITEM_ADD, A.ITEM_DELETE, A.ITEM_UP, A.ITEM_DOWN)

#: the indicator rows' actions: their keys (Alt+↓, Ctrl+I, Ctrl+Delete …) are keys of the tables and the
#: tree only, so that in a form field they do what the field does (the menu's entries work from anywhere)
ROW_ACTIONS = (A.INSERT_ROW, A.APPEND_ROW, A.DUPLICATE_ROW, A.DELETE_ROW, A.ROW_UP, A.ROW_DOWN, A.MOVE_TO)

#: what can be done on the start page, with no document open (the others are disabled there)
WITHOUT_DOCUMENT = (A.OPEN, A.NEW, A.PREFERENCES, A.QUIT, A.BATCH_REVIEW, A.HELP_KEYS, A.ZOOM_IN, A.ZOOM_OUT,
                    A.ZOOM_RESET)
PRINT_ACTIONS = (A.PAGE_SETUP, A.PRINT_PREVIEW, A.PRINT, A.EXPORT_PDF)


def build_actions(parent) -> dict[A, QAction]:
    out = {}
    for aid in A:
        text, key = aid.value
        action = QAction(text, parent)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        if aid is A.ZOOM_IN:  # Ctrl++ too (the same key with Shift on most keyboards)
            action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        if aid is A.SUGGEST:  # Ctrl+Space too, where the input method does not take it for itself
            action.setShortcuts([QKeySequence("Ctrl+J"), QKeySequence("Ctrl+Space")])
        if aid in DEPARTMENT_ITEM_ACTIONS + ROW_ACTIONS:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        out[aid] = action
    return out
