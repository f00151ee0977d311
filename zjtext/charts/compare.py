"""Figures that compare two reports of one region: the words that rose and fell, last year's targets
against what the next report says was achieved, and the quoted slogans new, kept and dropped.

Each function draws a table of :mod:`zjtext.compare` as it is given and reads no files.
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..pairs import join_key, measure
from ..report import YEAR_IN
from ..site.labels import DIRECTION
from ..site.labels import VERDICT as VERDICT_LABELS  # the pages' words
from .style import (
    ACCENT, GREY, INK, LIGHT, MUTED, NO_DATA, PALETTE, PRIMARY, balanced_wrap, cjk_wrap, count_label, edge_align,
    ems_in, finish, fmt_number, in_house_style, is_empty, is_percent, legend_columns, message, new_figure,
    plot_over_list, target_line, to_float, value_axis, value_label,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["DIRECTION_TAGS", "VERDICT_LABELS", "VERDICT_COLORS", "NO_TRACKING", "NO_SLOGANS", "SLOGAN_STATUSES",
           "keyness_bars", "target_tracking", "slogan_changes_chart"]


DIRECTION_TAGS = {code: DIRECTION[code] for code in ("appeared", "vanished")}
VERDICT_COLORS = {"met": PALETTE[2], "met (within 左右)": ACCENT, "met (approx)": ACCENT, "missed": PALETTE[3],
                  "not reported": GREY, "not comparable": GREY}
NO_TRACKING = "没有可对照的目标"
NO_SLOGANS = "没有可比较的提法"
SLOGAN_STATUSES = (("new", "新提出"), ("kept", "延续"), ("dropped", "不再提及"))
_YEAR = YEAR_IN  # a year, not inside a longer number (zjtext.report)


# ---------------------------------------------------------------- keyness

@in_house_style
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
    fig = new_figure(max(3.2, 0.27 * (len(up) + len(down)) + 2.0))
    ax = fig.add_subplot()
    if up.empty and down.empty:
        message(ax, NO_DATA)
        return finish(fig, title, source)
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
    ax.xaxis.set_major_formatter(lambda v, _: fmt_number(v))
    ax.set_xlabel(cjk_wrap(f"相对词频之比（log2）：1 = {label_b}是{label_a}的两倍，-1 = 一半",
                            ems_in(0.9 * fig.get_figwidth(), 10)))
    _keyness_legend(ax, label_a, label_b)
    pale = any(to_float(r.get("p_value")) >= 0.05 for r in rows)
    note = f"各侧按G²取前{top}个；标注为次数 {label_a}→{label_b}" + ("；浅色：p≥0.05" if pale else "")
    return finish(fig, title, source, note=note)


def _keyness_sides(keyness_df: "pd.DataFrame | None", top: int) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """(rose/appeared, fell/vanished): the ``top`` of each by G², shown in order of log ratio."""
    import pandas as pd

    if is_empty(keyness_df):
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
    alpha = 0.45 if to_float(row.get("p_value")) >= 0.05 else 1.0
    direction = str(row.get("direction"))
    if direction in DIRECTION_TAGS:
        ax.barh(y, v, height=0.7, facecolor="white", edgecolor=color, hatch="////", lw=0.8, alpha=alpha)
    else:
        ax.barh(y, v, height=0.7, color=color, alpha=alpha)
    pad = 0.015 * reach
    ax.text(-sign * pad, y, str(row["term"]), va="center", ha="right" if sign > 0 else "left",
            fontsize=9.5, color=INK)
    counts = f"{count_label(row.get('count_a'))}→{count_label(row.get('count_b'))}"
    tag = DIRECTION_TAGS.get(direction, "")
    ax.text(v + sign * pad, y, f"{counts} {tag}".strip(), va="center", ha="left" if sign > 0 else "right",
            fontsize=8.5, color=INK)


def _keyness_legend(ax: "Axes", label_a: str, label_b: str) -> None:
    from matplotlib.patches import Patch

    def hatched(color: str, label: str) -> Patch:
        return Patch(facecolor="white", edgecolor=color, hatch="////", label=label)

    handles = [Patch(color=PRIMARY, label=f"{label_b}用得更多"), hatched(PRIMARY, f"新出现（{label_a}没有）"),
               Patch(color=ACCENT, label=f"{label_b}用得更少"), hatched(ACCENT, f"{DIRECTION_TAGS['vanished']}（{label_b}没有）")]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2,
              ncols=legend_columns([h.get_label() for h in handles], ax.figure.get_figwidth()))


# ---------------------------------------------------------------- target tracking

@in_house_style
def target_tracking(track_df: "pd.DataFrame", *, source: Any = None, title: str | None = None) -> "Figure":
    """Last year's targets against what the next report says was achieved, with a verdict per row.

    ``track_df`` is :func:`zjtext.compare.track_targets` output. Percent targets share one axis
    (with a ``change`` column, growth rates one and levels such as shares and rates another, as in
    :func:`zjtext.charts.headline_targets`):
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
    rows = [] if is_empty(track_df) else track_df.to_dict("records")
    on_axis, lines = [], []
    for r in rows:
        if is_percent({"base_unit": r.get("base_unit"), "value": r.get("target_value")}):
            on_axis.append(r)
        else:
            lines.append(_tracking_line(r))
    heading = "不在同一坐标轴上的目标" if on_axis else "上年目标，均不是百分比"
    plots = []
    for i, (part, xlabel) in enumerate(_by_measure(on_axis)):
        plots.append((0.72 * len(part) + 1.3, functools.partial(_draw_tracking, rows=part, xlabel=xlabel, legend=not i)))
    return plot_over_list(title, source, plots, heading + "（目标；实际 → 结论）：", lines,
                          empty="" if rows else NO_TRACKING)



