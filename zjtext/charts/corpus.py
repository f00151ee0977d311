"""Corpus figures: all regions side by side (panel) and one region over years (series).

They draw the tables of :mod:`zjtext.views` as they are given and read no files.

>>> import pandas as pd
>>> fig = panel_dots(pd.DataFrame(columns=["indicator_key"]))
>>> fig.axes[0].texts[0].get_text()
'没有可绘制的数据'
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

from ..indicators import STANDS_IN, display_name
from ..site.labels import VERDICT as VERDICT_WORDS  # the pages' words
from .style import GREY, INK, LIGHT, MUTED, PALETTE
from .style import finish as _finish, fmt_number as _fmt, in_house_style as _chart, message as _message
from .style import new_figure as _new_figure, to_float as _num

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["panel_dots", "series_lines", "keyword_trend_lines"]

NO_DATA = "没有可绘制的数据"
VERDICT_COLORS = {"met": PALETTE[2], "met (within 左右)": PALETTE[1], "met (approx)": PALETTE[1], "missed": PALETTE[3]}


def _place(row: Any, years: int) -> str:
    """'浙江省' or, when the panel mixes years, '浙江省 2024'."""
    return f"{row['region']} {row['year']}" if years > 1 else str(row["region"])


@_chart
def panel_dots(panel_df: "pd.DataFrame", key: str = "gdp", *, source: Any = None, title: str | None = None) -> "Figure":
    """A ranked dot plot of one indicator's targets by region (a range drawn as a bar from its low
    to its high end), with last year's result beside each as a hollow dot; ties sorted by region."""
    rows = panel_df[(panel_df["indicator_key"] == key) & (panel_df["target"] != "")] if len(panel_df) else panel_df
    name = display_name(key, key)
    fig = _new_figure(height=max(3.0, 1.2 + 0.36 * len(rows)))
    ax = fig.add_subplot()
    if not len(rows) or rows["target_value"].isna().all():
        _message(ax, NO_DATA)
        return _finish(fig, title or f"各地{name}目标", source)
    rows = rows.assign(_v=rows["target_value"].astype(float), _r=rows["region"].astype(str))
    rows = rows.sort_values(["_v", "_r", "year"], ascending=[True, False, True], kind="stable")
    years = rows["year"].nunique()
    unit = "%" if rows["unit"].iloc[0] in ("%", "％") else str(rows["unit"].iloc[0])
    for y, (_, row) in enumerate(rows.iterrows()):
        low, high = _num(row["target_value"]), _num(row["target_value_max"])
        if math.isfinite(high):
            ax.plot([low, high], [y, y], color=LIGHT, linewidth=6, solid_capstyle="round", zorder=2)
        actual = _num(row["actual_value"])
        if math.isfinite(actual):  # a ring under the target dot, so an equal result shows as a halo
            ax.plot([actual], [y], "o", markerfacecolor="white", markeredgecolor=MUTED, markersize=11,
                    markeredgewidth=1.5, zorder=3)
        ax.plot([low], [y], "o", color=PALETTE[0], markersize=7, zorder=4)
        label = f"{row['target']}" + (f"（上年 {row['actual']}）" if row["actual"] else "")
        right = max(v for v in (low, high, actual) if math.isfinite(v))
        ax.annotate(label, (right, y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=8.5, color=INK)
    ax.set_yticks(range(len(rows)), [_place(r, years) for _, r in rows.iterrows()])
    ax.set_xlabel(f"{name}（{unit}）")
    ax.margins(x=0.35)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.plot([], [], "o", color=PALETTE[0], label="今年目标（区间为条）")
    ax.plot([], [], "o", markerfacecolor="white", markeredgecolor=MUTED, markersize=9, markeredgewidth=1.5,
            label="上年实绩")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, borderaxespad=0.2)
    default = f"各地{name}目标与上年实绩".replace("各地地区", "各地")
    return _finish(fig, title or default, source, note="按目标值排序，相同时按地区名")


