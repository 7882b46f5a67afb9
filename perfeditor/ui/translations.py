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
    if loaded:
        fallback = _MovedContexts(app)
        app.installTranslator(fallback)
        loaded.append(fallback)
    app._perfeditor_translators = loaded
    return bool(loaded)


class _MovedContexts(QTranslator):
    """What Qt 6 asks for and its shipped catalogue lacks: texts under a context it still files
    under Qt 5's (the file dialog's 类型 column said ``Folder``: QAbstractFileIconProvider, though
    qtbase_zh_CN has ``文件夹`` under QFileDialog), and two labels of the file dialog whose
    accelerator moved (``&Look in:``, ``Files of &type:``; the folder and report pickers showed them
    in English), and three labels of 页面设置 and 打印 likewise (``Pages &per sheet:``, ``Page &order:``,
    ``Page &Set:``)."""

    MOVED = {"QAbstractFileIconProvider": "QFileDialog"}
    MISSING = {("QFileDialog", "&Look in:"): "查找范围(&L)：", ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
               # 页面设置 and 打印 (the catalogue has them without the accelerator Qt 6 added)
               ("QPageSetupWidget", "Pages &per sheet:"): "每张页数(&P)：",
               ("QPageSetupWidget", "Page &order:"): "页面顺序(&O)：",
               ("QPrintSettingsOutput", "Page &Set:"): "页面组(&S)："}

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 - Qt's override
        missing = self.MISSING.get((context, source_text))
        if missing is not None:
            return missing
        old = self.MOVED.get(context)
        if old is None or not source_text:
            return None  # a null string: not ours, Qt asks the next catalogue ("" would be a translation)
        text = QCoreApplication.translate(old, source_text, disambiguation, n)
        return None if text == source_text else text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name; an empty translator is never asked
        return False
