"""Corpus views over processed tables: a panel across regions and a series over years.

Both start from what ``zjtext process`` wrote (``DIR/<id>/meta.json``, ``targets.csv``,
``keywords.csv``, ``paragraphs.csv``, ``slogans.csv``), so 31 regions × 20 years is a matter of
reading CSVs, not of segmenting again. Both join on the indicator vocabulary (:mod:`zjtext.indicators`).

- :func:`panel`: one row per report × indicator: this year's target (as written, hedge kept) and last
  year's result, from the same report's headline table.
- :func:`series`: one row per year × indicator for one region: the target set for year N (report N)
  against the result report N+1 gives for it, with the verdict of :mod:`zjtext.compare`. Only
  consecutive years are judged; where report N+1 is missing the verdict is empty and ``reason`` says why.
- :func:`keyword_trends`, :func:`term_changes`, :func:`slogan_debuts`: how the wording moves over years.

>>> [c for c in PANEL_COLUMNS][:6]
['report_id', 'region', 'year', 'indicator_key', 'indicator', 'target']
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .indicators import display_name, indicator_key, lookup, vocabulary

if TYPE_CHECKING:
    import pandas as pd

    from .report import Report

__all__ = [
    "PANEL_COLUMNS", "SERIES_COLUMNS", "ProcessedReport", "read_processed", "headline_rows", "panel",
    "panel_wide", "series", "keyword_trends", "term_changes", "slogan_debuts", "measure_of", "processed_reports",
    "series_region", "series_notes",
]

PANEL_COLUMNS = [
    "report_id", "region", "year", "indicator_key", "indicator", "target", "target_value", "target_value_max",
    "qualifier", "unit", "measure", "actual_year", "actual", "actual_value", "verdict", "target_as_written",
    "actual_as_written",
]
SERIES_COLUMNS = [
    "region", "year", "indicator_key", "indicator", "target", "target_value", "target_value_max", "qualifier",
    "unit", "measure", "report_id", "result_report_id", "actual", "actual_value", "verdict", "reason",
]
#: What a headline figure measures, from its unit and direction (see :func:`measure_of`).
MEASURES = ("growth", "rate", "points", "level")
_KIND_MEASURE = {"growth": "growth", "index": "growth", "rate": "rate", "level": "level"}


@dataclass(frozen=True)
class ProcessedReport:
    """One processed report folder: its metadata and where its tables are."""

    report_id: str
    region: str
    year: int | None
    title: str
    folder: Path

    def table(self, name: str) -> "pd.DataFrame":
        """One of the report's CSV tables (``targets``, ``keywords`` …), read as text-safe columns."""
        import pandas as pd

        path = self.folder / f"{name}.csv"
        return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""], dtype={"surface": str})


def read_processed(folder: Path | str, report_ids: Iterable[str] | None = None) -> list[ProcessedReport]:
    """The processed reports under ``folder`` (every ``<id>/meta.json``), sorted by region, year, id.

    >>> read_processed("no/such/folder")
    []
    """
    root = Path(folder)
    wanted = set(report_ids) if report_ids is not None else None
    out = []
    for meta_path in sorted(root.glob("*/meta.json")) if root.is_dir() else []:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        rid = meta.get("report_id") or meta_path.parent.name
        if wanted is not None and rid not in wanted:
            continue
        year = meta.get("year")
        out.append(ProcessedReport(rid, meta.get("region") or "", int(year) if year else None,
                                   meta.get("title") or "", meta_path.parent))
    return sorted(out, key=lambda r: (r.region, r.year or 0, r.report_id))


# ---------------------------------------------------------------- headline rows, keyed

def measure_of(base_unit: str, change: str) -> str:
    """What a figure measures: a change in percent (``growth``), a percent level such as a rate or
    share (``rate``), percentage points (``points``) or an amount, count or quantity (``level``).

    >>> measure_of("%", "increase"), measure_of("%", "none"), measure_of("个百分点", "none"), measure_of("元", "none")
    ('growth', 'rate', 'points', 'level')
    """
    unit = str(base_unit or "")
    if unit in ("%", "％"):
        return "growth" if change in ("increase", "decrease") else "rate"
    if unit.endswith("百分点"):
        return "points"
    return "level"


