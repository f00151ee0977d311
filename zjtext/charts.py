"""Charts that show Chinese on any machine: one house style, one function per figure.

Every chart function first calls :func:`use_cjk_font`, which registers the Noto Sans CJK SC file
shipped inside the ``mplfonts`` package with matplotlib (no system font, no download, no font-cache
games), then draws in one house style (size, palette, left-aligned title, a source line such as
``数据来源：2024年浙江省政府工作报告``) and returns a :class:`matplotlib.figure.Figure`. Figures are
detached from pyplot before they are returned, so nothing accumulates and notebooks display each
figure once. SVGs keep text as glyph outlines, so they look the same where no Chinese font exists.

>>> import pandas as pd
>>> kw = pd.DataFrame({"rank": [1, 2], "keyword": ["创新", "共同富裕"], "count": [40, 12],
...                    "per_10k": [9.1, 2.7]})
>>> fig = top_keywords(kw, source="数据来源：2024年浙江省政府工作报告")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['创新', '共同富裕']
>>> source_line({"region": "浙江省", "year": 2024})
'数据来源：2024年浙江省政府工作报告'
"""
from __future__ import annotations

import functools
import importlib.util
import io
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .site.labels import DIRECTION
from .site.labels import VERDICT as VERDICT_LABELS  # the pages' words
from .store import write_bytes

if TYPE_CHECKING:  # matplotlib and pandas load lazily to keep `import zjtext` light
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FONT_PACKAGE = "mplfonts"
FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"
FALLBACK_FONTS = ("DejaVu Sans",)  # matplotlib's own font, for any glyph the CJK font lacks

PALETTE = ("#2B6A99", "#E08A3C", "#5B9C74", "#C4574F", "#8A6FB0", "#8C7A64", "#7A7A7A")
PRIMARY, ACCENT = PALETTE[0], PALETTE[1]
LIGHT = "#9DBAD3"    # range extensions of targets
MUTED = "#A7B0BA"    # last year's results
INK, GREY = "#222222", "#666666"
FIGSIZE = (8.0, 5.0)
DPI = 150
SVG_SALT = "zjtext"
FIGURE_NAMES = ("top_keywords", "section_heatmap", "headline_targets", "growth_rates", "word_cloud")
NO_TARGETS = "本报告未列出主要预期目标"
NO_DATA = "没有可绘制的数据"

PERCENT_UNITS = ("%", "％", "个百分点", "百分点")
HEDGE_SUFFIX = {"approx": "左右", "at_least": "以上", "at_most": "以内"}
HEDGE_PREFIX = {"more_than": "超过"}
HEDGE_WORDS = {**HEDGE_SUFFIX, **HEDGE_PREFIX}
_HEDGE_SURFACES = ("左右", "约", "近", "以上", "不低于", "以内", "以下", "不高于", "不超过", "超", "突破")
_REGION_PREFIX = re.compile(r"^全(?:省|市|区|国|县|州|盟)")
_ECONOMY_KEYS = {"经济": "生产总值", "经济总量": "生产总值"}  # 经济增长5%左右 is the GDP growth target
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_CN_NUMERALS = "一二三四五六七八九十"


class CJKFontError(RuntimeError):
    """The Chinese font file that charts need is not installed."""


# ---------------------------------------------------------------- font

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
def _font_file_and_name() -> tuple[str, str]:
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

    path, name = _font_file_and_name()
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    rc = matplotlib.rcParams
    rc["font.family"] = [name, "sans-serif"]
    rc["font.sans-serif"] = [name, *FALLBACK_FONTS, *(f for f in rc["font.sans-serif"] if f != name)]
    rc["axes.unicode_minus"] = False
    return path


def _style() -> dict[str, Any]:
    """The house style, applied while a chart is built (rcParams are restored afterwards)."""
    from cycler import cycler

    _, name = _font_file_and_name()
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


# ---------------------------------------------------------------- house style

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


def _report_year(meta: Any) -> int | None:
    if meta is None or isinstance(meta, str):
        return None
    year = meta.get("year") if isinstance(meta, Mapping) else getattr(meta, "year", None)
    return int(year) if year else None


def _chart(func: Callable[..., "Figure"]) -> Callable[..., "Figure"]:
    """Register the font and build the figure inside the house style."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        import matplotlib

        use_cjk_font()
        with matplotlib.rc_context(_style()):
            return func(*args, **kwargs)
    return wrapper


def _new_figure(height: float | None = None, **subplot_kw) -> "Figure":
    import matplotlib.pyplot as plt  # via pyplot so Jupyter's inline display knows the figure

    fig = plt.figure(figsize=(FIGSIZE[0], height or FIGSIZE[1]), layout="constrained")
    plt.close(fig)  # detach from pyplot at once: no global figure list, no double display
    return fig


SMALL = 8.5  # source line and note


def _finish(fig: "Figure", title: str, source: Any, note: str = "") -> "Figure":
    """Title top left, source line bottom left, an optional note bottom right; lay out now.

    Everything is wrapped to the figure's width; a note that does not fit beside the source line
    goes on its own line(s) above it.
    """
    width, height = fig.get_figwidth(), fig.get_figheight()
    fig.suptitle(_cjk_wrap(title, _ems(0.95 * width, 14)), x=0.015, ha="left", fontsize=14, color=INK)
    line = SMALL * 1.35 / 72 / height  # one line of small text, as a fraction of the figure height
    full = _ems(0.95 * width, SMALL)
    src = _cjk_wrap(source_line(source), full)
    beside = note and "\n" not in src and _em(src) + _em(note) + 3 <= full
    note = note if beside or not note else _cjk_wrap(note, full)
    lines = src.count("\n") + 1 + (0 if beside or not note else note.count("\n") + 1)
    strip = 0.32 / height + (lines - 1) * line  # keep the bottom strip for these lines
    fig.get_layout_engine().set(rect=(0, strip, 1, 1 - strip))
    fig.text(0.015, 0.012, src, ha="left", va="bottom", fontsize=SMALL, color=GREY, linespacing=1.2)
    if note:
        y = 0.012 if beside else 0.012 + (src.count("\n") + 1) * line
        fig.text(0.985, y, note, ha="right", va="bottom", fontsize=SMALL, color=GREY, linespacing=1.2)
    fig.draw_without_rendering()  # create ticks and text while the house style is active
    _freeze_layout(fig)
    return fig


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


def _message(ax: "Axes", text: str) -> None:
    """Say something in the plot area instead of drawing (no data, no target list)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=15, color=GREY, transform=ax.transAxes)


def _empty(df: "pd.DataFrame | None") -> bool:
    return df is None or len(df) == 0


def _num(value: Any) -> float:
    """A float, or NaN for empty cells and words."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return math.nan
    return out


def _fmt(x: float) -> str:
    """5.0 → '5', 5.50 → '5.5', 0.125 → '0.125'."""
    return f"{x:.3f}".rstrip("0").rstrip(".") if math.isfinite(x) else ""


_CLOSERS = frozenset("，。、；：！？）》」』】〕”’,.;:!?)]%％")
_OPENERS = frozenset("（《「『【〔“‘([")
_BREAK_AFTER = frozenset("，、；：。,;")
_AFTER_NUMBER = frozenset("年月日号万亿元个项家倍")


@functools.cache
def _char_em(char: str) -> float:
    """Advance width of one character in the chart font, in ems (CJK = 1)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(fname=_font_file_and_name()[0], size=10)
    return text_to_path.get_text_width_height_descent(char, prop, ismath=False)[0] / 10


def _em(text: Any) -> float:
    """Width of one line of text in ems of the chart font.

    >>> _em("主要目标"), round(_em("5%"), 2)
    (4.0, 1.48)
    """
    return sum(_char_em(c) for c in str(text))


def _ems(inches: float, fontsize: float) -> float:
    """How many ems of a ``fontsize`` font fit in ``inches``."""
    return inches * 72 / fontsize


