"""Local check (not a test): the metric extractor on every report in ../shared/corpus/2026.

For each report: figures found (and how many are multi-year), actual/target split per top-level
section, the headline table (main targets and past-year results, with their change) and the time
taken; fails (exit 1) if a report errors or yields no headline target.  Add ``--sample N`` to print N random figures per report for reading
by eye.

    .venv/bin/python bench/corpus_metrics.py [FOLDER] [--sample N]
"""
from __future__ import annotations

import argparse
import time
import traceback
from pathlib import Path

import pandas as pd

from zjtext import load_report
from zjtext.metrics import extract_metrics, headline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "2026"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(CORPUS))
    ap.add_argument("--sample", type=int, default=0)
    args = ap.parse_args()
    bad = 0
    pd.set_option("display.width", 220)
    pd.set_option("display.max_colwidth", 40)
    for path in sorted(Path(args.folder).glob("*.txt")):
        try:
            r = load_report(path)
            t0 = time.perf_counter()
            df = extract_metrics(r)
            hl = headline(r, df)
            ms = (time.perf_counter() - t0) * 1000
        except Exception:  # noqa: BLE001 - a local check reports every failure
            bad += 1
            print(f"== {path.name}: ERROR")
            traceback.print_exc()
            continue
        targets, actuals = hl[hl.period == "target"], hl[hl.period == "actual"]
        print(f"== {r.meta.report_id}: {len(r.text)} chars, {len(df)} figures ({int(df.multi_year.sum())} multi-year), "
              f"{ms:.0f} ms; headline targets {len(targets)}, past-year results {len(actuals)}")
        split = df.assign(top=df.section.str.split(" > ").str[0].str[:24]).groupby(["top", "period"], sort=False)
        print(split.size().unstack(fill_value=0).to_string())
        print(hl[["indicator", "period", "surface", "qualifier", "change"]].to_string())
        if args.sample:
            for x in df.sample(min(args.sample, len(df)), random_state=0).itertuples():
                i = x.sentence.find(x.surface)
                span = "multi" if x.multi_year else ""
                print(f"   {x.period:<6} {span:<5} {x.indicator:<24} {x.surface:<12} {x.qualifier:<9} {x.change:<8} | "
                      f"{x.sentence[max(0, i - 24):i + len(x.surface) + 6]}")
        if targets.empty:
            bad += 1
            print("   !! no headline targets")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
