"""The font the printed forms use, chosen from one fallback list.

Why a check and not just a name: Qt's PDF writer builds each embedded font's ToUnicode map by
walking the code points 0…0xFFFF and giving every glyph the *lowest* code point that maps to it
(``QFontSubset::getReverseMap``). Noto Sans/Serif CJK map the Kangxi radicals (U+2F00–U+2FD5) and
the CJK Radicals Supplement (U+2E80–U+2EF3) to the very glyphs of the unified ideographs, so 目
(U+76EE) shares its glyph with ⽬ (U+2F6C), and the lower code point wins: the page looks right but
the PDF's text layer says ⽬, and copy and search break. A font whose radicals have glyphs of
their own (or no radicals at all, like 宋体) gives a correct text layer. :func:`print_family`
picks the first installed family of :data:`FONT_FALLBACKS` that passes that check, so Windows
(宋体/仿宋) and Linux (文泉驿正黑, or any font dropped into ``resources/fonts/``) print alike.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

#: Families tried in order, for every printed form. The one place to change the print font.
FONT_FALLBACKS: tuple[str, ...] = (
    "SimSun", "宋体", "NSimSun", "新宋体",          # Windows: the official forms' 宋体
    "FangSong", "仿宋", "仿宋_GB2312",              # Windows: 仿宋
    "Songti SC", "STSong",                         # macOS
    "WenQuanYi Zen Hei", "文泉驿正黑",             # Linux (fonts-wqy-zenhei)
    "Source Han Serif SC", "思源宋体",
    "Noto Serif CJK SC", "Noto Sans CJK SC",       # last: radicals share glyphs (see above)
    "Microsoft YaHei", "微软雅黑",
)

#: Fonts shipped with the program (optional): registered before the installed ones are looked at.
BUNDLED_FONTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

_RADICALS = "".join(chr(c) for c in range(0x2E80, 0x2FE0))
_UNIFIED = "".join(chr(c) for c in range(0x4E00, 0xA000))
_SAMPLE = "项目绩效目标表一级指标满意度"


def register_bundled_fonts(folder: Path = BUNDLED_FONTS_DIR) -> list[str]:
    """Register the font files in ``folder`` with Qt; returns the families they add."""
    families: list[str] = []
    if not folder.is_dir():
        return families
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def radicals_share_glyphs(family: str) -> bool:
    """True when ``family`` maps a CJK radical code point to the glyph of a unified ideograph
    (which makes Qt's PDF text layer show the radical instead of the character)."""
    raw = QRawFont.fromFont(QFont(family), QFontDatabase.WritingSystem.SimplifiedChinese)
    if not raw.isValid():
        return False
    radical_glyphs = {g for g in raw.glyphIndexesForString(_RADICALS) if g}
    if not radical_glyphs:
        return False
    return any(g in radical_glyphs for g in raw.glyphIndexesForString(_UNIFIED))


def writes_chinese(family: str) -> bool:
    """True when ``family`` itself (not a fallback) has glyphs for the forms' words."""
    raw = QRawFont.fromFont(QFont(family), QFontDatabase.WritingSystem.SimplifiedChinese)
    return raw.isValid() and all(raw.supportsCharacter(ord(ch)) for ch in _SAMPLE)


@lru_cache(maxsize=1)
def print_families() -> tuple[str, ...]:
    """The installed families of :data:`FONT_FALLBACKS` that print Chinese, safe ones first."""
    bundled = register_bundled_fonts()
    installed = {f.casefold(): f for f in QFontDatabase.families()}
    candidates: list[str] = []
    for name in (*bundled, *FONT_FALLBACKS):
        real = installed.get(name.casefold())
        if real and real not in candidates and writes_chinese(real):
            candidates.append(real)
    safe = [f for f in candidates if not radicals_share_glyphs(f)]
    return tuple(safe + [f for f in candidates if f not in safe])


def print_family() -> str:
    """The family every printed form is set in (a generic serif when no Chinese font exists)."""
    families = print_families()
    return families[0] if families else QFont().defaultFamily()


def print_font(point_size: float = 10.5, bold: bool = False) -> QFont:
    """A QFont of the print family with the other usable families as fallbacks."""
    font = QFont(print_family())
    font.setFamilies(list(print_families()) or [print_family()])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