@_chart
def series_lines(series_df: "pd.DataFrame", key: str = "gdp", *, source: Any = None, title: str | None = None) -> "Figure":
    """Target against result over the years for one indicator: the target (a band for a range), the
    result the next year's report gives, and each year's verdict as the result marker's colour.

    An indicator that once stood in its place (国民生产总值 for 国内生产总值, ``indicators.STANDS_IN``)
    is drawn in the years the region has no target of its own, with a marker of its own. Years of the
    span with no target (no report, or a report setting none) are shaded, years with no next report
    drawn hollow: neither is guessed."""
    keys = {key} | {old for old, new in STANDS_IN.items() if new == key}
    rows = series_df[series_df["indicator_key"].isin(keys)] if len(series_df) else series_df
    if len(rows) and rows["indicator_key"].nunique() > 1:  # a year with both: the indicator's own target
        rows = rows.assign(_own=rows["indicator_key"] != key).sort_values(["year", "_own"], kind="stable")
        rows = rows.drop_duplicates(["region", "year"]).drop(columns="_own")
    name = display_name(key, key)
    fig = _new_figure()
    ax = fig.add_subplot()
    if not len(rows) or rows["target_value"].isna().all():
        _message(ax, NO_DATA)
        return _finish(fig, title or f"{name}：目标与实绩", source)
    rows = rows.sort_values("year")
    region = str(rows["region"].iloc[0])
    own = rows[rows["indicator_key"] == key]
    name = str((own if len(own) else rows)["indicator"].iloc[-1] or name)  # as the reports name it (国内生产总值)
    heading = name if region == "全国" else region + name.removeprefix("地区")  # 国内生产总值, 浙江省生产总值
    years = rows["year"].astype(int).tolist()
    low = rows["target_value"].astype(float)
    high = rows["target_value_max"].astype(float).where(rows["target_value_max"].notna(), low)
    for year, a, b in zip(years, low, high):
        if math.isfinite(b) and b != a:  # a range target: a bar from its low to its high end
            ax.plot([year, year], [a, b], color=LIGHT, linewidth=7, solid_capstyle="round", zorder=2)
    # every year of the span on the axis: a year without a figure breaks the line, never bridged
    span = list(range(min(years), max(years) + 1))
    actual = rows["actual_value"].astype(float)
    ax.plot(span, _by_year(years, low, span), "-", color=PALETTE[0], marker="s", markersize=5,
            label="目标（区间为竖条）", zorder=3)
    ax.plot(span, _by_year(years, actual, span), "--", color=MUTED, linewidth=1.2)
    _mark_gaps(ax, rows, key, span)
    for year, value, verdict, target in zip(years, actual, rows["verdict"], low):
        if math.isfinite(value):
            ax.plot([year], [value], "o", color=VERDICT_COLORS.get(verdict, GREY), markersize=8, zorder=3)
            below = math.isfinite(target) and value < target  # the label away from the target's marker
            ax.annotate(_fmt(value), (year, value), xytext=(0, -9 if below else 7), textcoords="offset points",
                        ha="center", va="top" if below else "baseline", fontsize=8)
    for verdict, color in VERDICT_COLORS.items():
        if verdict in set(rows["verdict"]):
            ax.plot([], [], "o", color=color, label=f"实绩：{VERDICT_WORDS[verdict]}")
    step = 1 if len(span) <= 16 else 5  # three decades: every fifth year named, the ends too
    ticks = span if step == 1 else [y for y in span if y in (span[0], span[-1])
                                    or (y % step == 0 and min(y - span[0], span[-1] - y) > 1)]
    ax.set_xticks(ticks, [str(y) for y in ticks])
    unit = str(rows["unit"].iloc[0])
    growth = rows["measure"].iloc[0] == "growth"
    _at_least_span(ax, [*low, *high, *actual], 2.0 if growth or unit in ("%", "％") else None)
    ax.set_ylabel("增长（%）" if growth else f"{name}（{unit}）")
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.legend(loc="best")
    note = "实绩取自下一年的政府工作报告；缺下一年报告的年份不作判断"
    return _finish(fig, title or f"{heading}：目标与实绩", source, note=note)


