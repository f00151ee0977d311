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

__all__ = ["locate_gold", "score", "norm_indicator", "indicator_match", "lcs_ratio"]

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
