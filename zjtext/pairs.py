"""The tables a report's charts draw, made from its headline and metrics tables: each of this year's
targets beside last year's result for the same indicator, and last year's growth rates.

Which result stands beside a target is decided by :mod:`zjtext.match` (the one matcher: the same
indicator key, unit and measure, never a figure over several years), so a chart shows the figures
the front page, the panel and target tracking show.

>>> import pandas as pd
>>> head = pd.DataFrame({"indicator": ["全市地区生产总值", "经济增长", "产业投资占比"],
...     "period": ["actual", "target", "target"], "value": [5.6, 5.0, 50.0], "base_unit": ["%"] * 3,
...     "change": ["increase", "increase", "none"], "qualifier": ["none", "approx", "at_least"]})
>>> target_pairs(head)[["indicator", "key", "measure", "result_value"]].values.tolist()
[['经济增长', 'gdp', 'growth', 5.6], ['产业投资占比', 'name:产业投资占比', 'rate', nan]]
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Mapping

from .match.verdict import cell_text
from .match.verdict import truthy as _truthy


if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PAIR_COLUMNS", "GROWTH_COLUMNS", "MEASURES", "join_key", "measure", "target_pairs", "growth_table"]

#: What a figure measures, and so which axis it may share: a change in % (``growth``), a level in %
#: such as a share or a rate (``rate``), a change in percentage points (``points``), an amount or
#: count (``level``), or words with no number (``text``).
MEASURES = ("growth", "rate", "points", "level", "text")
_FIELDS = ["value", "value_max", "qualifier", "base_unit", "surface", "change"]
PAIR_COLUMNS = ["indicator", "key", "measure", *_FIELDS, "sentence", "result_indicator",
                *(f"result_{f}" for f in _FIELDS)]
GROWTH_COLUMNS = ["indicator", "signed", "signed_max", "qualifier", "headline"]

_TIME_SPAN = re.compile(r"(?:\d{1,2}|[一二两三四五六七八九十]+)个?年[来间内]?")
_PERCENT = ("%", "％")


def _num(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _text(value: Any) -> str:
    return cell_text(value).strip()


def join_key(name: Any, key: Any = "") -> str:
    """The key a row joins on (:func:`zjtext.match.join_key`, the one rule).

    >>> join_key("全省生产总值"), join_key("经济增长"), join_key("x", "cpi"), join_key("全省产业投资占比")
    ('gdp', 'gdp', 'cpi', 'name:全省产业投资占比')
    """
    from .match import join_key as key_of

    return key_of(re.sub(r"\s+", "", _text(name)), _text(key))


def measure(row: Mapping) -> str:
    """What a headline or metrics row measures (one of :data:`MEASURES`): :func:`zjtext.match.measure`
    of its unit, change and indicator, or ``text`` for words with no number.

    >>> measure({"value": 5, "base_unit": "%", "change": "increase"}), measure({"value": 50, "base_unit": "%"})
    ('growth', 'rate')
    >>> measure({"value": 2, "base_unit": "%", "indicator": "居民消费价格"}), measure({"value": 80, "base_unit": "万人"})
    ('growth', 'level')
    """
    from .match import measure as measure_of

    if math.isnan(_num(row.get("value"))):
        return "text"
    return measure_of(_text(row.get("base_unit")), _text(row.get("change")) or "none",
                      join_key(row.get("indicator"), row.get("indicator_key")))


def target_pairs(targets_df: "pd.DataFrame | None", results_df: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """One row per indicator with a target in the headline table, in its order, beside last year's
    result for it (``result_*`` columns, empty when there is none).

    The target that stands for an indicator and its result are the ones :mod:`zjtext.match` picks
    (the panel's and the front page's): the result from ``results_df`` (the report's
    ``results.csv``), or, without it, from the headline table's own results. Only % and
    percentage-point targets get one (amounts and words are shown as written). Columns :data:`PAIR_COLUMNS`.
    """
    import pandas as pd

    from .match import Results, pick

    if targets_df is None or not len(targets_df) or "period" not in targets_df.columns:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    records = [{**r, "indicator_key": join_key(r.get("indicator"), r.get("indicator_key"))}
               for r in targets_df.to_dict("records") if not _truthy(r.get("multi_year"))]
    own = [{**r, "kind": "figure"} for r in records if _text(r.get("period")) == "actual"]
    results = Results(results_df if results_df is not None else own)
    targets = [r for r in records if _text(r.get("period")) == "target" and r["indicator_key"]]
    rows = []
    for key in dict.fromkeys(r["indicator_key"] for r in targets):
        t = pick([r for r in targets if r["indicator_key"] == key], key)
        m = measure(t)
        found = results.for_target(t) if m in ("growth", "rate", "points") else None
        rows.append([_text(t.get("indicator")), key, m, *(t.get(f) for f in _FIELDS), _text(t.get("sentence")),
                     _text(found.get("indicator")) if found else "",
                     *((found.get(f) for f in _FIELDS) if found else [None] * len(_FIELDS))])
    df = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    for col in ("value", "value_max", "result_value", "result_value_max"):
        df[col] = pd.to_numeric(df[col], errors="coerce")
    return df


def growth_table(metrics_df: "pd.DataFrame | None", top: int = 20,
                 targets_df: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """The past-year growth rates a chart shows: one row per indicator, decreases negative.

    Rows with ``period == 'actual'``, ``category == 'percent'`` and ``change`` increase/decrease,
    without figures over several years (the ``multi_year`` flag of the metrics rows) and without
    names that are only a time span ('5年'); the first row of each indicator (:func:`join_key`) is
    kept. Order: the indicators of the headline table ``targets_df`` (if given) first, in its order,
    then the rest in the order the report mentions them; at most ``top`` rows. ``headline`` marks
    the first group.

    >>> import pandas as pd
    >>> m = pd.DataFrame({"indicator": ["出口", "出口", "能耗", "全省生产总值"], "value": [3.9, 9.9, 2.0, 5.5],
    ...     "value_max": [None] * 4, "qualifier": ["none"] * 4, "period": ["actual"] * 4,
    ...     "category": ["percent"] * 4, "change": ["increase", "increase", "decrease", "increase"],
    ...     "multi_year": [False, True, False, False]})
    >>> growth_table(m, targets_df=pd.DataFrame({"indicator": ["生产总值"]}))[["indicator", "signed"]].values.tolist()
    [['全省生产总值', 5.5], ['出口', 3.9], ['能耗', -2.0]]
    """
    import pandas as pd

    if metrics_df is None or not len(metrics_df):
        return pd.DataFrame(columns=GROWTH_COLUMNS)
    df = metrics_df[(metrics_df["period"].astype(str) == "actual")
                    & (metrics_df["category"].astype(str) == "percent")
                    & metrics_df["change"].isin(["increase", "decrease"])]
    if "multi_year" in df.columns:
        df = df[~df["multi_year"].map(_truthy)]
    df = df.assign(indicator=df["indicator"].fillna("").astype(str).str.strip())
    df = df[(df["indicator"] != "") & ~df["indicator"].str.fullmatch(_TIME_SPAN)]
    df = df.assign(value=pd.to_numeric(df["value"], errors="coerce")).dropna(subset=["value"])
    order = [c for c in ("paragraph", "start") if c in df.columns]
    df = df.sort_values(order, kind="stable") if order else df
    keys = df.get("indicator_key", pd.Series("", index=df.index))
    df = df.assign(key=[join_key(n, k) for n, k in zip(df["indicator"], keys)]).drop_duplicates("key", keep="first")
    rank = {k: i for i, k in enumerate(_headline_keys(targets_df))}
    df = df.assign(headline=df["key"].isin(rank), rank=df["key"].map(rank).fillna(len(rank)))
    df = df.sort_values("rank", kind="stable").head(top)
    sign = df["change"].map({"increase": 1, "decrease": -1})
    df = df.assign(signed=df["value"].abs() * sign,
                   signed_max=pd.to_numeric(df.get("value_max"), errors="coerce").abs() * sign)
    return df[GROWTH_COLUMNS].reset_index(drop=True)


def _headline_keys(targets_df: "pd.DataFrame | None") -> list[str]:
    """Join keys of the headline table (targets and last year's results), in its order."""
    if targets_df is None or not len(targets_df) or "indicator" not in targets_df.columns:
        return []
    keys = targets_df["indicator_key"] if "indicator_key" in targets_df.columns else [""] * len(targets_df)
    return list(dict.fromkeys(join_key(n, k) for n, k in zip(targets_df["indicator"], keys) if _text(n)))