def _mark_gaps(ax: Any, rows: "pd.DataFrame", key: str, span: list[int]) -> None:
    """Shade the years of *span* with no target, draw a hollow marker on a target with no result for
    want of the next report, and a diamond on a target of the indicator that stood in for *key*."""
    have = set(rows["year"].astype(int))
    missing = [y for y in span if y not in have]
    for i, y in enumerate(missing):
        ax.axvspan(y - 0.5, y + 0.5, color="#e6e6e6", zorder=0, linewidth=0,
                   label="无目标（无该年报告或报告未设）" if i == 0 else None)
    unjudged = rows[rows["result_report_id"].astype(str) == ""] if "result_report_id" in rows.columns else rows[:0]
    if len(unjudged):
        ax.plot(unjudged["year"].astype(int), unjudged["target_value"].astype(float), "s", markerfacecolor="white",
                markeredgecolor=PALETTE[0], markersize=7, zorder=4, linestyle="none", label="缺下一年报告，不作判断")
    other = rows[rows["indicator_key"] != key]
    if len(other):
        ax.plot(other["year"].astype(int), other["target_value"].astype(float), "D", color=PALETTE[0], markersize=6,
                zorder=4, linestyle="none", label=f"目标：{other['indicator'].iloc[0]}")


def _at_least_span(ax: Any, values: Sequence[float], points: float | None) -> None:
    """Widen the value axis to at least *points* (percentage points; None: a fifth of the largest
    value) around the data, so that a difference of 0.1 point never fills the height of the chart.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.plot([2025, 2026], [5.0, 5.1])
    >>> _at_least_span(ax, [5.0, 5.1], 2.0); [round(float(v), 2) for v in ax.get_ylim()]
    [4.05, 6.05]
    >>> plt.close(fig)
    """
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return
    lo, hi = min(finite), max(finite)
    need = points if points is not None else abs(max(finite, key=abs)) / 5
    if need and hi - lo < need:
        middle = (lo + hi) / 2
        ax.set_ylim(middle - need / 2, middle + need / 2)


def _by_year(years: list[int], values, span: list[int]) -> list[float]:
    """*values* (one per year of *years*) on every year of *span*: NaN where a year has none.

    >>> _by_year([2019, 2021], [6.0, 6.0], [2019, 2020, 2021])
    [6.0, nan, 6.0]
    """
    found = dict(zip(years, values))
    return [float(found.get(y, math.nan)) for y in span]


@_chart
def keyword_trend_lines(trends_df: "pd.DataFrame", terms: Sequence[str] | None = None, *, source: Any = None,
                        title: str | None = None) -> "Figure":
    """Occurrences per 10k characters of chosen terms, one line per term, over the reports' years."""
    fig = _new_figure()
    ax = fig.add_subplot()
    if not len(trends_df):
        _message(ax, NO_DATA)
        return _finish(fig, title or "提法的变化", source)
    terms = list(terms or dict.fromkeys(trends_df["term"]))
    for i, term in enumerate(terms):
        part = trends_df[trends_df["term"] == term].sort_values("year")
        ax.plot(part["year"].astype(int), part["per_10k"], marker="o", color=PALETTE[i % len(PALETTE)], label=term)
    years = sorted(set(trends_df["year"].astype(int)))
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(0, None if (trends_df["per_10k"].astype(float) > 0).any() else 1)  # a count is never below 0
    ax.set_ylabel("每万字出现次数")
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    # above the plot, so it never covers a peak
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=min(4, len(terms)), borderaxespad=0.2)
    return _finish(fig, title or "提法的变化（每万字出现次数）", source)
