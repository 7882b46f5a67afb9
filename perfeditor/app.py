"""The window's entry point: ``perfeditor`` or ``perfeditor FILE`` (through :mod:`perfeditor.main`)."""
from __future__ import annotations

import sys

from perfeditor.ui.errors import install_error_handlers


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "perfeditor"])
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