def headline_rows(report: ProcessedReport) -> "pd.DataFrame":
    """A report's headline table with ``indicator_key``, ``measure`` and the figure as written."""
    from .compare import one_row_per_indicator

    return _headline_view(one_row_per_indicator(_read_table(report, "targets")))


def _headline_view(targets: "pd.DataFrame") -> "pd.DataFrame":
    """The headline table as the panel and series read it (a new frame: *targets*, already one row
    per known indicator (:func:`zjtext.compare.one_row_per_indicator`), is left as it is): each
    figure's ``measure`` and how it is ``written``; multi-year figures left out."""
    import pandas as pd

    from .compare import as_written

    if targets.empty:
        return targets.assign(indicator_key=pd.Series(dtype=str), measure=pd.Series(dtype=str),
                              written=pd.Series(dtype=str))
    df = targets.fillna({"change": "none", "qualifier": "none", "qualifier_text": "", "surface": ""})
    df = df.assign(measure=[measure_of(u, c) for u, c in zip(df["base_unit"], df["change"])],
                   written=[as_written(s, q, c) for s, q, c in zip(df["surface"], df["qualifier_text"], df["change"])])
    if "multi_year" in df.columns:
        df = df[~df["multi_year"]]
    return df.reset_index(drop=True)


def _pick(rows: "pd.DataFrame", key: str) -> "pd.Series | None":
    """The row that stands for an indicator: the one whose measure is the indicator's usual one
    (GDP: growth, not the level), else the first in reading order."""
    if rows.empty:
        return None
    entry = lookup(key)
    usual = _KIND_MEASURE.get(entry.kind if entry else "", "")
    preferred = rows[rows["measure"] == usual]
    return (preferred if not preferred.empty else rows).iloc[0]


def _signed(value, change: str) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    if v != v:
        return None
    return -v if change == "decrease" else v


def _number(value) -> float | None:
    return _signed(value, "none")


# ---------------------------------------------------------------- panel across regions

def panel(reports: Sequence[ProcessedReport], progress: bool = False) -> "pd.DataFrame":
    """One row per report × indicator: this year's target and last year's result (tidy, long).

    ``target`` and ``actual`` are as written (hedge kept: ``5%左右``, ``6.5%－7%``, ``下降3%``);
    ``target_value``/``target_value_max`` bound a range; values are signed (a fall, 下降3%, is -3).
    ``verdict`` judges last year's target for the indicator when last year's report of the region is
    among ``reports`` (as :func:`series` does), else it is empty.
    Last year's result for a targeted indicator is the one target tracking would judge the target by
    (same indicator, unit and measure; the headline block first, then the rest of the review; never a
    base value or a multi-year figure). Rows are ordered by vocabulary order, then region and year.
    """
    import pandas as pd

    from .compare import in_step_with_economy, result_for, year_results

    reads = _Reads()
    order = {key: i for i, key in enumerate(vocabulary())}
    rows = []
    for rep in _progress(reports, progress, "panel"):
        head = reads.headline(rep)
        keyed = head[head["indicator_key"] != ""] if not head.empty else head
        results = None
        for key in sorted(set(keyed["indicator_key"]) if not keyed.empty else (), key=order.get):
            mine = keyed[keyed["indicator_key"] == key]
            t = _pick(mine[mine["period"] == "target"], key)
            measure = t["measure"] if t is not None else None
            if t is not None and _number(t["value"]) is None and in_step_with_economy(str(t["surface"])):
                measure = "growth"  # 与经济增长同步: the result to show is the indicator's growth
            actuals = mine[mine["period"] == "actual"]
            a = _pick(actuals[actuals["measure"] == measure] if measure else actuals, key)
            if t is not None and a is None:  # the review beyond the headline block, as target tracking reads it
                if results is None:
                    metrics, targets = reads.extracted(rep)
                    results = year_results(reads.report(rep), metrics, targets, (rep.year - 1) if rep.year else None)
                found = result_for(results, key, t["indicator"], t["base_unit"], t["change"], t["surface"])
                a = _result_row(found) if found is not None else None
            rows.append(_panel_row(rep, key, t, a))
    df = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    df["verdict"] = _last_years_verdicts(reports, df, reads)
    df["_o"] = df["indicator_key"].map(order)
    df = df.sort_values(["_o", "region", "year", "report_id"], kind="stable").drop(columns="_o")
    return df.reset_index(drop=True)


