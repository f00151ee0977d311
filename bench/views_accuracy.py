"""Score the corpus views against the shared gold (a benchmark, not a test; skipped without ../shared).

- panel: every dev province's GDP growth target (as written, hedge and range kept) and its 2025 result,
  against ``../shared/gold/headline-2026.dev.csv`` (plus the seed against its own gold annotation);
- series: the national targets and verdicts of ``../shared/gold/national-tracking.dev.csv``, and of
  ``national-tracking-1990s.dev.csv`` (GNP and GDP growth targets in Chinese numerals).

    .venv/bin/python bench/views_accuracy.py [--processed DIR]
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from zjtext.indicators import indicator_key
from zjtext.views import panel, processed_reports, series

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VERDICT = {"met (within 左右)": "met"}  # the gold does not separate a 左右 pass


def _gold(name: str) -> list[dict]:
    with open(SHARED / "gold" / name, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _figure(surface: str) -> str:
    return surface.replace("％", "%").replace("—", "-").replace("－", "-").replace("–", "-")


def score_panel(processed: Path) -> tuple[int, int, list[str]]:
    reports, errors = processed_reports([SHARED / "corpus" / "2026"], processed)
    rows = panel(reports)
    gdp = rows[rows["indicator_key"] == "gdp"].set_index("report_id")
    gold = [g for g in _gold("headline-2026.dev.csv") if indicator_key(g["indicator"]) == "gdp" and g["unit"] in ("%", "％")]
    checks, good, misses = 0, 0, []
    for g in gold:
        rid, hedge = g["report"], g["qualifier"] if g["qualifier_norm"] in ("approx", "at_least", "at_most") else ""
        have = gdp.loc[rid] if rid in gdp.index else None
        want = _figure(g["surface"])
        got = "" if have is None else _figure(str(have["target" if g["period"] == "target" else "actual"]))
        ok = bool(have is not None and want in got and (hedge in got if g["period"] == "target" else True))
        checks += 1
        good += ok
        if not ok:
            misses.append(f"  {rid} {g['period']}: gold {g['surface']}{hedge} ({g['note'][:40]}) — got {got or '(none)'}")
    return good, checks, errors + misses


def score_series(processed: Path, gold: str = "national-tracking.dev.csv") -> tuple[int, int, list[str]]:
    reports, errors = processed_reports([SHARED / "corpus" / "national"], processed)
    table = series(reports).set_index(["year", "indicator_key"])
    checks, good, misses = 0, 0, []
    for g in _gold(gold):
        year, key = int(g["pair"][:4]), indicator_key(g["indicator"])
        row = table.loc[(year, key)] if (year, key) in table.index else None
        verdict = "" if row is None else VERDICT.get(row["verdict"], row["verdict"])
        ok = verdict == g["verdict"]
        checks += 1
        good += ok
        if not ok:
            got = "(no row)" if row is None else f"{row['target']} vs {row['actual'] or '—'}: {row['verdict'] or row['reason']}"
            misses.append(f"  {g['pair']} {g['indicator']} {g['target_surface']}: gold {g['verdict']}"
                          f" (actual {g['actual_surface'] or '—'}) — got {got}")
    return good, checks, errors + misses


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processed", type=Path, default=None, help="processed tables (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not (SHARED / "gold").is_dir():
        print("views accuracy: ../shared/gold not found, skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        processed = args.processed or Path(tmp)
        nineties = (lambda p: score_series(p, "national-tracking-1990s.dev.csv"))
        scorers = [("panel: GDP growth target and 2025 result, ten dev provinces", score_panel),
                   ("series: national targets and verdicts 2010-2018", score_series)]
        if (SHARED / "gold" / "national-tracking-1990s.dev.csv").is_file():
            scorers.append(("series: national growth targets and verdicts 1992-1994", nineties))
        for name, scorer in scorers:
            good, total, misses = scorer(processed)
            print(f"{name}: {good}/{total}")
            print("\n".join(misses) if misses else "  no misses")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