def _wrap_units(text: str, max_quote: float) -> list[str]:
    """Pieces a line may not break inside: a short “…” quote, an ASCII number or word, a figure's 年/万/个;
    closing punctuation sticks to what precedes it and opening punctuation to what follows."""
    pieces, i = [], 0
    words = _word_ends(text)
    while i < len(text):
        c, j = text[i], i + 1
        if c == "“" and 0 < text.find("”", i) and _em(text[i:text.find("”", i) + 1]) <= max_quote:
            j = text.find("”", i) + 1
        elif c.isascii() and c.isalnum():
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in ".%_+-/"):
                j += 1
        elif words:
            end = min((e for e in words if e > i), default=j)
            j = end if _em(text[i:end]) <= max_quote * 0.625 else j  # words up to half a line
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
        from .segment import plain_cut
    except ImportError:  # pragma: no cover - segment is part of the package
        return []
    ends, at = [], 0
    for word in plain_cut(text):
        at += len(word)
        ends.append(at)
    return ends


def _cjk_wrap(text: Any, width: float, balanced: bool = False) -> str:
    """Wrap Chinese text to lines at most ``width`` ems wide, in as few lines as possible.

    Lines never start with closing punctuation (，。”）…) or end with opening punctuation; short
    “…” quotes, numbers and words (jieba's dictionary) stay whole; breaks after ，、；： are preferred. ``balanced`` makes
    the lines near-equal in length (for labels); otherwise lines are filled (for running text).

    >>> print(_cjk_wrap("三、乘势而上谋新篇，推动“十五五”规划落地见效", 10, balanced=True))
    三、乘势而上谋新篇，
    推动“十五五”
    规划落地见效
    >>> print(_cjk_wrap("一、实干担当谋发展，新湖州建设持续展现新气象新作为", 12, balanced=True))
    一、实干担当谋发展，
    新湖州建设持续
    展现新气象新作为
    """
    text = str(text)
    if "\n" in text:
        return "\n".join(_cjk_wrap(part, width, balanced) for part in text.split("\n"))
    total = _em(text)
    if total <= width or not text:
        return text
    units = _wrap_units(text, 0.8 * width)
    sizes = [_em(u) for u in units]
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


def _balanced_wrap(text: Any, width: float) -> str:
    """A label wrapped into near-equal lines at most ``width`` ems wide (see :func:`_cjk_wrap`)."""
    return _cjk_wrap(text, width, balanced=True)


def value_label(value: Any, value_max: Any = None, unit: str = "%", qualifier: str = "none",
                decrease: bool = False) -> str:
    """How a figure is written on a chart, hedges kept: '5%—5.5%', '5.5%左右', '5%以内', '超过6%'.

    >>> value_label(5, 5.5), value_label(5.5, None, "%", "approx"), value_label(0.5, None, "个百分点", "at_most")
    ('5%—5.5%', '5.5%左右', '0.5个百分点以内')
    >>> value_label(-3.2, decrease=True), value_label(3, qualifier="more_than", decrease=True)
    ('下降3.2%', '下降超过3%')
    """
    v, hi = _num(value), _num(value_max)
    if decrease:
        return "下降" + value_label(abs(v), abs(hi), unit, qualifier)
    unit = "%" if unit == "％" else (unit or "")
    head = _fmt(v)
    if math.isfinite(hi) and hi != v:
        text = f"{head}{unit}—{_fmt(hi)}{unit}" if unit == "%" else f"{head}—{_fmt(hi)}{unit}"
    else:
        text = f"{head}{unit}"
    q = str(qualifier or "none")
    return HEDGE_PREFIX.get(q, "") + text + HEDGE_SUFFIX.get(q, "")


# ---------------------------------------------------------------- 1. keywords

@_chart
def top_keywords(keywords_df: "pd.DataFrame", *, top: int = 20, source: Any = None,
                 title: str | None = None) -> "Figure":
    """Horizontal bars of the ``top`` keywords by rank, each labelled with its count.

    ``keywords_df`` has columns ``rank, keyword, count, per_10k`` (as ``keyword_table`` gives).
    """
    df = _top_rows(keywords_df, top)
    fig = _new_figure(max(3.2, 0.28 * len(df) + 1.4))
    ax = fig.add_subplot()
    if df.empty:
        _message(ax, NO_DATA)
    else:
        y = range(len(df))
        bars = ax.barh(y, df["count"], color=PRIMARY, height=0.7)
        ax.bar_label(bars, labels=[str(int(c)) for c in df["count"]], padding=3, fontsize=8.5, color=INK)
        ax.set_yticks(list(y), labels=[str(k) for k in df["keyword"]])
        ax.invert_yaxis()
        ax.set_xlabel("出现次数")
        ax.set_xlim(0, df["count"].max() * 1.12)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    return _finish(fig, title or f"高频关键词（前{len(df)}个）", source)


def _top_rows(keywords_df: "pd.DataFrame | None", top: int) -> "pd.DataFrame":
    import pandas as pd

    if _empty(keywords_df):
        return pd.DataFrame({"keyword": [], "count": []})
    df = keywords_df.assign(count=pd.to_numeric(keywords_df["count"], errors="coerce")).dropna(subset=["count"])
    order = ["rank", "keyword"] if "rank" in df.columns else ["count", "keyword"]
    df = df.sort_values(order, ascending=[True, True] if "rank" in df.columns else [False, True], kind="stable")
    return df.head(top).reset_index(drop=True)


# ---------------------------------------------------------------- 2. sections

def _section_order(name: str) -> int:
    """Reading order of a top-level heading from its numeral: '二、…' → 2, '十二、…' → 12, '' → 0.

    >>> [_section_order(s) for s in ["三、加强政府自身建设", "十、其他", "二十一、附", "", "附件"]]
    [3, 10, 21, 0, 99]
    """
    head = re.match(rf"[{_CN_NUMERALS}]+(?=、)", str(name))
    if not head:
        return 0 if not name else 99  # text before the first heading comes first
    digit = {c: i + 1 for i, c in enumerate(_CN_NUMERALS[:9])}
    tens, ten, ones = head.group().rpartition("十")
    return (digit.get(tens, 1) * 10 if ten else 0) + digit.get(ones, 0)


MIN_SECTION_CHARS = 300  # shorter sections (a greeting before the first heading) give unstable rates


@_chart
def section_heatmap(shares_df: "pd.DataFrame", *, source: Any = None, terms: list[str] | None = None,
                    max_terms: int = 15, title: str | None = None) -> "Figure":
    """Heatmap of the key terms by top-level section: how densely each section uses each term.

    ``shares_df`` is long: ``term, top_section, count, share`` and, from
    :func:`zjtext.keywords.section_shares`, ``per_10k`` (occurrences per 10,000 characters of the
    section). With ``per_10k`` the colour is that density, so a long section does not win by length
    alone, and sections shorter than :data:`MIN_SECTION_CHARS` (or a fifth of the longest) are left
    out; without it the colour is
    the share of the term's occurrences. Cells give the coloured number and the count. Sections no
    shown term occurs in are left out. Terms keep the given order (or ``terms``); without ``terms``
    at most ``max_terms`` with the highest total counts are shown.
    """
    import numpy as np

    table = _share_table(shares_df, terms, max_terms)
    fig = _new_figure(max(3.2, 0.42 * (len(table[0]) if table else 0) + 1.9))
    ax = fig.add_subplot()
    if not table:
        _message(ax, NO_DATA)
        return _finish(fig, title or "重点词语在各部分的分布", source)
    rows, cols, value, count, density = table
    top = np.nanmax(value) if np.isfinite(value).any() else 0
    as_pct = not density and top <= 1
    im = ax.imshow(np.nan_to_num(value), aspect="auto", cmap="Blues", vmin=0, vmax=top or 1)
    for (i, j), v in np.ndenumerate(value):
        text = _heat_cell(v, top, as_pct)
        text += f"\n{int(count[i, j])}次" if np.isfinite(count[i, j]) else ""
        ax.text(j, i, text, ha="center", va="center", fontsize=8, linespacing=1.5,
                color="white" if top and v > 0.6 * top else INK)
    width = min(14.0, _ems(6.3 / len(cols), 9) - 1.0)  # the plot is about 6.3 of the 8 inches
    ax.set_xticks(range(len(cols)), labels=[_balanced_wrap(c, width) for c in cols], fontsize=9)
    ax.set_yticks(range(len(rows)), labels=rows)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    bar = fig.colorbar(im, ax=ax, shrink=0.8, pad=0.02)
    bar.ax.set_title("每万字\n次数" if density else "占比", fontsize=9, color=INK, loc="left")
    bar.ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}" if as_pct and top >= 0.1 else
                                     (f"{v:.1%}" if as_pct else _fmt(v)))
    note = HEATMAP_NOTE_DENSITY if density else "颜色深浅 = 占比；格内为占比和次数"
    return _finish(fig, title or "重点词语在各部分的分布", source, note=note)


