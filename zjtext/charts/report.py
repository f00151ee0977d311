"""Figures of one report: keywords, their spread over the sections, the headline targets beside last
year's results, last year's growth rates, a word cloud; :func:`draw_all` saves them all.

Each function draws the table it is given (as :mod:`zjtext.keywords`, :mod:`zjtext.metrics` and
:mod:`zjtext.pairs` make them) and reads no files.

>>> import pandas as pd
>>> kw = pd.DataFrame({"rank": [1, 2], "keyword": ["创新", "共同富裕"], "count": [40, 12],
...                    "per_10k": [9.1, 2.7]})
>>> fig = top_keywords(kw, source="数据来源：2024年浙江省政府工作报告")
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['创新', '共同富裕']
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..pairs import growth_table, target_pairs
from ..report import OPENING_SECTION
from .style import (
    ACCENT, GREY, INK, LIGHT, MUTED, NO_DATA, PALETTE, PRIMARY, balanced_wrap, ems_in, fmt_number, in_house_style,
    is_empty, message, new_figure, finish, plot_over_list, report_year, save_figure, target_text, to_float,
    value_axis, value_label,
)
from .fonts import use_cjk_font

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FIGURE_NAMES", "NO_TARGETS", "MIN_SECTION_CHARS", "top_keywords", "section_heatmap", "headline_targets",
           "growth_rates", "word_cloud", "draw_all"]


FIGURE_NAMES = ("top_keywords", "section_heatmap", "headline_targets", "growth_rates", "word_cloud")
NO_TARGETS = "本报告未列出主要预期目标"
_CN_NUMERALS = "一二三四五六七八九十"


# ---------------------------------------------------------------- keywords

@in_house_style
def top_keywords(keywords_df: "pd.DataFrame", *, top: int = 20, source: Any = None,
                 title: str | None = None) -> "Figure":
    """Horizontal bars of the ``top`` keywords by rank, each labelled with its count.

    ``keywords_df`` has columns ``rank, keyword, count, per_10k`` (as ``keyword_table`` gives).
    """
    df = _top_rows(keywords_df, top)
    fig = new_figure(max(3.2, 0.28 * len(df) + 1.4))
    ax = fig.add_subplot()
    if df.empty:
        message(ax, NO_DATA)
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
    return finish(fig, title or f"高频关键词（前{len(df)}个）", source)


def _top_rows(keywords_df: "pd.DataFrame | None", top: int) -> "pd.DataFrame":
    import pandas as pd

    if is_empty(keywords_df):
        return pd.DataFrame({"keyword": [], "count": []})
    df = keywords_df.assign(count=pd.to_numeric(keywords_df["count"], errors="coerce")).dropna(subset=["count"])
    order = ["rank", "keyword"] if "rank" in df.columns else ["count", "keyword"]
    df = df.sort_values(order, ascending=[True, True] if "rank" in df.columns else [False, True], kind="stable")
    return df.head(top).reset_index(drop=True)


# ---------------------------------------------------------------- sections

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


@in_house_style
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
    fig = new_figure(max(3.2, 0.42 * (len(table[0]) if table else 0) + 1.9))
    ax = fig.add_subplot()
    if not table:
        message(ax, NO_DATA)
        return finish(fig, title or "重点词语在各部分的分布", source)
    rows, cols, value, count, density = table
    top = np.nanmax(value) if np.isfinite(value).any() else 0
    as_pct = not density and top <= 1
    im = ax.imshow(np.nan_to_num(value), aspect="auto", cmap="Blues", vmin=0, vmax=top or 1)
    for (i, j), v in np.ndenumerate(value):
        text = _heat_cell(v, top, as_pct)
        text += f"\n{int(count[i, j])}次" if np.isfinite(count[i, j]) else ""
        ax.text(j, i, text, ha="center", va="center", fontsize=8, linespacing=1.5,
                color="white" if top and v > 0.6 * top else INK)
    width = min(14.0, ems_in(6.3 / len(cols), 9) - 1.0)  # the plot is about 6.3 of the 8 inches
    ax.set_xticks(range(len(cols)), labels=[balanced_wrap(c, width) for c in cols], fontsize=9)
    ax.set_yticks(range(len(rows)), labels=rows)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    bar = fig.colorbar(im, ax=ax, shrink=0.8, pad=0.02)
    bar.ax.set_title("每万字\n次数" if density else "占比", fontsize=9, color=INK, loc="left")
    bar.ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}" if as_pct and top >= 0.1 else
                                     (f"{v:.1%}" if as_pct else fmt_number(v)))
    note = HEATMAP_NOTE_DENSITY if density else "颜色深浅 = 占比；格内为占比和次数"
    return finish(fig, title or "重点词语在各部分的分布", source, note=note)


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

    if is_empty(shares_df):
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
    labels = [str(c) or OPENING_SECTION for c in cols]
    return ([str(r) for r in rows], labels, value.reindex(index=rows, columns=cols).to_numpy(float),
            count.to_numpy(float), bool(density))


# ---------------------------------------------------------------- headline targets

@in_house_style
def headline_targets(targets_df: "pd.DataFrame", *, source: Any = None, title: str | None = None,
                     results: "pd.DataFrame | None" = None) -> "Figure":
    """This year's main targets beside last year's results, hedges visible.

    ``targets_df`` is the headline table and ``results`` the report's results table (``results.csv``);
    :func:`zjtext.pairs.target_pairs` pairs each target with last year's result as
    :mod:`zjtext.match` finds it (without ``results``: from the headline table's own). Growth rates (and changes in percentage points) share one axis; levels in %
    (shares, rates such as 产业投资占比50%以上 or a jobless rate) get an axis of their own, so a
    50% share never dwarfs a 5% growth rate. A range (5%—5.5%) is a bar with a light extension to
    the upper end; 左右, 以上/超过 and 以内 are written in the labels, and 以上/超过 (≥) / 以内 (≤)
    also get an arrow pointing the way the target may go. Targets in other units or in words
    (与经济增长同步) are listed as text below, one line per phrase. With no target list at all the
    plot area says so (:data:`NO_TARGETS`).
    """
    title = title or "主要预期目标与上年实际"
    rows = target_pairs(targets_df, results).to_dict("records")
    if not rows:
        return plot_over_list(title, source, [], "", [], empty=NO_TARGETS)
    year = report_year(source)
    growth = [r for r in rows if r["measure"] in ("growth", "points")]
    levels = [r for r in rows if r["measure"] == "rate"]
    plots = []
    if growth:
        plots.append((0.62 * len(growth) + 1.2, functools.partial(_draw_target_bars, rows=growth, year=year,
                                                                 xlabel="增速（%）/ 变化（个百分点）")))
    if levels:
        plots.append((0.62 * len(levels) + 1.2, functools.partial(
            _draw_target_bars, rows=levels, year=year, xlabel="水平（%）：比率、占比", legend=not growth)))
    heading = "不在同一坐标轴上的目标：" if plots else "主要预期目标（无可在同一坐标轴比较的百分比目标）："
    return plot_over_list(title, source, plots, heading, _target_list([r for r in rows if r["measure"] in ("level", "text")]))


_FIELDS = ("value", "value_max", "qualifier", "base_unit", "surface", "change")


def _target_list(rows: list[dict]) -> list[str]:
    """One line per phrase: targets one phrase states together (城乡居民收入增长与经济增长同步 for two
    indicators) are listed once, with the names the phrase does not say itself in front.

    >>> _target_list([{"indicator": "城镇居民收入", "surface": "城乡居民收入与经济增长同步", "value": None},
    ...               {"indicator": "农村居民收入", "surface": "城乡居民收入与经济增长同步", "value": None},
    ...               {"indicator": "城镇新增就业", "surface": "80万人", "qualifier": "at_least", "value": 8e5}])
    ['城镇居民收入、农村居民收入：城乡居民收入与经济增长同步', '城镇新增就业：80万人（以上）']
    """
    phrases: dict[str, list[str]] = {}
    for r in rows:
        phrases.setdefault(target_text(r), []).append(str(r.get("indicator") or "（未命名指标）"))
    squeeze = functools.partial(re.sub, r"[\s“”\"]", "")
    out = []
    for text, names in phrases.items():
        unsaid = [n for n in dict.fromkeys(names) if not (squeeze(n) and squeeze(n) in squeeze(text))]
        out.append(f"{'、'.join(unsaid)}：{text}" if unsaid else text)
    return out


def _sides(row: Mapping) -> tuple[dict, dict | None]:
    """A pair row as (target, last year's result or None), each with the fields a bar needs."""
    target = {f: row.get(f) for f in _FIELDS}
    result = {f: row.get(f"result_{f}") for f in _FIELDS}
    return target, (result if math.isfinite(to_float(result["value"])) else None)


def _draw_target_bars(ax: "Axes", rows: list[dict], year: int | None, xlabel: str, legend: bool = True) -> None:
    from matplotlib.patches import Patch

    bars = [(str(r["indicator"] or "（未命名指标）"), *_sides(r)) for r in rows]
    values = [v for _, t, a in bars for x in (t, a) if x is not None for v in _signed(x) if math.isfinite(v)]
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    h = 0.36
    for i, (_, target, last) in enumerate(bars):
        if last is not None:
            _bar(ax, i - h / 2 - 0.02, last, MUTED, h, span)
        _bar(ax, i + h / 2 + 0.02, target, PRIMARY, h, span)
    ax.set_yticks(range(len(bars)), labels=[balanced_wrap(name, 10) for name, _, _ in bars])
    ax.set_ylim(len(bars) - 0.4, -0.6)
    ax.set_xlim(lo - (0.2 * span if lo < 0 else 0), hi + 0.38 * span)
    value_axis(ax, xlabel)
    if not legend:
        return
    last_name, this_name = (f"{year - 1}年实际", f"{year}年目标") if year else ("上年实际", "今年目标")
    handles = [Patch(color=MUTED, label=last_name), Patch(color=PRIMARY, label=this_name)]
    if any(math.isfinite(_signed(t)[1]) for _, t, _ in bars):  # a range is drawn: say what it is
        handles.append(Patch(facecolor=LIGHT, edgecolor=PRIMARY, hatch="///", label="目标区间"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, borderaxespad=0.2)



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
    v, hi = to_float(row.get("value")), to_float(row.get("value_max"))
    if str(row.get("change")) == "decrease":
        return -abs(v), -abs(hi)
    return v, hi


# ---------------------------------------------------------------- growth rates

@in_house_style
def growth_rates(metrics_df: "pd.DataFrame", *, top: int = 20, source: Any = None,
                 title: str | None = None, targets: "pd.DataFrame | None" = None) -> "Figure":
    """Growth rates reported for the past year, one bar per indicator; decreases drawn negative.

    With ``targets`` (the headline table) its indicators come first, above a dashed line; the rest
    follow in the order the report mentions them. Figures over several years are left out
    (see :func:`zjtext.pairs.growth_table`).
    """
    df = growth_table(metrics_df, top, targets)
    fig = new_figure(max(3.2, 0.3 * len(df) + 1.5))
    ax = fig.add_subplot()
    title = title or "上年主要指标增速"
    if df.empty:
        message(ax, "没有可绘制的增长率数据")
        return finish(fig, title, source)
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
    ax.set_yticks(list(y), labels=[balanced_wrap(n, 14) for n in df["indicator"]])
    ax.set_ylim(len(df) - 0.5, -0.5)
    ax.set_xlim(lo - (0.22 * span if lo < 0 else 0), hi + 0.18 * span)
    ax.axvline(0, color=GREY, lw=0.8)
    ax.xaxis.set_major_formatter(lambda v, _: fmt_number(v) + "%")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("比上年增长（%），负值为下降")
    order = "虚线上方为主要目标的指标，其余" if 0 < n_head < len(df) else ""
    cut = "；带斜线的条形已截短，数字为实际值" if (drawn != df["signed"]).any() else ""
    return finish(fig, title, source, note=f"{order}按报告中出现的先后；不含年均、累计等多年数{cut}")



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


# ---------------------------------------------------------------- word cloud

@in_house_style
def word_cloud(keywords_df: "pd.DataFrame", *, font_path: str | None = None, random_state: int = 42,
               max_words: int = 100, source: Any = None, title: str | None = None) -> "Figure":
    """A word cloud of keyword counts (not raw text), in the same font, laid out reproducibly."""
    from wordcloud import WordCloud

    df = _top_rows(keywords_df, max_words)
    fig = new_figure(5.2)
    ax = fig.add_subplot()
    title = title or "关键词词云"
    if df.empty:
        message(ax, NO_DATA)
        return finish(fig, title, source)
    freqs = {str(k): float(c) for k, c in zip(df["keyword"], df["count"]) if c > 0}
    # laid out on a 700×380 canvas and drawn twice as large (1400×760): the layout search is the slow part
    cloud = WordCloud(font_path=font_path or use_cjk_font(), random_state=random_state, width=700,
                      height=380, scale=2, background_color="white", prefer_horizontal=1.0, max_words=max_words,
                      color_func=_palette_color, margin=2, min_font_size=6)
    cloud.generate_from_frequencies(freqs)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    return finish(fig, title, source, note="字号按出现次数")


def _palette_color(word, font_size, position, orientation, random_state=None, **kwargs) -> str:
    """House palette colours, chosen by the cloud's own seeded random state."""
    return PALETTE[random_state.randint(0, 3)] if random_state is not None else PRIMARY


# ---------------------------------------------------------------- all of them

def draw_all(frames: Mapping[str, Any], out_dir: Path | str, source: Any = None) -> dict[str, "Figure"]:
    """Draw and save every figure the tables allow; return ``{name: Figure}`` in :data:`FIGURE_NAMES` order.

    ``frames`` holds DataFrames under ``keywords``, ``targets``, ``metrics`` and ``section_shares``
    (or ``shares``), as a report's processed folder has them (:meth:`zjtext.views.ProcessedReport.table`).
    Missing tables skip their figures; an empty targets table still gives the "no target list" figure.
    ``source``: the report's metadata (a ReportMeta, or a dict with region and year) for the source line.
    """
    aliases = {"keywords": ("keywords",), "targets": ("targets",), "metrics": ("metrics",),
               "shares": ("section_shares", "shares")}
    given = {k: frames[n] for k, names in aliases.items() for n in reversed(names) if frames.get(n) is not None}
    plan = {
        "top_keywords": ("keywords", top_keywords), "section_heatmap": ("shares", section_heatmap),
        "headline_targets": ("targets", headline_targets), "growth_rates": ("metrics", growth_rates),
        "word_cloud": ("keywords", word_cloud),
    }
    figures = {}
    for name in FIGURE_NAMES:
        key, draw = plan[name]
        if key in given:
            extra = {"targets": given.get("targets")} if name == "growth_rates" else {}
            figures[name] = draw(given[key], source=source, **extra)
            save_figure(figures[name], out_dir, name)
    return figures
