"""What a run is given, read once: each input's report (:func:`loader`), which inputs repeat an
earlier one (:func:`duplicates`), and whether the reports make a corpus page (:func:`corpus_worthy`)."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Sequence

from ..report import Report, ReportError, load_report

__all__ = ["loader", "duplicates", "corpus_worthy", "WHY"]

#: Why an input repeats an earlier one: (the terminal's words, the index's words).
WHY = {"bytes": ("the same content", "内容完全相同"), "report": ("the same region and year", "地区和年份相同")}


def loader() -> Callable[[Path], "Report | None"]:
    """``load(path)``: the report, loaded once per run; None for a file that does not load (it fails
    later, with its error, in its own run)."""
    loaded: dict[Path, Report | None] = {}

    def load(path: Path) -> "Report | None":
        if path not in loaded:
            try:
                loaded[path] = load_report(path)
            except ReportError:
                loaded[path] = None
        return loaded[path]
    return load


def duplicates(files: Sequence[Path], load: Callable[[Path], "Report | None"]) -> dict[Path, tuple[Path, str]]:
    """Inputs that repeat an earlier input — the same bytes, or a report of the same region and year
    saved under another name — each with (the earlier input, a :data:`WHY` key). A run builds the
    first and names the others; reports of unknown region or year are never taken for one another."""
    seen_bytes: dict[str, Path] = {}
    seen_report: dict[tuple[str, int], Path] = {}
    out: dict[Path, tuple[Path, str]] = {}
    for f in files:
        try:
            digest = hashlib.sha256(Path(f).read_bytes()).hexdigest()
        except OSError:
            continue  # it fails later, with its error, in its own run
        report = load(f)
        meta = report.meta if report is not None else None
        key = (meta.region, meta.year) if meta is not None and meta.region and meta.year else None
        if digest in seen_bytes:
            out[f] = (seen_bytes[digest], "bytes")
        elif key is not None and key in seen_report:
            out[f] = (seen_report[key], "report")
        else:
            seen_bytes[digest] = f
            if key is not None:
                seen_report[key] = f
    return out


def corpus_worthy(reports: Sequence) -> bool:
    """Whether notebook 06 has a story to tell: reports of two regions or more (the panel), or of two
    years or more of one region (the series)."""
    regions = {r.meta.region for r in reports if r.meta.region}
    years: dict[str, set] = {}
    for r in reports:
        if r.meta.region and r.meta.year:
            years.setdefault(r.meta.region, set()).add(r.meta.year)
    return len(regions) >= 2 or any(len(y) >= 2 for y in years.values())