HEATMAP_NOTE_DENSITY = "颜色深浅 = 每万字出现次数（按各部分篇幅折算）；格内为每万字次数和次数"


def _heat_cell(v: float, top: float, as_pct: bool) -> str:
    if not math.isfinite(v):
        return ""
    if as_pct:
        return f"{v:.1%}" if top >= 0.1 else f"{v:.2%}"
    return f"{v:.1f}"


def _share_table(shares_df, terms, max_terms):
    """(terms, section labels, colour matrix, count matrix, coloured by density?), or None if nothing to draw."""
    import numpy as np
    import pandas as pd

    if _empty(shares_df):
        return None
    density = "per_10k" in shares_df.columns and pd.to_numeric(shares_df["per_10k"], errors="coerce").notna().any()
    df = shares_df.assign(share=pd.to_numeric(shares_df["share"], errors="coerce"),
                          count=pd.to_numeric(shares_df.get("count"), errors="coerce"),
                          top_section=shares_df["top_section"].fillna("").astype(str))
    if density:
        df = df.assign(per_10k=pd.to_numeric(df["per_10k"], errors="coerce"))
    if terms is not None:
        rows = [t for t in terms if t in set(df["term"])]
    else:
        totals = df.groupby("term", sort=False)["count"].sum()
        first = list(dict.fromkeys(df["term"]))
        by_total = sorted(enumerate(first), key=lambda it: (-np.nan_to_num(totals.get(it[1], 0)), it[0]))
        keep = {t for _, t in by_total[:max_terms]}
        rows = [t for t in first if t in keep]
    shown = df[df["term"].isin(rows)]
    used = shown.groupby("top_section", sort=False)["count"].sum()
    seen = [s for s in dict.fromkeys(df["top_section"]) if used.get(s, 1) != 0]  # drop sections none use
    if density:
        chars = (shown["count"] * 10000 / shown["per_10k"].where(shown["per_10k"] > 0)).groupby(
            shown["top_section"], sort=False).max()
        short = min(MIN_SECTION_CHARS, 0.2 * chars.max())  # relative, for tiny made-up reports
        seen = [s for s in seen if not chars.get(s, math.inf) < short]
    cols = [s for _, s in sorted(enumerate(seen), key=lambda it: (_section_order(it[1]), it[0]))]
    if not rows or not cols:
        return None
    first_rows = df.drop_duplicates(["term", "top_section"])
    value = first_rows.pivot(index="term", columns="top_section", values="per_10k" if density else "share")
    count = first_rows.pivot(index="term", columns="top_section", values="count").reindex(index=rows, columns=cols)
    labels = [str(c) or "（首个标题前）" for c in cols]
    return ([str(r) for r in rows], labels, value.reindex(index=rows, columns=cols).to_numpy(float),
            count.to_numpy(float), bool(density))


# ---------------------------------------------------------------- 3. headline targets

def _indicator_key(name: Any) -> str:
    """One key for the names a report gives one indicator in its targets and its results.

    :func:`zjtext.compare.canonical_indicator` (region prefixes, 规模以上→规上, 地区生产总值→生产总值,
    growth words), and 经济增长 / 经济增速 count as 生产总值 (the headline growth target).

    >>> [_indicator_key(n) for n in ("全市地区生产总值", "经济增长", "全省规模以上工业增加值")]
    ['生产总值', '生产总值', '规上工业增加值']
    """
    from .compare import canonical_indicator

    key = canonical_indicator(_REGION_PREFIX.sub("", re.sub(r"\s+", "", str(name or ""))))
    return _ECONOMY_KEYS.get(key, key)


def _is_percent(row: Mapping) -> bool:
    return str(row.get("base_unit") or "").strip() in PERCENT_UNITS and math.isfinite(_num(row.get("value")))


def _unit_kind(row: Mapping) -> str:
    """'pp' for 个百分点 (a change of a share), '%' for a percentage."""
    return "pp" if "百分点" in str(row.get("base_unit") or "") else "%"


def _pair_targets(targets_df: "pd.DataFrame") -> tuple[list[tuple[str, dict, dict | None]], list[str]]:
    """([(indicator, target row, last year's row or None)] for % rows, [text lines for the rest]).

    Last year's row is the first result of the same indicator (:func:`_indicator_key`) in the same
    kind of unit (% with %, 个百分点 with 个百分点); results in 亿元 and the like, and figures over
    several years (a true ``multi_year`` column), are passed over.
    """
    records = targets_df.to_dict("records")
    actual: dict[tuple[str, str], dict] = {}
    for r in records:
        if str(r.get("period")) == "actual" and _is_percent(r) and not _truthy(r.get("multi_year")):
            actual.setdefault((_indicator_key(r.get("indicator")), _unit_kind(r)), r)
    bars, lines, seen = [], [], set()
    for r in records:
        key = _indicator_key(r.get("indicator"))
        if str(r.get("period")) != "target" or key in seen:
            continue
        seen.add(key)
        name = str(r.get("indicator") or "（未命名指标）")
        if _is_percent(r):
            bars.append((name, r, actual.get((key, _unit_kind(r)))))
        else:
            lines.append(_target_line(name, r))
    return bars, lines


def _target_line(name: str, row: Mapping) -> str:
    """'城镇新增就业：80万人（以上）'; a target written out in words that names itself is given once.

    >>> _target_line("居民收入", {"surface": "居民收入增长与经济增长同步"})
    '居民收入增长与经济增长同步'
    >>> _target_line("城镇新增就业", {"surface": "80万人", "qualifier": "at_least"})
    '城镇新增就业：80万人（以上）'
    """
    text = _target_text(row)
    squeeze = functools.partial(re.sub, r"[\s“”\"]", "")
    return text if squeeze(name) and squeeze(name) in squeeze(text) else f"{name}：{text}"


def _target_text(row: Mapping) -> str:
    """A target that cannot go on the % axis, as the report writes it (hedge added if missing)."""
    surface = str(row.get("surface") or "").strip()
    q = str(row.get("qualifier") or "none")
    if surface:
        hedge = HEDGE_WORDS.get(q, "")
        return surface if not hedge or any(w in surface for w in _HEDGE_SURFACES) else f"{surface}（{hedge}）"
    if math.isfinite(_num(row.get("value"))):
        return value_label(row.get("value"), row.get("value_max"), str(row.get("base_unit") or ""), q)
    sentence = str(row.get("sentence") or "").strip()
    return (sentence[:40] + ("…" if len(sentence) > 40 else "")) or "（文字目标）"


@_chart
def headline_targets(targets_df: "pd.DataFrame", *, source: Any = None, title: str | None = None) -> "Figure":
    """This year's main targets beside last year's results, on one % axis, hedges visible.

    A range (5%—5.5%) is a bar with a light extension to the upper end; 左右, 以上/超过 and 以内
    are written in the labels, and 以上/超过 (≥) / 以内 (≤) also get an arrow pointing the way the
    target may go. Targets in other units or in words (与经济增长同步) are listed as text below.
    With no target list at all the plot area says so (:data:`NO_TARGETS`).
    """
    title = title or "主要预期目标与上年实际"
    has_targets = not _empty(targets_df) and (targets_df["period"].astype(str) == "target").any()
    bars, lines = _pair_targets(targets_df) if has_targets else ([], [])
    heading = "不在同一坐标轴上的目标：" if bars else "主要预期目标（无可在同一坐标轴比较的百分比目标）："
    return _plot_over_list(title, source, 0.62 * len(bars) + 1.2 if bars else 0.0,
                           lambda ax: _draw_target_bars(ax, bars, _report_year(source)), heading, lines,
                           empty="" if has_targets else NO_TARGETS)


