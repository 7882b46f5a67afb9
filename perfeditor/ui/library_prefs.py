"""The indicator library's part of 首选项: switch it off, clear it, import a folder of forms."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from perfeditor.ui.library_popup import ENABLED_KEY, service_of
from perfeditor.ui.settings import OPTIONS


class LibraryPreferences(QGroupBox):
    def __init__(self, settings, window=None):
        super().__init__("指标库")
        self.settings, self.window_ = settings, window
        lay = QVBoxLayout(self)
        self.enabled = QCheckBox(OPTIONS[ENABLED_KEY].title)
        self.enabled.setChecked(bool(settings.get(ENABLED_KEY)))
        lay.addWidget(self.enabled)
        row = QHBoxLayout()
        self.import_button = QPushButton("导入文件夹…")
        self.clear_button = QPushButton("清空指标库")
        row.addWidget(self.import_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = QLabel("指标库只保存在本机的用户数据文件夹中，不会上传。")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        lay.addWidget(self.status)
        self.import_button.clicked.connect(self.import_folder)
        self.clear_button.clicked.connect(self.clear)

    def _service(self):
        return service_of(self.window_) if self.window_ is not None else None

    def import_folder(self, folder: str | None = None) -> None:
        service = self._service()
        if service is None:
            return
        folder = folder or QFileDialog.getExistingDirectory(self, "选择要导入指标库的文件夹")
        if folder:
            service.add_paths_later([folder])
            self.status.setText(f"正在后台导入“{folder}”中的绩效目标表……")

    def clear(self) -> None:
        service = self._service()
        dialogs = getattr(self.window_, "dialogs", None)
        if service is None or (dialogs is not None and not dialogs.question(
                "清空指标库中从文件学到的全部指标？（程序自带的常用指标保留）", "清空指标库")):
            return
        service.clear_later()
        self.status.setText("指标库已清空。")

    def apply(self) -> None:
        self.settings.set(ENABLED_KEY, self.enabled.isChecked())
