"""The preferences dialog over :mod:`perfeditor.ui.settings` (each option declared there once)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QSpinBox

from perfeditor.ui.dialogs import ok_cancel
from perfeditor.ui.settings import OPTIONS, RULESET_CHOICES, Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("首选项")
        form = QFormLayout(self)
        self.ruleset = QComboBox()
        for key, title in RULESET_CHOICES:
            self.ruleset.addItem(title, key)
        self.ruleset.setCurrentIndex(max(0, self.ruleset.findData(settings.get("rules/ruleset"))))
        form.addRow(OPTIONS["rules/ruleset"].title, self.ruleset)
        self.backup = QCheckBox(OPTIONS["files/backup_on_save"].title)
        self.backup.setChecked(settings.backup_on_save)
        form.addRow(self.backup)
        self.autosave = QSpinBox()
        self.autosave.setRange(0, 60)
        self.autosave.setSuffix(" 分钟")
        self.autosave.setSpecialValueText("不自动保存")
        self.autosave.setValue(settings.autosave_minutes)
        form.addRow(OPTIONS["files/autosave_minutes"].title, self.autosave)
        self.font_size = QSpinBox()
        self.font_size.setRange(0, 28)
        self.font_size.setSpecialValueText("系统默认")
        self.font_size.setValue(int(settings.get("view/font_size")))
        form.addRow(OPTIONS["view/font_size"].title, self.font_size)
        from perfeditor.ui.library_prefs import LibraryPreferences

        self.library = LibraryPreferences(settings, parent)
        form.addRow(self.library)
        buttons = ok_cancel(self)
        form.addRow(buttons)

    def apply(self) -> None:
        s = self.settings
        s.set("rules/ruleset", self.ruleset.currentData())
        s.set("files/backup_on_save", self.backup.isChecked())
        s.set("files/autosave_minutes", self.autosave.value())
        s.set("view/font_size", self.font_size.value())
        self.library.apply()
        s.sync()
