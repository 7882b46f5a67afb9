"""Page setup (paper, orientation, margins), remembered per layout in QSettings as plain values."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QSettings
from PySide6.QtGui import QPageLayout, QPageSize

#: Paper sizes offered, by QPageSize id name.
PAPERS = ("A4", "A3", "B5", "Letter")
ORIENTATIONS = ("auto", "portrait", "landscape")  # auto: landscape when the form is wide
_GROUP = "printing/page_setup"


@dataclass
class PageSetup:
    paper: str = "A4"
    orientation: str = "auto"
    #: Margins in millimetres: left, top, right, bottom.
    #: Default: the official files' 24 mm sides and 22 mm top; the footer sits above the bottom 15 mm.
    margins: tuple[float, float, float, float] = (24.0, 22.0, 24.0, 15.0)

    def page_layout(self, wide: bool = False) -> QPageLayout:
        """The QPageLayout for a form (``wide``: a form that wants landscape on "auto")."""
        size_id = getattr(QPageSize.PageSizeId, self.paper, QPageSize.PageSizeId.A4)
        landscape = self.orientation == "landscape" or (self.orientation == "auto" and wide)
        orientation = (QPageLayout.Orientation.Landscape if landscape
                       else QPageLayout.Orientation.Portrait)
        left, top, right, bottom = self.margins
        return QPageLayout(QPageSize(size_id), orientation, QMarginsF(left, top, right, bottom),
                           QPageLayout.Unit.Millimeter)

    def normalised(self) -> "PageSetup":
        paper = self.paper if self.paper in PAPERS else "A4"
        orientation = self.orientation if self.orientation in ORIENTATIONS else "auto"
        margins = tuple(min(60.0, max(0.0, float(m))) for m in self.margins)
        return PageSetup(paper, orientation, margins)  # type: ignore[arg-type]


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def load_page_setup(layout: str, settings: QSettings | None = None) -> PageSetup:
    """The page setup last used for ``layout`` (defaults when none or unreadable)."""
    s = _settings(settings)
    key = f"{_GROUP}/{layout or 'default'}"
    default = PageSetup()
    try:
        paper = str(s.value(f"{key}/paper", default.paper))
        orientation = str(s.value(f"{key}/orientation", default.orientation))
        margins = tuple(float(s.value(f"{key}/margin_{side}", value))
                        for side, value in zip(("left", "top", "right", "bottom"),
                                               default.margins, strict=False))
    except (TypeError, ValueError):
        return default
    return PageSetup(paper, orientation, margins).normalised()  # type: ignore[arg-type]


def save_page_setup(layout: str, setup: PageSetup, settings: QSettings | None = None) -> None:
    s = _settings(settings)
    key = f"{_GROUP}/{layout or 'default'}"
    setup = setup.normalised()
    s.setValue(f"{key}/paper", setup.paper)
    s.setValue(f"{key}/orientation", setup.orientation)
    for side, value in zip(("left", "top", "right", "bottom"), setup.margins, strict=False):
        s.setValue(f"{key}/margin_{side}", float(value))
    s.sync()


def setup_from_layout(page_layout: QPageLayout, orientation_was_auto: bool = False) -> PageSetup:
    """A PageSetup from what the clerk chose in a print or page dialog."""
    size_id = page_layout.pageSize().id()
    paper = next((p for p in PAPERS if getattr(QPageSize.PageSizeId, p) == size_id), "A4")
    m = page_layout.margins(QPageLayout.Unit.Millimeter)
    orientation = ("auto" if orientation_was_auto else
                   "landscape" if page_layout.orientation() == QPageLayout.Orientation.Landscape
                   else "portrait")
    return PageSetup(paper, orientation, (m.left(), m.top(), m.right(), m.bottom()))
