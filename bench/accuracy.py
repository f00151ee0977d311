"""Accuracy of metric extraction, headline tables and target tracking against hand annotations.

Three scores, every miss printed (a benchmark to read, not a test threshold):

(a) the seed gold ``tests/fixtures/zhejiang-2024.quantities.csv``: recall, precision and the field
    accuracies (period, indicator at three strictness levels, qualifier, change, category, value),
    then the headline scores;
(b) the dev headline gold ``<shared>/gold/headline-2026.dev.csv`` over ``<shared>/corpus/2026/``:
    every gold target found (with its indicator key, value and hedge), and the share of last year's
    results found, overall and for the indicators that have targets (what tracking needs);
(c) the national tracking gold ``<shared>/gold/national-tracking.dev.csv`` over
    ``<shared>/corpus/national/``: verdicts equal to the gold's, and verdicts drawn from a wrong figure;
    then the same for the 1990s gold ``national-tracking-1990s.dev.csv`` (growth targets in GNP and GDP,
    written in Chinese numerals);
(d) the figures found in each national report (every figure of ``zjtext metrics``), the reports of
    1954–1995 flagged when under 20.

``<shared>`` is ``$ZJTEXT_SHARED``, else the first ``shared/`` folder found beside the checkout or
one level up; (b) and (c) are skipped with a note when it is absent.

    .venv/bin/python bench/accuracy.py [REPORT GOLD_CSV]
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

from zjtext import load_report
from zjtext.compare import track_targets
from zjtext.evaluate import score, score_headline, score_headline_gold, score_tracking
from zjtext.indicators import indicator_key
from zjtext.metrics import extract_metrics, headline
from zjtext.paths import DEFAULT_REPORT

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "zhejiang-2024.quantities.csv"
WIDE = {"display.width": 250, "display.max_colwidth": 70, "display.max_rows": 1000}


def shared_folder() -> Path | None:
    """The shared data folder (corpus/ and gold/), or None."""
    env = os.environ.get("ZJTEXT_SHARED")
    candidates = [Path(env)] if env else [ROOT.parent / "shared", ROOT.parents[1] / "shared"]
    return next((c for c in candidates if (c / "gold").is_dir() and (c / "corpus").is_dir()), None)


def seed_scores(report_path, gold_path) -> None:
    report = load_report(report_path)
    t0 = time.perf_counter()
    df = extract_metrics(report)
    elapsed = time.perf_counter() - t0
    scores, misses = score(df, gold_path, report)
    hl = headline(report, df)
    hs = score_headline(hl, gold_path, report)
    print(f"== (a) seed: {report.meta.report_id}  ({len(report.text)} chars, extract {elapsed * 1000:.0f} ms)")
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
        print(f"  {r.indicator} [{r.indicator_key}] | {r.surface} | {r.qualifier}")
    with pd.option_context(*[x for kv in WIDE.items() for x in kv]):
        for kind, sub in misses.groupby("kind", sort=True):
            print(f"\n-- {kind} ({len(sub)})")
            print(sub.drop(columns=["kind"]).to_string(index=False))


def headline_gold_scores(shared: Path) -> None:
    gold = pd.read_csv(shared / "gold" / "headline-2026.dev.csv", dtype=str, keep_default_na=False)
    targeted = {k for k in map(indicator_key, gold[gold.period == "target"].indicator) if k}
    total: dict[str, int] = {}
    misses = []
    print("== (b) headline gold, ten 2026 reports")
    for rid, rows in gold.groupby("report", sort=True):
        report = load_report(shared / "corpus" / "2026" / f"{rid}.txt")
        counts, miss = score_headline_gold(rows, headline(report), report, targeted)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        misses.append(miss.assign(report=rid))
        print(f"  {rid:<16} targets {counts['targets_found']}/{counts['targets']}  results "
              f"{counts['actuals_found']}/{counts['actuals']}  targeted results "
              f"{counts['targeted_actuals_found']}/{counts['targeted_actuals']}  extra {counts['extra']}")
    print(f"total: targets found {total['targets_found']}/{total['targets']}, "
          f"results {total['actuals_found']}/{total['actuals']} "
          f"({total['actuals_found'] / max(1, total['actuals']):.1%}), results for targeted indicators "
          f"{total['targeted_actuals_found']}/{total['targeted_actuals']} "
          f"({total['targeted_actuals_found'] / max(1, total['targeted_actuals']):.1%}), "
          f"predicted rows not in the gold {total['extra']}/{total['predicted']}, indicator names agreeing "
          f"(tolerant) {total['names_agree']}/{total['targets_found'] + total['actuals_found']}")
    table = pd.concat(misses, ignore_index=True)
    with pd.option_context(*[x for kv in WIDE.items() for x in kv]):
        for kind, sub in table.groupby("kind", sort=True):
            print(f"\n-- {kind} ({len(sub)})")
            print(sub[["report", "period", "indicator", "surface", "gold", "predicted"]].to_string(index=False))


def tracking_scores(shared: Path, name: str = "national-tracking.dev.csv") -> None:
    gold = pd.read_csv(shared / "gold" / name, dtype=str, keep_default_na=False)
    corpus = shared / "corpus" / "national"
    tables, total = [], {"rows": 0, "equal": 0, "wrong_figure": 0}
    for pair, rows in gold.groupby("pair", sort=True):
        a, b = pair.split("-")
        tracked = track_targets(load_report(corpus / f"china-{a}.txt"), load_report(corpus / f"china-{b}.txt"))
        counts, table = score_tracking(rows, tracked)
        for k in total:
            total[k] += counts[k]
        tables.append(table)
    print(f"\n== (c) national tracking gold {name}: verdicts equal {total['equal']}/{total['rows']}, "
          f"verdicts from a wrong figure {total['wrong_figure']}")
    table = pd.concat(tables, ignore_index=True)
    bad = table[~table.ok]
    with pd.option_context(*[x for kv in WIDE.items() for x in kv]):
        print(f"-- misses ({len(bad)})")
        if len(bad):
            print(bad.drop(columns=["ok"]).to_string(index=False))


def national_counts(shared: Path, floor: int = 20) -> None:
    """(d) the number of figures found in each national report; 1954–1995 flagged under ``floor``."""
    counts = []
    for path in sorted((shared / "corpus" / "national").glob("china-*.txt")):
        report = load_report(path)
        counts.append((path.stem, len(extract_metrics(report))))
    old = [(rid, n) for rid, n in counts if rid[-4:] <= "1995"]
    low = [f"{rid} ({n})" for rid, n in old if n < floor]
    print(f"\n== (d) figures per national report (1954–1995: {len(old)} reports, "
          f"{len(low)} under {floor}{': ' + ', '.join(low) if low else ''})")
    for rid, n in counts:
        print(f"  {rid:<12} {n:>4}{'  < ' + str(floor) if rid[-4:] <= '1995' and n < floor else ''}")


def main(argv: list[str]) -> int:
    report_path, gold_path = (argv[0], argv[1]) if len(argv) >= 2 else (DEFAULT_REPORT, GOLD)
    seed_scores(report_path, gold_path)
    shared = shared_folder()
    if shared is None:
        print("\n(b), (c) skipped: no shared/ folder with corpus/ and gold/ (set ZJTEXT_SHARED)")
        return 0
    print()
    headline_gold_scores(shared)
    tracking_scores(shared)
    if (shared / "gold" / "national-tracking-1990s.dev.csv").is_file():
        tracking_scores(shared, "national-tracking-1990s.dev.csv")
    national_counts(shared)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
