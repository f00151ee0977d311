"""Charts that show Chinese on any machine: one house style, one function per figure.

Each chart function draws the table it is given (it reads no files and does no data work: pairing
targets with results and the growth table are :mod:`zjtext.pairs`), registers the Noto Sans CJK SC
font shipped in ``mplfonts`` (:mod:`.fonts`), draws in the house style (:mod:`.style`) and returns a
:class:`matplotlib.figure.Figure`.

- :mod:`.fonts`: the CJK font, located inside the installed ``mplfonts`` package.
- :mod:`.style`: size, palette, title and source line, Chinese wrapping, value labels, saving.
- :mod:`.report`: figures of one report (keywords, sections, headline targets, growth, word cloud).
- :mod:`.compare`: figures comparing two reports (keyness, target tracking, slogans).
- :mod:`.corpus`: figures of many reports (targets by region, target vs result over years, keyword trends).

>>> import pandas as pd
>>> fig = headline_targets(pd.DataFrame(), source={"region": "浙江省", "year": 2024})
>>> fig.get_suptitle(), NO_TARGETS in [t.get_text() for t in fig.axes[0].texts]
('主要预期目标与上年实际', True)
"""
from __future__ import annotations

from .compare import (
    DIRECTION_TAGS, NO_SLOGANS, NO_TRACKING, SLOGAN_STATUSES, VERDICT_COLORS, VERDICT_LABELS, keyness_bars,
    slogan_changes_chart, target_tracking,
)
from .corpus import keyword_trend_lines, panel_dots, series_lines
from .fonts import FONT_FILE, FONT_PACKAGE, CJKFontError, cjk_font_file, use_cjk_font
from .report import (
    FIGURE_NAMES, MIN_SECTION_CHARS, NO_TARGETS, draw_all, growth_rates, headline_targets, section_heatmap,
    top_keywords, word_cloud,
)
from .style import (
    ACCENT, DPI, FIGSIZE, GREY, INK, LIGHT, MUTED, NO_DATA, PALETTE, PRIMARY, balanced_wrap, save_figure,
    source_line, value_label,
)

__all__ = [
    "CJKFontError", "cjk_font_file", "use_cjk_font", "FONT_PACKAGE", "FONT_FILE",
    "PALETTE", "PRIMARY", "ACCENT", "LIGHT", "MUTED", "INK", "GREY", "FIGSIZE", "DPI", "NO_DATA",
    "source_line", "value_label", "balanced_wrap", "save_figure",
    "FIGURE_NAMES", "NO_TARGETS", "MIN_SECTION_CHARS", "top_keywords", "section_heatmap", "headline_targets",
    "growth_rates", "word_cloud", "draw_all",
    "DIRECTION_TAGS", "VERDICT_LABELS", "VERDICT_COLORS", "NO_TRACKING", "NO_SLOGANS", "SLOGAN_STATUSES",
    "keyness_bars", "target_tracking", "slogan_changes_chart",
    "panel_dots", "series_lines", "keyword_trend_lines",
]
