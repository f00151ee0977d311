"""Corpus scale: process many reports into tidy CSV tables, using every core, doing work once.

For each report: load, segment, count keywords, extract metrics, and write
``DIR/<report_id>/{paragraphs,tokens,keywords,slogans,metrics,targets}.csv`` plus ``meta.json``;
then the corpus tables ``DIR/corpus_metrics.csv`` and ``DIR/corpus_keywords.csv`` (long format,
with report_id, region and year). A report whose input bytes and zjtext version are unchanged since
its last run is skipped unless ``force``; results do not depend on the number of jobs.

>>> stamp_of(b"abc")["sha256"][:12]
'ba7816bf8f01'
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from . import __version__
from .paths import PROCESSED_DIR, report_files
from .report import ReportError, load_report
from .store import read_csv, write_csv, write_text

TABLES = ("paragraphs", "tokens", "keywords", "slogans", "metrics", "targets")
STAMP = "meta.json"


@dataclass
class ProcessResult:
    """One report's outcome: written, skipped as unchanged, or failed with a one-line error."""

    source: str
    report_id: str = ""
    status: str = ""  # processed | unchanged | failed
    error: str = ""


def stamp_of(data: bytes) -> dict:
    """What decides whether a report must be processed again: its bytes and the zjtext version."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "zjtext": __version__}


def _is_current(folder: Path, stamp: dict) -> bool:
    meta = folder / STAMP
    if not meta.exists() or not all((folder / f"{t}.csv").exists() for t in TABLES):
        return False
    try:
        saved = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(saved.get(k) == v for k, v in stamp.items())


def report_tables(report) -> dict:
    """Every processed table of one report, as DataFrames keyed by table name."""
    from .keywords import keyword_table, slogans
    from .metrics import extract_metrics, headline
    from .segment import tokens
    from .tables import paragraphs_table

    toks = tokens(report)
    return {
        "paragraphs": paragraphs_table(report),
        "tokens": toks,
        "keywords": keyword_table(toks),
        "slogans": slogans(report),
        "metrics": extract_metrics(report),
        "targets": headline(report),
    }


def process_report(path: Path | str, out: Path | str | None = None, force: bool = False) -> ProcessResult:
    """Process one report file into ``out/<report_id>/``; errors are returned, not raised."""
    path, out = Path(path), Path(out or PROCESSED_DIR)
    result = ProcessResult(source=str(path))
    try:
        data = path.read_bytes() if path.is_file() else b""
        stamp = stamp_of(data)
        report = load_report(path)
        result.report_id = report.report_id
        folder = out / report.report_id
        if not force and _is_current(folder, stamp):
            result.status = "unchanged"
            return result
        for name, df in report_tables(report).items():
            write_csv(df, folder / f"{name}.csv")
        meta = {**stamp, "report_id": report.report_id, "region": report.meta.region, "year": report.meta.year,
                "title": report.meta.title, "date": report.meta.date, "source": report.meta.source}
        write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", folder / STAMP)
        result.status = "processed"
    except ReportError as err:
        result.status, result.error = "failed", str(err)
    except Exception as err:  # one bad report must not stop the corpus
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        result.status, result.error = "failed", f"{path}: {reason}"
    return result


def _worker(args: tuple[str, str, bool]) -> ProcessResult:
    return process_report(Path(args[0]), Path(args[1]), args[2])


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given and the report files inside folders, de-duplicated, in a stable order."""
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(report_files(p) if p.is_dir() else [p])
    return list(dict.fromkeys(found))


def process(paths: Iterable[Path | str], out: Path | str | None = None, jobs: int | None = None,
            force: bool = False, progress: bool = True) -> list[ProcessResult]:
    """Process reports (in parallel processes when ``jobs`` > 1) and write the corpus tables."""
    from tqdm.auto import tqdm

    files = expand(paths)
    out = Path(out or PROCESSED_DIR)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    tasks = [(str(f), str(out), force) for f in files]
    with tqdm(total=len(tasks), disable=not progress, unit="report", file=sys.stderr, dynamic_ncols=True) as bar:
        if jobs == 1:
            results = []
            for t in tasks:
                bar.set_description(Path(t[0]).name)
                results.append(_worker(t))
                bar.update(1)
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = []
                for res in pool.map(_worker, tasks, chunksize=1):
                    bar.set_description(res.report_id or Path(res.source).name)
                    results.append(res)
                    bar.update(1)
    write_corpus_tables(out, [r.report_id for r in results if r.status != "failed"])
    return results


def write_corpus_tables(out: Path, report_ids: Sequence[str]) -> None:
    """``corpus_metrics.csv`` and ``corpus_keywords.csv``: every report's rows with region and year."""
    import pandas as pd

    for table, name in (("metrics", "corpus_metrics.csv"), ("keywords", "corpus_keywords.csv")):
        frames = []
        for rid in sorted(set(report_ids)):
            folder = out / rid
            meta = json.loads((folder / STAMP).read_text(encoding="utf-8"))
            df = read_csv(folder / f"{table}.csv")
            df = df.drop(columns=[c for c in ("report_id",) if c in df.columns])
            df.insert(0, "year", meta.get("year"))
            df.insert(0, "region", meta.get("region"))
            df.insert(0, "report_id", rid)
            frames.append(df)
        if frames:
            write_csv(pd.concat(frames, ignore_index=True), out / name)


def process_command(paths: Sequence[str], out: Path | None = None, jobs: int | None = None, force: bool = False) -> int:
    """``zjtext process``: a summary line, then one ``error:`` line per failed report; exit status."""
    results = process(paths, out, jobs, force, progress=True)
    counts = {s: sum(r.status == s for r in results) for s in ("processed", "unchanged", "failed")}
    print(f"{counts['processed']} processed, {counts['unchanged']} unchanged, {counts['failed']} failed "
          f"-> {out or PROCESSED_DIR}")
    for r in results:
        if r.error:
            print(f"error: {r.error}", file=sys.stderr)
    return 1 if counts["failed"] or not results else 0
