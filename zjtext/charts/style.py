"""The house style every chart shares: size, palette, left-aligned title, a source line such as
``数据来源：2024年浙江省政府工作报告``, Chinese line wrapping, figure labels with hedges kept, and
byte-for-byte reproducible PNG/SVG files.

A chart function is decorated with :func:`in_house_style`, builds a figure with :func:`new_figure`
and ends with :func:`finish`. Figures are detached from pyplot, so nothing accumulates and notebooks
display each figure once. SVGs keep text as glyph outlines: they look the same where no Chinese font
exists.

>>> source_line({"region": "浙江省", "year": 2024})
'数据来源：2024年浙江省政府工作报告'
>>> value_label(5, 5.5), value_label(5.5, None, "%", "approx")
('5%—5.5%', '5.5%左右')
"""
from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..store import write_bytes
from ..words import PERCENT_UNITS, QUOTED_BEFORE, SUFFIX_HEDGES  # units.tsv, hedges.tsv
from .fonts import FALLBACK_FONTS, font_file_and_name, use_cjk_font

if TYPE_CHECKING:  # matplotlib and pandas load lazily to keep `import zjtext` light
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PALETTE", "PRIMARY", "ACCENT", "LIGHT", "MUTED", "INK", "GREY", "FIGSIZE", "DPI", "SVG_SALT", "NO_DATA",
    "HEDGE_WORDS", "in_house_style", "house_rc", "source_line", "report_year", "new_figure", "finish", "message",
    "is_empty", "to_float", "fmt_number", "text_ems", "ems_in", "cjk_wrap", "balanced_wrap", "value_label",
    "target_line", "target_text", "is_percent", "plot_over_list", "count_label", "legend_columns",
    "edge_align", "save_figure",
]


PALETTE = ("#2B6A99", "#E08A3C", "#5B9C74", "#C4574F", "#8A6FB0", "#8C7A64", "#7A7A7A")
PRIMARY, ACCENT = PALETTE[0], PALETTE[1]
LIGHT = "#9DBAD3"    # range extensions of targets
MUTED = "#A7B0BA"    # last year's results
INK, GREY = "#222222", "#666666"
FIGSIZE = (8.0, 5.0)
DPI = 150
SVG_SALT = "zjtext"
NO_DATA = "没有可绘制的数据"


HEDGE_SUFFIX = {"approx": "左右", "at_least": "以上", "at_most": "以内"}
HEDGE_PREFIX = {"more_than": "超过"}
HEDGE_WORDS = {**HEDGE_SUFFIX, **HEDGE_PREFIX}
_HEDGE_SURFACES = QUOTED_BEFORE + SUFFIX_HEDGES  # hedges.tsv: a surface holding one needs no hedge added
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


# ---------------------------------------------------------------- the figure

def house_rc() -> dict[str, Any]:
    """The house style, applied while a chart is built (rcParams are restored afterwards)."""
    from cycler import cycler

    _, name = font_file_and_name()
    return {
        "font.family": [name, *FALLBACK_FONTS],  # concrete names: later rcParams changes cannot undo them
        "axes.unicode_minus": False, "text.parse_math": False,  # report text may contain '$'
        "figure.figsize": FIGSIZE, "figure.dpi": 100, "figure.facecolor": "white",
        "axes.prop_cycle": cycler(color=list(PALETTE)), "axes.edgecolor": GREY,
        "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 12,
        "axes.labelsize": 10, "axes.labelcolor": INK, "xtick.labelsize": 9, "ytick.labelsize": 10,
        "xtick.color": GREY, "ytick.color": INK, "legend.frameon": False, "legend.fontsize": 9,
        "svg.fonttype": "path", "svg.hashsalt": SVG_SALT,
    }


def source_line(meta: Any) -> str:
    """``数据来源：<year>年<region>政府工作报告`` from a ReportMeta, a dict, or text (kept as is).

    >>> source_line("2024年浙江省政府工作报告")
    '数据来源：2024年浙江省政府工作报告'
    >>> source_line(None)
    ''
    """
    if meta is None:
        return ""
    if isinstance(meta, str):
        return meta if meta.startswith(("数据来源", "来源")) or not meta else f"数据来源：{meta}"
    get = meta.get if isinstance(meta, Mapping) else functools.partial(getattr, meta)
    year, region, title = get("year", None), get("region", "") or "", get("title", "") or ""
    if year and region:
        return f"数据来源：{year}年{region}政府工作报告"
    return f"数据来源：{region}{title}" if (region or title) else ""