def _last_years_verdicts(reports: Sequence[ProcessedReport], df: "pd.DataFrame", reads: "_Reads") -> list[str]:
    """For each panel row, the verdict on last year's target for the indicator, when last year's report
    of the region is among ``reports`` (the series' verdict), else ''."""
    years = {(r.region, r.year) for r in reports if r.region and r.year}
    if not any((region, year - 1) in years for region, year in years):
        return [""] * len(df)
    pairs = [r for r in reports if (r.region, (r.year or 0) - 1) in years or (r.region, (r.year or 0) + 1) in years]
    judged = _series(pairs, False, reads)
    verdicts = {(r.region, r.year + 1, r.indicator_key): r.verdict for r in judged.itertuples(index=False)}
    return [verdicts.get((region, year, key), "") for region, year, key in zip(df["region"], df["year"], df["indicator_key"])]


def _result_row(row) -> dict:
    """A metrics row found by target tracking, in the shape of a headline row."""
    change = str(getattr(row, "change", "none") or "none")
    from .compare import as_written

    return {"written": as_written(row.surface, getattr(row, "qualifier_text", ""), change), "value": row.value,
            "change": change, "indicator": row.indicator, "base_unit": row.base_unit,
            "measure": measure_of(row.base_unit, change)}


def _panel_row(rep: ProcessedReport, key: str, t, a) -> tuple:
    return (
        rep.report_id, rep.region, rep.year, key, display_name(key, region=rep.region),
        t["written"] if t is not None else "", _signed(t["value"], t["change"]) if t is not None else None,
        _signed(t["value_max"], t["change"]) if t is not None else None, t["qualifier"] if t is not None else "",
        (t if t is not None else a)["base_unit"], (t if t is not None else a)["measure"],
        (rep.year - 1) if rep.year else None,
        a["written"] if a is not None else "", _signed(a["value"], a["change"]) if a is not None else None, "",
        t["indicator"] if t is not None else "", a["indicator"] if a is not None else "",
    )


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

def report_of(rep: ProcessedReport) -> "Report":
    """The report rebuilt from its processed tables (``meta.json``, ``paragraphs.csv``): what target
    tracking reads of it (paragraph texts, kinds, section paths, sentences), without the source file."""
    from .clean import split_sentences
    from .report import Paragraph, Report, ReportMeta
    from .tables import SECTION_SEP

    meta = json.loads((rep.folder / "meta.json").read_text(encoding="utf-8"))
    paras = rep.table("paragraphs").fillna({"section": "", "text": ""})
    paragraphs = tuple(
        Paragraph(int(r.paragraph), str(r.text), str(r.kind), tuple(s for s in str(r.section).split(SECTION_SEP) if s),
                  "", split_sentences(str(r.text)))
        for r in paras.itertuples(index=False)
    )
    return Report(ReportMeta(rep.report_id, title=rep.title, year=rep.year, region=rep.region,
                             date=meta.get("date"), source=meta.get("source", "")), paragraphs)


def _extracted(rep: ProcessedReport) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """The report's ``metrics`` and headline (``targets``) tables as target tracking reads them: text
    columns as text, and the headline with one row per known indicator."""
    from .compare import one_row_per_indicator

    return _read_table(rep, "metrics"), one_row_per_indicator(_read_table(rep, "targets"))