def _draw_target_bars(ax: "Axes", bars, year: int | None) -> None:
    from matplotlib.patches import Patch

    values = [v for _, t, a in bars for x in (t, a) if x is not None for v in _signed(x) if math.isfinite(v)]
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    h = 0.36
    for i, (_, target, last) in enumerate(bars):
        if last is not None:
            _bar(ax, i - h / 2 - 0.02, last, MUTED, h, span)
        _bar(ax, i + h / 2 + 0.02, target, PRIMARY, h, span)
    ax.set_yticks(range(len(bars)), labels=[_balanced_wrap(name, 10) for name, _, _ in bars])
    ax.set_ylim(len(bars) - 0.4, -0.6)
    ax.set_xlim(lo - (0.2 * span if lo < 0 else 0), hi + 0.38 * span)
    ax.axvline(0, color=GREY, lw=0.8)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_formatter(lambda v, _: _fmt(v))
    ax.set_xlabel("% / 个百分点")
    last_name, this_name = (f"{year - 1}年实际", f"{year}年目标") if year else ("上年实际", "今年目标")
    ax.legend(handles=[Patch(color=MUTED, label=last_name), Patch(color=PRIMARY, label=this_name),
                       Patch(facecolor=LIGHT, edgecolor=PRIMARY, hatch="///", label="目标区间")],
              loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, borderaxespad=0.2)


def _bar(ax: "Axes", y: float, row: Mapping, color: str, h: float, span: float) -> None:
    """One value as a bar: range extension, hedge arrow and label at its end."""
    v, hi = _signed(row)
    q = str(row.get("qualifier") or "none")
    ax.barh(y, v, height=h, color=color)
    end = v
    if math.isfinite(hi) and hi != v:
        ax.barh(y, hi - v, left=v, height=h, color=LIGHT, edgecolor=color, hatch="///", lw=0.8)
        end = hi
    sign = -1 if end < 0 else 1
    x_text = end + sign * 0.015 * span
    if q in ("at_least", "more_than", "at_most"):  # arrow: which way the target may go (away from 0 = more)
        stop = end + (-sign if q == "at_most" else sign) * 0.07 * span
        ax.annotate("", xy=(stop, y), xytext=(end, y),
                    arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 1.2, "shrinkA": 0, "shrinkB": 0})
        outer = max(end, stop) if sign > 0 else min(end, stop)
        x_text = outer + sign * 0.015 * span
    unit = str(row.get("base_unit") or "%")
    ax.text(x_text, y, value_label(v, hi, unit, q, decrease=v < 0), va="center", ha="left" if sign > 0 else "right",
            fontsize=9, color=INK)


def _signed(row: Mapping) -> tuple[float, float]:
    """(value, value_max), negative when an optional ``change`` column says 'decrease'."""
    v, hi = _num(row.get("value")), _num(row.get("value_max"))
    if str(row.get("change")) == "decrease":
        return -abs(v), -abs(hi)
    return v, hi


LIST_FONTSIZE = 9.5
BULLET, HANG = "· ", "\u3000"  # continuation lines are indented by one ideographic space


def _list_text(heading: str, lines: list[str], fig_width: float = FIGSIZE[0]) -> str:
    """The text block under a plot: heading, then one bullet per line, wrapped to the figure width.

    >>> text = _list_text("目标：", ["居民收入增长与经济增长同步", "长" * 70])
    >>> [line[:3] for line in text.split("\\n")], [len(line) for line in text.split("\\n")]
    (['目标：', '· 居', '· 长', '\\u3000长长'], [3, 15, 58, 15])
    """
    width = _ems(0.95 * fig_width, LIST_FONTSIZE) - max(_em(BULLET), _em(HANG))
    out = [heading]
    for line in lines:
        wrapped = _cjk_wrap(line, width).split("\n")
        out += [BULLET + wrapped[0], *(HANG + w for w in wrapped[1:])]
    return "\n".join(out)


def _list_height(text: str) -> float:
    """Inches a :func:`_text_list` block needs (0 for none)."""
    return (text.count("\n") + 1) * LIST_FONTSIZE * 1.6 / 72 + 0.15 if text else 0.0


def _plot_over_list(title: str, source: Any, plot_h: float, draw: Callable[["Axes"], None], heading: str,
                    lines: list[str], empty: str = "") -> "Figure":
    """A plot ``plot_h`` inches high (drawn by ``draw``, if any) above a text list (if ``lines``).

    With ``empty`` the plot area says that instead. Shared by the target charts.
    """
    listed = _list_text(heading, lines) if lines else ""
    heights = [h for h in (plot_h, _list_height(listed)) if h]
    fig = _new_figure(None if empty else max(2.4, sum(heights) + 0.9))
    if empty:
        _message(fig.add_subplot(), empty)
        return _finish(fig, title, source)
    axes = fig.subplots(len(heights), 1, squeeze=False, height_ratios=heights)[:, 0]
    if plot_h:
        draw(axes[0])
    if listed:
        _text_list(axes[-1], listed)
    return _finish(fig, title, source, note="单位：%（个百分点已注明）" if plot_h else "")


def _text_list(ax: "Axes", text: str) -> None:
    """The list block, from the figure's left margin (not the plot's), so the whole width is used."""
    from matplotlib.transforms import blended_transform_factory

    ax.set_axis_off()
    ax.text(0.015, 1, text, ha="left", va="top", fontsize=LIST_FONTSIZE, color=INK, linespacing=1.6,
            transform=blended_transform_factory(ax.figure.transFigure, ax.transAxes))


# ---------------------------------------------------------------- 4. growth rates

_GROWTH_WORD = r"(?:分别)?(?:增长|增速|下降|提高|增幅|降幅|增加|减少|提升|降低)"
_MULTI_YEAR_CLAUSE = re.compile(  # in the clause before the figure: the figure spans several years
    rf"年均{_GROWTH_WORD}|五年|(?<![\d十])\d{{1,2}}年(?=来|间|累计|{_GROWTH_WORD})|[比较]20\d\d年"
    r"|[比较]“?十[一二三四五]五")
_MULTI_YEAR_SENTENCE = re.compile(r"五年来|过去五年|十[一二三四五]五”?(?:时期|期间|以来)")
_CUMULATIVE = re.compile(rf"累计{_GROWTH_WORD}")  # may also be within one year: not spread to the paragraph
_PLAN_SECTION = re.compile(r"十[一二三四五]五|五年规划")
_TIME_SPAN = re.compile(r"(?:\d{1,2}|[一二两三四五六七八九十]+)个?年[来间内]?")
_CLAUSE_END = "，；：。！？,;"


def _multi_year_cue(sentence: Any, surface: Any, nth: int = 0) -> str:
    """'strong' / 'cumulative' when the clause before the ``nth`` ``surface`` in ``sentence`` makes it a
    figure over several years (年均增长, 五年, 比2020年, 较“十三五”, “十四五”时期 …), else ''.

    >>> _multi_year_cue("地区生产总值增长5.4%，年均增长5.5%", "5.5%"), _multi_year_cue("PM2.5年均浓度下降7.4%", "7.4%")
    ('strong', '')
    >>> _multi_year_cue("能耗累计下降14%", "14%"), _multi_year_cue("起数比2020年下降47.2%、39.6%", "39.6%")
    ('cumulative', 'strong')
    """
    sentence, surface = str(sentence or ""), str(surface or "")
    at = -1
    for _ in range(nth + 1):
        at = sentence.find(surface, at + 1) if surface else -1
        if at < 0:
            return ""
    clause = sentence[max(sentence.rfind(c, 0, at) for c in _CLAUSE_END) + 1:at]
    if _MULTI_YEAR_CLAUSE.search(clause) or _MULTI_YEAR_SENTENCE.search(sentence[:at]):
        return "strong"
    return "cumulative" if _CUMULATIVE.search(clause) else ""


