"""Score extracted metrics against a hand annotation (gold CSV, see shared/gold/GUIDELINE.md).

Each gold row is located in the report by ``anchor + surface`` (searched in reading order, so
repeated figures map to the right place) and becomes a position: paragraph index and character
offset of the number.  A predicted row matches the gold row at the same position (``paragraph``
and ``start`` columns of :func:`zjtext.metrics.extract_metrics`).

* recall: share of gold metric rows (``is_metric=yes``) that the extractor found;
* precision: share of predicted rows that are gold metric rows (a predicted year, label or age,
  or a position with no gold number at all, counts against it);
* accuracy of period, qualifier (``qualifier_norm``), change, category, value over matched rows;
* indicator accuracy at three levels (all reported, none hidden):
  ``indicator_exact`` (identical strings), ``indicator_norm`` (identical after removing spaces,
  punctuation and quotes), ``indicator`` (tolerant: normalised strings where one contains the
  other, or whose longest common subsequence covers at least 60 % of their mean length — the
  same subject phrased a little differently, e.g. 宁波舟山港集装箱吞吐量 vs 集装箱吞吐量).

>>> norm_indicator("“千项万亿” 重大项目（个数）")
'千项万亿重大项目个数'
>>> indicator_match("集装箱吞吐量", "宁波舟山港集装箱吞吐量"), indicator_match("出口", "进口")
(True, False)
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .report import Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["locate_gold", "score", "norm_indicator", "indicator_match", "lcs_ratio", "score_headline_gold",
           "score_tracking", "same_verdict"]

TOLERANCE = 0.6
_PUNCT = re.compile(r"[\s“”‘’\"'（）()《》〈〉、，,。；;：:·—\-\[\]【】]")


def norm_indicator(s: str) -> str:
    """The indicator with spaces, quotes, brackets and punctuation removed."""
    return _PUNCT.sub("", str(s or ""))


def lcs_ratio(a: str, b: str) -> float:
    """Longest common subsequence length over the mean length of a and b (0 … 1)."""
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return 2 * prev[-1] / (len(a) + len(b))


def indicator_match(pred: str, gold: str) -> bool:
    """Tolerant match: normalised equal, one contains the other (≥ 2 chars), or LCS ratio ≥ 0.6."""
    p, g = norm_indicator(pred), norm_indicator(gold)
    if not p or not g:
        return p == g
    if p == g or (min(len(p), len(g)) >= 2 and (p in g or g in p)):
        return True
    return lcs_ratio(p, g) >= TOLERANCE


def locate_gold(gold: "pd.DataFrame", report: Report) -> "pd.DataFrame":
    """Add ``paragraph`` and ``start`` (offset of the number) to each gold row; -1 if not found."""
    body = report.body
    pars, starts = [], []
    pi, prev = 0, -1  # cursor: paragraph position in body, offset of the previous number
    for row in gold.itertuples():
        anchor = "" if _isna(row.anchor) else str(row.anchor)
        surface = str(row.surface)
        found = None
        for k in range(pi, len(body)):
            text = body[k].text
            if not anchor:  # no anchor: the number opens the paragraph
                if text.startswith(surface) and (k > pi or prev < 0):
                    found = (k, 0)
                    break
                continue
            j = text.find(anchor + surface, max(0, prev - 13) if k == pi else 0)
            while j >= 0 and k == pi and j + len(anchor) <= prev:
                j = text.find(anchor + surface, j + 1)
            if j >= 0:
                found = (k, j + len(anchor))
                break
        if found is None:
            pars.append(-1)
            starts.append(-1)
            continue
        pi, prev = found
        pars.append(body[found[0]].index)
        starts.append(found[1])
    out = gold.copy()
    out["paragraph"] = pars
    out["start"] = starts
    return out


def _isna(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def score(predicted: "pd.DataFrame", gold_csv_path: str | Path, report: Report) -> tuple[dict, "pd.DataFrame"]:
    """Compare predicted rows with the gold file; returns (scores, misses).

    ``misses`` has one row per problem: ``kind`` is ``missed`` (gold metric not found),
    ``false_positive`` (predicted row that is not a gold metric), or a field name
    (``period``, ``qualifier``, ``change``, ``indicator``, ``category``, ``value``) for a
    disagreement on a matched row, with the gold and predicted values side by side.
    """
    import pandas as pd

    gold = pd.read_csv(gold_csv_path, dtype=str, keep_default_na=False)
    gold = locate_gold(gold, report)
    unlocated = int((gold.paragraph < 0).sum())
    metric = gold[gold.is_metric == "yes"]
    key_gold = {(int(r.paragraph), int(r.start)): r for r in gold.itertuples() if r.paragraph >= 0}
    key_metric = {(int(r.paragraph), int(r.start)): r for r in metric.itertuples() if r.paragraph >= 0}
    pred = predicted.reset_index(drop=True)
    matched, misses = [], []
    seen = set()
    for r in pred.itertuples():
        k = (int(r.paragraph), int(r.start))
        g = key_metric.get(k)
        if g is None:
            other = key_gold.get(k)
            misses.append({"kind": "false_positive", "paragraph": k[0], "start": k[1], "surface": r.surface,
                           "gold": f"{other.category} (not a metric)" if other is not None else "no gold number",
                           "predicted": r.indicator, "sentence": r.sentence})
            continue
        seen.add(k)
        matched.append((g, r))
    for k, g in key_metric.items():
        if k not in seen:
            misses.append({"kind": "missed", "paragraph": k[0], "start": k[1], "surface": g.surface,
                           "gold": g.indicator, "predicted": "", "sentence": _sentence_at(report, k)})
    for g in metric.itertuples():
        if g.paragraph < 0:
            misses.append({"kind": "missed", "paragraph": -1, "start": -1, "surface": g.surface,
                           "gold": f"(gold row {g.id} not located)", "predicted": "", "sentence": ""})
    fields = {"period": ("period", "period"), "qualifier": ("qualifier_norm", "qualifier"),
              "change": ("change", "change"), "category": ("category", "category")}
    right = {f: 0 for f in list(fields) + ["value", "indicator", "indicator_exact", "indicator_norm"]}
    for g, r in matched:
        k = (int(r.paragraph), int(r.start))
        for f, (gcol, pcol) in fields.items():
            if str(getattr(g, gcol)) == str(getattr(r, pcol)):
                right[f] += 1
            else:
                misses.append(_disagree(f, k, r, str(getattr(g, gcol)), str(getattr(r, pcol))))
        if _close(float(g.value), float(r.value)):
            right["value"] += 1
        else:
            misses.append(_disagree("value", k, r, g.value, r.value))
        gi, pi = str(g.indicator), str(r.indicator)
        right["indicator_exact"] += gi == pi
        right["indicator_norm"] += norm_indicator(gi) == norm_indicator(pi)
        if indicator_match(pi, gi):
            right["indicator"] += 1
        else:
            misses.append(_disagree("indicator", k, r, gi, pi))
    n_gold, n_pred, n_match = len(metric), len(pred), len(matched)
    scores = {
        "gold_metrics": n_gold, "predicted": n_pred, "matched": n_match, "gold_unlocated": unlocated,
        "recall": n_match / n_gold if n_gold else 0.0,
        "precision": n_match / n_pred if n_pred else 0.0,
    }
    for f, v in right.items():
        scores[f] = v / n_match if n_match else 0.0
    cols = ["kind", "paragraph", "start", "surface", "gold", "predicted", "sentence"]
    return scores, pd.DataFrame(misses, columns=cols).sort_values(["kind", "paragraph", "start"], kind="stable")


def score_headline(predicted: "pd.DataFrame", gold_csv_path: str | Path, report: Report) -> dict:
    """Recall/precision of the numeric rows of :func:`zjtext.metrics.headline` vs gold ``headline=yes``."""
    import pandas as pd

    gold = locate_gold(pd.read_csv(gold_csv_path, dtype=str, keep_default_na=False), report)
    want = {(int(r.paragraph), int(r.start)) for r in gold.itertuples() if r.headline == "yes"}
    num = predicted[predicted.value.notna()]
    got = {(int(r.paragraph), int(r.start)) for r in num.itertuples()}
    hit = len(want & got)
    return {"gold_headline": len(want), "predicted_numeric": len(got), "matched": hit,
            "recall": hit / len(want) if want else 0.0, "precision": hit / len(got) if got else 0.0}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _disagree(kind: str, k: tuple[int, int], r, gold, pred) -> dict:
    return {"kind": kind, "paragraph": k[0], "start": k[1], "surface": r.surface, "gold": gold,
            "predicted": pred, "sentence": r.sentence}


def _sentence_at(report: Report, k: tuple[int, int]) -> str:
    for p in report.body:
        if p.index == k[0]:
            pos = 0
            for s in p.sentences:
                j = p.text.find(s, pos)
                if j <= k[1] < j + len(s):
                    return s
                pos = max(pos, j + len(s)) if j >= 0 else pos
            return p.text
    return ""


# ---------------------------------------------------------------- headline tables (headline-*.csv gold)

def locate_all(report: Report, anchor: str, surface: str) -> list[tuple[int, int]]:
    """Every (paragraph, offset of the number) where ``anchor + surface`` occurs in the body."""
    out = []
    for p in report.body:
        j = p.text.find(anchor + surface)
        while j >= 0:
            out.append((p.index, j + len(anchor)))
            j = p.text.find(anchor + surface, j + 1)
    return out


def score_headline_gold(gold: "pd.DataFrame", predicted: "pd.DataFrame", report: Report,
                        targeted: set[str] | frozenset = frozenset()) -> tuple[dict, "pd.DataFrame"]:
    """Score one report's headline table against its rows of a headline gold (GUIDELINE.md, headline tables).

    ``gold``: that report's gold rows (``period, indicator, anchor, surface, value, qualifier_norm``);
    ``predicted``: :func:`zjtext.metrics.headline` output (``indicator_key`` included). A gold row is
    found when a predicted row of the same period stands at its position (``anchor + surface``; when
    the text repeats it, the occurrence the prediction chose). ``targeted`` is the set of indicator
    keys that have targets: results for them are what tracking needs, scored apart.

    Returns counts (``targets``, ``targets_found``, ``actuals``, ``actuals_found``, ``targeted_actuals``,
    ``targeted_actuals_found``, ``predicted``, ``extra``) and one miss per row: ``kind`` is
    ``target missed``, ``actual missed``, ``extra`` (a predicted numeric row the gold does not have),
    or a field (``value``, ``qualifier``, ``indicator_key``, ``indicator name``: not even a tolerant
    :func:`indicator_match`) that disagrees on a found row; ``names_agree`` counts the found rows whose
    names match.
    """
    import pandas as pd

    from .indicators import indicator_key

    pred = predicted[predicted["value"].notna()]
    at = {(str(r.period), int(r.paragraph), int(r.start)): r for r in pred.itertuples()}
    used, misses = set(), []
    counts = dict.fromkeys(("targets", "targets_found", "actuals", "actuals_found", "targeted_actuals",
                            "targeted_actuals_found", "names_agree"), 0)
    for g in gold.itertuples():
        period, key = str(g.period), indicator_key(g.indicator)
        places = locate_all(report, "" if _isna(g.anchor) else str(g.anchor), str(g.surface))
        hit = next(((period, *k) for k in places if (period, *k) in at), None)
        name = "targets" if period == "target" else "actuals"
        counts[name] += 1
        is_targeted = period == "actual" and key in targeted
        counts["targeted_actuals"] += is_targeted
        base = {"period": period, "indicator": g.indicator, "surface": g.surface, "anchor": g.anchor}
        if hit is None:
            why = "not located in the text" if not places else "not in the predicted table"
            misses.append({**base, "kind": f"{period} missed", "gold": key, "predicted": why})
            continue
        used.add(hit)
        counts[name + "_found"] += 1
        counts["targeted_actuals_found"] += is_targeted
        r = at[hit]
        if not _close(float(g.value), float(r.value)):
            misses.append({**base, "kind": "value", "gold": g.value, "predicted": r.value})
        if str(g.qualifier_norm) != str(r.qualifier):
            misses.append({**base, "kind": "qualifier", "gold": g.qualifier_norm, "predicted": r.qualifier})
        if indicator_match(str(r.indicator), str(g.indicator)):
            counts["names_agree"] += 1
        else:
            misses.append({**base, "kind": "indicator name", "gold": g.indicator, "predicted": r.indicator})
        if key != str(getattr(r, "indicator_key", "") or ""):
            misses.append({**base, "kind": "indicator_key", "gold": key,
                           "predicted": f"{getattr(r, 'indicator_key', '')} ({r.indicator})"})
    for k, r in at.items():
        if k not in used:
            misses.append({"period": k[0], "indicator": r.indicator, "surface": r.surface, "anchor": "",
                           "kind": "extra", "gold": "", "predicted": str(r.sentence)[:60]})
    counts["predicted"], counts["extra"] = len(at), len(at) - len(used)
    cols = ["kind", "period", "indicator", "surface", "anchor", "gold", "predicted"]
    return counts, pd.DataFrame(misses, columns=cols)


# ---------------------------------------------------------------- target tracking (national-tracking gold)

def same_verdict(gold: str, predicted: str) -> bool:
    """Verdicts agree; ``met (within 左右)`` is a ``met``.

    >>> same_verdict("met", "met (within 左右)"), same_verdict("not reported", "missed")
    (True, False)
    """
    def norm(v: str) -> str:
        return "met" if str(v).startswith("met") else str(v)
    return norm(gold) == norm(predicted)


def score_tracking(gold: "pd.DataFrame", tracked: "pd.DataFrame") -> tuple[dict, "pd.DataFrame"]:
    """Score one pair's tracking table (:func:`zjtext.compare.track_targets`) against its gold rows.

    A gold row (``indicator, target_value, actual_value, verdict``) is matched to the tracked row with
    the same indicator key and target value. Counted: ``rows``, ``equal`` (same verdict) and
    ``wrong_figure`` (a verdict drawn from a figure that is not the gold's result: the gold has no
    result, or another value). Returns (counts, one row per gold row with both sides).
    """
    import pandas as pd

    from .indicators import indicator_key

    rows, equal, wrong = [], 0, 0
    if "indicator_key" not in tracked.columns:  # a table from before the vocabulary
        tracked = tracked.assign(indicator_key=[indicator_key(n) for n in tracked["indicator"]])
    for g in gold.itertuples():
        key = indicator_key(g.indicator)
        cand = tracked[tracked["indicator_key"] == key]
        # the gold writes a cut unsigned (3.1 for 下降3.1%); the tracking table signs it (-3.1)
        match = [t for t in cand.itertuples() if _close(abs(float(g.target_value)), abs(float(t.target_value or "nan")))] \
            if len(cand) else []
        t = match[0] if match else None
        verdict = t.verdict if t is not None else "(no target row)"
        actual = None if t is None or _isna(t.actual_value) else abs(float(t.actual_value))
        gold_actual = None if _isna(g.actual_value) or g.actual_value == "" else float(g.actual_value)
        from_figure = actual is not None and verdict not in ("not reported", "not comparable", "")
        bad_figure = from_figure and (gold_actual is None or not _close(actual, gold_actual))
        ok = same_verdict(g.verdict, verdict) and not bad_figure
        equal += ok
        wrong += bad_figure
        rows.append({"pair": g.pair, "indicator": g.indicator, "key": key, "target": g.target_surface,
                     "gold_verdict": g.verdict, "verdict": verdict, "gold_actual": gold_actual,
                     "actual": actual, "ok": ok, "wrong_figure": bad_figure,
                     "reason": getattr(t, "reason", "") if t is not None else ""})
    return {"rows": len(rows), "equal": equal, "wrong_figure": wrong}, pd.DataFrame(rows)