def _by_measure(rows: list[dict]) -> list[tuple[list[dict], str]]:
    """The % rows in groups that may share an axis, each with its axis label: all together when the
    table does not say which figures are changes (no ``change`` column), else growth rates and
    changes in points apart from levels (:func:`zjtext.pairs.measure`)."""
    if not rows:
        return []
    if "change" not in rows[0]:
        return [(rows, "% / 个百分点")]
    kinds = [measure({"value": r.get("target_value"), "base_unit": r.get("base_unit"), "change": r.get("change"),
                      "indicator": r.get("indicator"), "indicator_key": r.get("indicator_key")}) for r in rows]
    growth = [r for r, k in zip(rows, kinds) if k != "rate"]
    levels = [r for r, k in zip(rows, kinds) if k == "rate"]
    return [(part, label) for part, label in ((growth, "增速（%）/ 变化（个百分点）"), (levels, "水平（%）：比率、占比"))
            if part]


def _verdict(row: Mapping) -> str:
    return str(row.get("verdict") or "not comparable")


def _tracking_line(row: Mapping) -> str:
    """'城镇新增就业：100万人（以上）；实际112万人 → 达成'."""
    target = target_line(str(row.get("indicator") or "（未命名指标）"), {
        "surface": row.get("target"), "qualifier": row.get("qualifier"), "value": row.get("target_value"),
        "value_max": row.get("target_value_max"), "base_unit": row.get("base_unit"),
        "sentence": row.get("target_sentence")})
    actual = str(row.get("actual") or "").strip()
    verdict = VERDICT_LABELS.get(_verdict(row), _verdict(row))
    return target + (f"；实际{actual}" if actual else "") + f" → {verdict}"