def _multi_year(df: "pd.DataFrame", headline: set[str]) -> "pd.Series":
    """Which rows are figures over several years (the 十四五 review beside last year's).

    The ``multi_year`` column when the metrics table has one; otherwise the rows whose own clause says
    so (:func:`_multi_year_cue`), the other rows of a paragraph with a clear cue (not 累计, and never
    a headline indicator), and every row of a top-level section about the plan period alone
    (“十四五”时期发展成就, 五年规划纲要…, with no single year in its heading).
    """
    import pandas as pd

    if "multi_year" in df.columns:
        return df["multi_year"].map(_truthy)
    nth = df.groupby([df.get("paragraph", pd.Series(0, index=df.index)), df["sentence"].astype(str),
                      df["surface"].astype(str)], sort=False).cumcount()
    cue = pd.Series([_multi_year_cue(s, x, k) for s, x, k in zip(df["sentence"], df["surface"], nth)],
                    index=df.index)
    out = cue != ""
    if "paragraph" in df.columns:
        spread = df["paragraph"].isin(set(df.loc[cue == "strong", "paragraph"]))
        out |= spread & ~df["indicator"].map(_indicator_key).isin(headline)
    if "section" in df.columns:
        top = df["section"].fillna("").astype(str).str.split(" > ").str[0]
        out |= top.str.contains(_PLAN_SECTION) & ~top.str.contains(r"20\d\d年|上年|去年|一年")
    return out


def _truthy(value: Any) -> bool:
    """A boolean cell as pandas or a CSV gives it back: True, 'True', 1 … (empty and NaN are False)."""
    return str(value).strip().lower() in ("true", "1", "1.0", "yes")


def _headline_keys(targets_df: "pd.DataFrame | None") -> list[str]:
    """Indicator keys of the headline table (targets and last year's results), in its order."""
    if _empty(targets_df) or "indicator" not in targets_df.columns:
        return []
    return list(dict.fromkeys(_indicator_key(n) for n in targets_df["indicator"] if str(n or "").strip()))