def _read_table(rep: ProcessedReport, name: str) -> "pd.DataFrame":
    """A processed table with its text columns as text, ``multi_year`` as booleans, and the
    ``indicator_key`` of every indicator (computed for a table of an older layout without keys)."""
    df = rep.table(name)
    for col in ("indicator_key", "qualifier_text", "surface", "indicator", "sentence"):
        if col in df.columns:
            df[col] = df[col].fillna("").astype(str)
    if "indicator" in df.columns and ("indicator_key" not in df.columns or not df["indicator_key"].astype(bool).any()):
        df["indicator_key"] = [indicator_key(n) for n in df["indicator"]]
    if "multi_year" in df.columns:
        df["multi_year"] = df["multi_year"].astype(str).str.lower().eq("true")
    return df


class _Reads:
    """What :func:`panel` and :func:`series` read of each processed report, read once per call (the
    panel's verdicts come from a series over the same reports): the headline rows, the extracted
    tables and the report rebuilt from its paragraphs. Callers only read what it returns."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], object] = {}

    def _once(self, what: str, rep: ProcessedReport, make):
        key = (what, rep.report_id)
        if key not in self._seen:
            self._seen[key] = make(rep)
        return self._seen[key]

    def headline(self, rep: ProcessedReport) -> "pd.DataFrame":
        return self._once("headline", rep, lambda r: _headline_view(self.extracted(r)[1]))

    def extracted(self, rep: ProcessedReport) -> tuple["pd.DataFrame", "pd.DataFrame"]:
        return self._once("extracted", rep, _extracted)

    def report(self, rep: ProcessedReport) -> "Report":
        return self._once("report", rep, report_of)


def series(reports: Sequence[ProcessedReport], progress: bool = False) -> "pd.DataFrame":
    """Targets of year N against the results report N+1 gives for them, per region, year and indicator.

    ``year`` is the year the target was set for. Each consecutive pair of reports is judged by
    :func:`zjtext.compare.track_targets` (the same verdicts as ``zjtext compare``), from the processed
    tables: nothing is extracted again. The verdict is empty, with a ``reason``, when report N+1 is
    not among ``reports`` (only consecutive years are judged).
    """
    return _series(reports, progress, _Reads())


def _series(reports: Sequence[ProcessedReport], progress: bool, reads: "_Reads") -> "pd.DataFrame":
    import pandas as pd

    from .compare import track_targets

    by_region: dict[str, dict[int, ProcessedReport]] = {}
    for rep in reports:
        if rep.region and rep.year:
            by_region.setdefault(rep.region, {}).setdefault(rep.year, rep)
    wanted = [rep for years in by_region.values() for rep in years.values()]
    tables = {rep.report_id: reads.extracted(rep) for rep in _progress(wanted, progress, "series")}
    order = {key: i for i, key in enumerate(vocabulary())}
    rows = []
    for region in sorted(by_region):
        years = by_region[region]
        for year in sorted(years):
            rep, nxt = years[year], years.get(year + 1)
            head = reads.headline(rep)
            targets = head[head["period"] == "target"].reset_index(drop=True) if not head.empty else head
            # each judged target by its place and key (one clause in words can set two: 能耗和二氧化碳排放…)
            judged: dict[tuple[int, int, str], "pd.Series"] = {}
            if nxt is not None and len(targets):
                tracked = track_targets(reads.report(rep), reads.report(nxt), tables=tables)
                raw = tables[rep.report_id][1]  # the rows track_targets judged, in its order
                raw = raw[raw["period"] == "target"]
                judged = {(int(p), int(s), str(k)): row for (p, s, k), (_, row) in
                          zip(zip(raw["paragraph"], raw["start"], raw["indicator_key"]), tracked.iterrows())}
            keyed = targets[targets["indicator_key"] != ""] if len(targets) else targets
            for key in sorted(set(keyed["indicator_key"]) if len(keyed) else (), key=order.get):
                t = _pick(keyed[keyed["indicator_key"] == key], key)
                r = judged.get((int(t["paragraph"]), int(t["start"]), key))
                rows.append(_series_row(region, year, key, t, rep, nxt, r))
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def _series_row(region, year, key, t, rep, nxt, r) -> tuple:
    """One row of the series: target ``t`` of ``rep`` and its tracking row ``r`` (None: not judged)."""
    actual, value, verdict = "", None, ""
    if nxt is None:
        reason = f"no report of {year + 1} in the series: the result for {year} is not known"
    elif r is None:
        reason = "not tracked"
    else:
        verdict, reason = r["verdict"], r["reason"]
        actual, value = r["actual"], _number(r["actual_value"])
    return (region, year, key, display_name(key, region=region), t["written"], _signed(t["value"], t["change"]),
            _signed(t["value_max"], t["change"]),
            t["qualifier"], t["base_unit"], t["measure"], rep.report_id, nxt.report_id if nxt else "",
            actual, value, verdict, reason)


# ---------------------------------------------------------------- wording over years

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _body_text(rep: ProcessedReport) -> str:
    para = rep.table("paragraphs")
    body = para[para["kind"] != "note"] if "kind" in para.columns else para
    return "\n".join(body["text"].astype(str))


def keyword_trends(reports: Sequence[ProcessedReport], terms: Sequence[str]) -> "pd.DataFrame":
    """How often each term occurs per 10k Chinese characters of each report's body (substring counts,
    so a term is found whatever the segmentation): columns ``report_id, region, year, term, count, per_10k``.

    A term inside a longer term is counted there too (人工智能 in 人工智能+).
    """
    import pandas as pd

    rows = []
    for rep in reports:
        text = _body_text(rep)
        chars = len(_CJK.findall(text)) or 1
        for term in terms:
            n = text.count(term)
            rows.append((rep.report_id, rep.region, rep.year, term, n, round(n * 10000 / chars, 2)))
    return pd.DataFrame(rows, columns=["report_id", "region", "year", "term", "count", "per_10k"])


def term_changes(reports: Sequence[ProcessedReport], top: int = 10, min_count: int = 5) -> "pd.DataFrame":
    """The keywords that rose or fell most from the first to the last report (per 10k characters of
    keyword tables), at least ``min_count`` times in one of them: ``term, first, last, change, direction``.
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
                      progress: bool = False) -> tuple[list[ProcessedReport], list[str]]:
    """Process the report files (skipping those already current in ``processed``) and return their
    processed folders, with the one-line errors of the files that failed. With ``processed`` None the
    tables go to a temporary folder removed when the process ends (a notebook then writes nothing)."""
    from .process import process

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


