"""A run's index (``OUT/index.html``): the March front door.

Reports are listed the way Chinese statistics list regions — 全国 first, then the provinces by
administrative division code (:mod:`zjtext.regions`), the newest year first within a region — each
with its GDP growth target and last year's growth beside the link, read from the report's own
headline table (``OUT/<id>/data/targets.csv``, the producer's table copied from ``OUT/tables/``; nothing is recomputed).
Comparisons say whether their years are consecutive (judged) or apart (targets listed only); the
same report given twice is named once with its duplicate; folders of earlier runs whose input is not
in this run are listed as stale (``zjtext run --prune`` removes them); failures are listed with their
error line shown as code.

>>> gap_label(2014, 2016), gap_label(2013, 2016), gap_label(2024, 2025)
('相隔两年：只列目标，不作判定', '相隔三年：只列目标，不作判定', '')
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Sequence

from ..regions import report_key
from .html import render
from .inputs import WHY
from .pages import Link, relative_href

__all__ = ["overview_page", "gap_label", "headline_pair", "stale_folders", "prune"]

STAMP = "run.json"  # as zjtext.site.run writes it in every folder it builds
GROUPS = ("compare", "corpus")  # result ids of the pages over several reports
_NUMERALS = dict(zip(range(2, 11), "两三四五六七八九十"))


def gap_label(first: int | None, last: int | None) -> str:
    """The label of a comparison whose two years are not consecutive (empty when they are): the
    report of year N+1 reviews year N, so only consecutive reports are judged."""
    if not first or not last or last - first <= 1:
        return ""
    gap = last - first
    return f"相隔{_NUMERALS.get(gap, str(gap))}年：只列目标，不作判定"


def _quoted(row: dict) -> str:
    from ..notebook import quoted_figure

    return quoted_figure(str(row.get("surface") or ""), str(row.get("qualifier_text") or ""), str(row.get("change") or "none"))


def headline_pair(folder: Path, key: str = "gdp") -> tuple[str, str]:
    """(this year's target, last year's growth) of one indicator, as the report writes them, from the
    report's saved headline table; empty strings where the table or the figure is missing."""
    import csv  # not pandas: a rerun that changed nothing imports neither it nor the font cutter

    try:
        with open(folder / "data" / "targets.csv", encoding="utf-8-sig", newline="") as f:
            table = list(csv.DictReader(f))
    except (OSError, ValueError, csv.Error):
        return "", ""
    rows = [r for r in table if r.get("indicator_key") == key and r.get("base_unit") == "%"]
    target = next((_quoted(r) for r in rows if r.get("period") == "target"), "")
    actual = next((_quoted(r) for r in rows if r.get("period") == "actual" and r.get("change") in ("increase", "decrease")), "")
    return target, actual


def _report_rows(results: Sequence[Any], out: Path) -> list[dict]:
    rows = []
    for r in results:
        if r.error or not r.pages or r.report_id in GROUPS or getattr(r, "duplicate_of", ""):
            continue
        target, actual = headline_pair(r.pages[0].parent)
        rows.append({"href": relative_href(r.pages[0], out), "text": r.title or r.report_id,
                     "region": getattr(r, "region", ""), "year": getattr(r, "year", None),
                     "target": target, "actual": actual})
    return sorted(rows, key=lambda row: report_key(row["region"], row["year"]))


def _comparison(r: Any, out: Path) -> Link:
    """A comparison's link; its title says when its years are apart (``compare_title``)."""
    return Link(relative_href(r.pages[0], out), r.title)


def overview_page(results: Sequence[Any], out: Path, stale: Sequence[Path] = ()) -> str:
    """``OUT/index.html``: every report in the national order with its GDP target and last year's
    growth, every comparison, the duplicates, the failures, and the stale folders."""
    reports = _report_rows(results, out)
    comparisons = [_comparison(r, out) for r in results
                   if not r.error and r.pages and r.report_id in GROUPS]
    failed = [(r.title or Path(r.source).name, r.error) for r in results if r.error]
    duplicates = [(Path(r.source).name, Path(r.duplicate_of).name, WHY[r.duplicate_why][1])
                  for r in results if getattr(r, "duplicate_of", "")]
    return render("run_index.html.j2", title="报告目录", reports=reports, comparisons=comparisons, failed=failed,
                  duplicates=duplicates, stale=[relative_href(p, out) for p in stale], nav=None)


# ---------------------------------------------------------------- folders of earlier runs

def stale_folders(out: Path, built: Sequence[Path]) -> list[Path]:
    """Folders in ``out`` that an earlier run built (they hold its stamp) and this run did not: their
    input is not among this run's (it was removed, renamed, or left out)."""
    keep = {Path(p).resolve() for p in built}
    candidates = [p for p in sorted(out.iterdir()) if p.is_dir() and not p.name.startswith(".")] if out.is_dir() else []
    compare = out / "compare"
    if compare.resolve() not in keep and compare.is_dir():  # a run with several series: one folder each
        candidates += [p for p in sorted(compare.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    stale = []
    for folder in candidates:
        if folder.resolve() in keep or any(folder.resolve() in k.parents for k in keep):
            continue
        if _stamped(folder):
            stale.append(folder)
    return stale


def _stamped(folder: Path) -> bool:
    try:
        return isinstance(json.loads((folder / STAMP).read_text(encoding="utf-8")), dict)
    except (OSError, ValueError):
        return False


def prune(folders: Sequence[Path]) -> list[Path]:
    """Remove the stale ``folders`` (each holds an earlier run's stamp); return those removed."""
    removed = []
    for folder in folders:
        if _stamped(folder):
            shutil.rmtree(folder)
            removed.append(folder)
    return removed