def growth_table(metrics_df: "pd.DataFrame | None", top: int = 20,
                 targets_df: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """The past-year growth rates a chart shows: one row per indicator, decreases negative.

    Rows with ``period == 'actual'``, ``category == 'percent'`` and ``change`` increase/decrease,
    without figures over several years (:func:`_multi_year`: 年均, 五年, 比2020年 …) and without
    names that are only a time span ('5年'); the first row of each indicator is kept. Order: the
    indicators of the headline table ``targets_df`` (if given) first, in its order, then the rest in
    the order the report mentions them; at most ``top`` rows. ``headline`` marks the first group.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"indicator": ["出口", "出口", "能耗", "全省生产总值"], "value": [3.9, 9.9, 2.0, 5.5],
    ...     "value_max": [None] * 4, "qualifier": ["none"] * 4, "period": ["actual"] * 4,
    ...     "category": ["percent"] * 4, "change": ["increase", "increase", "decrease", "increase"],
    ...     "sentence": ["出口增长3.9%", "年均增长9.9%", "能耗下降2%", "全省生产总值增长5.5%"],
    ...     "surface": ["3.9%", "9.9%", "2%", "5.5%"]})
    >>> growth_table(m, targets_df=pd.DataFrame({"indicator": ["生产总值"]}))[["indicator", "signed"]].values.tolist()
    [['全省生产总值', 5.5], ['出口', 3.9], ['能耗', -2.0]]
    """
    import pandas as pd

    cols = ["indicator", "signed", "signed_max", "qualifier", "headline"]
    if _empty(metrics_df):
        return pd.DataFrame(columns=cols)
    df = metrics_df[(metrics_df["period"].astype(str) == "actual")
                    & (metrics_df["category"].astype(str) == "percent")
                    & metrics_df["change"].isin(["increase", "decrease"])]
    df = df.assign(indicator=df["indicator"].fillna("").astype(str).str.strip())
    df = df[(df["indicator"] != "") & ~df["indicator"].str.fullmatch(_TIME_SPAN)]
    df = df.assign(value=pd.to_numeric(df["value"], errors="coerce")).dropna(subset=["value"])
    order = [c for c in ("paragraph", "start") if c in df.columns]
    df = df.sort_values(order, kind="stable") if order else df
    keys = _headline_keys(targets_df)
    for col in ("sentence", "surface"):
        df = df if col in df.columns else df.assign(**{col: ""})
    df = df[~_multi_year(df, set(keys))] if len(df) else df
    df = df.assign(key=df["indicator"].map(_indicator_key)).drop_duplicates("key", keep="first")
    rank = {k: i for i, k in enumerate(keys)}
    df = df.assign(headline=df["key"].isin(rank), rank=df["key"].map(rank).fillna(len(rank)))
    df = df.sort_values("rank", kind="stable").head(top)
    sign = df["change"].map({"increase": 1, "decrease": -1})
    df = df.assign(signed=df["value"].abs() * sign,
                   signed_max=pd.to_numeric(df.get("value_max"), errors="coerce").abs() * sign)
    return df[cols].reset_index(drop=True)


@_chart
def growth_rates(metrics_df: "pd.DataFrame", *, top: int = 20, source: Any = None,
                 title: str | None = None, targets: "pd.DataFrame | None" = None) -> "Figure":
    """Growth rates reported for the past year, one bar per indicator; decreases drawn negative.

    With ``targets`` (the headline table) its indicators come first, above a dashed line; the rest
    follow in the order the report mentions them. Figures over several years are left out
    (see :func:`growth_table`).
    """
    df = growth_table(metrics_df, top, targets)
    fig = _new_figure(max(3.2, 0.3 * len(df) + 1.5))
    ax = fig.add_subplot()
    title = title or "上年主要指标增速"
    if df.empty:
        _message(ax, "没有可绘制的增长率数据")
        return _finish(fig, title, source)
    colors = [PRIMARY if v >= 0 else ACCENT for v in df["signed"]]
    y = range(len(df))
    cap = _bar_cap(df["signed"])
    drawn = df["signed"].clip(-cap, cap)
    ax.barh(y, drawn, color=colors, height=0.68)
    lo, hi = min(0.0, drawn.min()), max(0.0, drawn.max())
    span = (hi - lo) or 1.0
    for i, r in df.iterrows():
        v, end = r["signed"], drawn[i]
        if end != v:  # cut short: a white double slash near the end says so
            for back in (0.05, 0.035):
                x = end - math.copysign(back * span, v)
                ax.plot([x - 0.007 * span, x + 0.007 * span], [i + 0.42, i - 0.42], color="white", lw=2.4)
        ax.text(end + (0.01 if v >= 0 else -0.01) * span, i,
                value_label(v, r["signed_max"], "%", r["qualifier"], decrease=v < 0),
                va="center", ha="left" if v >= 0 else "right", fontsize=8.5, color=INK)
    n_head = int(df["headline"].sum())
    if 0 < n_head < len(df):
        ax.axhline(n_head - 0.5, color=MUTED, lw=0.8, ls=(0, (3, 3)))
    ax.set_yticks(list(y), labels=[_balanced_wrap(n, 14) for n in df["indicator"]])
    ax.set_ylim(len(df) - 0.5, -0.5)
    ax.set_xlim(lo - (0.22 * span if lo < 0 else 0), hi + 0.18 * span)
    ax.axvline(0, color=GREY, lw=0.8)
    ax.xaxis.set_major_formatter(lambda v, _: _fmt(v) + "%")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("比上年增长（%），负值为下降")
    order = "虚线上方为主要目标的指标，其余" if 0 < n_head < len(df) else ""
    cut = "；带斜线的条形已截短，数字为实际值" if (drawn != df["signed"]).any() else ""
    return _finish(fig, title, source, note=f"{order}按报告中出现的先后；不含年均、累计等多年数{cut}")


def _bar_cap(values: "pd.Series") -> float:
    """Where to cut bars short so one outlier (增长136%) does not flatten the rest: four times the
    median size, unless nothing is beyond 1.25 times that (then nothing is cut).

    >>> import pandas as pd
    >>> _bar_cap(pd.Series([5.4, 1.5, 4.1, 136.0, -7.4])), _bar_cap(pd.Series([5.4, 20.0, -3.0]))
    (21.6, inf)
    """
    size = values.abs()
    cap = 4 * float(size.median()) if len(size) else 0.0
    return cap if cap > 0 and (size > 1.25 * cap).any() else math.inf


# ---------------------------------------------------------------- 5. word cloud

@_chart
def word_cloud(keywords_df: "pd.DataFrame", *, font_path: str | None = None, random_state: int = 42,
               max_words: int = 100, source: Any = None, title: str | None = None) -> "Figure":
    """A word cloud of keyword counts (not raw text), in the same font, laid out reproducibly."""
    from wordcloud import WordCloud

    df = _top_rows(keywords_df, max_words)
    fig = _new_figure(5.2)
    ax = fig.add_subplot()
    title = title or "关键词词云"
    if df.empty:
        _message(ax, NO_DATA)
        return _finish(fig, title, source)
    freqs = {str(k): float(c) for k, c in zip(df["keyword"], df["count"]) if c > 0}
    cloud = WordCloud(font_path=font_path or use_cjk_font(), random_state=random_state, width=1400,
                      height=760, background_color="white", prefer_horizontal=1.0, max_words=max_words,
                      color_func=_palette_color, margin=4, min_font_size=12)
    cloud.generate_from_frequencies(freqs)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    return _finish(fig, title, source, note="字号按出现次数")


def _palette_color(word, font_size, position, orientation, random_state=None, **kwargs) -> str:
    """House palette colours, chosen by the cloud's own seeded random state."""
    return PALETTE[random_state.randint(0, 3)] if random_state is not None else PRIMARY


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


def _load_frames(processed_dir_or_frames: Path | str | Mapping) -> dict[str, Any]:
    """keywords / targets / metrics / shares / tokens frames (+ meta), from a mapping or a processed folder."""
    aliases = {"keywords": ("keywords",), "targets": ("targets",), "metrics": ("metrics",),
               "shares": ("section_shares", "shares"), "tokens": ("tokens",)}
    if isinstance(processed_dir_or_frames, Mapping):
        given = processed_dir_or_frames
        return {k: given[n] for k, names in aliases.items() for n in names if given.get(n) is not None}
    import json

    from .store import read_csv

    folder = Path(processed_dir_or_frames)
    frames: dict[str, Any] = {}
    for key, names in aliases.items():
        path = next((folder / f"{n}.csv" for n in names if (folder / f"{n}.csv").is_file()), None)
        if path is not None and key == "tokens":
            if "shares" not in frames:
                from .process import read_tokens

                frames[key] = read_tokens(folder)
        elif path is not None:
            frames[key] = read_csv(path)
    if (folder / "meta.json").is_file():
        frames["meta"] = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return frames


def _shares_from_tokens(tokens_df: "pd.DataFrame", top: int = 12) -> "pd.DataFrame | None":
    """Section shares of the top keywords, via zjtext.keywords (None if that module is unavailable)."""
    try:
        from .keywords import section_shares
    except ImportError:
        return None
    tokens_df = tokens_df.assign(top_section=tokens_df["top_section"].fillna(""))
    return section_shares(tokens_df, top=top)


def draw_all(processed_dir_or_frames: Path | str | Mapping, out_dir: Path | str,
             source: Any = None) -> dict[str, "Figure"]:
    """Draw and save every figure the data allows; return ``{name: Figure}`` in :data:`FIGURE_NAMES` order.

    Input: a report's processed folder (``keywords.csv``, ``targets.csv``, ``metrics.csv``,
    ``section_shares.csv`` or else ``tokens.csv``, ``meta.json``) or a mapping with DataFrames under
    ``keywords``, ``targets``, ``metrics``, ``section_shares`` (or ``shares``, or ``tokens`` to compute
    them). Missing inputs skip their figures; an empty targets table still gives the "no target list"
    figure. Without ``source`` the folder's ``meta.json`` (region, year) gives the source line.
    """
    frames = _load_frames(processed_dir_or_frames)
    if "shares" not in frames and frames.get("tokens") is not None:
        shares = _shares_from_tokens(frames["tokens"])
        if shares is not None:
            frames["shares"] = shares
    source = source if source is not None else frames.get("meta")
    plan = {
        "top_keywords": ("keywords", top_keywords), "section_heatmap": ("shares", section_heatmap),
        "headline_targets": ("targets", headline_targets), "growth_rates": ("metrics", growth_rates),
        "word_cloud": ("keywords", word_cloud),
    }
    figures = {}
    for name in FIGURE_NAMES:
        key, draw = plan[name]
        if key in frames:
            extra = {"targets": frames.get("targets")} if name == "growth_rates" else {}
            figures[name] = draw(frames[key], source=source, **extra)
            save_figure(figures[name], out_dir, name)
    return figures


# ---------------------------------------------------------------- 6. year over year (notebook 05)

DIRECTION_TAGS = {code: DIRECTION[code] for code in ("appeared", "vanished")}
VERDICT_COLORS = {"met": PALETTE[2], "met (within 左右)": ACCENT, "missed": PALETTE[3],
                  "not reported": GREY, "not comparable": GREY}
NO_TRACKING = "没有可对照的目标"
NO_SLOGANS = "没有可比较的提法"
SLOGAN_STATUSES = (("new", "新提出"), ("kept", "延续"), ("dropped", "不再提及"))
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@_chart
def keyness_bars(keyness_df: "pd.DataFrame", *, top: int = 15, source: Any = None, title: str | None = None,
                 label_a: str = "旧报告", label_b: str = "新报告") -> "Figure":
    """Diverging bars of the words that rose (right) and fell (left) from report A to report B.

    ``keyness_df`` is :func:`zjtext.keywords.keyness` output. On each side the ``top`` terms by G²
    are drawn, bar length = ``log_ratio`` (log2 of the ratio of relative frequencies); each bar is
    labelled ``count_a→count_b``. Terms absent from one report are hatched and tagged 新出现 / 不再出现;
    differences that are not significant (p ≥ 0.05) are drawn pale.

    >>> import pandas as pd
    >>> k = pd.DataFrame({"term": ["低空经济", "数字经济"], "count_a": [0, 9], "count_b": [5, 2],
    ...     "g2": [8.1, 4.2], "p_value": [0.004, 0.04], "log_ratio": [4.1, -2.0],
    ...     "direction": ["appeared", "fell"]})
    >>> fig = keyness_bars(k, label_a="2024年", label_b="2025年")
    >>> sorted(t.get_text() for t in fig.axes[0].texts if "→" in t.get_text())
    ['0→5 新出现', '9→2']
    """
    up, down = _keyness_sides(keyness_df, top)
    title = title or f"{label_b}与{label_a}相比：哪些词多了，哪些词少了"
    fig = _new_figure(max(3.2, 0.27 * (len(up) + len(down)) + 2.0))
    ax = fig.add_subplot()
    if up.empty and down.empty:
        _message(ax, NO_DATA)
        return _finish(fig, title, source)
    rows = [*up.to_dict("records"), *down.to_dict("records")]
    ys = [float(i) for i in range(len(up))] + [len(up) + 0.6 + i for i in range(len(down))]
    reach = max(abs(r["log_ratio"]) for r in rows) or 1.0
    for y, r in zip(ys, rows):
        _keyness_bar(ax, y, r, reach)
    if len(up) and len(down):
        ax.axhline(len(up) - 0.2, color=MUTED, lw=0.6, ls=(0, (2, 2)))
    ax.set_xlim(-1.45 * reach, 1.45 * reach)
    ax.set_ylim(ys[-1] + 0.6, -0.6)
    ax.axvline(0, color=GREY, lw=0.8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_formatter(lambda v, _: _fmt(v))
    ax.set_xlabel(_cjk_wrap(f"相对词频之比（log2）：1 = {label_b}是{label_a}的两倍，-1 = 一半",
                            _ems(0.9 * fig.get_figwidth(), 10)))
    _keyness_legend(ax, label_a, label_b)
    pale = any(_num(r.get("p_value")) >= 0.05 for r in rows)
    note = f"各侧按G²取前{top}个；标注为次数 {label_a}→{label_b}" + ("；浅色：p≥0.05" if pale else "")
    return _finish(fig, title, source, note=note)


def _keyness_sides(keyness_df: "pd.DataFrame | None", top: int) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """(rose/appeared, fell/vanished): the ``top`` of each by G², shown in order of log ratio."""
    import pandas as pd

    if _empty(keyness_df):
        return pd.DataFrame(), pd.DataFrame()
    df = keyness_df.assign(**{c: pd.to_numeric(keyness_df[c], errors="coerce") for c in ("g2", "log_ratio")})
    df = df.dropna(subset=["log_ratio"])
    df = df[df["direction"].astype(str) != "unchanged"].assign(term=lambda d: d["term"].astype(str))
    by_g2 = df.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    up = by_g2[by_g2["log_ratio"] > 0].head(top)
    down = by_g2[by_g2["log_ratio"] < 0].head(top)
    order = {"by": ["log_ratio", "g2", "term"], "ascending": [False, False, True], "kind": "stable"}
    return up.sort_values(**order).reset_index(drop=True), down.sort_values(**order).reset_index(drop=True)


def _keyness_bar(ax: "Axes", y: float, row: Mapping, reach: float) -> None:
    """One term: bar, the term beside the zero line, counts (and 新出现/不再出现) at the bar's end."""
    v = float(row["log_ratio"])
    sign = 1 if v > 0 else -1
    color = PRIMARY if sign > 0 else ACCENT
    alpha = 0.45 if _num(row.get("p_value")) >= 0.05 else 1.0
    direction = str(row.get("direction"))
    if direction in DIRECTION_TAGS:
        ax.barh(y, v, height=0.7, facecolor="white", edgecolor=color, hatch="////", lw=0.8, alpha=alpha)
    else:
        ax.barh(y, v, height=0.7, color=color, alpha=alpha)
    pad = 0.015 * reach
    ax.text(-sign * pad, y, str(row["term"]), va="center", ha="right" if sign > 0 else "left",
            fontsize=9.5, color=INK)
    counts = f"{_count(row.get('count_a'))}→{_count(row.get('count_b'))}"
    tag = DIRECTION_TAGS.get(direction, "")
    ax.text(v + sign * pad, y, f"{counts} {tag}".strip(), va="center", ha="left" if sign > 0 else "right",
            fontsize=8.5, color=INK)


def _count(value: Any) -> str:
    v = _num(value)
    return str(int(v)) if math.isfinite(v) and v == int(v) else _fmt(v)


def _keyness_legend(ax: "Axes", label_a: str, label_b: str) -> None:
    from matplotlib.patches import Patch

    def hatched(color: str, label: str) -> Patch:
        return Patch(facecolor="white", edgecolor=color, hatch="////", label=label)

    handles = [Patch(color=PRIMARY, label=f"{label_b}用得更多"), hatched(PRIMARY, f"新出现（{label_a}没有）"),
               Patch(color=ACCENT, label=f"{label_b}用得更少"), hatched(ACCENT, f"{DIRECTION_TAGS['vanished']}（{label_b}没有）")]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2,
              ncols=_legend_columns([h.get_label() for h in handles], ax.figure.get_figwidth()))


def _legend_columns(labels: list[str], fig_width: float, fontsize: float = 9) -> int:
    """4 (or all) legend entries in one row when they fit the figure's width, else 2 per row."""
    need = sum(_em(t) + 3.5 for t in labels)  # handle and gaps take about 3.5 ems per entry
    return len(labels) if need <= _ems(0.85 * fig_width, fontsize) else 2


@_chart
def target_tracking(track_df: "pd.DataFrame", *, source: Any = None, title: str | None = None) -> "Figure":
    """Last year's targets against what the next report says was achieved, with a verdict per row.

    ``track_df`` is :func:`zjtext.compare.track_targets` output. Percent targets share one axis:
    the target is a tick (a hatched band for a range such as 5%—5.5%), its hedge written beside it
    and, for 以上/超过/以内, an arrow pointing the way the target may go; the actual figure is a dot
    coloured by the verdict, which is written at the right (达成, 基本达成（左右）, 未达成, 未报告,
    无法比较). Targets in other units or in words are listed as text below.

    >>> import pandas as pd
    >>> t = pd.DataFrame([{"indicator": "生产总值", "target": "5.5%左右", "target_value": 5.5,
    ...     "target_value_max": None, "qualifier": "approx", "base_unit": "%", "actual_indicator": "全省生产总值",
    ...     "actual": "5.4%", "actual_value": 5.4, "verdict": "met (within 左右)", "match_score": 1.0}])
    >>> fig = target_tracking(t)
    >>> [x.get_text() for x in fig.axes[0].texts if x.get_text() in VERDICT_LABELS.values()]
    ['基本达成（左右）']
    """
    title = title or "上年目标完成情况"
    rows = [] if _empty(track_df) else track_df.to_dict("records")
    on_axis, lines = [], []
    for r in rows:
        if _is_percent({"base_unit": r.get("base_unit"), "value": r.get("target_value")}):
            on_axis.append(r)
        else:
            lines.append(_tracking_line(r))
    heading = "不在同一坐标轴上的目标" if on_axis else "上年目标，均不是百分比"
    return _plot_over_list(title, source, 0.72 * len(on_axis) + 1.3 if on_axis else 0.0,
                           lambda ax: _draw_tracking(ax, on_axis), heading + "（目标；实际 → 结论）：", lines,
                           empty="" if rows else NO_TRACKING)


def _verdict(row: Mapping) -> str:
    return str(row.get("verdict") or "not comparable")


def _tracking_line(row: Mapping) -> str:
    """'城镇新增就业：100万人（以上）；实际112万人 → 达成'."""
    target = _target_line(str(row.get("indicator") or "（未命名指标）"), {
        "surface": row.get("target"), "qualifier": row.get("qualifier"), "value": row.get("target_value"),
        "value_max": row.get("target_value_max"), "base_unit": row.get("base_unit"),
        "sentence": row.get("target_sentence")})
    actual = str(row.get("actual") or "").strip()
    verdict = VERDICT_LABELS.get(_verdict(row), _verdict(row))
    return target + (f"；实际{actual}" if actual else "") + f" → {verdict}"


def _draw_tracking(ax: "Axes", rows: list[dict]) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    values = [_num(r.get(k)) for r in rows for k in ("target_value", "target_value_max", "actual_value")]
    values = [v for v in values if math.isfinite(v)]
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    limits = (lo - 0.1 * span, hi + 0.1 * span)
    for i, r in enumerate(rows):
        _tracking_row(ax, i, r, span, limits)
    ax.set_yticks(range(len(rows)), labels=[_balanced_wrap(str(r.get("indicator") or "（未命名指标）"), 10)
                                            for r in rows])
    ax.set_ylim(len(rows) - 0.45, -0.6)
    ax.set_xlim(*limits)
    ax.axvline(0, color=GREY, lw=0.8)
    ax.grid(axis="y", color="#EEEEEE", lw=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_formatter(lambda v, _: _fmt(v))
    ax.set_xlabel("% / 个百分点")
    ax.legend(handles=[Line2D([], [], color=PRIMARY, marker="|", ms=12, mew=2.4, ls="none", label="上年目标"),
                       Patch(facecolor=LIGHT, edgecolor=PRIMARY, hatch="///", label="目标区间"),
                       Line2D([], [], color=MUTED, marker="o", ms=7, lw=2, label="实际（颜色同右侧结论）")],
              loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, borderaxespad=0.2)


def _matched_to(row: Mapping) -> str:
    """The actual's indicator when it is not the target's own name (a fuzzy match to check), else ''."""
    other = str(row.get("actual_indicator") or "").strip()
    exact = _num(row.get("match_score")) >= 1.0 or _indicator_key(other) == _indicator_key(row.get("indicator"))
    return "" if not other or exact else other


def _tracking_row(ax: "Axes", y: float, row: Mapping, span: float, limits: tuple[float, float]) -> None:
    """Target tick or band with its hedge label above; actual dot, linked to it, with its label below."""
    v, v_max = _num(row.get("target_value")), _num(row.get("target_value_max"))
    q, unit = str(row.get("qualifier") or "none"), str(row.get("base_unit") or "%")
    verdict = _verdict(row)
    color = VERDICT_COLORS.get(verdict, GREY)
    ranged = math.isfinite(v_max) and v_max != v
    lo_t, hi_t = (min(v, v_max), max(v, v_max)) if ranged else (v, v)
    actual = _num(row.get("actual_value"))
    if math.isfinite(actual):
        near = min(max(actual, lo_t), hi_t)
        ax.plot([near, actual], [y, y], color=MUTED, lw=2, zorder=1, solid_capstyle="butt")
    if ranged:
        ax.barh(y, hi_t - lo_t, left=lo_t, height=0.34, color=LIGHT, edgecolor=PRIMARY, hatch="///", lw=0.8, zorder=2)
    else:
        ax.plot([v], [y], color=PRIMARY, marker="|", ms=16, mew=2.6, zorder=2)
    if q in ("at_least", "more_than", "at_most"):  # which way the target may go
        start = lo_t if q == "at_most" else hi_t
        stop = start + (-1 if q == "at_most" else 1) * 0.06 * span
        ax.annotate("", xy=(stop, y - 0.2), xytext=(start, y - 0.2),
                    arrowprops={"arrowstyle": "-|>", "color": PRIMARY, "lw": 1.1, "shrinkA": 0, "shrinkB": 0})
    mid = (lo_t + hi_t) / 2
    ax.text(mid, y - 0.25, "目标 " + value_label(v, v_max, unit, q, decrease=v < 0),
            ha=_edge_align(mid, limits), va="bottom", fontsize=8.5, color=PRIMARY)
    if math.isfinite(actual):
        ax.scatter([actual], [y], s=64, color=color, edgecolor="white", linewidth=1.2, zorder=3)
        matched = _matched_to(row)
        label = "实际 " + value_label(actual, None, unit, "none", decrease=actual < 0)
        if matched:  # a long name goes on its own line, so the label stays inside the plot
            label += ("\n" if len(matched) > 10 else "") + f"（对照：{matched}）"
        ax.text(actual, y + 0.22, label, linespacing=1.3,
                ha=_edge_align(actual, limits), va="top", fontsize=8.5, color=INK)
    ax.text(1.02, y, VERDICT_LABELS.get(verdict, verdict), transform=ax.get_yaxis_transform(),
            ha="left", va="center", fontsize=10, color=color)


def _edge_align(x: float, limits: tuple[float, float]) -> str:
    """Centre a label on its point, but keep it inside the plot near either edge."""
    where = (x - limits[0]) / ((limits[1] - limits[0]) or 1.0)
    return "left" if where < 0.25 else ("right" if where > 0.75 else "center")


@_chart
def slogan_changes_chart(slogans_df: "pd.DataFrame", *, top: int = 12, source: Any = None,
                         title: str | None = None, label_a: str | None = None,
                         label_b: str | None = None) -> "Figure":
    """Quoted slogans in three panels, 新提出 / 延续 / 不再提及, the ``top`` of each by count.

    ``slogans_df`` is :func:`zjtext.compare.slogan_changes` output: ``term, status`` and then the
    counts in the older and the newer report (3rd and 4th columns, named ``count_<report id>``;
    a year in the id names the report in the note, or pass ``label_a`` / ``label_b``).

    >>> import pandas as pd
    >>> s = pd.DataFrame({"term": ["低空经济", "八八战略", "千万工程"], "status": ["new", "kept", "dropped"],
    ...                   "count_zj-2024": [0, 6, 2], "count_zj-2025": [3, 1, 0]})
    >>> fig = slogan_changes_chart(s)
    >>> [ax.get_title(loc="left") for ax in fig.axes]
    ['新提出（1个）', '延续（1个）', '不再提及（1个）']
    """
    import pandas as pd

    title = title or "引号中的提法：新提出、延续与不再提及"
    usable = not _empty(slogans_df) and slogans_df.shape[1] >= 4
    col_a, col_b = (slogans_df.columns[2], slogans_df.columns[3]) if usable else ("", "")
    label_a, label_b = label_a or _report_label(col_a, "旧报告"), label_b or _report_label(col_b, "新报告")
    panels = []
    if usable:
        df = pd.DataFrame({"term": slogans_df["term"].astype(str), "status": slogans_df["status"].astype(str),
                           "a": pd.to_numeric(slogans_df[col_a], errors="coerce").fillna(0),
                           "b": pd.to_numeric(slogans_df[col_b], errors="coerce").fillna(0)})
        panels = [(name, _slogan_top(df[df["status"] == status], status, top), int((df["status"] == status).sum()))
                  for status, name in SLOGAN_STATUSES]
    n = max((len(p) for _, p, _ in panels), default=0)
    fig = _new_figure(max(3.0, 0.3 * n + 1.9) if n else None)
    if not n:
        _message(fig.add_subplot(), NO_SLOGANS)
        return _finish(fig, title, source)
    axes = fig.subplots(1, 3, sharex=True)
    reach = max(float(max(p["a"].max(), p["b"].max())) for _, p, _ in panels if len(p))
    for ax, (name, part, total), (status, _) in zip(axes, panels, SLOGAN_STATUSES):
        _slogan_panel(ax, part, status, n)
        ax.set_title(f"{name}（{total}个）", loc="left", fontsize=11, color=INK)
    axes[0].set_xlim(0, reach * 1.35)
    note = f"各栏按次数取前{top}个；深色：{label_b}次数，浅色：{label_a}次数"
    return _finish(fig, title, source, note=note)


def _report_label(column: Any, default: str) -> str:
    """'count_zhejiang-2024' → '2024年'; another id as is; no column → ``default``."""
    rid = re.sub(r"^count_", "", str(column or ""))
    years = _YEAR.findall(rid)
    return f"{years[-1]}年" if years else (rid or default)


def _slogan_top(part: "pd.DataFrame", status: str, top: int) -> "pd.DataFrame":
    key = {"new": "b", "dropped": "a"}.get(status)
    part = part.assign(size=part[key] if key else part["a"] + part["b"])
    return part.sort_values(["size", "term"], ascending=[False, True], kind="stable").head(top).reset_index(drop=True)


def _slogan_panel(ax: "Axes", part: "pd.DataFrame", status: str, n: int) -> None:
    """Bars of one status: the newer report's count (dark), the older one's (light), or both for 延续."""
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", labelbottom=False)
    ax.set_ylim(n - 0.5, -0.6)
    if part.empty:
        ax.set_yticks([])
        ax.text(0.02, 0.98, "（无）", ha="left", va="top", fontsize=10, color=GREY, transform=ax.transAxes)
        return
    y = list(range(len(part)))
    sides = {"new": [("b", PRIMARY, 0.0, 0.66)], "dropped": [("a", MUTED, 0.0, 0.66)],
             "kept": [("a", MUTED, -0.18, 0.34), ("b", PRIMARY, 0.18, 0.34)]}[status]
    for col, color, shift, height in sides:
        bars = ax.barh([i + shift for i in y], part[col], height=height, color=color)
        ax.bar_label(bars, labels=[_count(c) for c in part[col]], padding=2, fontsize=8, color=INK)
    ax.set_yticks(y, labels=[_balanced_wrap(t, 9) for t in part["term"]], fontsize=9.5)
