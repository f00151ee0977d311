"""Disagreements between views over the shared corpus (a benchmark, not a test; skipped without ../shared).

Every report of ``../shared/corpus/2026/`` and ``../shared/corpus/national/`` is processed once (the
one producer); then, for the same fact, the views are set side by side and every difference printed:

- front page vs panel: each indicator's target, last year's result, last year's target and verdict;
- front page vs ``zjtext targets``: each target of the headline table is the front page's target for
  its indicator (one of them, where a table has two), and each headline result of an indicator with
  no target is shown (a figure two indicators share, 城镇和农村居民收入均增长5%, under each);
- series vs ``zjtext compare``: each national target's verdict, result and reason, the series read
  from the processed tables, compare from the report files (extracted again, as the command does);
- chart vs table: the targets chart's results (``zjtext.pairs.target_pairs``) vs the panel's;
  keyword trends vs ``keywords.csv`` (count and per 10k characters) for each report's top keywords.

    .venv/bin/python bench/views_agreement.py [--processed DIR]

The total must be 0.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

from zjtext import load_report
from zjtext.compare import track_targets
from zjtext.match import join_key, one_row_per_indicator, written
from zjtext.pairs import target_pairs
from zjtext.report import report_id_for
from zjtext.site.pages import FrontTables, front_rows
from zjtext.views import keyword_trends, panel, processed_reports, series

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _text(x) -> str:
    return "" if x is None or x != x else str(x)


def front_vs_panel(reports, panel_df: pd.DataFrame) -> list[str]:
    out = []
    for rep in reports:
        front = {r["key"]: r for r in front_rows(FrontTables.read(rep.folder))}
        for r in panel_df[panel_df["report_id"] == rep.report_id].to_dict("records"):
            f = front.get(r["indicator_key"])
            want = (_text(r["target"]), _text(r["actual"]), _text(r["last_target"]), _text(r["verdict"]))
            got = None if f is None else (f["target"], f["last_actual"], f["last_target"], f["verdict"])
            if got != want:
                out.append(f"{rep.report_id} {r['indicator_key']}: panel {want} front page {got}")
    return out


def front_vs_targets(reports) -> list[str]:
    out = []
    for rep in reports:
        tables = FrontTables.read(rep.folder)
        front = {r["key"]: r for r in front_rows(tables)}
        split = one_row_per_indicator(tables.targets)  # a figure two indicators share is shown for each
        head = [{**r, "key": join_key(r["indicator"], r["indicator_key"])} for r in split.to_dict("records")]
        targeted = {r["key"] for r in head if r["period"] == "target"}
        for r in head:
            key = r["key"]
            if not key or r.get("multi_year") in (True, "True"):
                continue
            shown = front.get(key)
            if r["period"] == "target":
                options = {written(t) for t in head if t["period"] == "target" and t["key"] == key}
                if shown is None or shown["target"] not in options:
                    out.append(f"{rep.report_id} {key}: zjtext targets {written(r)} front page {shown and shown['target']}")
            elif key not in targeted:
                options = {written(a) for a in head if a["period"] == "actual" and a["key"] == key}
                if shown is None or shown["last_actual"] not in options:
                    out.append(f"{rep.report_id} {key}: zjtext targets {written(r)} front page {shown and shown['last_actual']}")
    return out


def series_vs_compare(reports, sources: dict[str, Path]) -> list[str]:
    out = []
    judged = series(reports)
    judged = judged[judged["result_report_id"] != ""]
    for (old_id, new_id), rows in judged.groupby(["report_id", "result_report_id"]):
        tracked = track_targets(load_report(sources[old_id]), load_report(sources[new_id]))
        keyed = {(r["indicator_key"], r["target"]): r for r in tracked.to_dict("records")}
        for r in rows.to_dict("records"):
            c = keyed.get((r["indicator_key"], r["target"]))
            want = (_text(r["verdict"]), _text(r["actual"]), _text(r["reason_code"]))
            got = None if c is None else (_text(c["verdict"]), _text(c["actual"]), _text(c["reason_code"]))
            if got != want:
                out.append(f"{old_id}→{new_id} {r['indicator_key']} {r['target']}: series {want} compare {got}")
    return out


def chart_vs_table(reports, panel_df: pd.DataFrame) -> list[str]:
    out = []
    for rep in reports:
        mine = panel_df[panel_df["report_id"] == rep.report_id].set_index("indicator_key")
        pairs = target_pairs(rep.table("targets"), rep.table("results"))
        for r in pairs[pairs["result_value"].notna()].to_dict("records"):
            value = (-1 if r["result_change"] == "decrease" else 1) * r["result_value"]
            if r["key"] in mine.index and abs(value - float(mine.loc[r["key"], "actual_value"])) > 1e-9:
                out.append(f"{rep.report_id} {r['key']}: chart {value} panel {mine.loc[r['key'], 'actual_value']}")
        keywords = rep.table("keywords").head(20)
        trends = keyword_trends([rep], list(keywords["keyword"]))
        for k, t in zip(keywords.to_dict("records"), trends.to_dict("records")):
            if (k["count"], k["per_10k"]) != (t["count"], t["per_10k"]):
                out.append(f"{rep.report_id} {k['keyword']}: keywords.csv {k['count']} {k['per_10k']} "
                           f"trend {t['count']} {t['per_10k']}")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processed", type=Path, default=None, help="processed tables (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not (SHARED / "corpus").is_dir():
        print("views agreement: ../shared/corpus not found, skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        processed = args.processed or Path(tmp)
        provinces, errors = processed_reports([SHARED / "corpus" / "2026"], processed / "2026")
        national, more = processed_reports([SHARED / "corpus" / "national"], processed / "national")
        errors += more
        sources = {report_id_for(p): p for d in ("2026", "national") for p in (SHARED / "corpus" / d).glob("*.txt")}
        total = 0
        for group, reports in (("2026 provinces", provinces), ("national", national)):
            panel_df = panel(reports)
            checks = [("front page vs panel", front_vs_panel(reports, panel_df)),
                      ("front page vs zjtext targets", front_vs_targets(reports)),
                      ("series vs compare", series_vs_compare(reports, sources)),
                      ("chart vs table", chart_vs_table(reports, panel_df))]
            for name, found in checks:
                total += len(found)
                print(f"{group}, {name}: {len(found)} disagreements ({len(reports)} reports)")
                print("".join(f"  {line}\n" for line in found), end="")
        for err in errors:
            print(f"error: {err}")
        print(f"total disagreements between views: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