def report_year(meta: Any) -> int | None:
    if meta is None or isinstance(meta, str):
        return None
    year = meta.get("year") if isinstance(meta, Mapping) else getattr(meta, "year", None)
    return int(year) if year else None


def in_house_style(func: Callable[..., "Figure"]) -> Callable[..., "Figure"]:
    """Register the font and build the figure inside the house style."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        import matplotlib

        use_cjk_font()
        with matplotlib.rc_context(house_rc()):
            return func(*args, **kwargs)
    return wrapper


def new_figure(height: float | None = None, **subplot_kw) -> "Figure":
    import matplotlib.pyplot as plt  # via pyplot so Jupyter's inline display knows the figure

    fig = plt.figure(figsize=(FIGSIZE[0], height or FIGSIZE[1]), layout="constrained")
    plt.close(fig)  # detach from pyplot at once: no global figure list, no double display
    return fig


SMALL = 8.5  # source line and note


def finish(fig: "Figure", title: str, source: Any, note: str = "") -> "Figure":
    """Title top left, source line bottom left, an optional note bottom right; lay out now.

    Everything is wrapped to the figure's width; a note that does not fit beside the source line
    goes on its own line(s) above it.
    """
    width, height = fig.get_figwidth(), fig.get_figheight()
    fig.suptitle(cjk_wrap(title, ems_in(0.95 * width, 14)), x=0.015, ha="left", fontsize=14, color=INK)
    line = SMALL * 1.35 / 72 / height  # one line of small text, as a fraction of the figure height
    full = ems_in(0.95 * width, SMALL)
    src = cjk_wrap(source_line(source), full)
    beside = note and "\n" not in src and text_ems(src) + text_ems(note) + 3 <= full
    note = note if beside or not note else cjk_wrap(note, full)
    lines = src.count("\n") + 1 + (0 if beside or not note else note.count("\n") + 1)
    strip = 0.32 / height + (lines - 1) * line  # keep the bottom strip for these lines
    fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
    fig.text(0.015, 0.012, src, ha="left", va="bottom", fontsize=SMALL, color=GREY, linespacing=1.2)
    if note:
        y = 0.012 if beside else 0.012 + (src.count("\n") + 1) * line
        fig.text(0.985, y, note, ha="right", va="bottom", fontsize=SMALL, color=GREY, linespacing=1.2)
    _lay_out(fig)
    _freeze_layout(fig)
    return fig


def _lay_out(fig: "Figure") -> None:
    """Draw without rendering, to create ticks and text while the house style is active and to lay
    out. Images are hidden meanwhile: resampling one (the word cloud: 1400×760 pixels) is half of
    drawing it and nothing is rendered here, and an image, clipped to its axes, does not change
    the layout; the saved files are the same bytes."""
    images = [im for ax in fig.axes for im in ax.images if im.get_visible()]
    for im in images:
        im.set_visible(False)
    try:
        fig.draw_without_rendering()
    finally:
        for im in images:
            im.set_visible(True)


def _freeze_layout(fig: "Figure", digits: int = 5) -> None:
    """Keep the laid-out positions, rounded, and stop re-laying out.

    Constrained layout's solver leaves last-bit float noise that varies between runs; SVG element ids
    hash raw clip rectangles, so without this two drawings of the same data give different files.
    """
    for ax in fig.axes:
        ax.set_position([round(float(v), digits) for v in ax.get_position().bounds])
    if fig._suptitle is not None:
        fig._suptitle.set_position(tuple(round(float(v), digits) for v in fig._suptitle.get_position()))
    fig.set_layout_engine("none")


def message(ax: "Axes", text: str) -> None:
    """Say something in the plot area instead of drawing (no data, no target list)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=15, color=GREY, transform=ax.transAxes)


def is_empty(df: "pd.DataFrame | None") -> bool:
    return df is None or len(df) == 0


