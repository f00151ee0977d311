"""Every figure in a report as a tidy row: number + unit grammar, hedges, 分别 lists, actual vs target.

A *figure* is a number written in Arabic digits that measures something (a percent, an amount of
money, a count, a physical quantity, a multiple, a rank).  Years, dates, session numbers, list
markers, ages, durations and numbers inside names or slogans (“8+4”, 双一流196工程, PM2.5) are not
figures and give no row.  Each row ties the figure to

* its **indicator** (the subject measured, resolved through 分别 lists and 、/和 pairs),
* its **qualifier** (左右 / 以上 / 以内 / 超过 … kept as written and normalised),
* its **change** (增长 → increase, 下降 → decrease, levels and counts → none),
* its **period**: ``actual`` (the review of the past year or plan period) or ``target``
  (goals, plans, tasks), decided from the report's own headings and cue words,
* whether it is **multi_year**: not one year's result or target but a figure over several years
  (年均, 累计, 5年增长, 比2020年, 较“十三五”末, 到2030年, or a sentence, paragraph or section about
  the five-year plan period: 五年来, “十四五”时期 …).

Ratios (3.6∶40.2∶56.2, 2.50:1, 城乡收入比1.83) have no category of their own and give no row.

>>> from zjtext.report import report_from_text
>>> r = report_from_text("各位代表：\\n一、2025年工作回顾\\n全省生产总值增长5.8%，城镇和农村居民人均可支配收入分别增长4.7%、6.3%。\\n"
...                      "二、2026年工作安排\\n主要预期目标是：生产总值增长6%左右，城镇调查失业率控制在5.2%以内。", path="x.txt")
>>> df = extract_metrics(r)
>>> df[["indicator", "surface", "qualifier", "change", "period"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['全省生产总值', '5.8%', 'none', 'increase', 'actual'],
 ['城镇居民人均可支配收入', '4.7%', 'none', 'increase', 'actual'],
 ['农村居民人均可支配收入', '6.3%', 'none', 'increase', 'actual'],
 ['生产总值', '6%', 'approx', 'increase', 'target'],
 ['城镇调查失业率', '5.2%', 'at_most', 'none', 'target']]
>>> headline(r)[["indicator", "period", "value"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['生产总值', 'target', 6.0], ['城镇调查失业率', 'target', 5.2],
 ['全省生产总值', 'actual', 5.8], ['城镇居民人均可支配收入', 'actual', 4.7], ['农村居民人均可支配收入', 'actual', 6.3]]
"""
from __future__ import annotations

from .extract import COLUMNS, EXTRA_COLUMNS, extract_metrics, metric_rows
from .figures import Figure, parse_figures
from .headline import HEADLINE_COLUMNS, HEADLINE_EXTRA, headline, headline_rows, joint_indicators
from .period import infer_year, paragraph_periods
from .subjects import resolve_list

__all__ = ["COLUMNS", "EXTRA_COLUMNS", "HEADLINE_COLUMNS", "HEADLINE_EXTRA", "Figure", "extract_metrics",
           "metric_rows", "headline", "headline_rows", "infer_year", "joint_indicators", "paragraph_periods",
           "parse_figures", "resolve_list"]