def _draw_tracking(ax: "Axes", rows: list[dict], xlabel: str = "% / 个百分点", legend: bool = True) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    values = [to_float(r.get(k)) for r in rows for k in ("target_value", "target_value_max", "actual_value")]
    values = [v for v in values if math.isfinite(v)]
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    limits = (lo - 0.1 * span, hi + 0.1 * span)
    for i, r in enumerate(rows):
        _tracking_row(ax, i, r, span, limits)
    ax.set_yticks(range(len(rows)), labels=[balanced_wrap(str(r.get("indicator") or "（未命名指标）"), 10)
                                            for r in rows])
    ax.set_ylim(len(rows) - 0.45, -0.6)
    ax.set_xlim(*limits)
    value_axis(ax, xlabel)
    ax.grid(axis="y", color="#EEEEEE", lw=0.8)
    ax.set_axisbelow(True)
    if not legend:
        return
    handles = [Line2D([], [], color=PRIMARY, marker="|", ms=12, mew=2.4, ls="none", label="上年目标")]
    if any(math.isfinite(to_float(r.get("target_value_max"))) for r in rows):  # a range is drawn: say what it is
        handles.append(Patch(facecolor=LIGHT, edgecolor=PRIMARY, hatch="///", label="目标区间"))
    handles.append(Line2D([], [], color=MUTED, marker="o", ms=7, lw=2, label="实际（颜色同右侧结论）"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, borderaxespad=0.2)


def _matched_to(row: Mapping) -> str:
    """The actual's indicator when it is not the target's own indicator (a fuzzy match to check), else ''."""
    other = str(row.get("actual_indicator") or "").strip()
    exact = to_float(row.get("match_score")) >= 1.0 or join_key(other) == join_key(row.get("indicator"))
    return "" if not other or exact else other


def _tracking_row(ax: "Axes", y: float, row: Mapping, span: float, limits: tuple[float, float]) -> None:
    """Target tick or band with its hedge label above; actual dot, linked to it, with its label below."""
    v, v_max = to_float(row.get("target_value")), to_float(row.get("target_value_max"))
    q, unit = str(row.get("qualifier") or "none"), str(row.get("base_unit") or "%")
    verdict = _verdict(row)
    color = VERDICT_COLORS.get(verdict, GREY)
    ranged = math.isfinite(v_max) and v_max != v
    lo_t, hi_t = (min(v, v_max), max(v, v_max)) if ranged else (v, v)
    actual = to_float(row.get("actual_value"))
    if math.isfinite(actual):
        near = min(max(actual, lo_t), hi_t)
        ax.plot([near, actual], [y, y], color=MUTED, lw=2, zorder=1, solid_capstyle="butt")
    if ranged:
        ax.barh(y, hi_t - lo_t, left=lo_t, height=0.34, color=LIGHT, edgecolor=PRIMARY, hatch="///", lw=0.8, zorder=2)
    else:
        ax.plot([v], [y], color=PRIMARY, marker="|", ms=16, mew=2.6, zorder=2)
    if q in ("at_least", "more_than", "at_most"):  # which way the target may go
        down = (q == "at_most") != (v < 0)  # a cut of at least 3% (-3 以上) may go further down
        start = lo_t if down else hi_t
        stop = start + (-1 if down else 1) * 0.06 * span
        ax.annotate("", xy=(stop, y - 0.2), xytext=(start, y - 0.2),
                    arrowprops={"arrowstyle": "-|>", "color": PRIMARY, "lw": 1.1, "shrinkA": 0, "shrinkB": 0})
    mid = (lo_t + hi_t) / 2
    ax.text(mid, y - 0.25, "目标 " + value_label(v, v_max, unit, q, decrease=v < 0),
            ha=edge_align(mid, limits), va="bottom", fontsize=8.5, color=PRIMARY)
    if math.isfinite(actual):
        ax.scatter([actual], [y], s=64, color=color, edgecolor="white", linewidth=1.2, zorder=3)
        matched = _matched_to(row)
        written = str(row.get("actual") or "")  # a result in words (持平) is labelled as the report says it
        label = "实际 " + (written if written and not any(c.isdigit() for c in written)
                           else value_label(actual, None, unit, "none", decrease=actual < 0))
        if matched:  # a long name goes on its own line, so the label stays inside the plot
            label += ("\n" if len(matched) > 10 else "") + f"（对照：{matched}）"
        ax.text(actual, y + 0.22, label, linespacing=1.3,
                ha=edge_align(actual, limits), va="top", fontsize=8.5, color=INK)
    ax.text(1.02, y, VERDICT_LABELS.get(verdict, verdict), transform=ax.get_yaxis_transform(),
            ha="left", va="center", fontsize=10, color=color)


# ---------------------------------------------------------------- slogans

@in_house_style
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
    usable = not is_empty(slogans_df) and slogans_df.shape[1] >= 4
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
    fig = new_figure(max(3.0, 0.3 * n + 1.9) if n else None)
    if not n:
        message(fig.add_subplot(), NO_SLOGANS)
        return finish(fig, title, source)
    axes = fig.subplots(1, 3, sharex=True)
    reach = max(float(max(p["a"].max(), p["b"].max())) for _, p, _ in panels if len(p))
    for ax, (name, part, total), (status, _) in zip(axes, panels, SLOGAN_STATUSES):
        _slogan_panel(ax, part, status, n)
        ax.set_title(f"{name}（{total}个）", loc="left", fontsize=11, color=INK)
    axes[0].set_xlim(0, reach * 1.35)
    note = f"各栏按次数取前{top}个；深色：{label_b}次数，浅色：{label_a}次数"
    return finish(fig, title, source, note=note)


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
        ax.bar_label(bars, labels=[count_label(c) for c in part[col]], padding=2, fontsize=8, color=INK)
    ax.set_yticks(y, labels=[balanced_wrap(t, 9) for t in part["term"]], fontsize=9.5)
