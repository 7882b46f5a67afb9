"""Unexpected errors in the window: logged with their traceback, shown to the clerk in Chinese.

``install_error_handlers`` sets up logging, a :func:`sys.excepthook` (an exception escaping a
slot or event handler would otherwise only reach stderr, which the clerk never sees) and a Qt
message handler (Qt's own warnings go to the log; its fatal messages are shown too).
"""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from perfeditor.logs import configure_logging, log_path

log = logging.getLogger(__name__)
_showing = False


def error_box_text(summary: str) -> str:
    return f"{summary}\n\n程序已记录详细信息，如需技术支持，请提供日志文件：\n{log_path()}"


def show_error(summary: str) -> None:
    """A modal Chinese box naming the log file; never two at once (an error inside the box)."""
    global _showing
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "程序错误", error_box_text(summary),
                          QMessageBox.StandardButton.NoButton, QApplication.activeWindow())
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
    finally:
        _showing = False


def excepthook(kind, value, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.error("unhandled exception\n%s", "".join(traceback.format_exception(kind, value, tb)))
    show_error("程序遇到了一个意外错误。您的文件没有被修改；建议先保存工作，再继续操作。")


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode, context, message: str) -> None:
    level = _QT_LEVELS.get(mode, logging.WARNING)
    logging.getLogger("perfeditor.qt").log(level, "%s (%s:%s)", message, context.file, context.line)
    if level >= logging.CRITICAL:
        show_error("图形界面组件报告了严重错误。")


def install_error_handlers() -> None:
    configure_logging()
    sys.excepthook = excepthook
    qInstallMessageHandler(qt_message_handler)