def to_float(value: Any) -> float:
    """A float, or NaN for empty cells and words."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return math.nan
    return out


def fmt_number(x: float) -> str:
    """5.0 → '5', 5.50 → '5.5', 0.125 → '0.125'."""
    return f"{x:.3f}".rstrip("0").rstrip(".") if math.isfinite(x) else ""


# ---------------------------------------------------------------- text width and wrapping

_CLOSERS = frozenset("，。、；：！？）》」』】〕”’,.;:!?)]%％")
_OPENERS = frozenset("（《「『【〔“‘([")
_BREAK_AFTER = frozenset("，、；：。,;")
_AFTER_NUMBER = frozenset("年月日号万亿元个项家倍")


@functools.cache
def _char_em(char: str) -> float:
    """Advance width of one character in the chart font, in ems (CJK = 1)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(fname=font_file_and_name()[0], size=10)
    return text_to_path.get_text_width_height_descent(char, prop, ismath=False)[0] / 10


def text_ems(text: Any) -> float:
    """Width of one line of text in ems of the chart font.

    >>> text_ems("主要目标"), round(text_ems("5%"), 2)
    (4.0, 1.48)
    """
    return sum(_char_em(c) for c in str(text))


def ems_in(inches: float, fontsize: float) -> float:
    """How many ems of a ``fontsize`` font fit in ``inches``."""
    return inches * 72 / fontsize


def _wrap_units(text: str, max_quote: float) -> list[str]:
    """Pieces a line may not break inside: a short “…” quote, an ASCII number or word, a figure's 年/万/个;
    closing punctuation sticks to what precedes it and opening punctuation to what follows."""
    pieces, i = [], 0
    words = _word_ends(text)
    while i < len(text):
        c, j = text[i], i + 1
        if c == "“" and 0 < text.find("”", i) and text_ems(text[i:text.find("”", i) + 1]) <= max_quote:
            j = text.find("”", i) + 1
        elif c.isascii() and c.isalnum():
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in ".%_+-/"):
                j += 1
        elif words:
            end = min((e for e in words if e > i), default=j)
            j = end if text_ems(text[i:end]) <= max_quote * 0.625 else j  # words up to half a line
        pieces.append(text[i:j])
        i = j
    units: list[str] = []
    opening = ""
    for p in pieces:
        if p in _OPENERS:
            opening += p
            continue
        glued = units and not opening and (
            p[0] in _CLOSERS or (p in _AFTER_NUMBER and units[-1][-1].isdigit()))
        if glued:
            units[-1] += p
        else:
            units.append(opening + p)
        opening = ""
    if opening:
        units.append(opening)
    return units


def _word_ends(text: str) -> list[int]:
    """Offsets where a word ends (jieba's plain dictionary), so lines break between words; [] without it."""
    try:
        from ..segment import plain_cut
    except ImportError:  # pragma: no cover - segment is part of the package
        return []
    ends, at = [], 0
    for word in plain_cut(text):
        at += len(word)
        ends.append(at)
    return ends


def cjk_wrap(text: Any, width: float, balanced: bool = False) -> str:
    """Wrap Chinese text to lines at most ``width`` ems wide, in as few lines as possible.

    Lines never start with closing punctuation (，。”）…) or end with opening punctuation; short
    “…” quotes, numbers and words (jieba's dictionary) stay whole; breaks after ，、；： are preferred. ``balanced`` makes
    the lines near-equal in length (for labels); otherwise lines are filled (for running text).

    >>> print(cjk_wrap("三、乘势而上谋新篇，推动“十五五”规划落地见效", 10, balanced=True))
    三、乘势而上谋新篇，
    推动“十五五”
    规划落地见效
    >>> print(cjk_wrap("一、实干担当谋发展，新湖州建设持续展现新气象新作为", 12, balanced=True))
    一、实干担当谋发展，
    新湖州建设持续
    展现新气象新作为
    """
    text = str(text)
    if "\n" in text:
        return "\n".join(cjk_wrap(part, width, balanced) for part in text.split("\n"))
    total = text_ems(text)
    if total <= width or not text:
        return text
    units = _wrap_units(text, 0.8 * width)
    sizes = [text_ems(u) for u in units]
    target = total / math.ceil(total / width) if balanced else width
    best, back = [0.0] + [math.inf] * len(units), [0] * (len(units) + 1)
    for j in range(1, len(units) + 1):
        line = 0.0
        for i in range(j - 1, -1, -1):
            line += sizes[i]
            if line > width and i < j - 1:
                break
            last = j == len(units)
            cost = 1000.0 + (0.0 if last and not balanced else (target - line) ** 2)
            if not last:
                cost += _break_penalty(units[j - 1], units[j]) * (1.0 if balanced else 0.5)
            if best[i] + cost < best[j]:
                best[j], back[j] = best[i] + cost, i
    lines, j = [], len(units)
    while j > 0:
        lines.append("".join(units[back[j]:j]).strip())
        j = back[j]
    return "\n".join(reversed(lines))


