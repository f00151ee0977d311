"""Processed report folders (what ``zjtext process`` writes) as the views read them: metadata, tables
with text columns as text, and — through :mod:`zjtext.match` — each report's headline rows, results
and last year's targets judged by it. Reading only: nothing here segments or extracts.

>>> read_processed("no/such/folder")
[]
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from .indicators import indicator_key

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ProcessedReport", "Reads", "by_region_year", "column_types", "headline_rows", "read_processed", "read_rows",
           "read_table", "read_tracking", "tracking_rows", "tracking_table"]

#: Columns of the processed tables that hold text: read as text, an empty cell as "" (a column
#: that is empty in every row would otherwise be read as numbers, all NaN).
TEXT_COLUMNS = frozenset({
    "report_id", "kind", "section", "top_section", "text", "keyword", "term", "token", "sentence", "indicator",
    "indicator_key", "surface", "unit", "base_unit", "category", "qualifier", "qualifier_text", "change", "period",
    "target", "actual", "actual_indicator", "verdict", "reason_code", "reason_params", "reason", "scope",
    "target_sentence", "actual_sentence", "previous_report_id",
})
#: Columns that hold measured numbers: read as floats even when every cell is whole or empty.
FLOAT_COLUMNS = frozenset({"number", "multiplier", "value", "value_max", "per_10k", "target_value", "target_value_max",
                           "actual_value", "match_score"})
#: Tables where a column of :data:`TEXT_COLUMNS` means something else (``sentence``: a sentence's number).
_NOT_TEXT = {"tokens": {"sentence"}, "sentences": {"sentence"}}


@dataclass(frozen=True)
class ProcessedReport:
    """One processed report folder: its metadata and where its tables are."""

    report_id: str
    region: str
    year: int | None
    title: str
    folder: Path

    source: str = ""

    def table(self, name: str) -> "pd.DataFrame":
        """One of the report's CSV tables (``targets``, ``keywords`` …): text columns as text (an empty
        cell ""), measures as floats, empty numbers NaN (:func:`column_types`)."""
        from .store import read_csv

        return read_csv(self.folder / f"{name}.csv", dtype=column_types(name))


def column_types(name: str) -> dict:
    """The dtypes the processed table ``name`` is read with: ``str`` for its text columns, ``float``
    for its measures (columns not in the file are ignored by the reader).

    >>> column_types("tokens")["token"], "sentence" in column_types("tokens"), column_types("targets")["value"]
    (<class 'str'>, False, <class 'float'>)
    """
    text = TEXT_COLUMNS - _NOT_TEXT.get(name, set())
    return {**{c: str for c in sorted(text)}, **{c: float for c in sorted(FLOAT_COLUMNS)}}


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
                                   meta.get("title") or "", meta_path.parent, meta.get("source") or ""))
    return sorted(out, key=lambda r: (r.region, r.year or 0, r.report_id))


def headline_rows(report: ProcessedReport) -> "pd.DataFrame":
    """A report's headline table, one row per known indicator, with ``measure`` and the figure as
    ``written``; multi-year figures left out."""
    import pandas as pd

    from .match import measure, one_row_per_indicator, written
    from .match.verdict import cell_text

    df = one_row_per_indicator(read_table(report, "targets"))
    if df.empty:
        return df.assign(measure=pd.Series(dtype=str), written=pd.Series(dtype=str))
    empty = {"change": "none", "qualifier": "none", "qualifier_text": "", "surface": ""}  # what an empty cell means
    df = df.assign(**{c: [cell_text(v) or e for v in df[c]] for c, e in empty.items() if c in df.columns})
    records = df.to_dict("records")
    df = df.assign(measure=[measure(r["base_unit"], r["change"], r["indicator_key"]) for r in records], written=[written(r) for r in records])
    if "multi_year" in df.columns:
        df = df[~df["multi_year"]]
    return df.reset_index(drop=True)


def read_table(rep: ProcessedReport, name: str) -> "pd.DataFrame":
    """A processed table with its text columns as text, ``multi_year`` as booleans, and the
    ``indicator_key`` of every indicator (computed for a table of an older layout without keys)."""
    df = rep.table(name)
    for col in ("indicator_key", "qualifier_text", "surface", "indicator", "sentence"):
        if col in df.columns:
            df[col] = ["" if v is None or v != v else str(v) for v in df[col]]
    if "indicator" in df.columns and ("indicator_key" not in df.columns or not df["indicator_key"].astype(bool).any()):
        df["indicator_key"] = [indicator_key(n) for n in df["indicator"]]
    if "multi_year" in df.columns:
        df["multi_year"] = df["multi_year"].astype(str).str.lower().eq("true")
    return df


class Reads:
    """What :func:`panel` and :func:`series` read of each processed report, read once per call: the
    headline rows, the results table (``results.csv``) and last year's targets judged by it, all
    through :mod:`zjtext.match`. Nothing is extracted or segmented again."""

    def __init__(self) -> None:
        self._seen: dict[tuple, object] = {}

    def _once(self, key: tuple, make):
        if key not in self._seen:
            self._seen[key] = make()
        return self._seen[key]

    def headline(self, rep: ProcessedReport) -> "pd.DataFrame":
        return self._once(("headline", rep.report_id), lambda: headline_rows(rep))

    def targets(self, rep: ProcessedReport) -> list[dict]:
        """The report's targets that tracking judges (:func:`zjtext.match.headline_targets`), with
        ``measure`` and the figure as ``written``."""
        from .match import headline_targets

        return self._once(("targets", rep.report_id), lambda: headline_targets(self.headline(rep)))

    def results(self, rep: ProcessedReport):
        from .match import Results

        return self._once(("results", rep.report_id), lambda: Results(read_table(rep, "results")))

    def tracked(self, old: ProcessedReport, new: ProcessedReport, targets=None) -> "pd.DataFrame":
        """``old``'s targets (or the ``targets`` rows given) judged by ``new``'s results."""
        from .match import track, why_not_judged

        rows = self.targets(old) if targets is None else targets
        return track(rows, self.results(new), why_not_judged(old.year, new.year))


def by_region_year(reports: Sequence[ProcessedReport]) -> dict[str, dict[int, ProcessedReport]]:
    """Reports by region and year, the first of ``reports`` where a region has two of one year."""
    out: dict[str, dict[int, ProcessedReport]] = {}
    for rep in reports:
        if rep.region and rep.year:
            out.setdefault(rep.region, {}).setdefault(rep.year, rep)
    return out


def tracking_table(old: ProcessedReport, new: ProcessedReport) -> "pd.DataFrame":
    """``old``'s headline targets judged by ``new`` (:func:`zjtext.match.track`), from their tables."""
    return Reads().tracked(old, new)


