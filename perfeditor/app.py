"""The window's entry point: ``perfeditor`` or ``perfeditor FILE`` (through :mod:`perfeditor.main`)."""
from __future__ import annotations

import logging
import os
import sys

from perfeditor.logs import configure_logging, log_path
from perfeditor.ui.errors import install_error_handlers

log = logging.getLogger(__name__)

#: Said on stderr (exit 2) when Qt finds no display to open the window on.
NO_DISPLAY = ("无法打开窗口：没有可用的图形显示（未设置 DISPLAY / WAYLAND_DISPLAY，或无法连接到它），"
              "详情已记入日志：{log}；命令行命令（perfeditor dump、check、convert 等）仍可使用。")


def _application():
    """The QApplication; when Qt cannot start a platform (no display: Qt's fatal message and an
    abort, exit 134), one Chinese line on stderr and exit 2 instead. Qt's messages meanwhile go to
    the log."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    configure_logging()

    def starting(mode, context, message: str) -> None:
        fatal = mode == QtMsgType.QtFatalMsg
        (log.critical if fatal else log.warning)("Qt, starting: %s", message)
        if fatal:  # Qt aborts once this returns: leave first, as the command line does
            try:
                print(f"perfeditor: {NO_DISPLAY.format(log=log_path())}", file=sys.stderr, flush=True)
            finally:
                logging.shutdown()
                os._exit(2)

    qInstallMessageHandler(starting)
    try:
        return QApplication([sys.argv[0] if sys.argv else "perfeditor"])
    finally:
        qInstallMessageHandler(None)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app = _application()
    app.setApplicationName("perfeditor")
    app.setOrganizationName("perfeditor")
    app.setApplicationDisplayName("预算绩效目标表编辑器")
    from perfeditor.ui.translations import install_chinese

    install_chinese(app)
    install_error_handlers()
    from perfeditor.ui.mainwindow import MainWindow

    window = MainWindow()
    window.show()
    if not window.offer_recovery():
        if argv:
            window.open_path(argv[0])
        else:
            window.show_start_page()
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