def _break_penalty(before: str, after: str) -> float:
    """Cost of a line break between two units: none after ，、；：, little at a quote's edge."""
    if before[-1] in _BREAK_AFTER:
        return 0.0
    return 2.0 if before[-1] in "”’）》" or after[0] in _OPENERS else 6.0


def balanced_wrap(text: Any, width: float) -> str:
    """A label wrapped into near-equal lines at most ``width`` ems wide (see :func:`cjk_wrap`)."""
    return cjk_wrap(text, width, balanced=True)


# ---------------------------------------------------------------- figures as written

def value_label(value: Any, value_max: Any = None, unit: str = "%", qualifier: str = "none",
                decrease: bool = False) -> str:
    """How a figure is written on a chart, hedges kept: '5%—5.5%', '5.5%左右', '5%以内', '超过6%'.

    >>> value_label(5, 5.5), value_label(5.5, None, "%", "approx"), value_label(0.5, None, "个百分点", "at_most")
    ('5%—5.5%', '5.5%左右', '0.5个百分点以内')
    >>> value_label(-3.2, decrease=True), value_label(3, qualifier="more_than", decrease=True)
    ('下降3.2%', '下降超过3%')
    """
    v, hi = to_float(value), to_float(value_max)
    if decrease:
        return "下降" + value_label(abs(v), abs(hi), unit, qualifier)
    unit = "%" if unit == "％" else (unit or "")
    head = fmt_number(v)
    if math.isfinite(hi) and hi != v:
        text = f"{head}{unit}—{fmt_number(hi)}{unit}" if unit == "%" else f"{head}—{fmt_number(hi)}{unit}"
    else:
        text = f"{head}{unit}"
    q = str(qualifier or "none")
    return HEDGE_PREFIX.get(q, "") + text + HEDGE_SUFFIX.get(q, "")


def is_percent(row: Mapping) -> bool:
    return str(row.get("base_unit") or "").strip() in PERCENT_UNITS and math.isfinite(to_float(row.get("value")))


def target_line(name: str, row: Mapping) -> str:
    """'城镇新增就业：80万人（以上）'; a target written out in words that names itself is given once.

    >>> target_line("居民收入", {"surface": "居民收入增长与经济增长同步"})
    '居民收入增长与经济增长同步'
    >>> target_line("城镇新增就业", {"surface": "80万人", "qualifier": "at_least"})
    '城镇新增就业：80万人（以上）'
    """
    text = target_text(row)
    squeeze = functools.partial(re.sub, r"[\s“”\"]", "")
    return text if squeeze(name) and squeeze(name) in squeeze(text) else f"{name}：{text}"


def target_text(row: Mapping) -> str:
    """A target that cannot go on the % axis, as the report writes it (hedge added if missing)."""
    surface = str(row.get("surface") or "").strip()
    q = str(row.get("qualifier") or "none")
    if surface:
        hedge = HEDGE_WORDS.get(q, "")
        return surface if not hedge or any(w in surface for w in _HEDGE_SURFACES) else f"{surface}（{hedge}）"
    if math.isfinite(to_float(row.get("value"))):
        return value_label(row.get("value"), row.get("value_max"), str(row.get("base_unit") or ""), q)
    sentence = str(row.get("sentence") or "").strip()
    return (sentence[:40] + ("…" if len(sentence) > 40 else "")) or "（文字目标）"


def count_label(value: Any) -> str:
    v = to_float(value)
    return str(int(v)) if math.isfinite(v) and v == int(v) else fmt_number(v)


# ---------------------------------------------------------------- plots above a text list

LIST_FONTSIZE = 9.5
BULLET, HANG = "· ", "\u3000"  # continuation lines are indented by one ideographic space


