"""Qt's own Simplified Chinese: the translations PySide6 ships (qtbase), so that standard buttons,
file dialogs, context menus of text fields and print dialogs speak Chinese like the rest."""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CATALOGUES = ("qtbase_zh_CN",)


def install_chinese(app: QCoreApplication | None = None) -> bool:
    """Install Qt's Chinese catalogues once per application; True when qtbase's was found."""
    app = app or QCoreApplication.instance()
    if app is None:
        return False
    if getattr(app, "_perfeditor_translators", None) is not None:
        return bool(app._perfeditor_translators)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("Qt's Chinese translation %s not found in %s", name, folder)
    app._perfeditor_translators = loaded
    return bool(loaded)
