"""Accuracy of the metric extractor on the seed report against the hand annotation.

Prints recall, precision and the field accuracies (period, indicator at three strictness levels,
qualifier, change, category, value), the headline scores, then every miss, false positive and
disagreement.

    .venv/bin/python bench/accuracy.py [REPORT GOLD_CSV]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from zjtext import load_report
from zjtext.evaluate import score, score_headline
from zjtext.metrics import extract_metrics, headline
from zjtext.paths import DEFAULT_REPORT

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "zhejiang-2024.quantities.csv"


def main(argv: list[str]) -> int:
    report_path, gold_path = (argv[0], argv[1]) if len(argv) >= 2 else (DEFAULT_REPORT, GOLD)
    report = load_report(report_path)
    t0 = time.perf_counter()
    df = extract_metrics(report)
    elapsed = time.perf_counter() - t0
    scores, misses = score(df, gold_path, report)
    hl = headline(report, df)
    hs = score_headline(hl, gold_path, report)
    print(f"report: {report.meta.report_id}  ({len(report.text)} chars, extract {elapsed * 1000:.0f} ms)")
    print(f"gold metrics {scores['gold_metrics']}, predicted {scores['predicted']}, matched {scores['matched']}"
          f" (gold rows not located in text: {scores['gold_unlocated']})")
    for k in ("recall", "precision", "period", "qualifier", "change", "indicator", "indicator_norm",
              "indicator_exact", "category", "value"):
        print(f"  {k:<16}{scores[k]:.3f}")
    print(f"headline: gold {hs['gold_headline']}, predicted numeric {hs['predicted_numeric']}, "
          f"recall {hs['recall']:.3f}, precision {hs['precision']:.3f}")
    targets = hl[hl.period == "target"]
    print(f"headline targets ({len(targets)} rows):")
    for r in targets.itertuples():
        print(f"  {r.indicator} | {r.surface} | {r.qualifier}")
    with pd.option_context("display.width", 250, "display.max_colwidth", 60, "display.max_rows", 500):
        for kind, sub in misses.groupby("kind", sort=True):
            print(f"\n== {kind} ({len(sub)})")
            print(sub.drop(columns=["kind"]).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
