"""Corpus views over processed tables: a panel across regions and a series over years.

Both only read what ``zjtext process`` wrote (``DIR/<id>/meta.json``, ``targets.csv``,
``results.csv``, ``tokens.csv``, ``keywords.csv``, ``slogans.csv``), so 31 regions × 20 years is a
matter of reading CSVs, not of segmenting again; which result answers a target, and the verdict, is
:mod:`zjtext.match`'s (the front pages, ``zjtext compare`` and the charts ask it too).

- :func:`panel`: one row per report × indicator: this year's target (as written, hedge kept), last
  year's result, and last year's target with its verdict when last year's report is there.
- :func:`series`: one row per year × indicator for one region: the target set for year N (report N)
  against the result report N+1 gives for it, with its verdict. Only
  consecutive years are judged; where report N+1 is missing the verdict is empty and ``reason`` says why.
- :func:`keyword_trends`, :func:`term_changes`, :func:`slogan_debuts`: how the wording moves over years.

>>> [c for c in PANEL_COLUMNS][:6]
['report_id', 'region', 'year', 'indicator_key', 'indicator', 'target']
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .indicators import display_name, vocabulary
from .processed import (ProcessedReport, Reads, by_region_year, headline_rows, read_processed,  # noqa: F401 (public here too)
                        tracking_table)

if TYPE_CHECKING:
    import pandas as pd

    from .report import Report

__all__ = [
    "PANEL_COLUMNS", "SERIES_COLUMNS", "ProcessedReport", "read_processed", "headline_rows", "panel",
    "panel_wide", "series", "keyword_trends", "term_changes", "slogan_debuts", "processed_reports",
    "series_region", "series_notes",
]

PANEL_COLUMNS = [
    "report_id", "region", "year", "indicator_key", "indicator", "target", "target_value", "target_value_max",
    "qualifier", "unit", "measure", "actual_year", "actual", "actual_value", "last_target", "verdict", "reason_code",
    "reason", "target_as_written", "actual_as_written",
]
SERIES_COLUMNS = [
    "region", "year", "indicator_key", "indicator", "target", "target_value", "target_value_max", "qualifier",
    "unit", "measure", "report_id", "result_report_id", "actual", "actual_value", "verdict", "reason_code", "reason",
]
#: What a headline figure measures, from its unit and direction (:func:`zjtext.match.measure`).
MEASURES = ("growth", "rate", "points", "level")


# ---------------------------------------------------------------- panel across regions

def panel(reports: Sequence[ProcessedReport], progress: bool = False) -> "pd.DataFrame":
    """One row per report × indicator: this year's target and last year's result (tidy, long).

    ``target`` and ``actual`` are as written (hedge kept: ``5%左右``, ``6.5%－7%``, ``下降3%``);
    ``target_value``/``target_value_max`` bound a range; values are signed (a fall, 下降3%, is -3).
    Last year's result for a targeted indicator is the one target tracking judges the target by
    (:func:`zjtext.match.indicator_rows`). When last year's report of the region is among
    ``reports``, ``last_target`` is last year's target and ``verdict`` the verdict on it, beside the
    result it was judged on (so a verdict always stands with the target it judges); else both are
    empty. Rows are ordered by vocabulary order, then region and year.
    """
    import pandas as pd

    from .match import indicator_rows

    reads = Reads()
    by = by_region_year(reports)
    order = {key: i for i, key in enumerate(vocabulary())}
    rows = []
    for rep in _progress(reports, progress, "panel"):
        prev = by.get(rep.region, {}).get((rep.year or 0) - 1)
        tracked = reads.tracked(prev, rep) if prev is not None else None
        for r in indicator_rows(reads.headline(rep), reads.results(rep), tracked):
            if r["indicator_key"] in order:
                name = display_name(r["indicator_key"], region=rep.region)
                rows.append((rep.report_id, rep.region, rep.year, r["indicator_key"], name,
                              *(r[c] for c in PANEL_COLUMNS[5:11]), (rep.year - 1) if rep.year else None,
                              *(r[c] for c in PANEL_COLUMNS[12:])))
    df = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    df["_o"] = df["indicator_key"].map(order)
    df = df.sort_values(["_o", "region", "year", "report_id"], kind="stable").drop(columns="_o")
    return df.reset_index(drop=True)


def panel_wide(panel_df: "pd.DataFrame", keys: Sequence[str] | None = None, top: int | None = None) -> "pd.DataFrame":
    """The readable form of :func:`panel`: one row per report (地区, 年份), two columns per indicator
    (``<name> 目标``, ``<name> 上年实绩``); ``keys`` picks and orders the indicators (default: every
    indicator that at least one report targets, or the ``top`` most targeted, in vocabulary order)."""
    import pandas as pd

    if keys is None:
        targeted = panel_df[panel_df["target"] != ""]
        keys = list(dict.fromkeys(targeted["indicator_key"]))
        if top is not None:
            counts = targeted["indicator_key"].value_counts()
            chosen = set(sorted(keys, key=lambda k: (-counts[k], keys.index(k)))[:top])
            keys = [k for k in keys if k in chosen]
    reports = panel_df.drop_duplicates("report_id")[["report_id", "region", "year"]]
    out = reports.rename(columns={"region": "地区", "year": "年份"}).set_index("report_id")
    for key in keys:
        part = panel_df[panel_df["indicator_key"] == key].set_index("report_id")
        name = display_name(key, key)
        out[f"{name} 目标"] = part["target"].reindex(out.index).fillna("")
        out[f"{name} 上年实绩"] = part["actual"].reindex(out.index).fillna("")
    return out.sort_values(["地区", "年份"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- series over years

def series(reports: Sequence[ProcessedReport], progress: bool = False) -> "pd.DataFrame":
    """Targets of year N against the results report N+1 gives for them, per region, year and indicator.

    ``year`` is the year the target was set for. For each indicator the target that stands for it
    (:func:`zjtext.match.pick`) is judged by :func:`zjtext.match.track` (the same verdict as
    ``zjtext compare`` gives that target), from the processed tables: nothing is extracted again.
    The verdict is empty, with a ``reason``, when report N+1 is not among ``reports``.
    """
    import pandas as pd

    from .match import pick

    reads = Reads()
    order = {key: i for i, key in enumerate(vocabulary())}
    by = by_region_year(reports)
    rows = []
    for region in sorted(by):
        for year in sorted(by[region]):
            rep, nxt = by[region][year], by[region].get(year + 1)
            keyed = [t for t in reads.targets(rep) if t["indicator_key"] in order]
            picked = [pick([t for t in keyed if t["indicator_key"] == k], k)
                      for k in sorted({t["indicator_key"] for t in keyed}, key=order.get)]
            tracked = reads.tracked(rep, nxt, picked).to_dict("records") if nxt is not None and picked else [None] * len(picked)
            rows += [_series_row(region, year, t, rep, nxt, r) for t, r in zip(picked, tracked)]
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def _series_row(region, year, t, rep, nxt, r) -> tuple:
    """One row of the series: target ``t`` of ``rep`` and its tracking row ``r`` (None: not judged)."""
    from .match import Verdict, signed

    if r is None:
        r = {"actual": "", "actual_value": None, "verdict": "",
             "reason_code": "no_next_report", "reason": Verdict("", "no_next_report", {"next": year + 1, "year": year}).reason()}
    key = t["indicator_key"]
    return (region, year, key, display_name(key, region=region), t["written"], signed(t["value"], t["change"]),
            signed(t["value_max"], t["change"]), t["qualifier"], t["base_unit"], t["measure"], rep.report_id,
            nxt.report_id if nxt else "", r["actual"], _number(r["actual_value"]), r["verdict"], r["reason_code"],
            r["reason"])


def _number(value) -> float | None:
    from .match import num

    return num(value)


# ---------------------------------------------------------------- wording over years

def keyword_trends(reports: Sequence[ProcessedReport], terms: Sequence[str]) -> "pd.DataFrame":
    """How often each term occurs in each report, as a token of the body and per 10k Chinese
    characters of the body — the definition of ``keywords.csv`` (:func:`zjtext.keywords.term_frequencies`),
    so a trend and the keyword tables give one number: columns ``report_id, region, year, term, count, per_10k``.
    """
    import pandas as pd

    from .keywords import term_frequencies
    from .process import read_tokens

    frames = [term_frequencies(read_tokens(rep.folder), terms).assign(report_id=rep.report_id, region=rep.region,
                                                                       year=rep.year) for rep in reports]
    columns = ["report_id", "region", "year", "term", "count", "per_10k"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def term_changes(reports: Sequence[ProcessedReport], top: int = 10, min_count: int = 5) -> "pd.DataFrame":
    """The keywords that rose or fell most from the first to the last report (``per_10k`` of their
    keyword tables, the definition :func:`keyword_trends` uses), at least ``min_count`` times in one of them: ``term, first, last, change, direction``.
    Ties are sorted by term."""
    import pandas as pd

    ordered = sorted(reports, key=lambda r: (r.year or 0, r.report_id))
    if len(ordered) < 2:
        return pd.DataFrame(columns=["term", "first", "last", "change", "direction"])
    first, last = (ordered[0].table("keywords"), ordered[-1].table("keywords"))
    a = first.set_index("keyword")
    b = last.set_index("keyword")
    terms = sorted(set(a.index[a["count"] >= min_count]) | set(b.index[b["count"] >= min_count]))
    rows = []
    for term in terms:
        x = float(a["per_10k"].get(term, 0.0))
        y = float(b["per_10k"].get(term, 0.0))
        rows.append((term, x, y, round(y - x, 2)))
    df = pd.DataFrame(rows, columns=["term", "first", "last", "change"])
    rose = df[df["change"] > 0].sort_values(["change", "term"], ascending=[False, True]).head(top)
    fell = df[df["change"] < 0].sort_values(["change", "term"], ascending=[True, True]).head(top)
    return pd.concat([rose.assign(direction="rose"), fell.assign(direction="fell")], ignore_index=True)


def slogan_debuts(reports: Sequence[ProcessedReport]) -> "pd.DataFrame":
    """For each quoted slogan of the series, the first year (report) it appears in and how many
    reports use it: ``term, first_year, first_report, reports``, newest debuts first."""
    import pandas as pd

    seen: dict[str, list] = {}
    for rep in sorted(reports, key=lambda r: (r.year or 0, r.report_id)):
        for term in sorted(set(rep.table("slogans")["term"].astype(str))):
            entry = seen.setdefault(term, [rep.year, rep.report_id, 0])
            entry[2] += 1
    df = pd.DataFrame([(t, *v) for t, v in seen.items()], columns=["term", "first_year", "first_report", "reports"])
    return df.sort_values(["first_year", "reports", "term"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


def _progress(items: Sequence, enabled: bool, what: str):
    """Items, with a progress bar on a terminal for long work."""
    import sys

    if not enabled or len(items) < 20 or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="report", file=sys.stderr)


# ---------------------------------------------------------------- from report files (CLI)

def processed_reports(paths: Sequence[Path | str], processed: Path | str | None = None, jobs: int | None = None,
                      progress: bool = False, read_only: bool = False) -> tuple[list[ProcessedReport], list[str]]:
    """Process the report files (skipping those already current in ``processed``) and return their
    processed folders, with the one-line errors of the files that failed. With ``processed`` None the
    tables go to a temporary folder removed when the process ends (a notebook then writes nothing).

    ``read_only``: ``processed`` is what the one producer (``zjtext run``'s ``process`` pass) wrote
    for these files: its folders are read and nothing is processed; a file without a folder there is
    reported as an error."""
    from .process import process
    from .report import report_id_for

    if read_only and processed is not None:
        ids = [report_id_for(Path(p)) for p in paths]
        found = read_processed(processed, ids)
        have = {r.report_id for r in found}
        return found, [f"{p}: not among the processed tables in {processed}" for p, i in zip(paths, ids) if i not in have]
    if processed is None:
        processed = _temporary_folder()
    results = process(paths, out=processed, jobs=jobs, progress=progress)
    errors = [r.error for r in results if r.status == "failed"]
    ids = [r.report_id for r in results if r.status != "failed"]
    return read_processed(processed, ids), errors


def _temporary_folder() -> Path:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="zjtext-views-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def series_region(reports: Sequence[ProcessedReport]) -> str | None:
    """The region with reports of the most years (ties: by name), or None when no region has two.

    >>> series_region([]) is None
    True
    """
    years: dict[str, set] = {}
    for rep in reports:
        if rep.region and rep.year:
            years.setdefault(rep.region, set()).add(rep.year)
    ranked = sorted(((-len(y), region) for region, y in years.items() if len(y) >= 2))
    return ranked[0][1] if ranked else None


def series_notes(reports: Sequence[ProcessedReport], lang: str = "en") -> list[str]:
    """Why a series gives no verdicts, in one line each (``lang``: en or zh): one report only, years not
    consecutive; and which report it reads where a region has two of one year (the first of ``reports``).

    >>> series_notes([]), series_notes([], "zh")
    (['no reports: a series needs reports of consecutive years of one region'], ['没有报告：序列需要同一地区连续年份的报告'])
    """
    from .match import wording

    if not reports:
        return [wording("no_reports", lang=lang)]
    notes = []
    by_region: dict[str, list[int]] = {}
    same_year: dict[tuple[str, int], list[str]] = {}
    for rep in reports:
        by_region.setdefault(rep.region or "?", []).append(rep.year or 0)
        if rep.region and rep.year:
            same_year.setdefault((rep.region, rep.year), []).append(rep.report_id)
    for (region, year), ids in sorted(same_year.items()):
        if len(ids) > 1:  # the series reads the first (as series does); say which, and which not
            notes.append(wording("same_year_reports", {"region": region, "year": year, "n": len(ids),
                                                       "ids": ", ".join(ids), "used": ids[0]}, lang))
    for region, years in sorted(by_region.items()):
        years = sorted(set(years))
        if not any(b == a + 1 for a, b in zip(years, years[1:])):
            shown = "、".join(str(y) for y in years)
            notes.append(wording("not_consecutive", {"region": region, "years": shown}, lang))
    return notes