def _list_text(heading: str, lines: list[str], fig_width: float = FIGSIZE[0]) -> str:
    """The text block under a plot: heading, then one bullet per line, wrapped to the figure width.

    >>> text = _list_text("目标：", ["居民收入增长与经济增长同步", "长" * 70])
    >>> [line[:3] for line in text.split("\\n")], [len(line) for line in text.split("\\n")]
    (['目标：', '· 居', '· 长', '\\u3000长长'], [3, 15, 58, 15])
    """
    width = ems_in(0.95 * fig_width, LIST_FONTSIZE) - max(text_ems(BULLET), text_ems(HANG))
    out = [heading]
    for line in lines:
        wrapped = cjk_wrap(line, width).split("\n")
        out += [BULLET + wrapped[0], *(HANG + w for w in wrapped[1:])]
    return "\n".join(out)


def _list_height(text: str) -> float:
    """Inches a :func:`_text_list` block needs (0 for none)."""
    return (text.count("\n") + 1) * LIST_FONTSIZE * 1.6 / 72 + 0.15 if text else 0.0


def plot_over_list(title: str, source: Any, plots: list[tuple[float, Callable[["Axes"], None]]], heading: str,
                   lines: list[str], empty: str = "") -> "Figure":
    """Plots, each ``(height in inches, draw)``, stacked above a text list (if ``lines``).

    With ``empty`` the plot area says that instead. Shared by the target charts.
    """
    listed = _list_text(heading, lines) if lines else ""
    heights = [h for h, _ in plots] + ([_list_height(listed)] if listed else [])
    fig = new_figure(None if empty or not heights else max(2.4, sum(heights) + 0.9))
    if empty or not heights:
        message(fig.add_subplot(), empty or NO_DATA)
        return finish(fig, title, source)
    axes = fig.subplots(len(heights), 1, squeeze=False, height_ratios=heights)[:, 0]
    for ax, (_, draw) in zip(axes, plots):
        draw(ax)
    if listed:
        _text_list(axes[-1], listed)
    return finish(fig, title, source, note="单位：%（个百分点已注明）" if plots else "")


def _text_list(ax: "Axes", text: str) -> None:
    """The list block, from the figure's left margin (not the plot's), so the whole width is used."""
    from matplotlib.transforms import blended_transform_factory

    ax.set_axis_off()
    ax.text(0.015, 1, text, ha="left", va="top", fontsize=LIST_FONTSIZE, color=INK, linespacing=1.6,
            transform=blended_transform_factory(ax.figure.transFigure, ax.transAxes))


def legend_columns(labels: list[str], fig_width: float, fontsize: float = 9) -> int:
    """4 (or all) legend entries in one row when they fit the figure's width, else 2 per row."""
    need = sum(text_ems(t) + 3.5 for t in labels)  # handle and gaps take about 3.5 ems per entry
    return len(labels) if need <= ems_in(0.85 * fig_width, fontsize) else 2


def edge_align(x: float, limits: tuple[float, float]) -> str:
    """Centre a label on its point, but keep it inside the plot near either edge."""
    where = (x - limits[0]) / ((limits[1] - limits[0]) or 1.0)
    return "left" if where < 0.25 else ("right" if where > 0.75 else "center")


# ---------------------------------------------------------------- saving

def save_figure(fig: "Figure", out_dir: Path | str, name: str) -> list[Path]:
    """Save ``<name>.png`` and ``<name>.svg`` under ``out_dir``, atomically and byte-for-byte reproducibly.

    PNG carries no timestamp or software tag; SVG has no date and fixed element ids (``svg.hashsalt``)
    and keeps text as glyph outlines, so it needs no font where it is opened.
    """
    import matplotlib

    if not _SAFE_NAME.fullmatch(name):
        raise ValueError(f"figure name {name!r}: use letters, digits, '_', '-' or '.'")
    saved = []
    for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
        buf = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}):
            fig.savefig(buf, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
        saved.append(write_bytes(buf.getvalue(), Path(out_dir) / f"{name}.{fmt}"))
    return saved


def value_axis(ax, xlabel: str) -> None:
    """The horizontal value axis of the indicator charts: a zero line, no y ticks or left spine,
    numbers without trailing zeros, and the axis label."""
    ax.axvline(0, color=GREY, lw=0.8)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_formatter(lambda v, _: fmt_number(v))
    ax.set_xlabel(xlabel)
