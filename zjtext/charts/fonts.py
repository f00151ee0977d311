"""The Chinese chart font: Noto Sans CJK SC from the installed ``mplfonts`` package, registered with
matplotlib by file (no system font, no download, no font-cache games).

>>> font_file_and_name()[1]
'Noto Sans CJK SC'
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

__all__ = ["FONT_PACKAGE", "FONT_FILE", "FALLBACK_FONTS", "CJKFontError", "cjk_font_file", "font_file_and_name",
           "use_cjk_font"]


FONT_PACKAGE = "mplfonts"
FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"
FALLBACK_FONTS = ("DejaVu Sans",)  # matplotlib's own font, for any glyph the CJK font lacks


class CJKFontError(RuntimeError):
    """The Chinese font file that charts need is not installed."""


def cjk_font_file() -> Path:
    """The Noto Sans CJK SC file inside the installed ``mplfonts`` package (located, not imported).

    >>> cjk_font_file().name
    'NotoSansCJKsc-Regular.otf'
    """
    spec = importlib.util.find_spec(FONT_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        exact = Path(folder) / FONT_FILE
        candidates = [exact] + sorted(
            p for p in exact.parent.glob("*.[ot]tf")
            if p.name.lower().startswith("notosanscjksc") and "mono" not in p.name.lower()
        )
        for path in candidates:
            if path.is_file():
                return path
    raise CJKFontError(
        f"Chinese chart font not found: the '{FONT_PACKAGE}' package, which ships Noto Sans CJK SC "
        f"({FONT_FILE}), is missing or incomplete. Install it with `pip install {FONT_PACKAGE}`."
    )


@functools.cache
def font_file_and_name() -> tuple[str, str]:
    from matplotlib.font_manager import FontProperties

    path = str(cjk_font_file())
    return path, FontProperties(fname=path).get_name()


def use_cjk_font() -> str:
    """Register the bundled Chinese font with matplotlib, put it first in rcParams, return its path.

    Cheap and idempotent: the file is added to matplotlib's font list once, and the rcParams are
    re-asserted on every call (a notebook may have reset them). The path is what ``wordcloud`` needs.

    >>> import matplotlib
    >>> path = use_cjk_font()
    >>> path.endswith(".otf"), matplotlib.rcParams["font.sans-serif"][0], matplotlib.rcParams["axes.unicode_minus"]
    (True, 'Noto Sans CJK SC', False)
    """
    import matplotlib
    from matplotlib import font_manager

    path, name = font_file_and_name()
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    rc = matplotlib.rcParams
    rc["font.family"] = [name, "sans-serif"]
    rc["font.sans-serif"] = [name, *FALLBACK_FONTS, *(f for f in rc["font.sans-serif"] if f != name)]
    rc["axes.unicode_minus"] = False
    return path
