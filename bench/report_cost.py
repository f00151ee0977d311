"""Where a warm worker's CPU goes for one report, outside the notebooks: the library calls the charts
notebook (04) and the page export make, timed in one process that has drawn one report already.

    .venv/bin/python bench/report_cost.py [--corpus DIR] [--reports N]

For each of the first N reports of the March set (``bench/march_bench.py``; default 6), the tables
are computed first (not timed); then, per chart, the CPU time of building it (including its layout
draw), saving its PNG and saving its SVG, as ``zjtext.charts.save_figure`` does; and the one font
subset the report's pages share (``zjtext.site.html.with_font``): their visible text is stood in for
by the report's own text (pages are made by the kernels; the subsetting depends on the characters only). CPU time (``time.process_time``) per report, mean over the reports, goes to
``bench/results/report_cost.json`` with the load per core.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from march_bench import CORPUS, ROOT, march_inputs  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "report_cost.json"


def _chart_costs(report, tables) -> dict[str, float]:
    import matplotlib

    from zjtext import charts
    from zjtext.charts.style import DPI, SVG_SALT

    kw, shares, targets, metrics = tables
    builds = {
        "top_keywords": lambda: charts.top_keywords(kw, top=20, source=report.meta),
        "section_heatmap": lambda: charts.section_heatmap(shares, source=report.meta),
        "headline_targets": lambda: charts.headline_targets(targets, source=report.meta),
        "growth_rates": lambda: charts.growth_rates(metrics, targets=targets, source=report.meta),
        "word_cloud": lambda: charts.word_cloud(kw, source=report.meta),
    }
    cost: dict[str, float] = {}
    for name, build in builds.items():
        start = time.process_time()
        fig = build()
        cost[f"{name}.build"] = time.process_time() - start
        for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
            start = time.process_time()
            with matplotlib.rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}):
                fig.savefig(io.BytesIO(), format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
            cost[f"{name}.{fmt}"] = time.process_time() - start
    return cost


def _font_cost(text: str) -> float:
    """One font subset for the report's pages (``zjtext.site.html.with_font``: one cut per report)."""
    from zjtext.site.html import subset_font_css

    start = time.process_time()
    subset_font_css([text])
    return time.process_time() - start


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--reports", type=int, default=6)
    args = ap.parse_args(argv)
    import matplotlib

    matplotlib.use("agg")
    from zjtext import load_report
    from zjtext.notebook import load_tables, setup
    from zjtext.site.html import _base_font

    setup()
    _base_font()
    paths = march_inputs(args.corpus)[: args.reports + 1]
    load = [round(os.getloadavg()[0] / (os.cpu_count() or 1), 2)]
    per_report = []
    for i, path in enumerate(paths):  # the first one warms the process up and is not counted
        report = load_report(path)
        tables = load_tables(report, None, "keywords", "section_shares", "targets", "metrics")
        cost = _chart_costs(report, tables)
        cost["pages.font_subset"] = _font_cost(report.text)
        if i:
            per_report.append(cost)
    load.append(round(os.getloadavg()[0] / (os.cpu_count() or 1), 2))
    mean = {k: round(sum(c[k] for c in per_report) / len(per_report), 3) for k in per_report[0]}
    totals = {part: round(sum(v for k, v in mean.items() if k.endswith(part)), 3)
              for part in (".build", ".png", ".svg", "font_subset")}
    for key, value in {**mean, **{f"total{k}": v for k, v in totals.items()}}.items():
        print(f"{key:28s} {value:6.3f} s")
    meta = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "reports": [p.name for p in paths[1:]],
            "load_per_core_before_after": load}
    RESULTS.write_text(json.dumps({"meta": meta, "cpu_s_per_report": mean, "totals": totals},
                                  ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"-> {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