def read_tracking(old: ProcessedReport, new: ProcessedReport) -> "pd.DataFrame | None":
    """``old``'s targets judged by ``new`` as the producer wrote them (``new``'s ``tracking.csv``,
    :data:`zjtext.match.TRACK_COLUMNS`), or None when ``new`` has no current tracking table judging
    ``old``: none, one naming another report, or one older than either report's tables (``old`` was
    processed again since, by a run that did not include ``new``)."""
    from .match import TRACK_COLUMNS

    path = new.folder / "tracking.csv"
    try:
        written = path.stat().st_mtime_ns
        if written < max((r.folder / "meta.json").stat().st_mtime_ns for r in (old, new)):
            return None
    except OSError:
        return None
    df = new.table("tracking")
    if df.empty or not {*TRACK_COLUMNS, "previous_report_id"} <= set(df.columns) \
            or set(df["previous_report_id"]) != {old.report_id}:
        return None  # an empty table names no report: the matcher then says what there is
    return df[TRACK_COLUMNS].reset_index(drop=True)


def read_rows(rep: ProcessedReport, name: str) -> list[dict]:
    """A processed table as plain rows of text (no pandas: what ``zjtext process`` itself reads)."""
    import csv

    with open(rep.folder / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def tracking_rows(old: ProcessedReport, new: ProcessedReport) -> list[tuple]:
    """:func:`tracking_table` as plain rows of :data:`zjtext.match.TRACK_COLUMNS`, read and judged
    without pandas: the ``tracking.csv`` that ``zjtext process`` writes for ``new``."""
    from .match import Results, headline_targets, track_rows, why_not_judged

    return track_rows(headline_targets(read_rows(old, "targets")), Results(read_rows(new, "results")),
                      why_not_judged(old.year, new.year))
