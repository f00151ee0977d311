"""The one matcher: which figure answers a target, and the verdict on it.

Every view — ``zjtext compare``, ``panel`` and ``series``, the front page, the charts — asks this
package which result stands with a target and how it is judged, so a figure and its verdict read the
same everywhere. It works on tables (the rows ``zjtext process`` writes), never on report text:

* :func:`result_rows` (run once per report by the producer, written as ``results.csv``): the one-year
  results a report gives for its past year, in the order they are preferred — exact figures before
  bounds, the headline block first — with base values (从2.77%提高到3.3%), multi-year figures and
  other places' and other years' figures left out; plus the changes the review says in words were nil
  (``kind`` ``flat``: 居民消费价格与上年持平) and the indicators it says in words missed their target
  (``kind`` ``missed``: 预期目标未能实现).
* :class:`Results` finds the result for one target: the same indicator (:func:`join_key`), the same
  unit and the same measure (a level for a level, a change for a growth or a cut).
* :func:`judge` and :func:`decide` give the :class:`Verdict`: a code, a ``reason_code`` and its
  parameters, worded in each language once (:data:`REASONS`).
* :func:`track` judges a report's targets by the next report's results; :func:`indicator_rows` gives
  one row per indicator of a report (this year's target, last year's result, last year's target and
  its verdict when known): the rows of the panel and of the front page alike.

Modules: :mod:`.verdict` (judging one figure, reasons, measures, keys), :mod:`.results` (the results
table), :mod:`.tracking` (targets against results).
"""
from __future__ import annotations

from .results import RESULT_COLUMNS, Results, is_base_value, result_rows
from .tracking import (INDICATOR_COLUMNS, TRACK_COLUMNS, as_written, decide, headline_targets, hedged, indicator_rows,
                       one_row_per_indicator, split_joint, track, track_rows, why_not_judged, written)
from .verdict import (APPROX_POINTS, APPROX_TOLERANCE, FLAT, REASONS, VERDICTS, Verdict, in_step, in_step_with_economy,
                      is_change, join_key, judge, lower_is_better, measure, named_keys, num, pick, signed, tolerance,
                      wording)

__all__ = ["APPROX_POINTS", "APPROX_TOLERANCE", "FLAT", "INDICATOR_COLUMNS", "REASONS", "RESULT_COLUMNS",
           "TRACK_COLUMNS", "VERDICTS", "Results", "Verdict", "as_written", "decide", "headline_targets", "hedged", "in_step",
           "in_step_with_economy", "indicator_rows", "is_base_value", "is_change", "join_key", "judge",
           "lower_is_better", "measure", "named_keys", "num", "one_row_per_indicator", "pick", "result_rows",
           "signed", "split_joint", "tolerance", "track", "track_rows", "why_not_judged", "wording", "written"]