def series_notes(reports: Sequence[ProcessedReport]) -> list[str]:
    """Why a series gives no verdicts, in one line each: one report only, years not consecutive; and
    which report it reads where a region has two of one year (the first of ``reports``).

    >>> series_notes([])
    ['no reports: a series needs reports of consecutive years of one region']
    """
    if not reports:
        return ["no reports: a series needs reports of consecutive years of one region"]
    notes = []
    by_region: dict[str, list[int]] = {}
    same_year: dict[tuple[str, int], list[str]] = {}
    for rep in reports:
        by_region.setdefault(rep.region or "?", []).append(rep.year or 0)
        if rep.region and rep.year:
            same_year.setdefault((rep.region, rep.year), []).append(rep.report_id)
    for (region, year), ids in sorted(same_year.items()):
        if len(ids) > 1:  # the series reads the first (as _series does); say which, and which not
            notes.append(f"{region} {year}: {len(ids)} reports ({', '.join(ids)}); the series uses {ids[0]}")
    for region, years in sorted(by_region.items()):
        years = sorted(set(years))
        if not any(b == a + 1 for a, b in zip(years, years[1:])):
            shown = "、".join(str(y) for y in years)
            notes.append(f"{region}: reports of {shown} only; the report of year N+1 reviews year N, "
                         "so verdicts need reports of consecutive years")
    return notes
